"""PolNeAR attributions as gold direct quotes with speakers.

A gold direct quote is a segment inside quotation marks within the Content of an
attribution (the marks may sit just outside the Content span); its speaker is that
attribution's Source. Documents annotated twice use the first annotation (sorted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GoldQuote", "QuoteDoc", "read_polnear"]

_QUOTED = re.compile(r"[“\"]([^“”\"]+?)[”\"]")
_MARKS = '“”"'


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    sources: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class QuoteDoc:
    id: str
    text: str
    quotes: tuple[GoldQuote, ...]


def _annotations(path: Path) -> tuple[dict[str, tuple[str, int, int, str]], list[dict[str, str]]]:
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, middle, text = [*line.split("\t"), "", ""][:3]
            fields = middle.replace(";", " ").split()
            if len(fields) >= 3:
                spans[tid] = (fields[0], int(fields[1]), int(fields[-1]), text)
        elif line.startswith("E"):
            events.append(dict(part.split(":", 1) for part in line.split("\t")[1].split()))
    return spans, events


def _quoted_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if start > 0 and text[start - 1] in _MARKS:
        start -= 1
    while end < len(text) and text[end] in ".,;:!? " and end - start < len(text):
        if text[end] in _MARKS:
            break
        end += 1
    if end < len(text) and text[end] in _MARKS:
        end += 1
    segments = []
    for match in _QUOTED.finditer(text, start, end):
        inner_start, inner_end = match.span(1)
        while inner_start < inner_end and text[inner_start].isspace():
            inner_start += 1
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        if inner_end > inner_start:
            segments.append((inner_start, inner_end))
    return segments


def read_polnear(root: Path, split: str) -> list[QuoteDoc]:
    """Articles of one split (train or dev) with their gold direct quotes."""
    folder = root / "polnear" / "data" / split
    docs = []
    annotations = sorted((folder / "attributions").glob("*.ann"))
    seen = set()
    for ann in annotations:
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in seen or not (folder / "text" / f"{stem}.txt").exists():
            continue
        seen.add(stem)
        text = (folder / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        spans, events = _annotations(ann)
        quotes = []
        for event in events:
            contents = [
                spans[v] for k, v in event.items() if k.startswith("Content") and v in spans
            ]
            sources = tuple(
                (spans[v][1], spans[v][2], spans[v][3])
                for k, v in event.items()
                if k.startswith("Source") and v in spans
            )
            for _, start, end, _ in contents:
                quotes.extend(
                    GoldQuote(a, b, sources) for a, b in _quoted_segments(text, start, end)
                )
        docs.append(QuoteDoc(stem, text, tuple(sorted(set(quotes), key=lambda q: q.start))))
    return docs
