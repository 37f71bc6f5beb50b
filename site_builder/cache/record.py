"""The record of the last successful build, which lets an unchanged project skip the next.

A build may be skipped only when its inputs (content, templates, code, options) are those
of the last successful build *and* ``output/`` is still what that build left (same
files in the same folders, see ``cache.manifest``): a person or a sync tool adding,
deleting or replacing a file in ``output/`` makes the next build a real one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from site_builder.cache.fingerprint import code_fingerprint, digest_of, tree_state
from site_builder.cache.store import Cache

META_NAME = "last_build"


def inputs_digest(content: Path, templates: Path, options: tuple[object, ...]) -> str:
    """What a build depends on: the code, every content and template file, the options."""
    return digest_of((code_fingerprint(), tree_state(content), tree_state(templates), options))


def output_digest(output: Path) -> str:
    return digest_of(tree_state(output))


@dataclass(slots=True)
class BuildRecord:
    inputs: str
    output: str
    articles: int
    html_pages: int
    files: int
    warnings: list[str] = field(default_factory=list)

    def save(self, cache: Cache) -> None:
        cache.set_meta(META_NAME, json.dumps(asdict(self), ensure_ascii=False))

    @staticmethod
    def load(cache: Cache) -> BuildRecord | None:
        stored = cache.meta(META_NAME)
        if stored is None:
            return None
        try:
            return BuildRecord(**json.loads(stored))
        except (TypeError, ValueError):  # written by another version: not trusted
            return None
