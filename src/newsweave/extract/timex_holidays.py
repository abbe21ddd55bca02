"""Named days: holidays whose date a reader knows ("Christmas Eve", "Good Friday",
"Thanksgiving"), read as dates like a month and day without a year.

Only names with one date in English news are listed: the Christian feasts (fixed, or moved
with Easter, computed by the Gregorian computus), New Year's Day and Eve, and the US
federal days that US reports name without a date ("Labor Day", "Election Day"). Names
that mean different days in different countries ("Independence Day", "Mother's Day",
"Labour Day") are left out: a wrong date is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsweave.extract.timex_calendar import year_number
from newsweave.extract.timex_resolve import YEAR_STEPS, Context, Reading

__all__ = [
    "FEAST_WEEKDAY_PREFIXES",
    "NAMES_PATTERN",
    "NAME_PATTERN",
    "easter",
    "holiday_date",
    "read_holiday",
    "read_holiday_in_context",
]


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian; the anonymous algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's name)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Monday 0) of a month; ``n = -1`` the last."""
    if n < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _from_easter(days: int) -> Callable[[int], date]:
    return lambda year: easter(year) + timedelta(days=days)


def _nth(month: int, weekday: int, n: int, after: int = 0) -> Callable[[int], date]:
    return lambda year: _nth_weekday(year, month, weekday, n) + timedelta(days=after)


MONDAY, THURSDAY = 0, 3

#: Each name (lower case, apostrophes straight) and its date in a given year.
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "boxing day": _fixed(12, 26),
    "new year's day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "epiphany": _fixed(1, 6),
    "valentine's day": _fixed(2, 14),
    "st. valentine's day": _fixed(2, 14),
    "st. patrick's day": _fixed(3, 17),
    "saint patrick's day": _fixed(3, 17),
    "halloween": _fixed(10, 31),
    "all saints' day": _fixed(11, 1),
    "easter": _from_easter(0),
    "easter sunday": _from_easter(0),
    "easter monday": _from_easter(1),
    "holy saturday": _from_easter(-1),
    "easter saturday": _from_easter(-1),
    "good friday": _from_easter(-2),
    "maundy thursday": _from_easter(-3),
    "holy thursday": _from_easter(-3),
    "palm sunday": _from_easter(-7),
    "ash wednesday": _from_easter(-46),
    "ascension day": _from_easter(39),
    "pentecost": _from_easter(49),
    "whit sunday": _from_easter(49),
    "pentecost sunday": _from_easter(49),
    "martin luther king day": _nth(1, MONDAY, 3),
    "martin luther king jr. day": _nth(1, MONDAY, 3),
    "presidents' day": _nth(2, MONDAY, 3),
    "presidents day": _nth(2, MONDAY, 3),
    "memorial day": _nth(5, MONDAY, -1),
    "labor day": _nth(9, MONDAY, 1),
    "columbus day": _nth(10, MONDAY, 2),
    "election day": _nth(11, MONDAY, 1, after=1),  # the Tuesday after the first Monday
    "thanksgiving": _nth(11, THURSDAY, 4),
    "thanksgiving day": _nth(11, THURSDAY, 4),
    "black friday": _nth(11, THURSDAY, 4, after=1),
}


def _name_pattern(name: str) -> str:
    words = [re.escape(w).replace("'", "['’]") for w in name.split(" ")]
    return " ".join(w[:1].upper() + w[1:] if w[:1].isalpha() else w for w in words)


def _names_pattern(names: list[str]) -> str:
    return "(?:" + "|".join(_name_pattern(n) for n in sorted(names, key=len, reverse=True)) + ")"


#: Names of two or more words as written (capitalised), longest first ("Easter Monday").
NAMES_PATTERN = _names_pattern([n for n in HOLIDAYS if " " in n])
#: One-word names ("Christmas", "Easter"), which also name other things ("Christmas tree",
#: "Easter Island") and are read only where a date would stand (see the rules).
NAME_PATTERN = _names_pattern([n for n in HOLIDAYS if " " not in n])


#: The words before a weekday that make it a feast's ("Good" in "Good Friday"), from the names.
FEAST_WEEKDAY_PREFIXES = tuple(
    sorted(
        {
            name.rsplit(" ", 1)[0]
            for name in HOLIDAYS
            if name.rsplit(" ", 1)[-1]
            in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        }
    )
)


def holiday_date(name: str, year: int) -> date:
    """The date of the holiday ``name`` (as written) in ``year``."""
    return HOLIDAYS[name.lower().replace("’", "'")](year)


#: A holiday's name after "the" or a year names an event or a thing ("the Good Friday
#: Agreement", "the 2004 Boxing Day tsunami", "the Christmas truce"), not the day.
_NAMES_AN_EVENT = re.compile(r"(?:\b[Tt]he|\b(?:1[5-9]|20)\d\d) $")
#: Where a one-word holiday ("Christmas", "Easter") stands as a date: after a preposition of
#: time ("at Easter", "by Christmas"), not in a set phrase ("the war on Christmas").
_DATE_CONTEXT = re.compile(
    r"\b(?<![Ww]ar )(?:[Oo]n|[Bb]y|[Bb]efore|[Aa]fter|[Uu]ntil|[Tt]ill|[Ss]ince|[Oo]ver|[Aa]t|"
    r"[Aa]round|[Ff]or|[Ff]rom|[Tt]hrough|[Dd]uring) $"
)


#: How far back the preposition before a one-word name is looked for ("through " and a space).
_CONTEXT_REACH = 12
#: How far back "the " or a year before a name is looked for ("2004 ").
_EVENT_REACH = 5


def read_holiday_in_context(match: re.Match[str], ctx: Context) -> Reading:
    """A one-word holiday, read only where a date stands: with "last", "next" or "this", a
    year, or a preposition of time before it (else "Christmas shoppers" would be a date)."""
    before = match.string[max(0, match.start() - _CONTEXT_REACH) : match.start()]
    if match["mod"] or match["year"] or match["which"] or _DATE_CONTEXT.search(before):
        return read_holiday(match, ctx)
    return None


def read_holiday(match: re.Match[str], ctx: Context) -> Reading:
    """A holiday in the year written after it ("Easter 2016", "Easter last year"), else the
    last one before the anchor, or in a future-tense clause the next one ("last" and "next"
    decide); unknown without an anchor (its day, when it is fixed)."""
    if _NAMES_AN_EVENT.search(match.string, max(0, match.start() - _EVENT_REACH), match.start()):
        return None
    name = match["holiday"]
    if match["year"]:
        return "DATE", holiday_date(name, year_number(match["year"])).isoformat()
    anchor = ctx.anchor
    if anchor is None:
        fixed = holiday_date(name, 2001), holiday_date(name, 2002)
        if fixed[0].month == fixed[1].month and fixed[0].day == fixed[1].day:
            return "DATE", f"XXXX-{fixed[0].month:02d}-{fixed[0].day:02d}"
        return "DATE", "XXXX-XX-XX"
    if match["which"]:
        step = YEAR_STEPS[match["which"].lower()]
        return "DATE", holiday_date(name, anchor.year + step).isoformat()
    mod = (match["mod"] or "").lower()
    future = mod == "next" if mod in ("last", "next") else ctx.future
    day = holiday_date(name, anchor.year)
    if future and day < anchor:
        day = holiday_date(name, anchor.year + 1)
    elif not future and day > anchor:
        day = holiday_date(name, anchor.year - 1)
    if mod == "last" and day >= anchor:
        day = holiday_date(name, day.year - 1)  # "last Christmas" is never a day to come
    return "DATE", day.isoformat()
