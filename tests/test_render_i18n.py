"""Interface strings live in the catalogues, complete in both languages, not in templates."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from site_fixture import ROOT, TEMPLATES

from site_builder.render.i18n import catalogue_path, long_date, translations

KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "count": (1, 2)}


def used_messages() -> set[str]:
    found: set[str] = set()
    sources = [
        (TEMPLATES, [("**.html", "jinja2.ext:babel_extract")]),
        (ROOT / "site_builder" / "render", [("**.py", "python")]),
        (ROOT / "site_builder" / "search", [("**.py", "python")]),
    ]
    for folder, methods in sources:
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(folder),
            method_map=methods,
            keywords=KEYWORDS,
            options_map={"**.html": {"newstyle_gettext": "true"}},
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_message_in_use_is_translated(lang: str) -> None:
    with catalogue_path(lang).open("rb") as handle:
        catalogue = read_po(handle)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalogue
        if m.id and all(m.string) and not m.fuzzy
    }
    used = used_messages()
    assert len(used) > 80
    assert sorted(used - translated) == []


def test_catalogues_translate() -> None:
    zh = translations("zh")
    assert zh.gettext("Tags") == "标签"
    assert zh.ngettext("%(num)d article", "%(num)d articles", 3) % {"num": 3} == "3 篇文章"
    assert (
        translations("en").ngettext("%(num)d article", "%(num)d articles", 1) % {"num": 1}
        == "1 article"
    )
    assert long_date("2025-01-05", "zh") == "2025年1月5日"
    assert long_date("2025-01-05", "en") == "January 5, 2025"


JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
TAG = re.compile(r"<[^>]*>", re.S)
LITERAL_ATTR = re.compile(r'\b(?:title|placeholder|aria-label|alt)="[^"{]*[^\W\d_][^"]*"')


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_templates_hold_no_interface_text(template: Path) -> None:
    source = template.read_text(encoding="utf-8")
    assert LITERAL_ATTR.findall(JINJA.sub("", source)) == []
    text = TAG.sub(" ", JINJA.sub(" ", source))
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    assert "".join(letters) == ""
