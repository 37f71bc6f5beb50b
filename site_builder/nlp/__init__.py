"""Chinese text helpers shared by ingest, enrichment and search: words and pinyin."""

import sys

# jieba's ``_compat`` imports ``pkg_resources`` only to open jieba's own data files, and
# opens the same files directly when that import fails. Importing setuptools'
# ``pkg_resources`` scans every installed distribution: about a tenth of a second of CPU
# in every process, a tenth of a one-article edit build. It is hidden while jieba is
# first imported (every import of jieba in this package goes through here first).
if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba  # noqa: F401
    finally:
        del sys.modules["pkg_resources"]
