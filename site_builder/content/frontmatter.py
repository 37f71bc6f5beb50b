"""Markdown files with YAML front matter <-> ``Article``.

A content file looks like this (keys always in this order, see ``KEY_ORDER``)::

    ---
    title: 标题
    title_derived: false
    title_pinyin: biāotí
    ...
    source:
      file: 000_page.txt
      lines: [5, 7, 9]
    ---

    First paragraph.

``page_id`` is the name of the folder the file sits in and ``path`` is where it was read
from; neither is written. A missing ``slug`` defaults to the file name, a missing
``title_pinyin`` is computed from the title (delete it after correcting a title).

Loading is strict: a typo in a key, a value of the wrong type or broken YAML is a
``UserError`` naming the file and line. Broken metadata never turns silently into ``{}``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from site_builder.content.article import Article, SourceRef
from site_builder.content.known import KnownFronts, front_key
from site_builder.errors import UserError

KINDS = ("news", "photo", "commentary", "interview", "brief")

KEY_ORDER = (
    "title",
    "title_derived",
    "title_pinyin",
    "kicker",
    "subtitle",
    "kind",
    "dateline",
    "authors",
    "column",
    "affiliation",
    "slug",
    "order",
    "paper",
    "date",
    "page_number",
    "page_name",
    "continued_from",
    "continued_to",
    "tags",
    "topics",
    "locations",
    "source",
)
"""Front matter keys in the order ``dump`` writes them."""

REQUIRED = ("title", "kind", "source")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QUOTE_HINT = "Put the value in quotes if it is text."
_DATE_HINT = "Write e.g. `date: 2025-01-15`, or `date: null` when unknown."


class _FlowList(list[Any]):
    """A list written on one line, ``[a, b]``: short lists of names and line numbers."""


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: ten times faster, same nodes and marks."""

MAX_FRONT_MATTER = 64 * 1024
"""Characters of front matter read at most: an article's metadata is a few hundred."""

MAX_DEPTH = 16
"""Lists and mappings nested at most (``source: {lines: [...]}`` is 3): PyYAML builds
nodes recursively, and a ``[[[[…`` thousands deep would end in a RecursionError."""

_OPENERS = "[{-:?"
"""Every level of YAML nesting opens with one of these (flow brackets, ``- `` items,
``key:`` and ``? `` keys): fewer of them than ``MAX_DEPTH`` cannot nest too deep."""


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes ``_FlowList`` in flow style."""


def _represent_flow(dumper: yaml.SafeDumper, data: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(_FlowList, _represent_flow)


def dump(article: Article) -> str:
    """The content file text for ``article``: front matter, a blank line, the body."""
    data: dict[str, Any] = {
        "title": article.title,
        "title_derived": article.title_derived,
        "title_pinyin": article.title_pinyin,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "kind": article.kind,
        "dateline": article.dateline,
        "authors": _FlowList(article.authors),
        "column": article.column,
        "affiliation": article.affiliation,
        "slug": article.slug,
        "order": article.order,
        "paper": article.paper,
        # A real date is written unquoted (2025-01-15), as a person would type it.
        "date": dt.date.fromisoformat(article.date) if article.date else None,
        "page_number": article.page_number,
        "page_name": article.page_name,
        "continued_from": article.continued_from,
        "continued_to": article.continued_to,
        "tags": _FlowList(article.tags),
        # Written only when a person set it: files made before topics existed stay as they are.
        **({"topics": _FlowList(article.topics)} if article.topics else {}),
        "locations": _FlowList(article.locations),
        "source": {"file": article.source.file, "lines": _FlowList(article.source.lines)},
    }
    front = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,  # never fold a long title over several lines
    )
    text = f"---\n{front}---\n"
    return f"{text}\n{article.body}\n" if article.body else text


def load(path: Path, shown: str | None = None, known: KnownFronts | None = None) -> Article:
    """Read one content file; errors name ``shown`` (default: ``path``). ``known``: front
    matter parsed by an earlier build, taken as it was when its text is the same."""
    name = shown if shown is not None else path.as_posix()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(name, "file is not UTF-8 text", "Save it as UTF-8.") from exc
    except OSError as exc:
        raise UserError(name, f"cannot read the file: {exc.strerror}") from exc
    article = loads(text, file=name, page_id=path.parent.name, default_slug=path.stem, known=known)
    article.path = name
    return article


_CLOSING = re.compile(r"^---[^\S\n]*$", re.MULTILINE)
"""A line ``---``, trailing whitespace allowed (``str.rstrip``'s, which ``\\s`` matches)."""


def loads(
    text: str, *, file: str, page_id: str, default_slug: str, known: KnownFronts | None = None
) -> Article:
    """Parse content file text; ``file`` is only used in error messages."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    first, _, rest = text.partition("\n")
    if first.rstrip() != "---":
        raise UserError(
            file,
            "no front matter at the top of the file",
            "Did you forget the `---` line? A content file starts with `---`, then "
            "`key: value` lines, then `---`, then the Markdown text.",
            1,
        )
    # The closing line found by a pattern, not by splitting the whole text into lines:
    # at 10,000 articles that split was a tenth of loading the archive.
    end = _CLOSING.search(rest)
    if end is None:
        raise UserError(
            file,
            "the front matter that starts here is never closed",
            "Add a line `---` after the last `key: value` line.",
            1,
        )
    front = rest[: max(end.start() - 1, 0)]
    body = rest[end.end() + 1 :].lstrip("\n").rstrip()
    key = front_key(front, page_id, default_slug) if known is not None else ""
    found = known.find(key, body) if known is not None else None
    if found is not None:
        return found
    _check_bounds(front, file)
    values, key_lines = _parse_yaml(front, file)
    article = _article(values, key_lines, file, page_id, default_slug, body)
    if known is not None:
        known.keep(key, article)
    return article


def _check_bounds(front: str, file: str, parser: type[yaml.SafeLoader] = _Loader) -> None:
    """UserError if ``front`` is too long or nests too deep to be parsed safely."""
    if len(front) > MAX_FRONT_MATTER:
        raise UserError(
            file,
            f"the front matter is {len(front):,} characters long; at most "
            f"{MAX_FRONT_MATTER:,} are read",
            "Front matter holds the article's metadata: put long text in the body, "
            "after the closing `---` line.",
            1,
        )
    if sum(front.count(c) for c in _OPENERS) <= MAX_DEPTH:
        return
    # The event stream is produced without recursion (both parsers keep a stack of
    # states), so it can measure the depth that composing nodes would recurse to.
    loader = parser(front)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise UserError(
                        file,
                        f"lists or mappings nested more than {MAX_DEPTH} deep",
                        "Front matter values are text, numbers or short lists: remove the "
                        "extra brackets or indentation.",
                        mark.line + 2 if mark else None,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError:
        if parser is not yaml.SafeLoader:
            # libyaml stops at 1,000 levels with a syntax error of its own (which would
            # send the file to the Python parser, and its recursion): measure with it.
            _check_bounds(front, file, yaml.SafeLoader)
        # else a syntax error: reported with its line when the nodes are composed
    finally:
        loader.dispose()


def _parse_yaml(
    front: str, file: str, parser: type[yaml.SafeLoader] = _Loader
) -> tuple[dict[str, Any], dict[str, int]]:
    """Values of the front matter and the file line of each key (YAML starts on line 2)."""
    loader = parser(front)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise UserError(
                file,
                "front matter must be `key: value` lines",
                "Write one `key: value` pair per line between the `---` lines.",
                node.start_mark.line + 2,
            )
        values: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 2
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key not in KEY_ORDER:
                raise UserError(
                    file, f"unknown key {key!r}", f"Known keys: {', '.join(KEY_ORDER)}.", line
                )
            if key in values:
                raise UserError(file, f"key {key!r} appears twice", "Keep one of them.", line)
            try:
                values[key] = loader.construct_object(value_node, deep=True)
            except ValueError as exc:  # e.g. date: 2025-13-01 fails inside PyYAML
                hint = _DATE_HINT if key == "date" else _QUOTE_HINT
                raise UserError(file, f"{key}: {exc}", hint, line) from exc
            key_lines[key] = line
        return values, key_lines
    except yaml.MarkedYAMLError as exc:
        if parser is not yaml.SafeLoader:
            # libyaml words some errors less helpfully (tabs): ask the Python parser.
            return _parse_yaml(front, file, yaml.SafeLoader)
        mark = exc.problem_mark
        if exc.context_mark is not None and (mark is None or "end of stream" in str(exc.problem)):
            mark = exc.context_mark  # e.g. an unclosed quote: where it opened, not the end
        context = f"{exc.context}: " if exc.context else ""
        raise UserError(
            file,
            f"YAML syntax error: {context}{exc.problem}",
            "Indent with spaces, not tabs."
            if "\\t" in str(exc.problem)
            else "Put text that contains `: `, `#`, quotes or brackets in quotes.",
            mark.line + 2 if mark else None,
        ) from exc
    finally:
        loader.dispose()


def _article(
    values: dict[str, Any],
    key_lines: dict[str, int],
    file: str,
    page_id: str,
    default_slug: str,
    body: str,
) -> Article:
    missing = [key for key in REQUIRED if key not in values]
    if missing:
        raise UserError(
            file,
            f"front matter is missing required key{'s' if len(missing) > 1 else ''} "
            + ", ".join(missing),
            f"Add {' and '.join(f'`{k}: …`' for k in missing)} between the `---` lines.",
            1,
        )
    check = _Checker(values, key_lines, file)
    title = check.text("title")
    if not title.strip():
        raise UserError(file, "title is empty", "Write the article's title.", key_lines["title"])
    kind = check.text("kind")
    if kind not in KINDS:
        raise UserError(
            file,
            f"kind {kind!r} is not one of {', '.join(KINDS)}",
            "Use one of those.",
            key_lines["kind"],
        )
    slug = check.text("slug") if "slug" in values else default_slug
    if not _SLUG.match(slug):
        raise UserError(
            file,
            f"slug {slug!r} is not lowercase ASCII words joined by hyphens",
            "Use letters a-z, digits and single hyphens, e.g. `slug: xizang-xinwen`.",
            key_lines.get("slug"),
        )
    if "title_pinyin" in values:
        title_pinyin = check.text("title_pinyin")
    else:
        from site_builder.nlp.pinyin import pinyin_text  # loads jieba: only when needed

        title_pinyin = pinyin_text(title)
    text = check.optional_text
    return Article(
        page_id=page_id,
        slug=slug,
        title=title,
        title_derived=check.flag("title_derived"),
        title_pinyin=title_pinyin,
        kind=kind,
        authors=check.names("authors"),
        body=body,
        source=check.source(),
        date=check.date(),
        page_number=check.number("page_number", minimum=1),
        order=check.number("order", minimum=0) or 0,
        tags=check.names("tags"),
        topics=check.names("topics"),
        locations=check.names("locations"),
        kicker=text("kicker"),
        subtitle=text("subtitle"),
        dateline=text("dateline"),
        column=text("column"),
        affiliation=text("affiliation"),
        paper=text("paper"),
        page_name=text("page_name"),
        continued_from=text("continued_from"),
        continued_to=text("continued_to"),
    )


class _Checker:
    """Typed access to front matter values; a wrong type is a ``UserError`` at its line."""

    def __init__(self, values: dict[str, Any], key_lines: dict[str, int], file: str) -> None:
        self.values = values
        self.lines = key_lines
        self.file = file

    def fail(self, key: str, message: str, hint: str = _QUOTE_HINT) -> UserError:
        return UserError(self.file, f"{key}: {message}", hint, self.lines.get(key))

    def text(self, key: str) -> str:
        value = self.values[key]
        if not isinstance(value, str):
            raise self.fail(key, f"expected text, found {_describe(value)}")
        return value

    def optional_text(self, key: str) -> str | None:
        if self.values.get(key) is None:
            return None
        return self.text(key)

    def flag(self, key: str) -> bool:
        value = self.values.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(
                key, f"expected true or false, found {_describe(value)}", "Write true or false."
            )
        return value

    def number(self, key: str, minimum: int) -> int | None:
        value = self.values.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.fail(
                key,
                f"expected a whole number from {minimum}, found {_describe(value)}",
                "Write a number.",
            )
        return value

    def names(self, key: str) -> list[str]:
        value = self.values.get(key, [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(
                key,
                f"expected a list of names, found {_describe(value)}",
                f"Write it as a list, e.g. `{key}: [张三, 李四]` or `{key}: []`.",
            )
        return value

    def date(self) -> str | None:
        value = self.values.get("date")
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value).isoformat()
            except ValueError:
                pass
        raise self.fail(
            "date",
            f"expected a date YYYY-MM-DD, found {_describe(value)}",
            _DATE_HINT,
        )

    def source(self) -> SourceRef:
        value = self.values["source"]
        hint = "Write `source:` with indented `file: NAME.txt` and `lines: [1, 2]`."
        if not isinstance(value, dict) or set(value) != {"file", "lines"}:
            raise self.fail("source", f"expected file and lines, found {_describe(value)}", hint)
        file, lines = value["file"], value["lines"]
        if not isinstance(file, str) or not isinstance(lines, list):
            raise self.fail("source", "file must be text and lines a list of numbers", hint)
        if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in lines):
            raise self.fail("source", "lines must be line numbers from 1", hint)
        return SourceRef(file, lines)


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the truth value {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return f"{type(value).__name__} {value!r}"
