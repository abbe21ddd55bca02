"""Quality gate: exact and near-duplicates on planted copies (reprints, wire copies with
light edits), against rewrites and unrelated texts that must stay apart.

A 4,000-article corpus of the firehose benchmark (bench/firehose_corpus.py, real text from
../shared/datasets, fixed seed) goes through ``newsweave ingest``; its duplicate clusters are
scored pairwise against the planted ``dup`` gold, and per kind of copy.
"""

import sqlite3
import sys

import pytest

from newsweave.config import Settings
from newsweave.corpus import ingest
from tests.eval.gate import REPO, check_floors, require

pytestmark = pytest.mark.eval

ARTICLES = 4000


def test_planted_duplicates(datasets, tmp_path):
    require(datasets / "polnear")
    sys.path.insert(0, str(REPO))
    from bench.dedup_peer import copy_recall, read_gold, score_duplicates
    from bench.firehose_corpus import build_corpus, write_corpus

    articles, _ = build_corpus(datasets, ARTICLES, seed=11)
    write_corpus(articles, tmp_path / "corpus", seed=11)
    db = tmp_path / "store.sqlite"
    ingest([tmp_path / "corpus" / "articles.jsonl"], Settings(db=str(db)))
    conn = sqlite3.connect(db)
    clusters: dict[str, list[str]] = {}
    for article, rep in conn.execute("SELECT article, representative FROM duplicates"):
        clusters.setdefault(rep, []).append(article)
    gold = read_gold(tmp_path / "corpus")
    scores = {f"dup_{k}": v for k, v in score_duplicates(list(clusters.values()), gold).items()}
    scores = {k: v for k, v in scores.items() if k in ("dup_precision", "dup_recall", "dup_f1")}
    scores |= {f"joined_{k}": v for k, v in copy_recall(list(clusters.values()), gold).items()}
    check_floors("duplicates", scores)
