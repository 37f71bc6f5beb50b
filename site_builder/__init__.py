"""site_builder: a static, bilingual archive of Chinese newspaper pages."""

__version__ = "0.1.0"
