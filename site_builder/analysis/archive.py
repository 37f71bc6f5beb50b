"""Analyse every article of an archive: reuse what the cache holds, compute the rest in
worker processes, and hand each later step the part it reads, one article at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from site_builder.analysis.enrichment import KeptEnrichment
from site_builder.analysis.record import (
    AIDS,
    BODY,
    KINDS,
    TERMS,
    WORDS,
    Analysis,
    analysis_key,
    decode_body,
    decode_words,
    encode_body,
    encode_words,
)
from site_builder.cache.packed import pack, unpack
from site_builder.cache.store import Cache
from site_builder.content.article import Article
from site_builder.enrich.enricher import article_words
from site_builder.errors import UserError
from site_builder.nlp.tokenizer import SharedCut, load_whole
from site_builder.parallel import fork_chunks
from site_builder.progress import Progress, progress
from site_builder.render.aids import (
    COMMON_WORDS,
    aids_json,
    common_words,
    dictionary_json,
    headline_parts,
    use_common_words,
)
from site_builder.render.markdown import RenderedBody
from site_builder.render.prepare import body_of
from site_builder.search.analyze import text_terms

T = TypeVar("T")

CHUNK = 16
"""Articles per task sent to a worker."""
HELD = "analysis-held"
"""Cache kind of the analysis keys every kind of ``KINDS`` held, no more and no fewer, when
the last build forgot the others (one entry): what an edit build's ``missing`` and
``forget_others`` start from instead of listing every key of each kind."""
HELD_TAG = b"held-1"
COMMON = "aids-common"
"""Cache kind of the shared dictionary's words (``aids.common_words``), one entry: a
function of jieba's dictionary, whose version the cache's fingerprint names."""


def analyse_article(article: Article) -> Analysis:
    """Everything about ``article`` that depends on its own text only. Enrichment's tagged
    words, the reading aids and the search terms all read jieba's words of the same texts:
    one ``SharedCut`` finds jieba's route through each block once for the three (the
    tagger then decodes the runs no dictionary word covers with its own model)."""
    body = body_of(article)
    headline = [text for _role, text in headline_parts(article)]
    plain = "\n".join(body.blocks)
    shared = SharedCut()
    cut = shared.words
    return Analysis(
        words=encode_words(article_words(article, shared.tagged)),
        body=encode_body(body),
        aids=aids_json(headline + list(body.blocks), cut).encode(),
        terms=text_terms(article.title, article.kicker, article.subtitle, plain, cut).to_bytes(),
    )


def _analyse_all(articles: list[Article]) -> list[Analysis]:
    return [analyse_article(a) for a in articles]


@dataclass(slots=True)
class AnalysisStats:
    articles: int
    computed: int
    """Articles analysed in this build (the others came from the cache)."""


class ArchiveAnalysis:
    """Read access to every article's analysis, by article key, from the cache."""

    def __init__(
        self,
        articles: Sequence[Article],
        cache: Cache,
        reload: Callable[[Article], Article] | None = None,
    ) -> None:
        self._articles = {a.key: a for a in articles}
        self._reload = reload
        """Reads an article's file again, for ``part`` after ``release_bodies``."""
        self._released = False
        self._keys = {a.key: analysis_key(a) for a in articles}
        self._cache = cache
        self.bodies: Mapping[str, RenderedBody] = _Parts(self, BODY, decode_body)
        self.aids: Mapping[str, str] = _Parts(self, AIDS, _text)
        self.terms: Mapping[str, bytes] = _Parts(self, TERMS, bytes)
        self.enrichment = KeptEnrichment(cache, self._keys)
        """Per-article parts of enrichment kept in the same cache."""
        self._held = self._last_held()
        """The analysis keys each kind held at the end of the last build (``HELD``)."""

    def _last_held(self) -> set[str]:
        data = self._cache.get(HELD, HELD)
        try:
            return {str(key) for key in unpack(HELD_TAG, data)} if data is not None else set()
        except (ValueError, TypeError):
            return set()  # not ours: each kind listed and swept as if none were known

    @property
    def keys(self) -> Mapping[str, str]:
        """Article key -> its analysis key (a digest of the text the analysis read)."""
        return self._keys

    def missing(self) -> list[Article]:
        """Articles with a part absent from the cache, in the order given."""
        count = len(self._held)
        if all(self._cache.count(kind) == count for kind in KINDS):
            # Each kind holds as many entries as it held, exactly ``_held``, when the last
            # build ended: those are taken as there. (One lost since, a corrupt entry say,
            # is made again when it is read: ``part``.)
            return [a for key, a in self._articles.items() if self._keys[key] not in self._held]
        held = [self._cache.keys(kind) for kind in KINDS]
        return [
            article
            for key, article in self._articles.items()
            if any(self._keys[key] not in kind for kind in held)
        ]

    def store(self, analyses: Sequence[tuple[Article, Analysis]]) -> None:
        with self._cache.transaction():
            for kind in KINDS:
                self._cache.put_many(
                    kind, ((self._keys[a.key], done.part(kind)) for a, done in analyses)
                )

    def part(self, kind: str, key: str) -> bytes:
        """One part of one article's analysis; recomputed if the cache lost it meanwhile."""
        data = self._cache.get(kind, self._keys[key])
        if data is None:  # dropped as corrupt: never trusted, made again
            article = self._articles[key]
            if self._released:
                article = self._reread(article)
            done = analyse_article(article)
            self.store([(article, done)])
            data = done.part(kind)
        return data

    def release_bodies(self) -> None:
        """Drop the Markdown bodies of the articles (every later step reads the analysis),
        so that memory holds the archive's metadata, not its text. Needs ``reload``."""
        if self._reload is None:
            raise ValueError("release_bodies needs a way to read an article again")
        for article in self._articles.values():
            article.body = ""
        self._released = True

    def _reread(self, article: Article) -> Article:
        assert self._reload is not None, "set with release_bodies"
        again = self._reload(article)
        if analysis_key(again) != self._keys[article.key]:
            raise UserError(
                article.path,
                "the file changed while the site was being built",
                "Run the build again.",
            )
        return again

    def words(
        self, articles: Sequence[Article], bar: Progress | None = None
    ) -> Sequence[list[tuple[str, str]]]:
        """Tagged words of each of ``articles``, read when asked for (``bar`` counts them)."""
        return _Words(self, [a.key for a in articles], bar)

    def forget_others(self) -> int:
        """Drop cache entries of articles no longer in the archive (old versions); the
        enrichment parts too when this archive was enriched with them."""
        keep = set(self._keys.values())
        gone = sum(self._cache.forget(kind, keep, self._held) for kind in KINDS)
        if keep != self._held:
            exact = all(self._cache.count(kind) == len(keep) for kind in KINDS)
            # Named only when each kind holds exactly ``keep`` (every key of it is stored:
            # ``analyse_archive`` saw to it).
            self._cache.put(HELD, HELD, pack(HELD_TAG, sorted(keep) if exact else []))
            self._held = keep if exact else set()
        if any(self.enrichment.used.values()):
            gone += self.enrichment.forget_others()
        return gone


class _Parts(Mapping[str, T]):
    """A part of every article's analysis by article key, decoded when asked for; the
    last few are kept because a page and its neighbours ask for the same ones."""

    def __init__(self, owner: ArchiveAnalysis, kind: str, decode: Callable[[bytes], T]) -> None:
        self._owner = owner
        self._kind = kind
        self._decode = decode
        self._get = lru_cache(maxsize=256)(self._load)

    def _load(self, key: str) -> T:
        return self._decode(self._owner.part(self._kind, key))

    def __getitem__(self, key: str) -> T:
        return self._get(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._owner._keys)

    def __len__(self) -> int:
        return len(self._owner._keys)


def _text(data: bytes) -> str:
    return data.decode()


class _Words(Sequence[list[tuple[str, str]]]):
    def __init__(self, owner: ArchiveAnalysis, keys: list[str], bar: Progress | None) -> None:
        self._owner = owner
        self._keys = keys
        self._bar = bar

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, index: int) -> list[tuple[str, str]]:  # type: ignore[override]
        if self._bar is not None:
            self._bar.advance()
        return decode_words(self._owner.part(WORDS, self._keys[index]))


def analyse_archive(
    articles: Sequence[Article],
    cache: Cache,
    workers: int,
    reload: Callable[[Article], Article] | None = None,
) -> tuple[ArchiveAnalysis, AnalysisStats]:
    """Make sure every article's analysis is in the cache; the missing ones are computed
    ``CHUNK`` at a time in ``workers`` processes and stored as they come back. ``reload``
    reads an article's file again (see ``ArchiveAnalysis.release_bodies``)."""
    analysis = ArchiveAnalysis(articles, cache, reload)
    todo = analysis.missing()
    if todo:
        # The first one here: jieba, CC-CEDICT and pypinyin load once, before the fork,
        # and every worker starts with them in memory, and with the reading aids of the
        # shared dictionary's words (the commonest) made once rather than in each worker.
        # Without a fork (an edit build's few articles) those aids are not made, nor is
        # jieba's dictionary read whole: the articles' own words are all it needs.
        _common_words(cache)
        forks = workers > 1 and len(todo) - 1 > CHUNK
        if forks:
            load_whole()
        first = todo[0]
        analysis.store([(first, analyse_article(first))])
        if forks:
            dictionary_json()
        with progress("analyse", total=len(todo), unit="articles") as bar:
            bar.advance(1)
            for chunk, done in fork_chunks(_analyse_all, todo[1:], CHUNK, workers):
                analysis.store(list(zip(chunk, done, strict=True)))
                bar.advance(len(chunk))
    return analysis, AnalysisStats(articles=len(articles), computed=len(todo))


def _common_words(cache: Cache) -> None:
    """Have the reading aids number words by the list the cache keeps; keep it there
    when it holds none (or not a whole one)."""
    data = cache.get(COMMON, COMMON)
    if data is not None:
        try:
            kept = tuple(data.decode().split("\n"))
            if len(kept) == COMMON_WORDS and all(kept):
                use_common_words(kept)
                return
        except UnicodeDecodeError:
            pass  # written by something else: made again below
    cache.put(COMMON, COMMON, "\n".join(common_words()).encode())
