"""Write one page's articles to ``content/<page-id>/`` without clobbering people's edits.

Edit protection: ``_ingest.json`` (the manifest) records the sha256 of exactly what ingest
wrote to each file. On the next run a file whose bytes still hash to that value is ingest's
own and may be regenerated; any other content was put there by a person and is kept.

==========  ==========================================================================
status      meaning
==========  ==========================================================================
new         file did not exist; written
updated     ingest's own unedited file, regenerated with new content
unchanged   file already holds exactly what ingest would write
kept        edited (or deleted, or created) by a person; left untouched
overwritten ``--force``: a person's edit replaced, the old bytes saved in ``.backup/``
removed     ingest's own unedited file for an article the page no longer yields
==========  ==========================================================================

Every write goes to a temporary file first and is moved into place with ``os.replace``,
so an interrupted run never leaves half a file. ``_report.json`` is ingest's output, not a
person's, and is rewritten on every run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from site_builder.content.article import Article
from site_builder.content.frontmatter import dump
from site_builder.errors import UserError, is_write_failure, write_failure

Status = Literal["new", "updated", "unchanged", "kept", "overwritten", "removed"]
STATUSES: tuple[Status, ...] = ("new", "updated", "unchanged", "kept", "overwritten", "removed")

MANIFEST = "_ingest.json"
REPORT = "_report.json"
BACKUP_DIR = ".backup"

T = TypeVar("T")


@dataclass(slots=True)
class FileResult:
    """What happened to one content file."""

    name: str
    """File name inside the page folder, e.g. ``xizang-xinwen.md``."""
    status: Status
    note: str = ""
    """Why, for ``kept`` and ``overwritten`` (e.g. where the backup went)."""


@dataclass(slots=True)
class WriteSummary:
    """Outcome of writing one page folder."""

    folder: Path
    files: list[FileResult] = field(default_factory=list)
    made: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """Per file reported: the hash of what ingest made of the page for it (None: the page
    no longer yields it) and the hash the manifest holds for it afterwards (None: none).
    With the hash of the file now, these decide its status again (``_decide``) without
    segmenting the page, as long as the page's dump, sidecar and code are the same."""

    def counts(self) -> dict[Status, int]:
        """Number of files per status, every status present (zero when none)."""
        found = Counter(f.status for f in self.files)
        return {status: found[status] for status in STATUSES}


def write_page(
    content_dir: Path,
    page_id: str,
    articles: list[Article],
    report: dict[str, Any],
    *,
    force: bool = False,
) -> WriteSummary:
    """Write ``articles`` as ``<slug>.md`` plus ``_report.json`` into ``content_dir/page_id``."""
    folder = content_dir / page_id
    _guard(folder, lambda: folder.mkdir(parents=True, exist_ok=True), writing=True)
    recorded = _read_manifest(folder / MANIFEST)
    manifest: dict[str, str] = {}
    summary = WriteSummary(folder)
    wanted = {f"{a.slug}.md": dump(a).encode() for a in articles}
    for name in sorted(wanted):
        result, digest = _write_one(folder, name, wanted[name], recorded.get(name), force)
        summary.files.append(result)
        summary.made[name] = (_sha256(wanted[name]), digest)
        if digest is not None:
            manifest[name] = digest
    for name in sorted(set(recorded) - set(wanted)):
        retired, kept_hash = _retire(folder, name, recorded[name])
        if retired is not None:
            summary.files.append(retired)
            summary.made[name] = (None, kept_hash)
        if kept_hash is not None:
            manifest[name] = kept_hash
    _write_if_changed(folder / MANIFEST, _json({"files": manifest}))
    _write_if_changed(folder / REPORT, _json(report))
    return summary


def _write_one(
    folder: Path, name: str, data: bytes, recorded: str | None, force: bool
) -> tuple[FileResult, str | None]:
    """Decide and do; returns the result and the hash to record in the manifest."""
    target = folder / name
    current = _sha256(_guard(target, target.read_bytes)) if target.exists() else None
    result, digest = _decide(name, _sha256(data), recorded, current, force)
    if result.status == "overwritten":
        backup = _backup(folder, name)
        result.note = f"backup in {backup.relative_to(folder)}"
    if result.status in ("new", "updated", "overwritten"):
        write_atomic(target, data)
    return result, digest


def _decide(
    name: str, made: str, recorded: str | None, current: str | None, force: bool
) -> tuple[FileResult, str | None]:
    """What becomes of a file ingest makes with hash ``made``, the manifest holding
    ``recorded`` for it and the file now hashing to ``current`` (None: no file): its
    result (``new``, ``updated`` and ``overwritten`` are still to be written) and the
    hash to record in the manifest."""
    if current is None:
        if recorded is not None and not force:
            return FileResult(name, "kept", "deleted by a person; --force recreates it"), recorded
        return FileResult(name, "new"), made
    if current == made:
        return FileResult(name, "unchanged"), made
    if current == recorded:
        return FileResult(name, "updated"), made
    if force:
        return FileResult(name, "overwritten"), made
    why = "edited by a person" if recorded is not None else "not written by ingest"
    return FileResult(name, "kept", f"{why}; --force replaces it (with a backup)"), recorded


def _retire(folder: Path, name: str, recorded: str) -> tuple[FileResult | None, str | None]:
    """A file ingest wrote before for an article the page no longer yields."""
    target = folder / name
    current = _sha256(_guard(target, target.read_bytes)) if target.exists() else None
    result, kept_hash = _decide_retired(name, recorded, current)
    if result is not None and result.status == "removed":
        _guard(target, target.unlink, writing=True)
    return result, kept_hash


def _decide_retired(
    name: str, recorded: str, current: str | None
) -> tuple[FileResult | None, str | None]:
    """``_decide`` for a file the page no longer yields: nothing when it is gone,
    ``removed`` (still to be deleted) when it is ingest's own, kept when a person's."""
    if current is None:
        return None, None
    if current == recorded:
        return FileResult(name, "removed"), None
    return FileResult(
        name, "kept", "no longer produced by ingest, but edited by a person"
    ), recorded


def last_run(seed: str, summary: WriteSummary) -> dict[str, Any]:
    """What ``unchanged_page`` checks next time: ``seed`` (a digest of the page dump, its
    sidecar and the code that read them) and, per file this run reported, its bytes' hash
    now (None: absent), why it was kept ("" when the file is ingest's own), and the hashes
    of ``WriteSummary.made``. Kept in the build cache, not in ``content/``: it changes
    with the code, the archive should not."""
    folder = summary.folder
    files: dict[str, list[str | None]] = {}
    for result in summary.files:
        if result.status == "removed":
            continue
        made, recorded = summary.made.get(result.name, (None, None))
        files[result.name] = [
            _hash_now(folder / result.name),
            result.note if result.status == "kept" else "",
            made,
            recorded,
        ]
    return {"digest": seed, "files": files}


def _hash_now(path: Path) -> str | None:
    """sha256 of the file's bytes, None when there is no file."""
    return _sha256(path.read_bytes()) if path.exists() else None


def unchanged_page(
    folder: Path, last: dict[str, Any], seed: str, force: bool = False, same_files: bool = False
) -> WriteSummary | None:
    """The summary a run would give for a page whose dump, sidecar and code (``seed``)
    are as ``last`` (``last_run`` of the previous run) recorded: the page would be
    segmented into the same files, so each file's status follows from its hash now and
    the recorded hashes (``_decide``). Files as recorded keep their status (their own
    ``unchanged``, a person's ``kept``); a file a person edited, deleted or restored since
    is decided again: ``kept``, or ``unchanged`` for ingest's own bytes. Nothing to
    segment or write. None when the page must be ingested (the seed differs, a file would
    be written, deleted or recorded otherwise in the manifest, or ``force`` would replace
    a kept file). ``same_files``: the page's files are, by their sizes and times, those
    the record was made from: each has its recorded hash, none is read."""
    try:
        if last["digest"] != seed or not (folder / REPORT).is_file():
            return None
        summary = WriteSummary(folder)
        for name, (digest, note, made, recorded) in sorted(last["files"].items()):
            current = digest if same_files else _hash_now(folder / name)
            result: FileResult | None
            if current == digest:
                if note and force:
                    return None  # a kept file ``force`` replaces
                result = FileResult(name, "kept", note) if note else FileResult(name, "unchanged")
                kept_hash = recorded
            elif made is None:
                result, kept_hash = _decide_retired(name, recorded, current)
            else:
                result, kept_hash = _decide(name, made, recorded, current, force)
            if result is None or result.status not in ("unchanged", "kept"):
                return None
            if kept_hash != recorded:
                return None  # the manifest would change: ingest writes it
            summary.files.append(result)
            summary.made[name] = (made, recorded)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # no record of the last run (or a damaged one): ingest it in full
    return summary


def _backup(folder: Path, name: str) -> Path:
    """Copy ``name`` to ``.backup/<name>.<n>`` with the next free ``n``."""
    backups = folder / BACKUP_DIR
    _guard(backups, lambda: backups.mkdir(exist_ok=True), writing=True)
    taken = [
        int(p.name.rsplit(".", 1)[1])
        for p in backups.glob(f"{name}.*")
        if p.name.rsplit(".", 1)[1].isdigit()
    ]
    path = backups / f"{name}.{max(taken, default=0) + 1}"
    write_atomic(path, _guard(folder / name, (folder / name).read_bytes))
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""

    def write() -> None:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; content files are ordinary files
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    _guard(path, write, writing=True)


def keep_record(path: Path, data: bytes) -> None:
    """Write the record of a page's run into the build cache. A cache that cannot be
    written (full, read-only) costs only a segmentation next time: the page's own files
    are written, so this is not the page's failure, and the old record stays whole."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as error:
        if not is_write_failure(error):
            raise
    except UserError as error:
        if not is_write_failure(error.__cause__ or error):
            raise


def _write_if_changed(path: Path, data: bytes) -> None:
    if not (path.exists() and _guard(path, path.read_bytes) == data):
        write_atomic(path, data)


def _read_manifest(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        data = json.loads(_guard(path, path.read_bytes))
        files = data["files"]
        if isinstance(files, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in files.items()
        ):
            return files
    except (ValueError, KeyError, TypeError):
        pass
    raise UserError(
        str(path),
        "is not a valid ingest manifest",
        "Restore it from version control. Deleting it makes ingest keep every existing "
        "file of this page as if a person had edited it.",
    )


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _guard(path: Path, action: Callable[[], T], writing: bool = False) -> T:
    """Run a file operation, turning an ``OSError`` into a ``UserError`` naming ``path``;
    a write that fails (disk full, read-only, permissions, I/O) says that the file is as
    it was: ``write_atomic`` has removed its temporary file."""
    try:
        return action()
    except OSError as exc:
        if writing and is_write_failure(exc):
            raise write_failure(
                exc,
                "this file",
                f"{path.name} is as it was (nothing half-written); the page's files "
                "written before it are complete.",
                where=str(path),
            ) from exc
        raise UserError(
            str(path),
            f"cannot access the file: {exc.strerror}",
            "Check that the content folder exists and is writable.",
        ) from exc
