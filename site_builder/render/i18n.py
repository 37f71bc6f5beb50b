"""Interface languages: Babel catalogues, locale-aware dates, ``lang`` attribute values.

The ``.po`` files under ``locale/`` are the only source of interface strings; they are
compiled in memory when a build starts, so there is no ``.mo`` file to fall out of date.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date, format_skeleton, get_day_names, get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
BABEL_LOCALE = {"zh": "zh_Hans_CN", "en": "en"}
"""Babel locale used for each interface language (dates, month and weekday names)."""
CATALOGUE = {"zh": "zh_Hans", "en": "en"}
"""Folder under ``locale/`` holding each language's ``LC_MESSAGES/messages.po``."""
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
"""Value of ``lang`` and ``hreflang`` attributes for each interface language."""


def N_(message: str) -> str:
    """Mark a string for the catalogue without translating it yet."""
    return message


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / CATALOGUE[lang] / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=len(CATALOGUE))
def translations(lang: str) -> Translations:
    """The compiled catalogue of one interface language (read once per process)."""
    with catalogue_path(lang).open("rb") as handle:
        catalogue = read_po(handle, locale=CATALOGUE[lang])
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


@lru_cache(maxsize=1 << 16)
def long_date(iso: str, lang: str) -> str:
    """``2025年1月5日`` / ``January 5, 2025``. Cached: every list item shows its date, a
    few hundred distinct ones each formatted by Babel thousands of times."""
    return format_date(_date(iso), "long", locale=BABEL_LOCALE[lang])


def month_label(year: int, month: int, lang: str) -> str:
    """``2025年1月`` / ``January 2025``."""
    return format_skeleton("yMMMM", dt.date(year, month, 1), locale=BABEL_LOCALE[lang])


def month_name(month: int, lang: str) -> str:
    """``1月`` / ``January``."""
    return str(get_month_names("wide", "stand-alone", locale=BABEL_LOCALE[lang])[month])


def year_label(year: int, lang: str) -> str:
    """``2025年`` / ``2025``."""
    return format_skeleton("y", dt.date(year, 1, 1), locale=BABEL_LOCALE[lang])


def weekday_names(lang: str) -> list[str]:
    """Short weekday names, Monday first (the week starts on Monday in China)."""
    names = get_day_names("abbreviated", locale=BABEL_LOCALE[lang])
    return [str(names[i]) for i in range(7)]
