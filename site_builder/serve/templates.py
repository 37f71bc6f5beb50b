"""Which templates each template uses, so that a template edit re-renders only its pages.

``article.html`` extends ``base.html`` and imports ``macros.html``: an edit to any of the
three re-renders the article pages, an edit to ``tag.html`` only the tag pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment, TemplateError, meta


def _references(env: Environment, name: str) -> set[str] | None:
    """Templates ``name`` names directly; None when that cannot be told (a name computed
    at render time, or a template that does not parse: its own error will show)."""
    try:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        found = set(meta.find_referenced_templates(env.parse(source)))
    except TemplateError:
        return None
    if None in found:
        return None
    return {str(n) for n in found}


def users(env: Environment, changed: Iterable[str]) -> set[str]:
    """Every template that is, extends, includes or imports a changed one (transitively)."""
    names = env.list_templates()
    refs = {name: _references(env, name) for name in names}
    affected = set(changed)
    grown = True
    while grown:
        grown = False
        for name in names:
            uses = refs[name]
            if name not in affected and (uses is None or uses & affected):
                affected.add(name)
                grown = True
    return affected
