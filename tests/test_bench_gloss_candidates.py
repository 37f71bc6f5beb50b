"""The English gloss supplement keeps to the rules its header states (bench/gloss_candidates.py):
every word of its first list is a jieba word of two or three characters in three or more gold
articles of batches a-d and the test pages, and every word of its second in four or more of
the unsearched batches, with no CC-CEDICT entry."""

from __future__ import annotations

from bench.gloss_candidates import UNSEARCHED_MIN, candidates, unsearched_folders
from bench.search_rank import gold_articles
from site_builder.enrich.cedict import entries
from site_builder.search.glossary import SUPPLEMENT, parse_supplement
from site_builder.search.text import fold

SECOND_LIST = "# A second list (2026-12-08)"


def _lists() -> tuple[list[str], list[str]]:
    """The supplement's words before its second list's header, and after it."""
    text = SUPPLEMENT.read_text(encoding="utf-8")
    first, _, second = text.partition(SECOND_LIST)
    assert second, f"the second list's header ({SECOND_LIST!r}) is gone"
    return list(parse_supplement(first)), list(parse_supplement(second.partition("\n")[2]))


def test_every_glossed_word_is_one_the_rule_picks() -> None:
    picked = candidates()
    first, second = _lists()
    assert sorted(w for w in first if w not in picked) == []
    assert all(picked[w] >= 3 and not entries(w) and 2 <= len(w) <= 3 for w in first)
    assert not set(first) & set(second)


def test_every_word_of_the_second_list_is_in_four_unsearched_articles() -> None:
    """The second list's rule, but for jieba's cut (which would take seconds over 4,667
    articles; ``--unsearched`` applies it whole): each word is held by four or more gold
    articles of the unsearched batches and has no CC-CEDICT entry."""
    articles = gold_articles("", unsearched_folders()).values()
    texts = [
        fold("\n".join([a["title"] or ""] + [b["text"] for b in a["blocks"]])) for a in articles
    ]
    _, second = _lists()
    held = {w: sum(w in t for t in texts) for w in second}
    assert second and all(not entries(w) and 2 <= len(w) <= 3 for w in second)
    assert sorted(w for w, n in held.items() if n < UNSEARCHED_MIN) == []


def test_a_higher_threshold_picks_fewer_words() -> None:
    assert set(candidates(min_articles=6)) < set(candidates())
