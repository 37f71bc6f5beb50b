"""Errors meant for people: which file, which line, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class UserError(Exception):
    """A problem with the user's input, reported without a traceback."""

    file: str
    """Path of the offending file, as the user would type it."""
    message: str
    """What is wrong."""
    hint: str = ""
    """What to do about it."""
    line: int | None = None
    """1-based line number, when one can be named."""

    def __reduce__(self) -> tuple[type[UserError], tuple[str, str, str, int | None]]:
        # Sent back from worker processes: rebuilt from the fields (the default pickling
        # of an exception passes ``args``, which a dataclass exception leaves empty).
        return (UserError, (self.file, self.message, self.hint, self.line))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text
