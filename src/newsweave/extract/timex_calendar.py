"""Readings of calendar forms: full and partial dates, years, decades, centuries, quarters,
seasons and clock times, as TIMEX3 (type, value) from a rule's match and its
:class:`~newsweave.extract.timex_resolve.Context`. Each returns None to reject a match."""

from __future__ import annotations

import re
from datetime import date

from newsweave.extract.timex_lexicon import (
    MONTHS,
    ORDINALS,
    SEASONS,
    WEEKDAYS,
    year_value,
)
from newsweave.extract.timex_resolve import (
    YEAR_STEPS,
    Anaphor,
    Context,
    Reading,
    last_quarter,
    month_value,
    quarter_value,
    season_value,
)

__all__ = [
    "DECADE_WORDS",
    "QUARTER_NUMBERS",
    "anchor_day",
    "day_number",
    "month_number",
    "read_century",
    "read_clock",
    "read_clock24",
    "read_decade",
    "read_full_date",
    "read_iso_date",
    "read_month_named",
    "read_month_year",
    "read_numeric_date",
    "read_quarter",
    "read_season",
    "read_season_year",
    "read_year_only",
    "read_year_quarter",
    "short_decade",
    "valid_date",
    "weekday_checked_date",
    "year_number",
]


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def year_number(text: str) -> int:
    year = year_value(text)
    if year is None:
        raise ValueError(f"not a year: {text!r}")
    return year


def valid_date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def day_number(text: str) -> int:
    text = text.lower()
    return ORDINALS[text] if text in ORDINALS else int(re.sub(r"\D", "", text))


def read_full_date(match: re.Match[str], ctx: Context) -> Reading:
    g = match.groupdict()
    month, day = month_number(g["month"]), day_number(g.get("day") or g["nth"])
    if valid_date(2000, month, day) is None:  # no such day in any year ("31 February")
        return None
    if g.get("year"):
        value = valid_date(year_number(g["year"]), month, day)
        return ("DATE", value) if value else None
    if g.get("wd") and ctx.anchor:
        value = weekday_checked_date(month, day, WEEKDAYS[g["wd"].lower()], ctx.anchor)
        if value:
            return "DATE", value
    return "DATE", month_value(month, ctx, day)


def weekday_checked_date(month: int, day: int, weekday: int, anchor: date) -> str | None:
    """The year in which ``month``/``day`` falls on ``weekday``, nearest the anchor's."""
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        value = valid_date(year, month, day)
        if value and date.fromisoformat(value).weekday() == weekday:
            return value
    return None


def read_numeric_date(match: re.Match[str], ctx: Context) -> Reading:
    value = valid_date(year_number(match["year"]), int(match["m"]), int(match["d"]))
    return ("DATE", value) if value else None


def read_iso_date(match: re.Match[str], ctx: Context) -> Reading:
    value = valid_date(int(match["year"]), int(match["m"]), int(match["d"]))
    return ("DATE", value) if value else None


def read_month_year(match: re.Match[str], ctx: Context) -> Reading:
    return "DATE", f"{year_number(match['year']):04d}-{month_number(match['month']):02d}"


def read_month_named(match: re.Match[str], ctx: Context) -> Reading:
    return "DATE", month_value(month_number(match["month"] or match["m2"]), ctx)


def anchor_day(ctx: Context) -> str:
    return ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"


def read_year_only(match: re.Match[str], ctx: Context) -> Reading:
    year = year_value(match["year"])
    return ("DATE", f"{year:04d}") if year else None


def read_decade(match: re.Match[str], ctx: Context) -> Reading:
    return "DATE", match["dec"][:3]


DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def short_decade(word: str, ctx: Context) -> Reading:
    """ "the '80s", 'the nineties': the latest such decade not after the anchor's."""
    word = word.lower()
    tens = DECADE_WORDS[word] if word in DECADE_WORDS else int(word[0])
    now = ctx.anchor.year if ctx.anchor else 1999
    century = now // 100 - (tens * 10 > now % 100)
    return "DATE", f"{century:02d}{tens}"


def read_century(match: re.Match[str], ctx: Context) -> Reading:
    number = day_number(match["n"])
    return "DATE", f"{number - 1:02d}"


QUARTER_NUMBERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}


def read_quarter(match: re.Match[str], ctx: Context) -> Reading:
    number = QUARTER_NUMBERS[match["q"].lower()]
    if match["year"]:
        return "DATE", f"{year_number(match['year'])}-Q{number}"
    if match["which"]:  # "the first quarter of last year"
        year = (
            f"{ctx.anchor.year + YEAR_STEPS[match['which'].lower()]:04d}" if ctx.anchor else "XXXX"
        )
        return "DATE", f"{year}-Q{number}"
    return "DATE", quarter_value(number, ctx)


def read_year_quarter(match: re.Match[str], ctx: Context) -> Reading:
    """'the 1988 third quarter', "this year's first quarter", "last year's quarter"."""
    which = match["which"].lower()
    if which[0].isdigit():
        year = int(which)
    elif ctx.anchor:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[which.split()[0]]
    else:
        return None
    if match["q"]:
        return "DATE", f"{year:04d}-Q{QUARTER_NUMBERS[match['q'].lower()]}"
    latest = last_quarter(ctx)
    return "DATE", f"{year:04d}{latest[4:]}", Anaphor(0, "year", financial=True, year=year)


def read_season_year(match: re.Match[str], ctx: Context) -> Reading:
    return "DATE", f"{year_number(match['year'])}-{SEASONS[match['season'].lower()]}"


def read_season(match: re.Match[str], ctx: Context) -> Reading:
    words = match.group(0).lower()
    step = (
        -1
        if "past" in words or "last" in words
        else 1
        if "next" in words or "coming" in words
        else 0
        if words.startswith("this")
        else None
    )
    return "DATE", season_value(SEASONS[match["season"]], step, ctx)


#: Zones whose times TIMEX3 writes in UTC ("T18:00Z").
UTC_ZONES = ("utc", "gmt", "z")


def read_clock24(match: re.Match[str], ctx: Context) -> Reading:
    """A time on the 24-hour clock: "18:00 UTC", "0800 GMT", "at 14:58"; in UTC when its zone
    is (with no offset: "10:00 GMT+8" is local). Or a 12-hour one before a part of a day
    ("at 9:30 last night"), which joins it (:func:`newsweave.extract.timexes.find_timexes`)."""
    hour = int(match["h24"] or match["h24b"] or match["h12"])
    minute = int(match["m24"] or match["m24b"] or match["m12"])
    utc = (match["zone"] or "").lower() in UTC_ZONES and not match["offset"]
    zone = "Z" if utc else ""  # "10:00 GMT+8" stays a local time
    return "TIME", f"{anchor_day(ctx)}T{hour:02d}:{minute:02d}{zone}"


def read_clock(match: re.Match[str], ctx: Context) -> Reading:
    day = anchor_day(ctx)
    named = (match["named"] or match["named2"] or "").lower()
    if named:
        return "TIME", f"{day}T{'12:00' if named == 'noon' else '24:00'}"
    hour, minute = int(match["h"]), int(match["min"] or 0)
    meridiem = (match["ampm"] or "").lower().replace(".", "")
    if not 1 <= hour <= 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"
