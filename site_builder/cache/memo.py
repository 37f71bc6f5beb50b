"""``Memo``: state a build step keeps in the cache for the next build's step.

A step (the search index) may keep what lets the next build do only the work an edit
needs. That state describes the output the step made, so it is trusted only when that
output was committed and is still what ``output/`` holds: the build names the state in
its dependency record, saved after the commit, and hands it back (``trusted``) only when
the record vouches for ``output/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.cache.store import Cache


@dataclass(slots=True)
class Memo:
    cache: Cache
    trusted: dict[str, str]
    """Step -> cache key of its state as the last committed build left it."""
    kept: dict[str, str] = field(default_factory=dict)
    """Step -> cache key of the state this build leaves, filled by the steps."""
