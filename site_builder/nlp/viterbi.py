"""jieba's part-of-speech Viterbi decoding, same results, a few times faster.

``jieba.posseg`` finds the tags of characters its dictionary does not cover (names, rare
words) with a hidden Markov model of 256 states. Its ``viterbi`` scores, for every state
of every character, every state of the previous character, although a state can follow
only the ~20 states that have a transition into it: the others score ``-inf``
(``trans_p[y0].get(y, MIN_INF)``) and can win only when every candidate is ``-inf``. This
version scores the states that can precede and falls back to jieba's full comparison in
that one case, so it returns exactly what jieba's returns (same maximum, same tie-break:
the larger state wins a tie, as ``max`` over ``(prob, state)`` pairs does). Part-of-speech
tagging was the largest per-article cost of a cold build (see bench/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MIN_FLOAT = -3.14e100
"""jieba's score of a character a state never emits."""
MIN_INF = float("-inf")
"""jieba's score of a transition that does not exist."""

State = Any
"""A state of jieba's model: a ``(position, tag)`` pair such as ``("B", "nr")``."""


def viterbi(
    obs: str,
    states: Mapping[str, Sequence[State]],
    start_p: Mapping[State, float],
    trans_p: Mapping[State, Mapping[State, float]],
    emit_p: Mapping[State, Mapping[str, float]],
) -> tuple[float, list[State]]:
    """Drop-in for ``jieba.posseg.viterbi.viterbi`` (same arguments, same result)."""
    all_states = trans_p.keys()
    before: dict[State, float] = {}
    path: list[dict[State, State]] = [{}]
    for y in states.get(obs[0], all_states):
        before[y] = start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT)
        path[0][y] = ""
    for t in range(1, len(obs)):
        char = obs[t]
        prev_states = [x for x in path[t - 1] if trans_p[x]]
        expected = {y for x in prev_states for y in trans_p[x]}
        obs_states = set(states.get(char, all_states)) & expected
        if not obs_states:
            obs_states = expected if expected else set(all_states)
        now: dict[State, float] = {}
        came: dict[State, State] = {}
        for y in obs_states:
            emit = emit_p[y].get(char, MIN_FLOAT)
            best, best_state = MIN_INF, None
            for y0 in prev_states:
                step = trans_p[y0].get(y)
                if step is None:
                    continue
                prob = before[y0] + step + emit
                if prob > best or (prob == best and best_state is not None and y0 > best_state):
                    best, best_state = prob, y0
            if best == MIN_INF:  # every candidate is -inf: jieba's tie-break over all of them
                best, best_state = max(
                    (before[y0] + trans_p[y0].get(y, MIN_INF) + emit, y0) for y0 in prev_states
                )
            now[y] = best
            came[y] = best_state
        before = now
        path.append(came)
    prob, state = max((before[y], y) for y in path[-1])
    route: list[State] = [None] * len(obs)
    for i in range(len(obs) - 1, -1, -1):
        route[i] = state
        state = path[i][state]
    return prob, route
