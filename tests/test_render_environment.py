"""The build's Jinja environment: view dicts read by key, strict about what is missing."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import CodeType

import pytest
from jinja2 import UndefinedError

from site_builder.build import templates as build_templates
from site_builder.build.templates import digests
from site_builder.cache.store import Cache
from site_builder.render.compiled import KIND, CompiledTemplates
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


def _templates_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES, copy)
    return copy


def test_compiled_templates_come_from_the_cache_until_their_source_changes(
    tmp_path: Path,
) -> None:
    templates = _templates_copy(tmp_path)
    source = "{% set x = 1 %}{{ _('Tags') }} {{ x }}"
    (templates / "probe.html").write_text(source, encoding="utf-8")
    with Cache(tmp_path / "cache") as cache:
        first = make_environment(templates, "zh", False, CompiledTemplates(cache))
        made = first.get_template("probe.html").render()
        assert cache.keys(KIND)  # the compiled code was kept
        again = make_environment(templates, "zh", False, CompiledTemplates(cache))
        compiled: list[str] = []
        original = again._compile

        def counted(src: str, filename: str) -> CodeType:
            compiled.append(filename)
            return original(src, filename)

        again._compile = counted  # type: ignore[method-assign, assignment]
        assert again.get_template("probe.html").render() == made
        assert not compiled  # read from the cache, not compiled
        (templates / "probe.html").write_text(source + "!", encoding="utf-8")
        third = make_environment(templates, "zh", False, CompiledTemplates(cache))
        assert third.get_template("probe.html").render() == made + "!"


def test_template_digests_kept_in_the_cache_are_those_parsed_until_a_template_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = _templates_copy(tmp_path)
    env = make_environment(templates, "en", False)
    with Cache(tmp_path / "cache") as cache:
        parsed = digests(env)
        assert digests(env, cache) == parsed
        monkeypatch.setattr(build_templates, "_references", _no_parsing)
        assert digests(env, cache) == parsed  # from the cache: nothing parsed
        (templates / "tag.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
        with pytest.raises(AssertionError, match="parsed"):
            digests(env, cache)
        monkeypatch.undo()
        changed = digests(env, cache)
        assert changed["tag.html"] != parsed["tag.html"]
        assert changed["article.html"] == parsed["article.html"]


def _no_parsing(env: object, name: str) -> set[str] | None:
    raise AssertionError(f"{name} parsed")
