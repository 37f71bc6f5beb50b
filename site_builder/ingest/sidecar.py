"""Optional page metadata beside a page dump: ``seeds/NAME.toml``.

An archivist knows things the dump may not say, or says wrongly (OCR'd dates, missing page
names). The sidecar wins over what the segmenter read from the page furniture; a value
that neither gives stays ``None`` — a date is never guessed.

    paper = "某某日报"
    date = 2025-01-15          # a TOML date, or the string "2025-01-15"
    page_number = 3
    page_name = "综合新闻"
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import UserError
from site_builder.models import PageFurniture

_KEYS = ("paper", "date", "page_number", "page_name")
_HINT = (
    'Allowed keys: paper = "…", date = YYYY-MM-DD, page_number = 3, page_name = "…". '
    "Leave a key out when it is unknown."
)


@dataclass(slots=True)
class Sidecar:
    """Page metadata given by a person; ``None`` where the sidecar is silent."""

    paper: str | None = None
    date: str | None = None
    """ISO ``YYYY-MM-DD``."""
    page_number: int | None = None
    page_name: str | None = None


def sidecar_path(page: Path) -> Path:
    """Where the sidecar of a page dump lives: same folder, same stem, ``.toml``."""
    return page.with_suffix(".toml")


def load_sidecar(path: Path, shown: str | None = None) -> Sidecar | None:
    """Read and validate a sidecar; ``None`` when the file does not exist."""
    name = shown if shown is not None else str(path)
    if not path.exists():
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(name, "sidecar is not UTF-8 text", "Save it as UTF-8.") from exc
    except OSError as exc:
        raise UserError(name, f"cannot read the sidecar: {exc.strerror}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"at line (\d+)", str(exc))
        raise UserError(
            name,
            f"TOML syntax error: {exc}",
            'Check quotes and the "key = value" form on that line.',
            int(where.group(1)) if where else None,
        ) from exc
    return _validate(data, text, name)


def _validate(data: dict[str, object], text: str, name: str) -> Sidecar:
    result = Sidecar()
    for key, value in data.items():
        line = _key_line(text, key)
        if key not in _KEYS:
            raise UserError(name, f"unknown key {key!r}", _HINT, line)
        if key == "date":
            result.date = _date(value, name, line)
        elif key == "page_number":
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise UserError(
                    name, f"page_number must be a whole number from 1, not {value!r}", _HINT, line
                )
            result.page_number = value
        elif isinstance(value, str) and value.strip():
            setattr(result, key, value.strip())
        else:
            raise UserError(
                name, f"{key} must be non-empty text in quotes, not {value!r}", _HINT, line
            )
    return result


def _date(value: object, name: str, line: int | None) -> str:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise UserError(name, f"date must be a calendar date YYYY-MM-DD, not {value!r}", _HINT, line)


def _key_line(text: str, key: str) -> int | None:
    """1-based line of a top-level ``key = …`` (tomllib does not report positions)."""
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def apply_sidecar(furniture: PageFurniture, sidecar: Sidecar | None) -> PageFurniture:
    """Page metadata for articles: sidecar values win, the page furniture fills the rest."""
    if sidecar is None:
        return dataclasses.replace(furniture, editors=list(furniture.editors))
    return PageFurniture(
        paper=sidecar.paper if sidecar.paper is not None else furniture.paper,
        date=sidecar.date if sidecar.date is not None else furniture.date,
        page_number=sidecar.page_number
        if sidecar.page_number is not None
        else furniture.page_number,
        page_name=sidecar.page_name if sidecar.page_name is not None else furniture.page_name,
        editors=list(furniture.editors),
    )
