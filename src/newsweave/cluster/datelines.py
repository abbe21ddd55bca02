"""A cheap guess at when an undated article was written: the latest full date it writes.

"June 9, 2009", "9 June 2009", "2009-06-09" and URL paths like "/2009/06/09/" are
read with regular expressions (no parser, no anchor). News mostly writes the dates
of what just happened, so the latest full date is near the publication date; it is
only a guess, and the pair model weighs it apart from a given publication date.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["latest_written_day", "written_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"((?:19|20)\d\d)"
# Spaces inside a date are bounded (a date line does not hold forty blanks), so a date is
# never longer than the windows around its year that :func:`_candidates` reads.
_S, _S0 = r"\s{1,4}", r"\s{0,4}"
# the look-ahead lets the engine pass over a position whose letter opens no month name
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?=[jfmasond]){_MONTH}{_S}(\d{{1,2}})(?:st|nd|rd|th)?{_S0},?{_S}{_YEAR}\b", re.I
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?{_S}(?:of{_S})?{_MONTH},?{_S}{_YEAR}\b", re.I
)
_ISO = re.compile(rf"\b{_YEAR}-(\d\d)-(\d\d)\b")
_PATH = re.compile(rf"/{_S0}{_YEAR}{_S0}/{_S0}(\d\d){_S0}/{_S0}(\d\d){_S0}/")
_PATTERNS = (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _ISO, _PATH)
_EPOCH = date(1970, 1, 1).toordinal()
#: Every full date the patterns read holds a year: they are tried only near one.
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
#: How far before and after the start of a year a full date holding it may reach ("September
#: 30th, 2009" ends with its year, at most 31 characters; "2009-09-30" and "/ 2009 / 09 / 30
#: /" start with it or five characters before, and are at most 35 characters long).
_BEFORE_YEAR = 40
_AFTER_YEAR = 40


def _candidates(text: str) -> list[tuple[int, int, int]]:
    """(year, month, day) of every full date written: what scanning the whole text with each
    pattern finds, but the patterns run only over the stretches around the years (their
    windows, merged where they meet; a date lies whole inside its year's window, so none
    crosses from one stretch into another). A match that ends where a stretch ends is
    taken again from the whole text (there the stretch's end read as a word boundary)."""
    dates = []
    for start, end in _stretches(text):
        for kind, pattern in enumerate(_PATTERNS):
            for m in pattern.finditer(text, start, end):
                if m.end() == end < len(text):
                    whole = pattern.match(text, m.start())
                    if whole is None:
                        continue
                    m = whole
                dates.append(_ymd(kind, m))
    return dates


def _stretches(text: str) -> list[tuple[int, int]]:
    """The windows around the years of ``text``, merged where they overlap or touch."""
    merged: list[tuple[int, int]] = []
    for year in _ANY_YEAR.finditer(text):
        start = max(0, year.start() - _BEFORE_YEAR)
        end = min(len(text), year.start() + _AFTER_YEAR)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _ymd(kind: int, m: re.Match[str]) -> tuple[int, int, int]:
    if kind == 0:  # month day, year
        return int(m.group(3)), _month(m.group(1)), int(m.group(2))
    if kind == 1:  # day month year
        return int(m.group(3)), _month(m.group(2)), int(m.group(1))
    return int(m.group(1)), int(m.group(2)), int(m.group(3))  # year month day


def _month(name: str) -> int:
    """A month name's number, case folded ("ſep", with a long s, which the case-blind match
    takes, is "sep"); 0, which makes no date, for any other name the table does not hold."""
    return _MONTHS.get(name.casefold(), 0)


_WEEKDAY = re.compile(r"\A(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


def written_date(value: str) -> date | None:
    """The date when the whole of ``value`` is one full date as news writes it ("12 Nov
    2019", "November 12, 2019", "Tuesday, 12 November 2019"); None for anything else.

    Example: ``written_date("Nov. 12th, 2019")`` is ``date(2019, 11, 12)``.
    """
    text = _WEEKDAY.sub("", value.strip(), count=1)
    for kind, pattern in enumerate(_PATTERNS[:2]):
        m = pattern.fullmatch(text)
        if m is not None:
            try:
                return date(*_ymd(kind, m))
            except ValueError:
                return None
    return None


#: Characters read from the start and from the end of a text: datelines, bylines and
#: "updated" notes live there, and a long text is not read whole for a guess.
HEAD_CHARS = 3000
TAIL_CHARS = 1000


def latest_written_day(text: str) -> int | None:
    """Days since 1970-01-01 of the latest valid full date in ``text``, or None.

    Example: ``latest_written_day("On June 9, 2009 ... by 10 June 2009")`` is the
    day number of 2009-06-10.
    """
    if len(text) > HEAD_CHARS + TAIL_CHARS:
        text = text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]
    days = []
    for year, month, day in _candidates(text):
        try:
            days.append(date(year, month, day).toordinal() - _EPOCH)
        except ValueError:
            continue
    return max(days) if days else None
