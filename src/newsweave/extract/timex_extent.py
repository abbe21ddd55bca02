"""Where a temporal expression starts and ends, by the TimeML (TIMEX3) conventions.

The rules of :mod:`newsweave.extract.timex_rules` read a little more or less than the
expression itself, because the words around it decide its value: "in" before a year,
"over the" before a span. TimeML draws the extent this way, and so do the corpora
annotated by it (TimeBank, AQUAINT, MEANTIME):

* a preposition before the expression is a *signal*, not part of it: "in [the past three
  months]", "over [the weekend]", "on [Monday]";
* a possessive ending is not part of it: "[Friday]'s close";
* a modifier that changes the span of time is part of it: "[early next year]",
  "[nearly two years]", "[more than four hours]", "[the end of the month]",
  "[fiscal 1989]", "[around 7:15 p.m.]".

Counted on TimeBank and AQUAINT (training data of TempEval-3): of the gold expressions
with "in", "for", "on", "by", "during" or "within" beside them, the word stands outside the
expression in 546 and inside in 1; a possessive follows the expression 42 times and ends it
once; "early", "late", "earlier" and "nearly" open 48 expressions and stand before 20.
"""

from __future__ import annotations

import re

from newsweave.extract.timex_lexicon import NUMBER_PATTERN

__all__ = ["timeml_extent"]

#: A preposition that opens a rule's match, with what follows it (a signal, outside).
_SIGNAL = re.compile(
    r"(?:in|on|at|by|for|over|within|during|throughout|since|until|till|from|after|before|"
    r"through)\s+(?=\S)",
    re.IGNORECASE,
)
#: A possessive ending ("Friday's", "Friday’s").
_POSSESSIVE = re.compile(r"['’]s$")
#: Modifiers that belong to the expression after them, read backwards from its start: a
#: point within a span ("early", "the end of"), a kind of year ("fiscal").
_POINT = re.compile(
    r"(?:\b(?:[Ee]arly|[Ll]ate|[Ee]arlier|[Ll]ater|[Ff]iscal|"
    r"[Tt]he (?:end|middle|beginning|start) of) |\b(?:[Mm]id|[Ee]arly|[Ll]ate)-)$"
)
#: An approximation or a bound, which belongs to a quantity of time after it ("nearly two
#: years", "more than four hours", "around 7:15 p.m."), not to a name ("talked about
#: Monday's vote").
_BOUND = re.compile(
    r"\b(?:[Nn]early|[Aa]lmost|[Aa]bout|[Aa]round|[Aa]pproximately|[Rr]oughly|[Mm]ore than|"
    r"[Ll]ess than|[Nn]o more than|[Nn]o less than|[Aa]t least|[Aa]t most|[Uu]p to|[Oo]ver) $"
)
#: An expression that opens with a quantity: a number, a number word, "a" or "an"; not a
#: bare year or decade ("wrote about 1989", "the run-up to 2020").
_QUANTITY = re.compile(rf"(?!(?:1[5-9]|20)\d\ds?$){NUMBER_PATTERN}\b", re.IGNORECASE)
#: The article before a length of time ("for [the nine months]"), not before a point ("the
#: 2 p.m. deadline") or an adjective ("the three-day summit").
_ARTICLE = re.compile(r"\b[Tt]he $")
_ADJECTIVE = re.compile(r"-(?:second|minute|hour|day|week|month|year|decade)s?(?:-long)?$", re.I)
#: How far back a modifier is looked for: the longest, "the beginning of " and "no less than ",
#: are 17 characters; a little more allows a doubled space.
_MODIFIER_REACH = 24


def timeml_extent(
    text: str, start: int, end: int, floor: int = 0, kind: str = ""
) -> tuple[int, int]:
    """The TIMEX3 extent of the expression a rule matched at ``text[start:end]``, of TIMEX3
    type ``kind`` ("DURATION" takes an article before it).

    ``floor`` is where the previous expression ends: a modifier is never taken from it.
    Example: ``timeml_extent("sold it in early 1990.", 8, 21)`` is ``(11, 21)``.
    """
    signal = _SIGNAL.match(text, start, end)
    if signal is not None and signal.end() < end:
        start = signal.end()
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive is not None and possessive.start() > start:
        end = possessive.start()
    before = text[max(floor, start - _MODIFIER_REACH) : start]
    modifier = _POINT.search(before)
    if modifier is None and _QUANTITY.match(text, start, end):
        modifier = _BOUND.search(before)
        if modifier is None and kind == "DURATION" and not _ADJECTIVE.search(text, start, end):
            modifier = _ARTICLE.search(before)
    if modifier is not None:
        start -= len(before) - modifier.start()
    return start, end
