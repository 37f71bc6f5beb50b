"""``search.js`` made small for the wire: comments, spaces and long local names taken out.

Every query on a cold cache fetches the whole script, so its bytes count at any archive
size (about a sixth of a query's median at 100,000 articles). This is no general
JavaScript minifier: it reads the subset ``search.js`` is written in, which
``tests/test_search_minify.py`` checks (no template literals, ``/* */`` comments never
inside a string, one class, object keys written plainly), and does three things:

- **comments and spaces**: a token is separated from the next only where the two would
  otherwise read as one (``return x``, ``a + +b``); a line break stays a line break, so no
  semicolon is ever implied differently;
- **local names**: every name the script declares (``const``, ``let``, ``function``,
  ``class``, parameters, ``catch``) becomes a short one, the most used first; a name that is
  also a global the script reads (``document``, ``fetch``...) is left alone, and so is
  every property: after ``.``, an object's key, a class's method;
- **shorthand properties** (``{ text, terms }``) are written out (``{text:a,terms:b}``),
  so that the object keeps its keys when the names change.

Deterministic: the same source gives the same bytes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import count, product
from string import ascii_letters

_TOKEN = re.compile(
    r"""(?P<space>[ \t]+)
    |(?P<newline>\n)
    |(?P<comment>/\*.*?\*/)
    |(?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    |(?P<name>[A-Za-z_$][\w$]*)
    |(?P<number>\d[\w.]*)
    |(?P<punct>>>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\+\+|--
       |\+=|-=|\*=|/=|%=|&=|\|=|\^=|<<|>>|\*\*|[{}()\[\];,.<>+\-*/%&|^!~?:=])""",
    re.S | re.X,
)
_REGEX = re.compile(r"/(?:[^/\\\n\[]|\\.|\[(?:[^\]\\\n]|\\.)*\])+/[a-z]*")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_KEYWORDS = _words(
    "await break case catch class const continue debugger default delete do else export "
    "extends finally for function if import in instanceof let new of return static super "
    "switch this throw try typeof var void while with yield async get set null true false "
    "undefined arguments NaN Infinity"
)
_REGEX_AFTER = _words(
    "( , = : [ ! & | ? { } ; + - * % < > ~ ^ => == === != !== && || ?? += -= return typeof case"
)
"""A ``/`` after one of these starts a regular expression, not a division."""
_OBJECT_AFTER = _words("( , = : [ ? ! && || ?? ... return const let var of in")
"""A ``{`` after one of these opens an object (or a pattern), not a block."""
_DECLARES = frozenset(("const", "let", "var"))


@dataclass(slots=True)
class _Token:
    kind: str
    text: str
    line_before: bool = False
    """A line break stood between this token and the one before."""


def tokens(source: str) -> list[_Token]:
    """The script's tokens without spaces and comments, each knowing whether a line break
    preceded it."""
    out: list[_Token] = []
    at, broke = 0, False
    while at < len(source):
        prev = out[-1] if out else None
        if (
            source.startswith("/", at)
            and not source.startswith(("/*", "//"), at)
            and (prev is None or prev.text in _REGEX_AFTER)
        ):
            match = _REGEX.match(source, at)
            if match is not None:
                out.append(_Token("regex", match.group(), broke))
                at, broke = match.end(), False
                continue
        match = _TOKEN.match(source, at)
        if match is None:
            raise ValueError(f"search.js: cannot read {source[at : at + 30]!r}")
        kind = str(match.lastgroup)
        if kind == "newline":
            broke = True
        elif kind == "comment":
            broke = broke or "\n" in match.group()
        elif kind != "space":
            out.append(_Token(kind, match.group(), broke))
            broke = False
        at = match.end()
    return out


def _roles(toks: list[_Token]) -> list[str]:
    """For each token: ``key`` (an object's key or a class's method: kept), ``short`` (a
    shorthand property: written out), ``prop`` (after ``.``), ``name`` or another kind."""
    roles = [t.kind for t in toks]
    braces: list[str] = []
    class_next = False
    for i, tok in enumerate(toks):
        prev = toks[i - 1].text if i else ""
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        if tok.text == "{":
            if class_next:
                braces.append("class")
            elif prev in _OBJECT_AFTER:
                braces.append("object")
            else:
                braces.append("block")
            class_next = False
        elif tok.text == "}":
            braces.pop()
        elif tok.text == "class":
            class_next = True
        if tok.kind != "name":
            continue
        inside = braces[-1] if braces else "block"
        if prev in (".", "?."):
            roles[i] = "prop"
        elif inside == "object" and prev in ("{", ",") and after == ":":
            roles[i] = "key"
        elif inside == "object" and prev in ("{", ",") and after in (",", "}"):
            roles[i] = "short"
        elif inside == "class" and after == "(" and prev in ("{", "}", ";", "async", "static"):
            roles[i] = "key"
    return roles


def _declared(toks: list[_Token], roles: list[str]) -> set[str]:
    """Names the script binds: after ``const``/``let``/``var`` (patterns too), ``function``
    and ``class``, and the parameters of functions, arrows and ``catch``."""
    found: set[str] = set()
    for i, tok in enumerate(toks):
        if tok.text in _DECLARES:
            _bind_declarators(toks, roles, i + 1, found)
        elif tok.text in ("function", "class"):
            j = i + 1
            if toks[j].kind == "name":
                found.add(toks[j].text)
                j += 1
            if tok.text == "function" and toks[j].text == "(":
                _bind_group(toks, roles, j, found)
        elif tok.text == "=>":
            if toks[i - 1].kind == "name":
                found.add(toks[i - 1].text)
            elif toks[i - 1].text == ")":
                _bind_group(toks, roles, _opening(toks, i - 1), found)
        elif tok.text == "catch" and toks[i + 1].text == "(":
            _bind_group(toks, roles, i + 1, found)
    return found


def _bind_declarators(toks: list[_Token], roles: list[str], start: int, found: set[str]) -> None:
    """Names bound by ``const a = 1, [b, c] = d``: the first declarator at ``start``, then one
    after each comma outside brackets, up to the statement's end (``;``, a line break, or
    the ``)`` of a ``for``)."""
    j = start
    while j < len(toks):
        if toks[j].text in ("{", "["):
            j = _bind_group(toks, roles, j, found)
        elif toks[j].kind == "name":
            found.add(toks[j].text)
            j += 1
        depth = 0
        while j < len(toks):
            text = toks[j].text
            if depth == 0 and (text in (";", ")") or toks[j].line_before):
                return
            if text in ("(", "[", "{"):
                depth += 1
            elif text in (")", "]", "}"):
                depth -= 1
            elif text == "," and depth == 0:
                j += 1
                break
            j += 1


def _opening(toks: list[_Token], close: int) -> int:
    """The index of the bracket that the one at ``close`` closes."""
    depth = 0
    for j in range(close, -1, -1):
        if toks[j].text in (")", "]", "}"):
            depth += 1
        elif toks[j].text in ("(", "[", "{"):
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("search.js: unbalanced brackets")


def _bind_group(toks: list[_Token], roles: list[str], start: int, found: set[str]) -> int:
    """Names bound by the bracketed list or pattern at ``start`` (a default value's names
    are read, not bound: a name is bound at the group's top or nested pattern level, before
    any ``=``); the index after it."""
    depth, defaulting = 0, False
    for j in range(start, len(toks)):
        text = toks[j].text
        if text in ("(", "[", "{"):
            depth += 1
        elif text in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return j + 1
        elif text == ",":
            defaulting = False
        elif text == "=" and depth >= 1:
            defaulting = True
        elif toks[j].kind == "name" and not defaulting and roles[j] in ("name", "short"):
            found.add(text)
    return len(toks)


def _short_names(taken: set[str]) -> list[str]:
    """Short names in order, none a keyword or a name already used."""
    out = []
    for size in count(1):
        for letters in product(ascii_letters, repeat=size):
            name = "".join(letters)
            if name not in taken and name not in _KEYWORDS:
                out.append(name)
        if size == 2:
            return out
    return out


_GLOBALS = _words(
    "window document location history navigator fetch URL URLSearchParams Math JSON Set Map "
    "Array Object String Number Promise Response Blob TextDecoder TextEncoder "
    "DecompressionStream Uint8Array Uint16Array Uint32Array Int32Array DataView Date RegExp "
    "Error TypeError Symbol Intl console setTimeout clearTimeout encodeURIComponent "
    "decodeURIComponent parseInt parseFloat isNaN isFinite globalThis self module exports "
    "require BigInt Boolean Function Reflect Proxy WeakMap WeakSet HTMLElement Node Event "
    "CustomEvent structuredClone queueMicrotask requestAnimationFrame"
)
"""Globals a browser or node gives the script: never renamed, even where a local shadows
one (another function may read the global)."""


def _glued(left: str, right: str) -> bool:
    """Whether ``left`` and ``right`` written together would read as other tokens."""
    word = re.compile(r"[\w$]")
    if word.match(left[-1]) and word.match(right[0]):
        return True
    return (left[-1], right[0]) in {("+", "+"), ("-", "-"), ("/", "/"), ("/", "*")}


def minify(source: str) -> str:
    """``source`` without comments and spaces, its local names short (see the module)."""
    toks = tokens(source)
    roles = _roles(toks)
    declared = _declared(toks, roles) - _GLOBALS - _KEYWORDS
    uses = Counter(t.text for t, r in zip(toks, roles, strict=True) if r in ("name", "short"))
    taken = {t.text for t, r in zip(toks, roles, strict=True) if r in ("name", "short")}
    taken -= declared
    names = dict(
        zip(
            sorted(declared, key=lambda n: (-uses[n], n)),
            _short_names(taken),
            strict=False,
        )
    )
    out: list[str] = []
    for tok, role in zip(toks, roles, strict=True):
        text = tok.text
        if role == "name" and text in names:
            text = names[text]
        elif role == "short" and text in names:
            text = f"{text}:{names[text]}"
        if out and tok.line_before:
            out.append("\n")
        elif out and _glued(out[-1], text):
            out.append(" ")
        out.append(text)
    return "".join(out) + "\n"
