"""Turning matched time expressions into TIMEX3 values, relative to an anchor date.

News conventions: a bare weekday in a past-tense sentence is the latest such day on or
before the anchor (the publication date); in a future-tense sentence the next one on or
after it. A month without a year is the nearest one in the direction of the tense.
Without an anchor, relative values keep X placeholders (``XXXX-WXX-1``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = [
    "Context",
    "last_quarter",
    "month_value",
    "offset_value",
    "quarter_value",
    "relative_unit",
    "season_value",
    "weekday_value",
]


@dataclass(frozen=True, slots=True)
class Context:
    """What a value is resolved against: the anchor date and the sentence's tense."""

    anchor: date | None
    future: bool


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekday_value(weekday: int, ctx: Context, shift_weeks: int = 0) -> str:
    """The date of a weekday (0 = Monday) seen from the anchor, in the tense's direction."""
    if ctx.anchor is None:
        return f"XXXX-WXX-{weekday + 1}"
    delta = (ctx.anchor.weekday() - weekday) % 7
    day = (
        ctx.anchor + timedelta(days=(7 - delta) % 7)
        if ctx.future
        else ctx.anchor - timedelta(days=delta)
    )
    return (day + timedelta(weeks=shift_weeks)).isoformat()


#: A month named without a year is read in the tense's direction unless that reading lies
#: further than this many months away ("payable Dec. 15" in an October report is this December).
MAX_MONTHS_BACK = 9


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
    else:
        year -= (month, day or 1) > here
        if (ctx.anchor.year - year) * 12 + ctx.anchor.month - month > MAX_MONTHS_BACK:
            year += 1
    return f"{year:04d}{suffix}"


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_value(season: str, step: int, ctx: Context) -> str:
    """A season: the latest begun (past, step -1 or a past-tense sentence) or the next one."""
    if ctx.anchor is None:
        return f"XXXX-{season}"
    begun = ctx.anchor.month >= _SEASON_START[season]
    if step < 0 or (step == 0 and not ctx.future):
        return f"{ctx.anchor.year if begun else ctx.anchor.year - 1:04d}-{season}"
    return f"{ctx.anchor.year + (1 if begun and step > 0 else 0):04d}-{season}"


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
