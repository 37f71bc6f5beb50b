"""The build's Jinja environment: view dicts read by key, strict about what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import UndefinedError

from site_builder.render.renderer import make_environment

TEMPLATES = Path(__file__).parent.parent / "templates"


def test_a_views_key_wins_and_anything_else_reads_as_jinja_reads_it() -> None:
    env = make_environment(TEMPLATES, "en", reload=False)
    page = env.from_string("{{ v.items }}|{{ v.href }}|{{ s.upper() }}|{{ v.keys()|list|length }}")
    # A key named like a dict method is the view's value, not the method.
    assert page.render(v={"items": "3 articles", "href": "a/"}, s="x") == "3 articles|a/|X|2"


def test_a_missing_key_is_still_an_error() -> None:
    env = make_environment(TEMPLATES, "zh")
    with pytest.raises(UndefinedError):
        env.from_string("{{ v.title }}").render(v={"href": "a/"})
