"""The labelled set's mapping of a labeller's place paths to the gazetteer's names."""

from __future__ import annotations

import pytest

from bench.labelled import (
    blind_articles,
    fixture_articles,
    gazetteer_path,
    labels,
    most_specific,
    training_articles,
    training_labels,
)


@pytest.mark.parametrize(
    ("written", "mapped"),
    [
        ("西藏/林芝市/巴宜区/鲁朗镇/扎西岗村", "西藏自治区/林芝市/巴宜区/鲁朗镇/扎西岗村"),
        ("西藏自治区/巴宜区", "西藏自治区/林芝市/巴宜区"),
        ("云南省/迪庆州/德钦县/升平镇", "云南省/迪庆藏族自治州/德钦县/升平镇"),
        ("北京市/市辖区/东城区", "北京市/东城区"),
        ("北京市/北京市/东城区", "北京市/东城区"),
        (
            "四川省/成都市/双流区/东升街道办事处/和平社区居委会",
            "四川省/成都市/双流区/东升街道/和平社区",
        ),
        ("天津市/和平区", "天津市/和平区"),
        ("辽宁省/沈阳市/和平区", "辽宁省/沈阳市/和平区"),
        ("日本", "日本"),
    ],
)
def test_a_labellers_path_in_the_gazetteers_names(written: str, mapped: str) -> None:
    assert gazetteer_path(written) == mapped


def test_only_the_most_specific_paths_are_scored() -> None:
    paths = ["西藏自治区/拉萨市", "西藏自治区/拉萨市/城关区", "西藏自治区/拉萨市", "青海省"]
    assert most_specific(paths) == ["西藏自治区/拉萨市/城关区", "青海省"]


def test_the_labelled_set_holds_the_blind_pages_articles() -> None:
    fixtures, blind = fixture_articles(), blind_articles()
    assert len(blind) == 273
    keys = [a.key for a in fixtures + blind]
    assert len(set(keys)) == len(keys)


def test_the_training_only_labels_name_articles_never_scored() -> None:
    extra = training_articles()
    # Every label names an article of its pages, and every one has a topic.
    assert {a.key for a in extra} == set(training_labels())
    assert all(training_labels()[a.key] for a in extra)
    assert not {a.key for a in extra} & set(labels())
