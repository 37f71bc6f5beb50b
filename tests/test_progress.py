"""The progress line: counts and rates on a terminal, nothing elsewhere, few redraws."""

from __future__ import annotations

import io
import itertools

import pytest

from site_builder.progress import REDRAW_SECONDS, progress


class Terminal(io.StringIO):
    """A stream that says it is a terminal and counts its writes."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


class Clock:
    """A clock that moves ``step`` seconds each time it is read (or when set)."""

    def __init__(self, step: float = 0.0) -> None:
        self.now = 100.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def lines(stream: io.StringIO) -> list[str]:
    """What a terminal would show: each "\\r" starts the line over."""
    return [line.split("\r")[-1].rstrip() for line in stream.getvalue().split("\n")]


def test_terminal_shows_counts_rate_and_closing_line() -> None:
    stream, clock = Terminal(), Clock()
    with progress("render", total=20_000, unit="pages", stream=stream, clock=clock) as bar:
        for _ in range(4):
            clock.now += 1.0
            bar.advance(3_000)
        clock.now += 2.0
    text = stream.getvalue()
    assert "\rrender  0/20,000 pages  0.0 s" in text
    assert "\rrender  12,000/20,000 pages  3,000/s  4.0 s" in text
    assert lines(stream) == ["render  12,000 pages in 6.0 s  2,000/s", ""]


def test_unknown_total_shows_count_and_rate() -> None:
    stream, clock = Terminal(), Clock()
    with progress("ingest", unit="dumps", stream=stream, clock=clock) as bar:
        clock.now += 2.0
        bar.advance(1_400)
    assert "\ringest  1,400 dumps  700/s  2.0 s" in stream.getvalue()


def test_not_a_terminal_writes_nothing() -> None:
    stream = io.StringIO()
    with progress("render", total=10, stream=stream, clock=Clock(1.0)) as bar:
        bar.advance(10)
    assert stream.getvalue() == ""


def test_enabled_overrides_the_terminal_check() -> None:
    quiet, forced = Terminal(), io.StringIO()
    with progress("a", stream=quiet, enabled=False) as bar:
        bar.advance()
    with progress("b", stream=forced, enabled=True, clock=Clock(1.0)) as bar:
        bar.advance()
    assert quiet.getvalue() == ""
    assert "b  1 items" in forced.getvalue()


def test_redraws_are_throttled() -> None:
    stream = Terminal()
    step = 0.001
    with progress("nlp", total=10_000, stream=stream, clock=Clock(step)) as bar:
        for _ in range(10_000):
            bar.advance()
    # 10,000 readings 1 ms apart span 10 s: about one redraw per REDRAW_SECONDS.
    expected = 10_000 * step / REDRAW_SECONDS
    assert expected - 3 <= stream.writes <= expected + 3
    assert lines(stream) == ["nlp  10,000 items in 10 s  1,000/s", ""]


def test_shorter_line_wipes_the_longer_one() -> None:
    stream = Terminal()
    with progress("x", stream=stream, clock=Clock(1.0)) as bar:
        bar.advance(1_000_000)
        bar.advance(1)
    draws = stream.getvalue().split("\r")[1:]
    assert all(len(b) >= len(a.rstrip("\n")) for a, b in itertools.pairwise(draws))


def test_closing_line_written_when_the_block_raises() -> None:
    stream = Terminal()
    with (
        pytest.raises(RuntimeError),
        progress("render", total=5, stream=stream, clock=Clock(1.0)) as bar,
    ):
        bar.advance(2)
        raise RuntimeError("boom")
    assert stream.getvalue().endswith("\n")
    assert lines(stream)[-2].startswith("render  2 items in ")
