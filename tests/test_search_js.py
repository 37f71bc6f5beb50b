"""The browser script's engine agrees with the Python one: run search.js under node.

Same parse of every parse case, and for every query of the query set (first and second
page, cold cache) the same results in the same order, the same totals and the same files.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict
from pathlib import Path
from typing import Any

from search_support import FIXTURES, ROOT, built_site, opencc, query_cases
from test_search_text import CASES, as_json

from site_builder.search.encode import inflate
from site_builder.search.page import PACKED_SCRIPT, packed_script
from site_builder.search.query import Filters
from site_builder.search.text import parse_query, stem

NODE = shutil.which("node") or "/usr/bin/node"
SCRIPT = ROOT / "templates" / "static" / "search.js"


def _filters_json(filters: Filters) -> dict[str, Any]:
    names = {"date_from": "from", "date_to": "to"}
    return {names.get(k, k): v for k, v in asdict(filters).items() if v is not None}


def _run_node(request: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [NODE, str(FIXTURES / "engine_driver.js")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


STEM_WORDS = [
    "ploughing",
    "licences",
    "programme",
    "litres",
    "analysed",
    "herdsmen",
    "leaves",
    "thieves",
    "eaves",
    "news",
    "friendly",
    "herrings",
    "economics",
    "buildings",
    "shipping",
    "routes",
    "revitalization",
    "revitalising",
    "prevention",
    "payment",
    "labour",
    "centre",
    "station",
    "nation",
    "falling",
    "dressed",
    "analysis",
    "speeds",
    "gps",
    "elderly",
    "wages",
    "photography",
    "tourism",
    "tourists",
    "irrigated",
    "caring",
    "privately",
    "hopping",
    "assembly",
    "speed",
]


def test_script_stems_like_python() -> None:
    out = _run_node(
        {
            "script": str(SCRIPT),
            "index": "",
            "syllables": [],
            "parse": [],
            "queries": [],
            "stems": STEM_WORDS,
        }
    )
    assert out["stems"] == [stem(w) for w in STEM_WORDS]


def test_script_parses_queries_like_python() -> None:
    queries = [str(case["q"]) for case in CASES["cases"]]
    out = _run_node(
        {
            "script": str(SCRIPT),
            "index": "",
            "syllables": CASES["syllables"],
            "parse": queries,
            "queries": [],
        }
    )
    syllables = frozenset(CASES["syllables"])
    expected = [[as_json(c) for c in parse_query(q, syllables)] for q in queries]
    assert out["parse"] == expected


def _agree(cases: list[tuple[str, Filters, bool]], script: Path = SCRIPT) -> None:
    """Node's run of search.js gives what the Python engine gives for each (query, filters,
    by date), first and second page, cold cache."""
    site = built_site()
    queries = []
    expected = []
    for q, filters, by_date in cases:
        for page in (0, 1):
            engine = site.engine()
            outcome = engine.search(q, filters, by_date, page)
            queries.append(
                {"q": q, "filters": _filters_json(filters), "byDate": by_date, "page": page}
            )
            expected.append(
                {
                    "keys": [r["k"] for r in outcome.records],
                    "total": outcome.total,
                    "exact": outcome.exact,
                    "expanded": outcome.expanded,
                    "closest": outcome.closest,
                    "fetched": sorted(engine.fetched),
                }
            )
    out = _run_node(
        {
            "script": str(script),
            "index": str(site.index),
            "syllables": [],
            "parse": [],
            "queries": queries,
        }
    )
    for query, want, got in zip(queries, expected, out["results"], strict=True):
        assert got == want, query


def test_script_finds_what_python_finds() -> None:
    _agree([(case.q, case.filters, case.by_date) for case in query_cases()])


def test_script_reads_traditional_and_english_queries_like_python() -> None:
    to_traditional = opencc("s2t")
    cases = [
        (str(to_traditional.convert(case.q)), case.filters, case.by_date)
        for case in query_cases()
        if case.q
    ]
    english = ["volunteer", "Party building", "herdsmen", "Lhasa city", "work", "service"]
    english += ["volunteer Lhasa yak", "silver Lhasa volunteer", "mediators"]
    english += ["partybuilding", "herders", "volunteerservice Lhasa", "ecological", "xianggelila"]
    english += ["volunteer rapeseed", "herdsmen yak", "la'sa volunteer yak", "la'sa rapeseed"]
    english += ["volunteer school", "work road", "herdsmen school", "volunteer lasa niu"]
    english += ["volunteer herdsmen lasa gou", "volunteer service yak", "Lhasa city school"]
    english += ["拉萨 rapeseed", "拉萨 volunteer rapeseed 200m", "拉萨 volunteer yak herdsmen"]
    english += ["拉萨 volunteer yak heating school"]
    dated = [("herdsmen yak", Filters(), True), ("volunteer rapeseed", Filters(), True)]
    _agree(cases + [(q, Filters(), False) for q in english] + dated)


def test_the_packed_script_the_search_page_runs_finds_the_same(tmp_path: Path) -> None:
    packed = inflate((built_site().index / PACKED_SCRIPT).read_bytes())
    assert packed == inflate(packed_script(SCRIPT.read_text(encoding="utf-8")))
    assert len(packed) < 0.85 * SCRIPT.stat().st_size  # comments and indentation gone
    unpacked = tmp_path / "search.js"
    unpacked.write_bytes(packed)
    _agree([(case.q, case.filters, case.by_date) for case in query_cases()], unpacked)
