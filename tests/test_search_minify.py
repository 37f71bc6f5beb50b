"""The search script's minifier: smaller, and the same program.

The whole script is checked by ``test_search_js.py`` (the packed script under node finds
what Python finds) and ``test_search_browser.py`` (in Chromium); here, the constructs it
must read right, each run under node before and after.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from search_support import ROOT

from site_builder.search.encode import deflate
from site_builder.search.minify import minify, tokens

NODE = shutil.which("node") or "/usr/bin/node"
SCRIPT = ROOT / "templates" / "static" / "search.js"

PROGRAMS = {
    "shorthand properties keep their keys": """
        const text = "a", terms = [1, 2];
        const made = { text, terms, han: true };
        const { text: other, terms: list } = made;
        console.log(JSON.stringify([made, other, list]));
    """,
    "a class keeps its methods' names": """
        class Engine {
          constructor(load) { this.load = load; }
          async start() { return this.load + 1; }
          search(query) { return query + this.load; }
        }
        const start = 5, search = "s";
        new Engine(start).start().then((v) => console.log(v, new Engine(2).search(search)));
    """,
    "regular expressions and division": """
        const ratio = 10 / 2 / 5;
        const word = "caring".replace(/ing$/, "e");
        const test = /^[a-z]+$/.test(word) && /[/]/.test("a/b");
        console.log(ratio, word, test);
    """,
    "a line break still ends a statement": """
        let a = 1
        let b = a
        ++b
        const f = (x) => {
          return x
        }
        console.log(a, b, f(3))
    """,
    "patterns, defaults and catch": """
        const pairs = [[1, 2], [3, 4]];
        const sum = ({ left, right = 10 }, [first, second] = [0, 0]) =>
          left + right + first + second;
        let out = 0;
        for (const [x, y] of pairs) out += sum({ left: x }, [y, 1]);
        try { throw new Error("e" + out); } catch (error) { console.log(error.message); }
    """,
    "words that must stay apart": """
        const value = typeof undefined, n = 3;
        let i = n - -1, j = n + +1;
        console.log(value, i, j, "a b  c");
    """,
}


def _run(source: str) -> str:
    done = subprocess.run(
        [NODE, "-e", source], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_a_minified_program_does_what_it_did(name: str) -> None:
    source = PROGRAMS[name]
    small = minify(source)
    assert _run(small) == _run(source)
    assert len(small) < len(source)


def test_long_local_names_become_short_and_properties_stay() -> None:
    small = minify("const clauses = [];\nclauses.push({ clauses });\nconsole.log(clauses.length);")
    assert "clauses" in small  # the key of the shorthand property
    assert small.count("clauses") == 1
    assert ".push(" in small and ".length" in small and "console.log" in small


def test_the_script_is_read_whole_and_the_same_each_time() -> None:
    source = SCRIPT.read_text("utf-8")
    read = tokens(source)
    assert not [t for t in read if t.kind == "regex" and "\n" in t.text]
    assert minify(source) == minify(source)
    assert len(deflate(minify(source).encode())) < 0.9 * len(deflate(source.encode()))


def test_the_script_keeps_to_what_the_minifier_reads() -> None:
    # No comment inside a string or regular expression, no template literal, one class.
    source = SCRIPT.read_text("utf-8")
    assert not [t for t in tokens(source) if "/*" in t.text]
    assert "`" not in source
    assert [t.text for t in tokens(source)].count("class") == 1
