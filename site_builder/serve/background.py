"""The background pass: archive-wide work that an edit must not wait for.

Enrichment decides tags and places over the whole archive (IDF, places learned across
articles), and the search index ranks over the whole archive too, so after an edit both
run again in full: in a separate process, so that the preview keeps serving and keeps
rebuilding the pages of further edits meanwhile. A newer edit cancels a pass that is
still running and starts one for the newer content. When a pass finishes, the preview
applies its enrichment and moves its files in (``Preview.apply_background``): from then
on ``output/`` is exactly what ``site-builder build`` writes.

With a cache folder, the pass takes each article's analysis (jieba's tagged words, search
terms) from the build cache, so after an edit only the edited articles are analysed. The
pass opens the cache itself (SQLite lets the preview and the pass use it at once) and,
having no threads, may fork workers.

The pass is ``python -m site_builder.serve.background STAGE`` in a session of its own
(Ctrl-C in the terminal goes to the server, which stops the pass): it reads its job from
``STAGE/job.pickle``, writes the extra pages into ``STAGE/site/`` and its result to
``STAGE/result.pickle``. Nothing else is shared but the cache, which a killed pass leaves
as it was before its last transaction, so a pass can be killed at any moment.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_builder.build.engine import Engine, Options
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.errors import UserError
from site_builder.parallel import available_workers
from site_builder.render.output import SiteFolder
from site_builder.render.prepare import Enrichment
from site_builder.render.renderer import Renderer
from site_builder.serve.output import STAGE_PREFIX

STOP_SECONDS = 5.0
"""How long a cancelled pass may take to stop before it is killed."""
JOB, RESULT, SITE, LOG = "job.pickle", "result.pickle", "site", "errors.txt"


@dataclass(slots=True, frozen=True)
class BackgroundJob:
    """What one pass works from: a snapshot of the preview's inputs (picklable)."""

    generation: int
    """The preview's generation when the pass was asked for; a result of an older
    generation is thrown away."""
    articles: list[Article]
    enrichment: Enrichment | None
    """The enrichment to use, or None to enrich the articles again."""
    templates: Path
    extra_pages: tuple[Callable[[Renderer], None], ...]
    cache_dir: Path | None = None
    """The build cache's folder (None: no cache); never a ``Cache``, which holds a
    connection that belongs to the process that opened it."""


@dataclass(slots=True, frozen=True)
class BackgroundResult:
    generation: int
    enrichment: Enrichment | None
    """None when the pass failed."""
    site: Path
    """Folder holding what the extra pages wrote (search page and index)."""
    pages: tuple[str, ...] = ()
    """Site paths the extra pages added to the sitemap."""
    error: UserError | None = None
    """What stopped the pass (``UserError`` pickles: see ``errors``)."""

    @property
    def stage(self) -> Path:
        """The pass's staging folder, holding ``site``: the receiver deletes it."""
        return self.site.parent


def run_pass(job: BackgroundJob, site: Path) -> BackgroundResult:
    """The pass itself (in the child process): the build's phases, the extra pages only,
    enriching again unless the job brings an enrichment."""
    options = Options(extra_pages=job.extra_pages, workers=available_workers(), site_pages=False)
    try:
        with contextlib.ExitStack() as stack:
            cache = None
            if job.cache_dir is not None:
                cache = stack.enter_context(Cache(job.cache_dir))
            engine = Engine(job.templates, options, cache)
            analysis, _ = engine.analyse(job.articles)
            enrichment = job.enrichment or engine.enrich(job.articles, analysis)
            data = engine.site(job.articles, enrichment, analysis)
            written = engine.write(data, SiteFolder(site), {})
            if analysis is not None:
                analysis.forget_others()  # old versions of edited articles, as a build does
            return BackgroundResult(job.generation, enrichment, site, tuple(written.pages))
    except UserError as error:
        failure = error
    except Exception as exc:  # a bug must not pass for a hang: say so, as ingest does
        what = f"internal error in the background pass: {type(exc).__name__}: {exc}"
        failure = UserError(
            "site-builder", what, "This is a bug in site-builder: please report it."
        )
    return BackgroundResult(job.generation, None, site, error=failure)


class Background:
    """At most one pass at a time, each in a process of its own."""

    def __init__(self, output: Path) -> None:
        self._output = output.absolute()
        self._process: subprocess.Popen[bytes] | None = None
        self._job: BackgroundJob | None = None
        self._stage: Path | None = None

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self, job: BackgroundJob) -> None:
        """Start a pass for ``job``, cancelling one that is still running."""
        self.cancel()
        prefix = f".{self._output.name}{STAGE_PREFIX}"
        stage = Path(tempfile.mkdtemp(prefix=prefix, dir=self._output.parent))
        (stage / JOB).write_bytes(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))
        with (stage / LOG).open("wb") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__, str(stage)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        self._job, self._stage = job, stage

    def poll(self) -> BackgroundResult | None:
        """The finished pass's result, once; None while it runs or when none was started.

        The result's ``site`` folder (inside a staging folder) is the caller's to delete.
        """
        if self._process is None or self._job is None or self._stage is None:
            return None
        if self._process.poll() is None:
            return None
        stage, job = self._stage, self._job
        self._process = self._job = self._stage = None
        try:
            result = pickle.loads((stage / RESULT).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            said = (stage / LOG).read_text(encoding="utf-8", errors="replace").strip()
            last = said.splitlines()[-1] if said else "no message"
            what = f"the background pass stopped unexpectedly ({last})"
            failure = UserError("site-builder", what, "save a file again to retry")
            return BackgroundResult(job.generation, None, stage / SITE, error=failure)
        assert isinstance(result, BackgroundResult)
        return result

    def cancel(self) -> None:
        """Stop a running pass (with its workers) and delete its staging folder."""
        if self._process is not None:
            _signal_group(self._process, signal.SIGTERM)
            try:
                self._process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                _signal_group(self._process, signal.SIGKILL)
                self._process.wait()
        if self._stage is not None:
            shutil.rmtree(self._stage, ignore_errors=True)
        self._process = self._job = self._stage = None


def _signal_group(process: subprocess.Popen[bytes], number: signal.Signals) -> None:
    """Signal the pass and the workers it forked: its session is their process group.
    A worker whose pass was killed alone would wait for tasks forever."""
    with contextlib.suppress(ProcessLookupError):  # all of them have ended already
        os.killpg(process.pid, number)


def main(stage: Path) -> None:
    job = pickle.loads((stage / JOB).read_bytes())
    result = run_pass(job, stage / SITE)
    # Written whole, then renamed: a result file is complete or absent.
    (stage / f"{RESULT}.part").write_bytes(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
    (stage / f"{RESULT}.part").rename(stage / RESULT)


if __name__ == "__main__":
    # Through the module's own name, so that the result pickles as the server knows it
    # (classes of ``__main__`` would not load there).
    from site_builder.serve import background

    background.main(Path(sys.argv[1]))
