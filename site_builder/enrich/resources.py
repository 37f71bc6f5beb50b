"""Reading the reviewed data files shipped in ``site_builder/enrich/data/``."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """Non-empty lines of a data file, without ``#`` comment lines, stripped."""
    text = (files("site_builder.enrich") / "data" / name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def data_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file."""
    return [line.split("\t") for line in data_lines(name)]


def data_set(name: str) -> frozenset[str]:
    """The lines of a one-word-per-line data file as a set."""
    return frozenset(data_lines(name))
