"""The neighbours' topic bench: its vectors and its rule of choice."""

from __future__ import annotations

import numpy as np

from bench.topics_neighbours import _choose, _tfidf
from site_builder.enrich.topics import FALLBACK


def test_vectors_are_of_unit_length_and_a_common_feature_weighs_less() -> None:
    xs = [{"w:青稞": 1.0, "c:发展": 1.0}, {"w:学校": 1.0, "c:发展": 1.0}, {"c:发展": 2.0}]
    vectors = _tfidf(xs).toarray()
    assert np.allclose((vectors**2).sum(axis=1), 1.0)
    # Columns in name order: c:发展, w:学校, w:青稞; 发展 is in every text.
    assert vectors[0, 0] < vectors[0, 2] and vectors[0, 1] == 0.0


def test_topics_at_the_threshold_most_specific_at_most_three_or_the_likeliest() -> None:
    probability = {"economy": 0.9, "agriculture": 0.6, "tourism": 0.45, "education": 0.2}
    assert _choose(probability, 0.4) == {"economy", "agriculture", "tourism"}
    assert _choose(probability, 0.7) == {"economy"}
    assert _choose({"education": FALLBACK}, 0.5) == {"education"}
    assert _choose({"education": FALLBACK / 2}, 0.5) == set()
