"""Quality gate: lineage on planted copies (reprints, wire copies with light edits, rewrites).

A 4,000-article corpus of the firehose benchmark (bench/firehose_corpus.py, real text from
../shared/datasets, the seed of tests/eval/test_duplicates.py); each gold story of two or
more articles goes alone through reuse and lineage, as ``newsweave analyze --story`` runs
it, and its lineage groups are scored against the planted roots
(tests/eval/lineage_scoring.py; ``python bench/lineage_bench.py`` on the benchmark's seed).
"""

import sys

import pytest

from tests.eval.gate import REPO, check_floors, require

pytestmark = pytest.mark.eval

ARTICLES = 4000


def test_planted_lineage(datasets):
    require(datasets / "polnear")
    sys.path.insert(0, str(REPO))
    from bench.lineage_bench import planted_stories, score_lineage

    stories, gold = planted_stories(datasets, ARTICLES, seed=11)
    ours, _, _ = score_lineage(stories, gold)
    check_floors("lineage", ours)
