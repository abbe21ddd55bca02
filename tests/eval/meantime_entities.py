"""MEANTIME gold: named entity mentions (character spans) and their cross-document instances."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tests.eval.timeml import read_meantime

__all__ = ["EntityDoc", "read_meantime_entities"]

#: MEANTIME entity types scored, and the OntoNotes types newsweave gives them.
TYPES = {"PER": {"PERSON"}, "ORG": {"ORG", "NORP"}, "LOC": {"GPE", "LOC", "FAC"}}


@dataclass(frozen=True)
class EntityDoc:
    id: str
    text: str
    mentions: tuple[tuple[int, int, str, str], ...]  # start, end, instance id, MEANTIME type


def read_meantime_entities(path: Path) -> EntityDoc:
    base = read_meantime(path)
    tree = ET.parse(path)
    offsets = _token_offsets(tree, base.text)
    mentions = {m.get("m_id"): m for m in tree.iter("ENTITY_MENTION")}
    targets = {e.get("m_id"): e for e in tree.iter("ENTITY") if e.get("instance_id")}
    found = []
    for link in tree.iter("REFERS_TO"):
        target = next((t.get("m_id") for t in link.iter("target")), None)
        entity = targets.get(target)
        if entity is None or entity.get("ent_type") not in TYPES:
            continue
        for source in link.iter("source"):
            mention = mentions.get(source.get("m_id"))
            if mention is None or mention.get("syntactic_type") != "NAM":
                continue
            anchors = [a.get("t_id") for a in mention.iter("token_anchor")]
            if anchors and all(a in offsets for a in anchors):
                found.append(
                    (
                        offsets[anchors[0]][0],
                        offsets[anchors[-1]][1],
                        entity.get("instance_id"),
                        entity.get("ent_type"),
                    )
                )
    return EntityDoc(path.stem, base.text, tuple(sorted(set(found))))


def _token_offsets(tree: ET.ElementTree, text: str) -> dict[str, tuple[int, int]]:
    offsets, at = {}, 0
    for token in tree.iter("token"):
        word = token.text or ""
        at = text.find(word, at)
        offsets[token.get("t_id")] = (at, at + len(word))
        at += len(word)
    return offsets
