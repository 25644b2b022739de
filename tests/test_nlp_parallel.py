"""Extraction over a pool of workers gives the same results, in the same order, as one process."""

from __future__ import annotations

import json

from cagraph.records import Article

TEXTS = [
    "Kazakhstan and Hungary signed a memorandum on space research in Budapest.",
    "The Turkmen-Japanese business forum took place in Ashgabat on Monday.",
    "President of Tajikistan Emomali Rahmon held talks with Kyrgyz President Sadyr Japarov.",
    "Uzbekistan and Oman signed an agreement on air services.",
    "No cooperation was reported today.",
]


def _articles() -> list[Article]:
    return [Article(id=f"a{i}", text=t) for i, t in enumerate(TEXTS)]


def test_two_workers_give_what_one_process_gives(extractor):
    one = [x.to_format() for x in extractor.extract_many(_articles(), workers=1)]
    two = [x.to_format() for x in extractor.extract_many(_articles(), workers=2)]
    assert [x["id"] for x in two] == [f"a{i}" for i in range(len(TEXTS))]
    assert two == one


def test_json_path_of_the_pool_matches_the_records(extractor):
    expected = {x.id: x.to_format() for x in extractor.extract_many(_articles())}
    got = dict(extractor.extract_many_json(_articles(), workers=2))
    assert {k: json.loads(v) for k, v in got.items()} == expected
