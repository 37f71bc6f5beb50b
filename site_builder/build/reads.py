"""``Reads``: what each render job that ran read, kept compact until the record is saved.

A job reads tens of facts (``tracking``), and the render workers send each chunk's reads
back as sets of tuples: unpickled in the build process, every chunk's facts are new
tuples and strings. They are held from the render to the dependency record, which is
saved after the commit (the search index is built in between): at about 146 bytes a
read that was 24 MiB at 1,000 articles (176,000 reads of 29,000 facts) and grew with the
archive, some 300 MiB at 10,000 (2.1 million reads). Here each distinct fact is kept
once and a job's reads are an array of fact numbers, 4 bytes a read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping

from site_builder.build.tracking import Fact


class Reads(Mapping[str, list[Fact]]):
    """Job key -> the facts it read (in the order first added; each once)."""

    __slots__ = ("_facts", "_jobs", "_numbers")

    def __init__(self) -> None:
        self._facts: list[Fact] = []
        self._numbers: dict[Fact, int] = {}
        self._jobs: dict[str, array[int]] = {}

    def add(self, job: str, facts: Iterable[Fact]) -> None:
        """Record what ``job`` read (replacing what it was recorded to have read)."""
        numbers, known = self._numbers, self._facts
        mine: array[int] = array("I")
        seen: set[int] = set()
        for fact in facts:
            number = numbers.get(fact)
            if number is None:
                number = numbers[fact] = len(known)
                known.append(fact)
            if number not in seen:
                seen.add(number)
                mine.append(number)
        self._jobs[job] = mine

    def __getitem__(self, job: str) -> list[Fact]:
        known = self._facts
        return [known[number] for number in self._jobs[job]]

    def __contains__(self, job: object) -> bool:
        return job in self._jobs

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs)

    def __len__(self) -> int:
        return len(self._jobs)

    @property
    def facts(self) -> int:
        """Distinct facts read by all the jobs."""
        return len(self._facts)
