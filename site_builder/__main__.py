"""``python -m site_builder``: same as the ``site-builder`` command."""

from site_builder.cli import entry

if __name__ == "__main__":
    entry()
