"""A story's headline: the most representative title, else a short line naming the event.

Cheap like the rest of the corpus tier (words and counts, no parser), and independent of
the order the articles come in.

- With titles: the title whose words the story's other titles share most (the most central
  one: a story's titles repeat the who and what of the event, while an outlier title is
  about an angle of it); ties go to the earliest published, then the smallest id. An
  outlet's name appended to a title ("... - Daily Planet") is left out. A title that does
  not read as text (a URL, as some feeds carry) does not count as one.
- Without: the lead sentence of the most central article (the one whose lead words the
  other articles' texts share most), cut to its first clause at a natural break (a comma,
  a dash, "after", "amid", "as" ...) so that it fits :data:`HEADLINE_CHARS`; a line with no
  such break is cut at a word, never mid-word and without a trailing "…".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

from newsweave.model import Article

__all__ = [
    "HEADLINE_CHARS",
    "has_title",
    "reads_as_text",
    "short_line",
    "story_headline",
    "titled_headline",
]

#: Longest headline made from a lead sentence, in characters: news headlines run 40-80.
HEADLINE_CHARS = 80
#: Shortest first clause kept as a headline (a shorter one, "On Monday", names no event).
MIN_CLAUSE_CHARS = 25
#: A line with fewer words is a dateline or a credit ("CNN —"), not the lead.
MIN_LEAD_WORDS = 5
#: Share of a line's tokens that must be words for it to read as text: a URL split into
#: tokens ("http: / / www. example. com / 887421"), a byline of symbols or a table row of
#: figures is not a lead.
MIN_WORD_SHARE = 0.6
#: A title with fewer words is a label ("Sen", "ABSTRACT"), not a headline.
MIN_TITLE_WORDS = 2
#: A line opening with "By" and a name, and no longer than this, is a byline, not text.
MAX_BYLINE_WORDS = 10

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: A token with at least two letters (a word, not a number or a stray mark).
_TWO_LETTERS = re.compile(r"[^\W\d_].*[^\W\d_]", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")
#: Words that a full stop follows without ending the sentence: titles, months, and
#: company and place abbreviations news writes before a name or a number.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gov sen rep gen col lt sgt capt cmdr adm supt rev st mt ft jr sr
    no nos vs inc corp co ltd bros dept jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
#: A single letter, or letters between full stops ("f", "u.s", "u.n"): an initial.
_INITIALS = re.compile(r"[^\W\d_](?:\.[^\W\d_])*")
#: A dateline opening a lead: "CITY, Country (Agency) — " or "CITY (Agency) - ".
_DATELINE = re.compile(r"^[A-Z][^\n()]{0,60}\([^()\n]{1,40}\)\s*[-—–_]+\s*")
#: Two letters of a script written without spaces between words (Chinese, Japanese, Thai,
#: Lao, Khmer, Myanmar), where one run of letters is a whole title.
_SPACELESS = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uf900-\ufaff]{2}"
)
_URLISH = re.compile(r"^(?:https?:|www\.)|\.(?:com|org|net|html?)\b|/")
#: A credit line: "By Ann Lee, Daily Planet", "By ANN LEE and BOB RAY".
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,|\band\b|$)")
_TITLE_PARTS = re.compile(r"\s+[|\-—–:]\s+")
#: Words a clause may break before ("fled the capital after ...", "resigned amid ...").
_BREAK_WORDS = frozenset(
    """
        after amid as while because following despite since when which who whose where but
        and with seeking saying prompting before ahead until due according following
        """.split()
)
_BREAK_MARKS = re.compile(r"\s*(?:,|;|:|\s[—–-])\s")
#: Words that do not end a headline: a cut there drops them.
_DANGLING = frozenset(
    """
        the a an of to in on at for from by with and or but as his her its their this that
        these those is are was were be has have had will would who which next last than
        about into over after before
        """.split()
)
_TIME_UNITS = frozenset(
    "day days week weeks month months year years hour hours minute minutes night".split()
)
#: Common words that say nothing about which story a title or lead is about.
_STOP = frozenset(
    """
        the a an of to in on at for from by with and or but as is are was were be been has have
        had will would said says after over into its his her their this that than about more
        """.split()
)


def story_headline(articles: Sequence[Article]) -> str:
    """The headline of a story made of ``articles`` ("" when none has any words).

    Example: three titles "Minister resigns", "Minister resigns over audit" and "Markets
    rally" give "Minister resigns over audit"; untitled articles give the first clause of
    the most central lead sentence.
    """
    titled = [a for a in articles if has_title(a)]
    if titled:
        return titled_headline(titled)
    if not articles:
        return ""
    texts = Counter(w for a in articles for w in _words(a.text))
    chosen = _central(articles, lambda a: _words(_lead(a.text)), texts)
    return short_line(_lead(chosen.text))


def titled_headline(titled: Sequence[Article]) -> str:
    """The headline of a story from those of its articles that :func:`has_title` (at least
    one): the most central title, without an appended outlet name."""
    if len(titled) == 1:  # the most central of one title is itself
        return _without_outlet(titled[0])
    words = [_words(a.title or "") for a in titled]  # each title's words, once
    of = dict(zip((a.id for a in titled), words, strict=True))
    counts = Counter(w for ws in words for w in ws)
    return _without_outlet(_central(titled, lambda a: of[a.id], counts))


def short_line(sentence: str, limit: int = HEADLINE_CHARS) -> str:
    """``sentence`` as a headline of at most ``limit`` characters: whole when it fits, else its
    first clause up to the latest natural break that fits, else cut at a word.

    Example: ``short_line("Ann Lee left for Lima on Monday after a week of talks with ...")``
    is ``"Ann Lee left for Lima on Monday"``.
    """
    line = " ".join(sentence.split()).rstrip(" .")
    if len(line) <= limit:
        return line
    breaks = [b for b in _breaks(line) if MIN_CLAUSE_CHARS <= b <= limit]
    if breaks:
        return line[: max(breaks)].rstrip(" ,;:—–-")
    words = line[: limit + 1].rsplit(" ", 1)[0].split()
    while len(words) > 1 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:—–-")


def _breaks(line: str) -> list[int]:
    """Positions where a first clause may end: before punctuation that closes a clause, and
    before a word that opens the next one ("a day after" breaks before "a day")."""
    found = [m.start() for m in _BREAK_MARKS.finditer(line)]
    words = [(m.start(), m.group().lower()) for m in re.finditer(r"\S+", line)]
    for k, (start, word) in enumerate(words):
        if word.strip(",;:") not in _BREAK_WORDS or k == 0:
            continue
        if k >= 2 and words[k - 1][1] in _TIME_UNITS:  # "a day after", "two weeks before"
            start = words[k - 2][0]
        found.append(start - 1)
    return found


def _lead(text: str) -> str:
    """The first sentence of the first line that reads as text (not a dateline or credit)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    line = next((x for x in lines if reads_as_text(x, MIN_LEAD_WORDS)), lines[0] if lines else "")
    line = _DATELINE.sub("", line)
    return first_sentence(line)


def first_sentence(line: str) -> str:
    """``line`` up to its first sentence end, where a full stop after a title or an initial
    ("Mr.", "Gov.", "Oct.", "John F.", "U.S.") ends none.

    Example: ``first_sentence("Mr. Lee met Gov. Ann Okafor. Both spoke.")`` is
    ``"Mr. Lee met Gov. Ann Okafor."``.
    """
    for end in _SENTENCE_END.finditer(line):
        before = line[: end.start()].rstrip('"”’')
        word = before.rsplit(None, 1)[-1].rstrip(".").lstrip('("“‘').lower() if before else ""
        if word not in _ABBREVIATIONS and not _INITIALS.fullmatch(word):
            return (line[: end.start()] + end.group().strip()).strip()
    return line.strip()


def has_title(article: Article) -> bool:
    """Whether ``article`` has a title that reads as a headline: words, not a URL (as some
    feeds carry), a one-word label ("ABSTRACT") or a bare dateline ("NAIROBI, Kenya (AP) _").
    """
    return _reads_as_title(article.title or "")


#: Titles whose :func:`has_title` answer is kept (a story's titles are read twice: to pick
#: its titled articles, then to pick among them).
TITLES_KEPT = 1 << 16


@lru_cache(maxsize=TITLES_KEPT)
def _reads_as_title(title: str) -> bool:
    title = title.strip()
    words = MIN_TITLE_WORDS if not _SPACELESS.search(title) else 1
    return reads_as_text(title, words) and bool(_DATELINE.sub("", title).strip())


def reads_as_text(line: str, min_words: int) -> bool:
    """Whether ``line`` has ``min_words`` words, is mostly words (see :data:`MIN_WORD_SHARE`)
    and is not a byline.

    Example: ``reads_as_text("Rescuers reached the village on Monday", 5)`` is True;
    ``reads_as_text("http: / / www. example. com / 887421", 5)`` is False.
    """
    tokens = line.split()
    if _BYLINE.match(line) and len(tokens) <= MAX_BYLINE_WORDS:
        return False
    words = sum(1 for t in tokens if _is_word(t))
    return words >= min_words and words >= MIN_WORD_SHARE * len(tokens)


def _is_word(token: str) -> bool:
    """A token with two letters that is not part of a web address (most tokens are plain
    words, which ``isalpha`` answers without the patterns)."""
    if len(token) > 1 and token.isalpha():
        return True
    return bool(_TWO_LETTERS.search(token)) and not _URLISH.search(token)


def _words(text: str) -> set[str]:
    return {w.lower().strip("'’") for w in _WORD.findall(text)} - _STOP


def _central(
    articles: Sequence[Article], words_of: Callable[[Article], set[str]], counts: Counter[str]
) -> Article:
    """The article whose words the others share most (mean, over its words, of the share of
    the other articles holding each); ties to the earliest published, then the smallest id."""
    others = max(1, len(articles) - 1)

    def rank(article: Article) -> tuple[float, str, str]:
        shared = [(counts[w] - 1) / others for w in words_of(article)]  # its own is no support
        score = math.fsum(shared) / len(shared) if shared else 0.0  # exact: no order effect
        return (-score, article.published or "~", article.id)

    return min(articles, key=rank)


def _without_outlet(article: Article) -> str:
    """The title without the outlet's name appended or prefixed ("... | Daily Planet")."""
    title = " ".join((article.title or "").split())
    outlet = (article.outlet or "").casefold().strip()
    cuts = list(_TITLE_PARTS.finditer(title))
    if not outlet or not cuts:
        return title
    last, first = title[cuts[-1].end() :], title[: cuts[0].start()]
    if outlet in last.casefold() and len(last.split()) <= 4:
        return title[: cuts[-1].start()]
    if outlet in first.casefold() and len(first.split()) <= 4:
        return title[cuts[0].end() :]
    return title
