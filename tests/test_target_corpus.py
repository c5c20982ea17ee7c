"""The reader of resolution texts on real published lists (tests/data/target_texts/).

Every list is read without a crash; every piece of its text is a statement, a skipped piece
with its reason, or a marker (nothing dropped); every statement gives at least one entry;
and over the corpus, at most 2 % of the expected targets are read wrong without a flag.
Scoring: ``tests/target_corpus.py`` (``python -m tests.target_corpus -v`` shows every case).
"""

from __future__ import annotations

from collections import Counter

import pytest

from ward_analysis.onboard.split import SKIP_REASONS

from .target_corpus import CLASSES, CORPUS, HOLDOUT, path, problems, score, slugs

SLUGS = slugs()  # the corpus and the held-aside lists
LEVELS = {"commune": "commune or ward", "ward": "commune or ward", "town": "district or town",
          "district": "district or town", "city": "district or town", "province": "province"}  # fmt: skip


@pytest.fixture(scope="module")
def scores():
    return {slug: score(slug) for slug in SLUGS}


def test_the_corpus_has_twelve_published_lists_of_every_level_and_both_terms(scores):
    assert len(slugs(CORPUS)) >= 12 and len(slugs(HOLDOUT)) >= 5
    metas = [scores[slug].meta for slug in slugs(CORPUS)]
    assert all(m["source_url"].startswith(("http://", "https://")) for m in metas)
    assert {LEVELS[m["level"]] for m in metas} == set(LEVELS.values())
    terms = Counter(tuple(m["term"]) for m in metas)
    assert terms[(2020, 2025)] >= 3 and terms[(2025, 2030)] >= 3
    assert len({m["layout"] for m in metas}) >= 5
    for slug in SLUGS:  # each text is there as published, with its hand-checked reading
        assert path(slug).with_suffix(".txt").read_text(encoding="utf-8").strip()
        assert sum(len(e.get("targets") or []) for e in scores[slug].meta["entries"]) >= 3


@pytest.mark.parametrize("slug", SLUGS)
def test_each_pair_is_well_formed(slug):
    assert problems(path(slug)) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_no_statement_is_lost(scores, slug):
    s = scores[slug]
    draft, segmented = s.draft, s.draft.segmented
    assert segmented.unaccounted() == "", f"{slug}: text in no statement or skipped piece"
    # statements in and out: each gives at least one entry, each entry comes from one
    owners = [
        [st for st in draft.statements if st.start <= t.span[0] and t.span[1] <= st.end]
        for t in draft.targets
    ]
    assert all(len(o) == 1 for o in owners)
    made = Counter(id(o[0]) for o in owners)
    assert all(made[id(st)] >= 1 for st in draft.statements)
    assert all(p.reason in SKIP_REASONS and p.text.strip() for p in draft.skipped)
    assert s.counts["dropped"] == 0
    # the entries are the catalog's: unique ids, every one either read or flagged
    ids = [t.fields["id"] for t in draft.targets]
    assert len(ids) == len(set(ids))
    for t in draft.targets:
        assert t.fields["kind"] is not None or t.needs_review


@pytest.mark.parametrize(
    "folders", [(CORPUS,), (CORPUS, HOLDOUT)], ids=["corpus", "with the held-aside lists"]
)
def test_at_most_two_percent_of_the_corpus_is_read_wrong_without_a_flag(scores, folders):
    """The held-aside lists alone (49 targets) are too few for a 2 % bound: one case is 2 %.
    Scored once before the last fixes, they had 3 wrong and unflagged (6.2 %)."""
    total = Counter()
    for slug in slugs(*folders):
        total.update(scores[slug].counts)
    n = sum(total[c] for c in CLASSES)
    rates = {c: total[c] / n for c in CLASSES}
    print({c: f"{total[c]} ({rates[c]:.1%})" for c in CLASSES})
    assert total["dropped"] == 0
    assert rates["wrong_unflagged"] <= 0.02
    # and the reader is of use: most targets are read as expected (flagged or not)
    assert rates["right"] + rates["right_flagged"] >= 0.6


def test_a_list_of_more_than_twenty_six_readings_in_one_item_is_read():
    """One paragraph, no line breaks: once crashed (a 27th letter for a sub-target)."""
    from ward_analysis.onboard import parse_targets

    parts = "; ".join(f"tỷ lệ hộ ở thôn số {n} đạt {n}%" for n in range(1, 40))
    draft = parse_targets(f"Các chỉ tiêu chủ yếu đến năm 2025: 1. {parts}.", term=(2020, 2025))
    ids = [t.fields["id"] for t in draft.targets]
    assert len(ids) == 39 and ids[25:28] == ["1z", "1aa", "1ab"]
