"""Words and their weights for the corpus tier: folding, tokens, background idf, stable ids.

No NLP model: words are regular-expression tokens of the case- and accent-folded
text. A word's weight comes from its frequency in general English (the
``wordfreq`` package), not from the corpus at hand, so an article's vector never
changes as a store grows, two batches weigh words alike, and one threshold means
the same thing on a pile of ten articles and on a firehose of a million.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from newsweave.cluster.tokens import FNV_OFFSET, FNV_PRIME

__all__ = [
    "STOP_WORDS",
    "UNKNOWN_IDF",
    "background_idf",
    "content_words",
    "fold",
    "fold_casefolded",
    "frequencies",
    "term_id",
    "words",
]

#: Function words and reporting verbs: in every story, so evidence of none.
STOP_WORDS = frozenset(
    """
        a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing down during each few
        for from further had has have having he her here hers herself him himself his how i if
        in into is it its itself just me more most my myself no nor not now of off on once only
        or other our ours ourselves out over own same she should so some such than that the
        their theirs them themselves then there these they this those through to too under until
        up very was we were what when where which while who whom why will with would you your
        yours yourself yourselves said says say told according new one two also would could may
        might must shall us mr mrs ms
        """.split()
)

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
#: Frequency given to words general English does not know (names, typos): about one in
#: a hundred million words, the rarest wordfreq lists.
FLOOR_FREQUENCY = 1e-8
#: Words more frequent than this in general English carry no story information
#: ("the", "people"): weight 0. About 1 in 2,000 words (Zipf 5.7).
MAX_FREQUENCY = 5e-4


@cache
def _combining() -> dict[int, None]:
    return dict.fromkeys(
        c for c in range(0x300, 0x2000) if unicodedata.combining(chr(c))
    ) | dict.fromkeys(c for c in range(0x20D0, 0x2100) if unicodedata.combining(chr(c)))


@cache
def _combining_pattern() -> re.Pattern[str]:
    """The combining marks of :func:`_combining` as one character class (a regular
    expression removes them far faster than ``str.translate`` with a table)."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_combining())) + "]")


def fold(text: str) -> str:
    """Case-folded, accents removed, curly apostrophes made straight.

    Example: ``fold("Núñez’s")`` is ``"nunez's"``.
    """
    return fold_casefolded(text.casefold())


def fold_casefolded(text: str) -> str:
    """:func:`fold` of a text already case-folded (``str.casefold``), for a caller that needs
    the case-folded text too.

    Example: ``fold_casefolded("núñez’s")`` is ``"nunez's"``.
    """
    if not text.isascii():
        text = _combining_pattern().sub("", unicodedata.normalize("NFKD", text)).replace("’", "'")
    return text


def words(text: str) -> list[str]:
    """Every word of ``text``, folded, in order (stop words included: shingles need them)."""
    return _WORD.findall(fold(text))


def content_words(folded_words: Iterable[str]) -> list[str]:
    """The words that can say what a story is about: no stop words, no one-letter words."""
    return [w for w in folded_words if len(w) > 1 and w not in STOP_WORDS]


@cache
def frequencies() -> dict[str, float]:
    """English word frequencies (``wordfreq``) by folded word, the highest where two fold
    alike. All words are folded in one call (folding works character by character, so the
    lines of the joined text are the folded words)."""
    import wordfreq

    source = wordfreq.get_frequency_dict("en")
    table: dict[str, float] = {}
    for key, frequency in zip(fold("\n".join(source)).split("\n"), source.values(), strict=True):
        if frequency > table.get(key, 0.0):
            table[key] = frequency
    return table


_IDF_CACHE: dict[str, float] = {}


def background_idf(word: str) -> float:
    """``ln(1 / frequency)`` of a folded word in general English; 0 for very common words.

    Example: ``background_idf("earthquake") > background_idf("government")``
    """
    value = _IDF_CACHE.get(word)
    if value is None:
        value = _idf(word)
        if len(_IDF_CACHE) < 2_000_000:
            _IDF_CACHE[word] = value
    return value


def _idf(word: str) -> float:
    if any(c.isdigit() for c in word):
        import wordfreq

        frequency = wordfreq.word_frequency(word, "en")  # its own estimate for numbers
    else:
        frequency = frequencies().get(word, 0.0)
    if frequency > MAX_FREQUENCY:
        return 0.0
    return math.log(1.0 / max(frequency, FLOOR_FREQUENCY))


_ID_CACHE: dict[str, int] = {}


def term_id(word: str) -> int:
    """A stable 63-bit id of a word: the same in every process, engine and release (the
    64-bit FNV-1a hash of its code points, halved), and the id the compiled scanner
    (:mod:`newsweave.cluster.tokens`) gives the same word.

    Example: ``term_id("harbour") == term_id("harbour")``
    """
    value = _ID_CACHE.get(word)
    if value is None:
        h = FNV_OFFSET
        for character in word:
            h = ((h ^ ord(character)) * FNV_PRIME) & _MASK
        value = h >> 1
        if len(_ID_CACHE) < 2_000_000:
            _ID_CACHE[word] = value
    return value


_MASK = (1 << 64) - 1
#: idf of a word general English does not know (a name, a typo): that of FLOOR_FREQUENCY.
UNKNOWN_IDF = math.log(1.0 / FLOOR_FREQUENCY)
