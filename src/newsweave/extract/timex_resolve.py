"""Turning matched time expressions into TIMEX3 values, relative to an anchor date.

News conventions: a bare weekday in a past-tense sentence is the latest such day on or
before the anchor (the publication date); in a future-tense sentence the next one on or
after it. A month without a year is the nearest one in the direction of the tense.
Without an anchor, relative values keep X placeholders (``XXXX-WXX-1``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "YEAR_STEPS",
    "Anaphor",
    "Context",
    "Reading",
    "last_quarter",
    "month_value",
    "offset_value",
    "quarter_value",
    "relative_unit",
    "season_value",
    "shifted",
    "weekday_value",
]


@dataclass(frozen=True, slots=True)
class Context:
    """What a value is resolved against: the anchor date and the sentence's tense."""

    anchor: date | None
    future: bool


@dataclass(frozen=True, slots=True)
class Anaphor:
    """A value read from the text's reference time (the last date it named), not the anchor.

    ``shift`` units after (+) or before (-) the reference, 0 for the same ("that day", "later
    that year"). ``financial``: read only when the reference is a fiscal quarter, and then at
    quarter granularity (a year-ago quarter: "net rose from $3 million a year ago" after "in
    the third quarter"); ``year``: that year's quarter of the reference's number ("the 1988
    period"). ``part``: a part of the day ("NI" for "that night").
    """

    shift: int
    unit: str
    financial: bool = False
    year: int | None = None
    part: str = ""


#: The year a "this", "last" or "next" names, from the anchor's ("June last year").
YEAR_STEPS = {"this": 0, "last": -1, "next": 1}

#: What a rule reads a match as: (type, value), (type, value, Anaphor), or None to reject it.
Reading = tuple[str, str] | tuple[str, str, Anaphor] | None

_QUARTER = re.compile(r"(\d{4})-Q([1-4])$")
_WEEK = re.compile(r"(\d{4})-W(\d\d)$")
_MONTH = re.compile(r"(\d{4})-(\d\d)$")
_YEAR = re.compile(r"(\d{4})$")


def shifted(reference: str, anaphor: Anaphor) -> str | None:
    """The anaphor's value seen from ``reference`` (a calendar value); None when it cannot say."""
    quarter = _QUARTER.match(reference)
    if quarter:
        year, number = int(quarter[1]), int(quarter[2])
        if anaphor.year is not None:
            return f"{anaphor.year:04d}-Q{number}"
        if anaphor.unit == "year":
            return f"{year + anaphor.shift:04d}-Q{number}"
        if anaphor.unit == "quarter":
            index = year * 4 + number - 1 + anaphor.shift
            return f"{index // 4:04d}-Q{index % 4 + 1}"
        return None
    if anaphor.financial:
        return None
    try:
        day = date.fromisoformat(reference)
    except ValueError:
        return _coarse_shift(reference, anaphor)
    if anaphor.unit == "day":
        value = (day + timedelta(days=anaphor.shift)).isoformat()
        return f"{value}T{anaphor.part}" if anaphor.part else value
    if anaphor.unit == "week":
        return iso_week(day + timedelta(weeks=anaphor.shift))
    return _coarse_shift(f"{day.year:04d}-{day.month:02d}", anaphor)


def _coarse_shift(reference: str, anaphor: Anaphor) -> str | None:
    """Shifts of a month, week or year reference; None below the reference's granularity."""
    month, week, year = _MONTH.match(reference), _WEEK.match(reference), _YEAR.match(reference)
    if anaphor.unit == "year" and (month or week or year):
        return f"{int(reference[:4]) + anaphor.shift:04d}"
    if anaphor.unit == "month" and month:
        index = int(month[1]) * 12 + int(month[2]) - 1 + anaphor.shift
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if anaphor.unit == "week" and week:
        monday = date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return iso_week(monday + timedelta(weeks=anaphor.shift))
    return None


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekday_value(weekday: int, ctx: Context, strict: bool = False) -> str:
    """The date of a weekday (0 = Monday) seen from the anchor, in the tense's direction.

    On or before the anchor in the past tense, on or after it in the future; ``strict``
    ("last Monday", "next Monday") excludes the anchor's own day.
    """
    if ctx.anchor is None:
        return f"XXXX-WXX-{weekday + 1}"
    if ctx.future:
        ahead = (weekday - ctx.anchor.weekday()) % 7 or (7 if strict else 0)
        return (ctx.anchor + timedelta(days=ahead)).isoformat()
    back = (ctx.anchor.weekday() - weekday) % 7 or (7 if strict else 0)
    return (ctx.anchor - timedelta(days=back)).isoformat()


#: A month named without a year is read in the tense's direction unless that reading lies
#: further than this many months away ("payable Dec. 15" in an October report is this December).
MAX_MONTHS_BACK = 9


#: A future-tense date this many days before the anchor is the one just passed, not next
#: year's (reports of a deadline are often written the day after it).
DEADLINE_GRACE = 14


def _days_before(anchor: date, month: int, day: int) -> int:
    try:
        return (anchor - date(anchor.year, month, day)).days
    except ValueError:
        return 366


def month_value(month: int, ctx: Context, day: int | None = None) -> str:
    """A month (and day) without a year, read in the direction of the tense.

    Past tense takes the latest occurrence not after the anchor, unless it is more than
    :data:`MAX_MONTHS_BACK` months back (then the coming one); future tense the next one.
    """
    suffix = f"-{month:02d}" + (f"-{day:02d}" if day else "")
    if ctx.anchor is None:
        return "XXXX" + suffix
    here = (ctx.anchor.month, ctx.anchor.day if day else 31)
    year = ctx.anchor.year
    if ctx.future:
        year += (month, day or 1) < (ctx.anchor.month, ctx.anchor.day if day else 1)
        if (
            day
            and year > ctx.anchor.year
            and _days_before(ctx.anchor, month, day) <= DEADLINE_GRACE
        ):
            year -= 1  # "by Jan. 14" in a report of Jan. 15: the deadline just passed
    else:
        year -= (month, day or 1) > here
        if (ctx.anchor.year - year) * 12 + ctx.anchor.month - month > MAX_MONTHS_BACK:
            year += 1
    return f"{year:04d}{suffix}"


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_value(season: str, step: int | None, ctx: Context) -> str:
    """A season: ``step`` -1 the latest begun, +1 the next, 0 this year's ("this summer"),
    None by the tense (the latest begun in the past tense, the next in the future)."""
    if ctx.anchor is None:
        return f"XXXX-{season}"
    begun = ctx.anchor.month >= _SEASON_START[season]
    if step == 0:
        early_winter = season == "WI" and ctx.anchor.month < 3
        return f"{ctx.anchor.year - early_winter:04d}-{season}"
    if step == -1:  # "last spring": the latest one already over
        now = ctx.anchor.year * 12 + ctx.anchor.month - 1
        start = ctx.anchor.year * 12 + _SEASON_START[season] - 1
        while start + 3 > now:
            start -= 12
        return f"{start // 12:04d}-{season}"
    if step is None and not ctx.future:
        return f"{ctx.anchor.year if begun else ctx.anchor.year - 1:04d}-{season}"
    return f"{ctx.anchor.year + (1 if begun and step == 1 else 0):04d}-{season}"


def last_quarter(ctx: Context) -> str:
    """The latest quarter completed by the anchor ("the latest quarter", "the quarter")."""
    if ctx.anchor is None:
        return "XXXX-QX"
    index = ctx.anchor.year * 4 + (ctx.anchor.month - 1) // 3 - 1
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def quarter_value(number: int, ctx: Context) -> str:
    """'the third quarter' without a year: the latest such quarter not after the anchor's."""
    if ctx.anchor is None:
        return f"XXXX-Q{number}"
    current = (ctx.anchor.month - 1) // 3 + 1
    year = ctx.anchor.year if number <= current or ctx.future else ctx.anchor.year - 1
    return f"{year:04d}-Q{number}"


def relative_unit(unit: str, step: int, ctx: Context) -> str:
    """'last week', 'this month', 'next year' ... as TIMEX3 values at the unit's granularity."""
    if ctx.anchor is None:
        return {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX"}.get(
            unit, "XXXX"
        )
    anchor = ctx.anchor
    if unit == "week":
        return iso_week(anchor + timedelta(weeks=step))
    if unit == "weekend":
        saturday = (
            anchor
            - timedelta(days=(anchor.weekday() - 5) % 7)
            + timedelta(weeks=step if step > 0 else 0)
        )
        return iso_week(saturday) + "-WE"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + step
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "decade":
        return f"{(anchor.year // 10 + step):03d}"
    if unit == "century":
        return f"{(anchor.year // 100 + step):02d}"
    return f"{anchor.year + step:04d}"


def offset_value(amount: float, unit: str, direction: int, ctx: Context) -> str:
    """'two weeks ago' (direction -1) or 'three days later' (+1), at the unit's granularity."""
    if ctx.anchor is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX")
    n = int(amount) * direction
    if unit == "day":
        return (ctx.anchor + timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(ctx.anchor + timedelta(weeks=n))
    if unit in ("month", "quarter", "year", "decade", "century"):
        months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
        index = ctx.anchor.year * 12 + ctx.anchor.month - 1 + months
        return (
            f"{index // 12:04d}-{index % 12 + 1:02d}" if unit == "month" else f"{index // 12:04d}"
        )
    return ctx.anchor.isoformat()
