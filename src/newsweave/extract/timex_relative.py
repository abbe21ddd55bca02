"""Readings of forms relative to the anchor or to the text's reference time: weekdays, "today",
"last month", "two weeks ago", "the following day", "a year earlier", durations and sets."""

from __future__ import annotations

import re
from datetime import date

from newsweave.extract.timex_calendar import (
    QUARTER_NUMBERS,
    anchor_day,
    day_number,
    month_number,
    valid_date,
)
from newsweave.extract.timex_lexicon import (
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    number_value,
)
from newsweave.extract.timex_resolve import (
    YEAR_STEPS,
    Anaphor,
    Context,
    Reading,
    last_quarter,
    offset_value,
    quarter_value,
    relative_unit,
    season_value,
    weekday_value,
)

__all__ = [
    "ANAPHORIC",
    "HALVES",
    "STEPS",
    "part_code",
    "read_bare_plural",
    "read_deictic",
    "read_duration",
    "read_last_month_named",
    "read_month_of_year",
    "read_next_day",
    "read_offset",
    "read_reference",
    "read_relative",
    "read_set",
    "read_that",
    "read_this_month",
    "read_this_part",
    "read_weekday",
    "read_year_ago",
    "read_year_end",
]


def read_this_month(match: re.Match[str], ctx: Context) -> Reading:
    month = month_number(match["month"])
    year = f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
    return "DATE", f"{year}-{month:02d}"


def read_last_month_named(match: re.Match[str], ctx: Context) -> Reading:
    """'last April': the latest April before the anchor's month, skipping the month just
    gone (which news calls 'last month'); 'next April' the first after it."""
    month = month_number(match["month"])
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    if match["mod"].lower() == "next":
        return "DATE", f"{ctx.anchor.year + (month <= ctx.anchor.month):04d}-{month:02d}"
    back = (ctx.anchor.month - month) % 12
    year = ctx.anchor.year - (month >= ctx.anchor.month or back < 2)
    return "DATE", f"{year:04d}-{month:02d}"


def read_month_of_year(match: re.Match[str], ctx: Context) -> Reading:
    """'June last year', '5 June last year', 'January 12 this year', 'October of next year':
    that month (and day) of the year named from the anchor's; of an unknown year without an
    anchor."""
    month = month_number(match["month"])
    day = match["day"] or match["day2"] or match["nth"]
    if day and valid_date(2000, month, day_number(day)) is None:  # "31 February": no day
        return None
    suffix = f"-{month:02d}" + (f"-{day_number(day):02d}" if day else "")
    if ctx.anchor is None:
        return "DATE", "XXXX" + suffix
    year = ctx.anchor.year + YEAR_STEPS[match["which"].lower()]
    if day and valid_date(year, month, day_number(day)) is None:
        return None
    return "DATE", f"{year:04d}{suffix}"


def read_weekday(match: re.Match[str], ctx: Context) -> Reading:
    """A weekday: 'last' and 'next' fix the direction and skip the anchor's own day."""
    g = match.groupdict()
    modifier = (g.get("mod") or "").lower()
    if modifier in ("last", "next"):
        ctx = Context(ctx.anchor, modifier == "next")
    value = weekday_value(WEEKDAYS[g["weekday"].lower()], ctx, strict=modifier in ("last", "next"))
    part = (g.get("part") or "").lower().split()[-1:] or [""]
    if part[0]:
        return "TIME", f"{value}T{PARTS_OF_DAY[part[0].removeprefix('mid-').removeprefix('mid')]}"
    return "DATE", value


def read_deictic(match: re.Match[str], ctx: Context) -> Reading:
    word = match["word"].lower()
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1}[word]
    if ctx.anchor is None:
        value = "XXXX-XX-XX"
    else:
        value = date.fromordinal(ctx.anchor.toordinal() + offset).isoformat()
    part = part_code(match["part"] or match["before"]) or ("NI" if "night" in word else "")
    return ("TIME", f"{value}T{part}") if part else ("DATE", value)


def part_code(text: str | None) -> str:
    """'late afternoon' -> 'AF'; '' when no part of the day is named."""
    if not text:
        return ""
    word = re.sub(r"^(?:early|late|mid)[- ]?", "", text.lower().split()[-1])
    return PARTS_OF_DAY.get(word, "")


def read_this_part(match: re.Match[str], ctx: Context) -> Reading:
    value = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{value}T{part_code(match['part'])}"


STEPS = {
    "last": -1,
    "past": -1,
    "previous": -1,
    "preceding": -1,
    "prior": -1,
    "this": 0,
    "current": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
}


#: Modifiers that count from the text's reference time, not from the publication date.
ANAPHORIC = {"previous", "preceding", "prior", "following"}


def read_relative(match: re.Match[str], ctx: Context) -> Reading:
    modifier, unit = match["mod"].lower().split()[-1], match["unit"].lower()
    step = STEPS[modifier]
    if unit in SEASONS:
        return "DATE", season_value(SEASONS[unit], step, ctx)
    value = relative_unit(unit, step, ctx)
    if modifier in ANAPHORIC and unit in ("week", "month", "year", "quarter"):
        return "DATE", value, Anaphor(step, unit)
    return "DATE", value


def read_next_day(match: re.Match[str], ctx: Context) -> Reading:
    """'the next day', 'the previous morning': a day from the reference time."""
    step = STEPS[match["mod"].lower()]
    part = part_code(match["unit"])
    day = (
        date.fromordinal(ctx.anchor.toordinal() + step).isoformat() if ctx.anchor else "XXXX-XX-XX"
    )
    return (
        "TIME" if part else "DATE",
        f"{day}T{part}" if part else day,
        Anaphor(step, "day", part=part),
    )


def read_that(match: re.Match[str], ctx: Context) -> Reading:
    """'that day', 'the same week', 'later that year': the reference time itself."""
    unit = match["unit"].lower()
    part = part_code(unit)
    if part:
        day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
        return "TIME", f"{day}T{part}", Anaphor(0, "day", part=part)
    return (
        "DATE",
        relative_unit(unit, 0, ctx) if unit != "day" else anchor_day(ctx),
        Anaphor(0, unit),
    )


def read_offset(match: re.Match[str], ctx: Context) -> Reading:
    """'two weeks ago' from the anchor; 'three days later' from the reference time."""
    amount = number_value(match["num"])
    unit = match["unit"].lower().rstrip("s").replace("centurie", "century")
    word = match["dir"].lower()
    direction = 1 if word in ("later", "from now", "hence") else -1
    if amount is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    value = offset_value(amount, unit, direction, ctx)
    if unit not in ("day", "week", "month", "quarter", "year"):
        return "DATE", value
    shift = int(amount) * direction
    if word in ("later", "earlier"):
        return "DATE", value, Anaphor(shift, unit, financial=False)
    if unit == "year":
        return "DATE", value, Anaphor(shift, unit, financial=True)
    return "DATE", value


def read_year_ago(match: re.Match[str], ctx: Context) -> Reading:
    """'year-ago', 'the year-earlier quarter', 'the year-ago third quarter'."""
    if match["q"]:
        number = QUARTER_NUMBERS[match["q"].lower()]
        current = quarter_value(number, ctx)
        if not current[0].isdigit():
            return "DATE", current
        return "DATE", f"{int(current[:4]) - 1:04d}{current[4:]}"
    if match["period"]:
        latest = last_quarter(ctx)
        value = f"{int(latest[:4]) - 1:04d}{latest[4:]}" if latest[0].isdigit() else latest
        return "DATE", value, Anaphor(-1, "year", financial=True)
    year = f"{ctx.anchor.year - 1:04d}" if ctx.anchor else "XXXX"
    return "DATE", year, Anaphor(-1, "year", financial=True)


def read_year_end(match: re.Match[str], ctx: Context) -> Reading:
    """'by year-end' (this year's), 'since year-end' (the last one passed)."""
    if ctx.anchor is None:
        return "DATE", "XXXX-12-31"
    since = match.string[max(0, match.start() - 6) : match.start()].lower().endswith("since ")
    return "DATE", f"{ctx.anchor.year - since:04d}-12-31"


#: Half of a unit in the next smaller one: "2 1/2 years" is P2Y6M, "half an hour" PT30M.
HALVES = {"year": ("", "6M"), "day": ("", "T12H"), "hour": ("T", "30M"), "minute": ("T", "30S")}


def read_duration(match: re.Match[str], ctx: Context) -> Reading:
    unit = match["unit"].lower().rstrip("s").replace("centurie", "century")
    amount = number_value(match["num"]) if match["num"] else None
    if unit in ("decade", "century"):  # TIMEX3 gold writes decades and centuries in years
        years = {"decade": 10, "century": 100}[unit]
        return "DURATION", "PXY" if amount is None else f"P{amount * years:g}Y"
    if amount is not None and match["half"]:
        amount += 0.5
    letter, is_time = UNITS[unit]
    if amount is not None and amount % 1 == 0.5 and unit in HALVES:
        prefix, rest = HALVES[unit]
        whole = f"{int(amount)}{letter}" if amount >= 1 else ""
        return "DURATION", f"P{prefix}{whole}{rest}"
    count = "X" if amount is None else f"{amount:g}"
    return "DURATION", f"P{'T' if is_time else ''}{count}{letter}"


def read_bare_plural(match: re.Match[str], ctx: Context) -> Reading:
    unit = match["unit"].lower().rstrip("s").replace("centurie", "century")
    if unit in ("decade", "century"):
        return "DURATION", "PXY"
    letter, is_time = UNITS[unit]
    return "DURATION", f"P{'T' if is_time else ''}X{letter}"


def read_reference(match: re.Match[str], ctx: Context) -> Reading:
    word = match["ref"].lower()
    if word.startswith("former"):
        return None
    if word in ("now", "currently", "at present", "the present", "nowadays", "these days"):
        return "DATE", "PRESENT_REF"
    if word in ("the future", "future", "the near future"):
        return "DATE", "FUTURE_REF"
    return "DATE", "PAST_REF"


def read_set(match: re.Match[str], ctx: Context) -> Reading:
    word = match["every"].lower()
    simple = {
        "daily": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "hourly": "PT1H",
    }
    if word in simple:
        return "SET", simple[word]
    unit = match["unit"].lower()
    if unit in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit] + 1}"
    if unit in PARTS_OF_DAY:
        return "SET", f"TXX{PARTS_OF_DAY[unit]}"  # every morning
    letter, is_time = UNITS[unit]
    return "SET", f"P{'T' if is_time else ''}1{letter}"
