"""A progress line for long runs (ingest, NLP, rendering, the search index) on stderr.

``with progress("render", total=len(pages), unit="pages") as bar: ... bar.advance()``
shows ``render  12,345/20,000 pages  1,850/s  7 s``, rewritten in place with ``\\r`` at
most eight times a second, then a closing line with the total time. Only on a terminal:
a log file or a pipe gets nothing, so scripted runs and tests stay quiet. ``advance``
costs one clock reading between redraws, so it may be called once per item.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

T = TypeVar("T")

REDRAW_SECONDS = 0.125
"""Least time between two redraws of the line."""


class Progress:
    """Counts work done and redraws the line when enough time has passed."""

    def __init__(
        self,
        label: str,
        total: int | None,
        unit: str,
        stream: TextIO,
        clock: Callable[[], float],
        shown: bool,
    ) -> None:
        self.label = label
        self.total = total
        """Items expected, or None when not known (then count and rate only)."""
        self.unit = unit
        self.done = 0
        """Items finished so far."""
        self._stream = stream
        self._clock = clock
        self._shown = shown
        self._started = clock()
        self._next = self._started
        self._width = 0

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more items done; redraws at most every ``REDRAW_SECONDS``."""
        self.done += count
        if self._shown:
            now = self._clock()
            if now >= self._next:
                self._next = now + REDRAW_SECONDS
                self._draw(self._line(now - self._started))

    def start(self) -> None:
        """Show the line before the first item finishes (it may take a while)."""
        if self._shown:
            self._next = self._clock() + REDRAW_SECONDS
            self._draw(self._line(0.0))

    def finish(self) -> None:
        """Replace the line with the count and the total time, ending it."""
        if self._shown:
            elapsed = self._clock() - self._started
            rate = f"  {_rate(self.done, elapsed)}" if elapsed > 0 else ""
            self._draw(f"{self.label}  {self.done:,} {self.unit} in {_duration(elapsed)}{rate}")
            self._stream.write("\n")
            self._stream.flush()

    def _line(self, elapsed: float) -> str:
        count = f"{self.done:,}" if self.total is None else f"{self.done:,}/{self.total:,}"
        rate = f"  {_rate(self.done, elapsed)}" if elapsed > 0 else ""
        return f"{self.label}  {count} {self.unit}{rate}  {_duration(elapsed)}"

    def _draw(self, line: str) -> None:
        # Spaces wipe what a longer previous line left behind.
        self._stream.write("\r" + line.ljust(self._width))
        self._stream.flush()
        self._width = len(line)


@contextmanager
def progress(
    label: str,
    total: int | None = None,
    unit: str = "items",
    *,
    stream: TextIO | None = None,
    enabled: bool | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[Progress]:
    """A ``Progress`` shown on ``stream`` (stderr) while the block runs.

    ``enabled`` None shows it only when the stream is a terminal. The closing line is
    written even when the block raises, so an error message starts on a line of its own.
    """
    out = sys.stderr if stream is None else stream
    shown = out.isatty() if enabled is None else enabled
    bar = Progress(label, total, unit, out, clock, shown)
    bar.start()
    try:
        yield bar
    finally:
        bar.finish()


def _rate(done: int, elapsed: float) -> str:
    return f"{done / elapsed:,.0f}/s"


def _duration(seconds: float) -> str:
    if seconds < 10:
        return f"{seconds:.1f} s"
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


def counted(items: Iterable[T], bar: Progress) -> Iterator[T]:
    """``items``, advancing ``bar`` by one as each is taken: for a step that consumes an
    iterator inside code that knows nothing of progress (the search index)."""
    for item in items:
        yield item
        bar.advance()
