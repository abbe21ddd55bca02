"""Quality gate: article text and metadata from web pages.

Scored on the project's own fixture pages (``tests/web/fixtures``: realistic news pages with
navigation, cookie banners, related links, comments, metadata in meta tags, JSON-LD and URLs,
a legacy encoding declared only in the page), against gold main text written by hand. Main
text is scored by characters: the longest common subsequence of the extracted and the gold
text (whitespace folded) gives precision and recall, summed over pages (micro-averaged).

A real page set is scored too where one is present: the Article Extraction Benchmark layout
(``<datasets>/article-extraction-benchmark/ground-truth.json`` and ``html/<id>.html.gz``).
"""

from __future__ import annotations

import gzip
import json

import pytest
from rapidfuzz.distance import LCSseq

from newsweave.errors import DocumentError
from newsweave.web.pages import read_page
from newsweave.web.records import Response
from tests.eval.gate import check_floors, datasets_root
from tests.web.helpers import response
from tests.web.site import gold_pages

pytestmark = pytest.mark.eval


def folded(text: str) -> str:
    return " ".join(text.split())


def matched_chars(extracted: str, gold: str) -> int:
    """Characters of the longest common subsequence of the two texts (in order)."""
    return int(LCSseq.similarity(extracted, gold))


def text_scores(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Micro-averaged character precision, recall and F1 of (extracted, gold) texts."""
    matched = extracted = expected = 0
    for system, gold in pairs:
        system, gold = folded(system), folded(gold)
        matched += matched_chars(system, gold)
        extracted += len(system)
        expected += len(gold)
    precision = matched / extracted if extracted else 0.0
    recall = matched / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"text_precision": precision, "text_recall": recall, "text_f1": f1}


def same(field: str, found: str | None, gold: str) -> bool:
    if found is None:
        return False
    if field == "published":
        return found[:10] == gold
    return folded(found).casefold() == folded(gold).casefold()


def test_web_extraction_quality():
    pages = gold_pages()
    pairs, hits = [], {"title": 0, "outlet": 0, "published": 0}
    for path, gold in pages.items():
        document = read_page(response(path), path)
        pairs.append((document.text, gold["text"]))
        for field in hits:
            value = document.found.get(field)
            hits[field] += same(field, value[0] if value else None, gold[field])
    scores = text_scores(pairs)
    scores.update({f"{field}_accuracy": hits[field] / len(pages) for field in hits})
    check_floors("web", scores)


def test_real_page_set_when_present():
    root = datasets_root() / "article-extraction-benchmark"
    if not (root / "ground-truth.json").is_file():
        pytest.skip(f"no real page set at {root} (Article Extraction Benchmark layout)")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = []
    for key, gold in sorted(truth.items()):
        body = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        page = Response(gold.get("url", key), gold.get("url", key), 200, {}, body, "")
        try:
            text = read_page(page, key).text
        except DocumentError:  # a page the reader rejects scores zero recall
            text = ""
        pairs.append((text, gold.get("articleBody", "")))
    scores = text_scores(pairs)
    print("\n[web, real pages] " + ", ".join(f"{k}={v:.3f}" for k, v in sorted(scores.items())))
