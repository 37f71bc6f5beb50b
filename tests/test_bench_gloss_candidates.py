"""The English gloss supplement keeps to the rule its header states (bench/gloss_candidates.py):
every word it glosses is a jieba word of two or three characters in three or more gold
articles of batches a-d and the test pages, with no CC-CEDICT entry."""

from __future__ import annotations

from bench.gloss_candidates import candidates
from site_builder.enrich.cedict import entries
from site_builder.search.glossary import SUPPLEMENT, parse_supplement


def test_every_glossed_word_is_one_the_rule_picks() -> None:
    picked = candidates()
    glossed = parse_supplement(SUPPLEMENT.read_text(encoding="utf-8"))
    assert sorted(w for w in glossed if w not in picked) == []
    assert all(picked[w] >= 3 and not entries(w) and 2 <= len(w) <= 3 for w in glossed)


def test_a_higher_threshold_picks_fewer_words() -> None:
    assert set(candidates(min_articles=6)) < set(candidates())
