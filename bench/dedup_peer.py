"""The firehose benchmark's peer, datasketch MinHashLSH + union-find, and the corpus scorers.

    python bench/dedup_peer.py /tmp/firehose10k                   # LSH threshold 0.5
    python bench/dedup_peer.py /tmp/firehose10k --threshold 0.8
    python bench/dedup_peer.py /tmp/firehose10k --sweep 0.3,0.4,0.5,0.6,0.7,0.8,0.9

The peer reads ``articles.jsonl`` in feed order; each article's ``text`` (the title is left
out) becomes words folded to lower case without accents, then a set of 5-word shingles, then a
128-permutation MinHash; the article is queried against the LSH index of the articles before it
and inserted; union-find over the query results gives the duplicate clusters. It prints
articles/s, peak memory (``peak_mb``: of the process, which reads the corpus as a stream) and
pairwise duplicate precision/recall/F1 against ``gold.jsonl``. ``--sweep`` runs one process
per threshold, so each peak is its own.

Threshold: on the 10k corpus (seed 7) 0.5 recovers the gold ``dup`` clusters best: pairwise
F1 0.988 (P 0.990, R 0.987); 0.4 gives 0.986 (P 0.975, more false merges), 0.6 0.948 and 0.8
0.598 (R 0.43): wire copies with 3-4% of the words changed and a sentence dropped have a
5-shingle Jaccard of 0.55-0.75, so at 0.8 only 28% of them join their source.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["datasketch_dedup", "fold_words", "read_gold", "score_duplicates", "score_stories"]

#: The LSH threshold that best recovers the gold duplicate clusters of the 10k corpus.
BEST_THRESHOLD = 0.5

Gold = Mapping[str, str] | Iterable[Mapping[str, Any]]


def fold_words(text: str) -> list[str]:
    """Words of ``text`` in lower case, accents stripped, punctuation dropped.

    >>> fold_words("Café, déjà-vu!")
    ['cafe', 'deja', 'vu']
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return plain.split()


def _shingles(words: list[str], size: int) -> set[bytes]:
    if len(words) < size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def datasketch_dedup(
    records: Iterable[Mapping[str, Any]],
    *,
    num_perm: int = 128,
    shingle: int = 5,
    threshold: float = 0.8,
) -> list[list[str]]:
    """Duplicate clusters of ``records`` (dicts with ``id`` and ``text``) by MinHashLSH.

    Every id is in exactly one cluster (unduplicated articles in clusters of one), clusters
    in the order of their first article.

    >>> docs = [{"id": "a", "text": "one two three four five six"},
    ...         {"id": "b", "text": "one two three four five six"}, {"id": "c", "text": "other"}]
    >>> datasketch_dedup(docs, threshold=0.5)
    [['a', 'b'], ['c']]
    """
    from datasketch import MinHash, MinHashLSH  # the peer's own dependency, bench extra

    template = MinHash(num_perm=num_perm)  # its permutations, made once, serve every article
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    ids: list[str] = []
    groups = _UnionFind()
    for record in records:
        minhash = MinHash(
            num_perm=num_perm, permutations=template.permutations, scheme=template.scheme
        )
        minhash.update_batch(_shingles(fold_words(record["text"]), shingle))
        index = groups.add()
        ids.append(record["id"])
        for other in lsh.query(minhash):
            groups.union(index, other)
        lsh.insert(index, minhash)
    clusters: dict[int, list[str]] = {}
    for index, id_ in enumerate(ids):
        clusters.setdefault(groups.find(index), []).append(id_)
    return list(clusters.values())


def _labels(gold: Gold, field: str) -> dict[str, str]:
    if isinstance(gold, Mapping):
        return {str(k): str(v) for k, v in gold.items()}
    return {str(row["id"]): str(row[field]) for row in gold}


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def _contingency(
    predicted: Mapping[str, str], gold: Mapping[str, str]
) -> tuple[Counter[tuple[str, str]], Counter[str], Counter[str]]:
    """Cell, predicted-cluster and gold-cluster sizes over the gold items; an item the
    prediction does not mention is a cluster of its own."""
    cells: Counter[tuple[str, str]] = Counter()
    for item, label in gold.items():
        cells[(predicted.get(item, "\0" + item), label)] += 1
    rows: Counter[str] = Counter()
    columns: Counter[str] = Counter()
    for (row, column), n in cells.items():
        rows[row] += n
        columns[column] += n
    return cells, rows, columns


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_duplicates(predicted_clusters: Iterable[Iterable[str]], gold: Gold) -> dict[str, float]:
    """Pairwise precision, recall and F1 of same-duplicate-cluster pairs against gold ``dup``.

    ``gold`` maps id to gold duplicate cluster, or is the rows of ``gold.jsonl``. Counted from
    cluster-overlap sizes (no pair is enumerated), over the gold ids.

    >>> score_duplicates([["a", "b"], ["c"]], {"a": "d1", "b": "d1", "c": "d1"})["recall"]
    0.3333333333333333
    """
    labels = {item: str(n) for n, cluster in enumerate(predicted_clusters) for item in cluster}
    cells, rows, columns = _contingency(labels, _labels(gold, "dup"))
    true = sum(_pairs(n) for n in cells.values())
    found, wanted = sum(_pairs(n) for n in rows.values()), sum(_pairs(n) for n in columns.values())
    precision = true / found if found else 1.0
    recall = true / wanted if wanted else 1.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": _f1(precision, recall),
        "predicted_pairs": found,
        "gold_pairs": wanted,
        "true_pairs": true,
    }


def score_stories(predicted: Mapping[str, str], gold: Gold) -> dict[str, float]:
    """B-cubed precision, recall and F1 and the adjusted Rand index against gold ``story``.

    ``predicted`` maps id to predicted story; ``gold`` maps id to gold story or is the rows of
    ``gold.jsonl``. Over the gold ids; an id without a prediction is a story of its own.

    >>> score_stories({"a": "x", "b": "x", "c": "y"}, {"a": "s", "b": "s", "c": "t"})["ari"]
    1.0
    """
    cells, rows, columns = _contingency(predicted, _labels(gold, "story"))
    total = sum(rows.values())
    precision = sum(n * n / rows[r] for (r, _), n in cells.items()) / total
    recall = sum(n * n / columns[c] for (_, c), n in cells.items()) / total
    index = sum(_pairs(n) for n in cells.values())
    row_pairs, column_pairs = sum(map(_pairs, rows.values())), sum(map(_pairs, columns.values()))
    expected = row_pairs * column_pairs / _pairs(total) if total > 1 else 0.0
    most = (row_pairs + column_pairs) / 2
    ari = (index - expected) / (most - expected) if most != expected else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall), "ari": ari}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def read_gold(folder: Path) -> list[dict[str, Any]]:
    """The rows of ``folder/gold.jsonl``."""
    return list(read_jsonl(folder / "gold.jsonl"))


def copy_recall(clusters: list[list[str]], gold: list[dict[str, Any]]) -> dict[str, float]:
    """Per copy kind, the share of articles put in one cluster with the text they copy."""
    label = {item: n for n, cluster in enumerate(clusters) for item in cluster}
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in gold:
        if row.get("source") and row["kind"] in ("reprint", "wire_edit", "rewrite"):
            total[row["kind"]] += 1
            found[row["kind"]] += label.get(row["id"]) == label.get(row["source"])
    return {kind: found[kind] / n for kind, n in sorted(total.items())}


def peak_mb(pid: int | None = None) -> float:
    """The most memory a process (this one by default) has held so far, in MB: ``VmHWM`` on
    Linux, which a new program starts afresh, where ``ru_maxrss`` keeps the high-water mark
    of the process it was started from (a benchmark that once read a 1 GB corpus made every
    later child report 3 GB); this process's ``ru_maxrss`` elsewhere, 0 for another's."""
    try:
        with open(f"/proc/{pid or 'self'}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0 if pid else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(folder: Path, threshold: float) -> dict[str, Any]:
    """Time the peer on ``folder/articles.jsonl`` and score it against ``folder/gold.jsonl``."""
    started = time.perf_counter()
    clusters = datasketch_dedup(read_jsonl(folder / "articles.jsonl"), threshold=threshold)
    seconds = time.perf_counter() - started
    peak = peak_mb()
    articles = sum(map(len, clusters))
    gold = read_gold(folder)
    return {
        "threshold": threshold,
        "articles": articles,
        "seconds": seconds,
        "articles_per_s": articles / seconds,
        "peak_mb": peak,
        "clusters": len(clusters),
        "duplicates": score_duplicates(clusters, gold),
        "copy_recall": copy_recall(clusters, gold),
    }


def _line(result: dict[str, Any]) -> str:
    dup = result["duplicates"]
    kinds = ", ".join(f"{k} {v:.3f}" for k, v in result["copy_recall"].items())
    return (
        f"t={result['threshold']:.2f}  {result['articles']:,} articles in "
        f"{result['seconds']:.1f}s = {result['articles_per_s']:,.0f}/s, peak "
        f"{result['peak_mb']:,.0f} MB; dup pairs P {dup['precision']:.3f} R {dup['recall']:.3f} "
        f"F1 {dup['f1']:.3f} ({dup['predicted_pairs']:,} predicted, {dup['gold_pairs']:,} gold); "
        f"copies with their source: {kinds}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, help="folder with articles.jsonl and gold.jsonl")
    parser.add_argument("--threshold", type=float, default=BEST_THRESHOLD)
    parser.add_argument("--sweep", help="comma-separated thresholds, one process each")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    if not args.sweep:
        result = run(args.corpus, args.threshold)
        print(json.dumps(result) if args.json else _line(result))
        return
    for threshold in args.sweep.split(","):
        command = [sys.executable, __file__, str(args.corpus), "--threshold", threshold, "--json"]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        print(_line(json.loads(output)), flush=True)


if __name__ == "__main__":
    main()
