"""Quality gate: ingesting a corpus in ten batches gives the stories of one batch.

The mixed stream (tests/eval/stream.py, 1,373 real articles) goes into one store at
once and into another in ten interleaved batches; the two partitions are compared by
B-cubed (each taken as the other's gold). Differences are bounded, not excluded: long
word lists pair neighbours by position, and positions shift as lists grow.
"""

import json

import pytest

from newsweave.config import ClusterSettings, Settings
from newsweave.corpus import ingest
from newsweave.store import open_store
from tests.eval.gate import check_floors, require
from tests.eval.stream import read_stream

pytestmark = pytest.mark.eval

BATCHES = 10


def _write(path, docs):
    with path.open("w", encoding="utf-8") as handle:
        for d in docs:
            record = {"id": d.id, "text": d.text}
            if d.published:
                record["published"] = d.published
            handle.write(json.dumps(record) + "\n")
    return path


def _partition(db):
    with open_store(db) as store:
        rows = store.conn.execute("SELECT article, story FROM story_members").fetchall()
    return dict(rows)


def _agreement(a, b):
    groups_a, groups_b = {}, {}
    for article, story in a.items():
        groups_a.setdefault(story, set()).add(article)
    for article, story in b.items():
        groups_b.setdefault(story, set()).add(article)
    precision = recall = 0.0
    for article in a:
        mine, theirs = groups_b[b[article]], groups_a[a[article]]
        both = len(mine & theirs)
        precision += both / len(mine)
        recall += both / len(theirs)
    p, r = precision / len(a), recall / len(a)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r)}


def _groups(partition):
    groups = {}
    for article, story in partition.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def _in_batches(datasets, tmp_path, regroup):
    """The stream's partition in one batch, and in ten batches grown by ``regroup``."""
    require(datasets / "ecbplus")
    docs = read_stream(datasets)
    one = tmp_path / "one.sqlite"
    ingest([_write(tmp_path / "all.jsonl", docs)], Settings(db=str(one)))
    many = tmp_path / "many.sqlite"
    grow = Settings(db=str(many), cluster=ClusterSettings(regroup=regroup))
    for k in range(BATCHES):
        ingest([_write(tmp_path / f"part{k}.jsonl", docs[k::BATCHES])], grow)
    return docs, _partition(one), _partition(many)


def test_ten_batches_agree_with_one(datasets, tmp_path):
    """Regrouping exactly the region each batch reaches (``[cluster] regroup = "exact"``)."""
    docs, a, b = _in_batches(datasets, tmp_path, "exact")
    assert set(a) == set(b) == {d.id for d in docs}
    scores = {f"batches_b3_{k}": v for k, v in _agreement(a, b).items()}
    scores["stories_one_batch"] = len(set(a.values()))
    scores["stories_ten_batches"] = len(set(b.values()))
    print(f"\n{len(set(a.values()))} stories in one batch, {len(set(b.values()))} in ten")
    check_floors("incremental", scores)


def test_ten_batches_by_default_are_one_batch(datasets, tmp_path):
    """By default a batch of at least 2% of a store's texts clusters the whole store again
    (``newsweave.corpus.intake.WHOLE_SHARE``): each tenth of the stream does, so the ten
    batches give exactly the stories of one."""
    docs, a, b = _in_batches(datasets, tmp_path, "auto")
    assert set(a) == set(b) == {d.id for d in docs}
    assert _groups(a) == _groups(b)


#: Share of the stream stored first, before the small batches are attached to it.
STORED_FIRST = 0.6


def test_small_batches_attached_to_a_store_agree_with_one(datasets, tmp_path):
    """Attaching (``[cluster] regroup = "attach"``, what a large store does with a small
    batch) keeps stored stories as they are: the difference from one batch is bounded."""
    require(datasets / "ecbplus")
    docs = read_stream(datasets)
    one = tmp_path / "one.sqlite"
    ingest([_write(tmp_path / "all.jsonl", docs)], Settings(db=str(one)))
    many = tmp_path / "many.sqlite"
    stored = int(len(docs) * STORED_FIRST)
    ingest([_write(tmp_path / "first.jsonl", docs[:stored])], Settings(db=str(many)))
    attach = Settings(db=str(many), cluster=ClusterSettings(regroup="attach"))
    rest = docs[stored:]
    for k in range(BATCHES):
        ingest([_write(tmp_path / f"part{k}.jsonl", rest[k::BATCHES])], attach)
    a, b = _partition(one), _partition(many)
    assert set(a) == set(b) == {d.id for d in docs}
    scores = {f"attached_b3_{k}": v for k, v in _agreement(a, b).items()}
    print(f"\n{len(set(a.values()))} stories in one batch, {len(set(b.values()))} attached")
    check_floors("attach", scores)
