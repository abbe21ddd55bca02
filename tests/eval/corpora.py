"""Readers for the annotated corpora in ../shared/datasets (texts and gold story clusters)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GoldDoc", "read_ecbplus", "read_multinews"]

_NO_SPACE_BEFORE = re.compile(r"^[.,;:!?%)\]}'’”]|^'s$|^n't$")


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    cluster: str
    group: int  # ECB+ topic number, for even/odd splits


def _detokenize(tokens: list[tuple[int, str]]) -> str:
    return detokenize_with_offsets(tokens)[0]


def detokenize_with_offsets(tokens: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Text from (sentence, token) pairs, one sentence a line, and each token's span."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    sentence = None
    for sent, tok in tokens:
        gap = ""
        if sentence is not None and sent != sentence:
            gap = "\n"
        elif (
            out and not _NO_SPACE_BEFORE.match(tok) and not out[-1].endswith(("(", "“", "$", "\n"))
        ):
            gap = " "
        out.append(gap)
        at += len(gap)
        spans.append((at, at + len(tok)))
        out.append(tok)
        at += len(tok)
        sentence = sent
    return "".join(out), spans


def read_ecbplus(root: Path) -> list[GoldDoc]:
    """Every ECB+ document; the gold cluster is the sub-topic (topic + ecb/ecbplus)."""
    docs = []
    for path in sorted((root / "ecbplus" / "ECB+_LREC2014" / "ECB+").glob("*/*.xml")):
        tree = ET.parse(path)
        tokens = [(int(t.get("sentence", 0)), t.text or "") for t in tree.iter("token")]
        topic = path.parent.name
        kind = "ecbplus" if path.name.endswith("ecbplus.xml") else "ecb"
        docs.append(GoldDoc(path.stem, _detokenize(tokens), f"{topic}-{kind}", int(topic)))
    return docs


def read_multinews(root: Path) -> list[GoldDoc]:
    """Multi-News sample: each cluster of source articles is one story."""
    docs = []
    path = root / "multinews_sample100" / "multinews_representative.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        parts = [p.strip() for p in record["document"].split("|||||") if p.strip()]
        for index, part in enumerate(parts):
            docs.append(GoldDoc(f"{record['id']}-{index}", part, record["id"], number))
    return docs
