"""Reading TimeML (.tml) and MEANTIME CAT files: plain text, gold TIMEX3 spans and the DCT."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GoldTimex", "TimeDoc", "read_meantime", "read_timeml"]


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimeDoc:
    id: str
    text: str
    dct: str
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path) -> TimeDoc:
    """A TimeML document: the text of <TEXT> with inline TIMEX3 tags removed, and the gold."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    assert dct and body, path
    text_parts: list[str] = []
    gold: list[GoldTimex] = []
    at = 0
    for token in re.split(r"(<[^>]+>)", body.group(1)):
        if token.startswith("<TIMEX3"):
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', token))
            gold.append(GoldTimex(at, -1, attrs.get("type", ""), attrs.get("value", "")))
        elif token.startswith("</TIMEX3"):
            last = gold.pop()
            gold.append(GoldTimex(last.start, at, last.type, last.value))
        elif token.startswith("<"):
            continue
        else:
            piece = _unescape(token)
            text_parts.append(piece)
            at += len(piece)
    return TimeDoc(path.stem, "".join(text_parts), dct.group(1)[:10], tuple(gold))


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def iso_day(value: str) -> str:
    """A creation time as an ISO day (its first ten characters); one MEANTIME document
    writes it day first ("03-02-2009" under the dateline "February 03 , 2009")."""
    day_first = re.match(r"(\d\d)-(\d\d)-(\d{4})$", value)
    if day_first:
        return f"{day_first[3]}-{day_first[2]}-{day_first[1]}"
    return value[:10]


#: MEANTIME annotates temporal expressions in the title and the first five sentences only
#: (sentence numbers 0-5; no TIMEX3 is anchored later in any of its 120 documents).
MEANTIME_ANNOTATED_SENTENCES = 5


def read_meantime(path: Path, last_sentence: int | None = None) -> TimeDoc:
    """A CAT document (MEANTIME, SemEval-2015 TimeLine): tokens joined with spaces as written,
    TIMEX3 gold, CREATION_TIME; cut after ``last_sentence`` when given (for MEANTIME's TIMEX3,
    :data:`MEANTIME_ANNOTATED_SENTENCES`)."""
    tree = ET.parse(path)
    tokens = {
        t.get("t_id"): t
        for t in tree.iter("token")
        if last_sentence is None or int(t.get("sentence", "0")) <= last_sentence
    }
    offsets, parts, at, previous_sentence = {}, [], 0, None
    for t_id, token in tokens.items():
        sentence = token.get("sentence")
        separator = "" if not parts else ("\n" if sentence != previous_sentence else " ")
        parts.append(separator)
        at += len(separator)
        offsets[t_id] = (at, at + len(token.text or ""))
        parts.append(token.text or "")
        at += len(token.text or "")
        previous_sentence = sentence
    dct, gold = "", []
    for timex in tree.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = iso_day(timex.get("value") or "")
        anchors = [a.get("t_id") for a in timex.iter("token_anchor")]
        if anchors and all(a in offsets for a in anchors):
            gold.append(
                GoldTimex(
                    offsets[anchors[0]][0],
                    offsets[anchors[-1]][1],
                    timex.get("type", ""),
                    timex.get("value", ""),
                )
            )
    return TimeDoc(path.stem, "".join(parts), dct, tuple(gold))
