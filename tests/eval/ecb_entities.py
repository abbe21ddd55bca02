"""ECB+ gold: participant and location mentions linked across documents (CROSS_DOC_COREF)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.eval.corpora import detokenize_with_offsets
from tests.eval.meantime_entities import EntityDoc

__all__ = ["read_ecb_entities"]

#: Capitalised words that open a mention without making it a name (sentence-initial pronouns,
#: determiners): such mentions are nominal or pronominal, which newsweave does not track.
_NOT_NAMES = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "its",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "police",
    ]
)

#: ECB+ markable tags scored, by the MEANTIME-style type newsweave's types are checked against.
TAGS = {
    "HUMAN_PART_PER": "PER",
    "HUMAN_PART_ORG": "ORG",
    "LOC_GEO": "LOC",
    "LOC_FAC": "LOC",
    "LOC_OTHER": "LOC",
}


def read_ecb_entities(path: Path) -> EntityDoc:
    """Named-like gold mentions (first token capitalised) with their cross-document chain."""
    tree = ET.parse(path)
    tokens = list(tree.iter("token"))
    text, spans = detokenize_with_offsets(
        [(int(t.get("sentence", 0)), t.text or "") for t in tokens]
    )
    offsets = {t.get("t_id"): span for t, span in zip(tokens, spans, strict=True)}
    words = {t.get("t_id"): t.text or "" for t in tokens}
    markables = {m.get("m_id"): m for m in tree.find("Markables") or []}
    found = []
    for link in tree.iter("CROSS_DOC_COREF"):
        target = next((t.get("m_id") for t in link.iter("target")), None)
        chain = markables.get(target).get("instance_id") if target in markables else None
        chain = chain or link.get("note")
        for source in link.iter("source"):
            mention = markables.get(source.get("m_id"))
            if mention is None or mention.tag not in TAGS:
                continue
            anchors = [a.get("t_id") for a in mention.iter("token_anchor")]
            first = words[anchors[0]] if anchors and anchors[0] in words else ""
            if (
                anchors
                and all(a in offsets for a in anchors)
                and first[:1].isupper()
                and first.lower() not in _NOT_NAMES
            ):
                found.append(
                    (offsets[anchors[0]][0], offsets[anchors[-1]][1], chain, TAGS[mention.tag])
                )
    return EntityDoc(path.stem, text, tuple(sorted(set(found))))
