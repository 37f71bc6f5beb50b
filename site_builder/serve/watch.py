"""File events from ``seeds/``, ``content/`` and ``templates/``, as ``Changes`` by kind.

watchdog reports events as they happen (inotify on Linux: nothing is polled, so a large
archive costs nothing while idle). Events are gathered until the files have been quiet
for a moment, so that several saves in quick succession (save-all, a formatter, a git
checkout) make one rebuild.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from site_builder.serve.changes import STATIC, Changes, Project

QUIET_SECONDS = 0.05
"""A rebuild starts once no file has changed for this long."""
IGNORED_EVENTS = frozenset({"opened", "closed_no_write"})
_EDITOR_DROPPINGS = ("~", ".swp", ".swx", ".tmp", ".part")


def _temporary(name: str) -> bool:
    """Files editors write beside the real one (vim's ``4913`` test file among them)."""
    return name.startswith((".", "#")) or name.endswith(_EDITOR_DROPPINGS) or name == "4913"


def classify(changes: Changes, project: Project, path: Path, is_dir: bool) -> None:
    """Add one event's path to ``changes`` under its kind; other paths are ignored."""
    content = project.content.absolute()
    templates = project.templates.absolute()
    seeds = project.seeds.absolute()
    if _temporary(path.name):
        return
    if path.is_relative_to(content):
        if is_dir:
            changes.relist = True
        elif path.suffix == ".md":
            changes.content.add(path)
    elif path.is_relative_to(templates / STATIC):
        changes.static = True
    elif path.is_relative_to(templates):
        # Templates have an extension; sed and others write "sedAbC123" and rename it.
        if not is_dir and path.suffix:
            changes.templates.add(path.relative_to(templates).as_posix())
    elif path.is_relative_to(seeds):
        changes.seeds = True


class _Handler(FileSystemEventHandler):
    def __init__(self, watch: Watch) -> None:
        self._watch = watch

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in IGNORED_EVENTS:
            return
        # A folder's own "modified" event only says that a file in it changed.
        if event.is_directory and event.event_type == "modified":
            return
        paths = [event.src_path, getattr(event, "dest_path", "")]
        self._watch.add([Path(str(p)) for p in paths if p], event.is_directory)


class Watch:
    """Watches the project's input folders from a thread of its own."""

    def __init__(self, project: Project, quiet: float = QUIET_SECONDS) -> None:
        self.project = project
        self.quiet = quiet
        self._lock = threading.Lock()
        self._pending = Changes()
        self._last = 0.0
        self._observer: BaseObserver | None = None
        folders = (project.seeds, project.content, project.templates)
        self.folders = [f.absolute() for f in folders if f.is_dir()]
        self.missing = [f for f in folders if not f.is_dir()]
        """Input folders that do not exist (they are not watched)."""
        self.polling = False
        """True when the system refused file events and folders are scanned instead."""

    def start(self) -> None:
        try:
            self._observer = self._observe(Observer())
        except OSError:  # e.g. the inotify watch limit: scan every second instead
            self._observer = self._observe(PollingObserver(timeout=1.0))
            self.polling = True

    def _observe(self, observer: BaseObserver) -> BaseObserver:
        handler = _Handler(self)
        for folder in self.folders:
            observer.schedule(handler, str(folder), recursive=True)
        observer.start()
        return observer

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
            self._observer = None

    def add(self, paths: list[Path], is_dir: bool) -> None:
        with self._lock:
            for path in paths:
                classify(self._pending, self.project, path, is_dir)
            self._last = time.monotonic()

    def quiet_for(self) -> float:
        """Seconds since the last file event."""
        with self._lock:
            return time.monotonic() - self._last

    def take(self) -> Changes | None:
        """The changes gathered so far, once the files have been quiet long enough."""
        with self._lock:
            if not self._pending or time.monotonic() - self._last < self.quiet:
                return None
            changes, self._pending = self._pending, Changes()
            return changes
