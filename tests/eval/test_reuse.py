"""Quality gate: text reuse at character level on a PAN-style set of real news,
sentence-level rewrites on MRPC, and false links on same-topic negative pairs."""

from __future__ import annotations

import csv

import pytest

from newsweave.align import build_lineage, find_reuse
from newsweave.align.candidates import vocabulary_ids
from newsweave.align.local import align_tokens
from newsweave.align.tokens import tokenize
from newsweave.config import AlignSettings
from newsweave.model import Article
from tests.eval.gate import check_floors, require
from tests.eval.reuse_data import LEVELS, build_cases, read_polnear_texts
from tests.eval.reuse_scoring import CharCounts, char_counts

pytestmark = pytest.mark.eval


def _article(id_: str, text: str) -> Article:
    return Article(id=id_, source=id_, text=text, content_hash=id_)


def _detect(case):
    source, target = (
        _article(case.source_id, case.source_text),
        _article(case.target_id, case.target_text),
    )
    passages = find_reuse([source, target], AlignSettings())
    on_source = [(p.source_span if p.source == source.id else p.target_span) for p in passages]
    on_target = [(p.target_span if p.target == target.id else p.source_span) for p in passages]
    lineage = build_lineage([source, target], passages)
    return (
        [(s.start, s.end) for s in on_source],
        [(s.start, s.end) for s in on_target],
        len(lineage.groups) == 1,
    )


def pan_scores(cases) -> dict[str, float]:
    scores: dict[str, float] = {}
    total = CharCounts()
    for level in LEVELS:
        counts = CharCounts()
        linked = 0
        chosen = [c for c in cases if c.level == level]
        for case in chosen:
            on_source, on_target, is_linked = _detect(case)
            counts.add(char_counts(on_source, on_target, case.source_span, case.target_span))
            linked += is_linked
        total.add(counts)
        scores |= {f"{level}_{k}": v for k, v in counts.scores().items()}
        scores[f"{level}_pairs_detected"] = sum(1 for c in chosen if _detect(c)[1]) / len(chosen)
    scores |= {f"all_{k}": v for k, v in total.scores().items()}
    negatives = [c for c in cases if c.level == "negative"]
    false_passages = false_lineage = 0
    for case in negatives:
        on_source, _, is_linked = _detect(case)
        false_passages += bool(on_source)
        false_lineage += is_linked
    scores["negative_pairs_with_a_passage"] = false_passages / len(negatives)
    scores["negative_pairs_linked"] = false_lineage / len(negatives)
    return scores


def mrpc_scores(path, limit: int = 1500) -> dict[str, float]:
    """Does alignment find a passage in paraphrase pairs and not in the others?"""
    tp = fp = fn = 0
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1 : limit + 1]
    for quality, _, _, first, second in rows:
        ids = vocabulary_ids([tokenize(first), tokenize(second)])
        found = bool(align_tokens(ids[0], ids[1], min_words=AlignSettings().min_words))
        tp += found and quality == "1"
        fp += found and quality == "0"
        fn += (not found) and quality == "1"
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"mrpc_precision": p, "mrpc_recall": r, "mrpc_f1": 2 * p * r / (p + r) if p + r else 0.0}


def test_reuse_quality(datasets):
    require(datasets / "polnear")
    require(datasets / "mrpc" / "msr_paraphrase_train.txt")
    cases = build_cases(read_polnear_texts(datasets, "train"))
    scores = pan_scores(cases) | mrpc_scores(datasets / "mrpc" / "msr_paraphrase_train.txt")
    # floors on false links are ceilings: store them negated so "higher is better" holds
    scores["negative_pairs_without_a_passage"] = 1 - scores.pop("negative_pairs_with_a_passage")
    scores["negative_pairs_not_linked"] = 1 - scores.pop("negative_pairs_linked")
    check_floors("reuse", scores)
