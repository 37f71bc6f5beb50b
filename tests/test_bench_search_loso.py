"""The leave-one-set-out choice of ``bench/search_loso.py``: best mean F1 on the other sets,
the current value on a tie."""

from bench.search_loso import chosen_value, f1
from bench.search_rank import Scores


def _scores(recall: float, precision: float) -> Scores:
    return Scores(mrr=0, ndcg=0, recall=recall, precision=precision, core_recall=0, queries=1)


def test_f1_is_the_harmonic_mean_and_zero_without_results() -> None:
    assert f1(_scores(0.5, 1.0)) == 2 / 3
    assert f1(_scores(0.0, 0.0)) == 0.0


def test_the_value_best_on_the_other_sets_is_chosen_not_the_held_out_one() -> None:
    found = {
        3: {"a": _scores(0.5, 0.5), "b": _scores(0.5, 0.5), "held": _scores(0.9, 0.9)},
        4: {"a": _scores(0.6, 0.6), "b": _scores(0.6, 0.6), "held": _scores(0.1, 0.1)},
    }
    assert chosen_value(found, ["a", "b"], current=3) == 4


def test_a_tie_keeps_the_current_value() -> None:
    same = {"a": _scores(0.5, 0.5)}
    assert chosen_value({2: same, 3: same, 4: same}, ["a"], current=3) == 3
