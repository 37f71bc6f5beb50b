"""Errors meant for people: which file, which line, what is wrong, what to do."""

from __future__ import annotations

import errno
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


WRITE_ERRNOS = {
    errno.ENOSPC: ("the disk is full", "Free some space on that disk, then run again."),
    errno.EDQUOT: (
        "your disk quota is used up",
        "Free some space within your quota (or ask for a larger one), then run again.",
    ),
    errno.EROFS: (
        "the file system is read-only",
        "Point the command at a writable folder, or remount the disk read-write.",
    ),
    errno.EACCES: (
        "permission denied",
        "Check the owner and permissions of the folder (ls -ld), then run again.",
    ),
    errno.EPERM: (
        "the operation is not permitted",
        "Check the owner and permissions of the folder (ls -ld), then run again.",
    ),
    errno.EIO: (
        "the disk reported an input/output error",
        "The disk may be failing: check it (dmesg, fsck) before running again.",
    ),
}
"""OS errors that mean "this could not be written" and the advice for each; a build, an
ingest or the preview turns them into one message instead of a traceback."""


def is_write_failure(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in WRITE_ERRNOS


def write_failure(
    error: OSError, what: str, kept: str, needed: str = "", where: str | None = None
) -> UserError:
    """The message for ``error`` (one of ``WRITE_ERRNOS``) while writing ``what``: where it
    happened (``where``, default the error's file), the advice, what is still intact
    (``kept``) and, when known, how much room was needed (``needed``)."""
    reason, advice = WRITE_ERRNOS.get(error.errno or 0, (error.strerror or str(error), ""))
    if where is None:
        where = str(error.filename) if error.filename is not None else what
    hint = " ".join(part for part in (advice, needed, kept) if part)
    return UserError(where, f"could not write {what}: {reason}", hint)
