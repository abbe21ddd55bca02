"""Comparing names: folding, honorifics, possessives, acronyms."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["ADDRESS_FORMS", "HONORIFICS", "fold", "initials", "strip_name"]

#: Forms of address: how a name is written, never part of it nor a role.
ADDRESS_FORMS = frozenset(
    "mr mrs ms miss dr prof sir dame gen col capt lt sgt adm rev fr sen rep gov".split()
)
#: Forms of address and short titles that are not part of a name.
HONORIFICS = ADDRESS_FORMS | frozenset(
    """lord lady general colonel captain senator governor pres president minister sheikh king queen
    prince princess mayor judge justice chancellor secretary ambassador""".split()
)
#: Marks that are never part of a name at its edges: brackets, quote marks, dashes, stops.
_EDGE_MARKS = r"\s\[\](){}\"“”‘’'«»„.,;:\-–—―"
_EDGE = re.compile(rf"^[{_EDGE_MARKS}]+|[{_EDGE_MARKS}]+$")
_POSSESSIVE = re.compile(r"(?:['’]s?)$")
_STOP = frozenset({"of", "the", "and", "for", "de", "del", "la", "le", "von", "van", "&"})


def fold(name: str) -> str:
    """Lower-case, accent-free, honorific-free form of a name for comparison.

    Example: ``fold("Ms Peña’s")`` is ``"pena"``.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _POSSESSIVE.sub("", plain.strip())
    words = [w for w in re.findall(r"[\w&-]+", plain) if w.rstrip(".") not in HONORIFICS]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def strip_name(text: str, start: int, end: int) -> tuple[int, int, str]:
    """Trim brackets, quotes, a leading 'the', honorifics and a possessive off a mention."""
    paren = text.find(" (", start, end)
    if paren > start:
        end = paren  # "World Health Organization (WHO" -> the name before the bracket
    piece = text[start:end]
    lead = _EDGE.match(piece)
    if lead:
        start += lead.end()
    trail = _EDGE.search(text[start:end])
    if trail:
        end = start + trail.start()
    possessive = _POSSESSIVE.search(text[start:end])
    if possessive and possessive.start() > 0:
        end = start + possessive.start()
    words = text[start:end].split(" ")
    while len(words) > 1 and (
        words[0].lower().rstrip(".") in HONORIFICS or words[0].lower() == "the"
    ):
        start += len(words[0]) + 1
        words = words[1:]
    inner = text[start:end]
    bracket = max(inner.rfind("]"), inner.rfind("["))
    if bracket >= 0:
        start += bracket + 1
        while start < end and text[start] == " ":
            start += 1
    return start, end, text[start:end]


def initials(name: str) -> str:
    """The acronym of a multi-word name ("Organization of American States" -> "oas")."""
    return "".join(w[0] for w in fold(name).split() if w not in _STOP)
