"""What English news writes for a time, and what TIMEX3 type and value each form means.

Each rule is a regular expression and a handler from its match (and the :class:`Context`:
anchor date and tense) to a reading: ``(type, value)``, or ``(type, value, Anaphor)`` when
the value is better read from the text's reference time than from the anchor (see
:func:`newsweave.extract.timexes.find_timexes`). A handler returns None to reject a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from newsweave.extract.timex_lexicon import (
    MONTH_PATTERN,
    MONTHS,
    NUMBER_PATTERN,
    ORDINAL_PATTERN,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_PATTERN,
    UNITS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    YEAR_PATTERN,
    number_value,
    year_value,
)
from newsweave.extract.timex_resolve import (
    Anaphor,
    Context,
    last_quarter,
    month_value,
    offset_value,
    quarter_value,
    relative_unit,
    season_value,
    weekday_value,
)

__all__ = ["RULES", "Reading"]

Reading = tuple[str, str] | tuple[str, str, Anaphor] | None
Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Context], Reading]]


def _m(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _year(text: str) -> int:
    year = year_value(text)
    if year is None:
        raise ValueError(f"not a year: {text!r}")
    return year


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _day_number(text: str) -> int:
    text = text.lower()
    return ORDINALS[text] if text in ORDINALS else int(re.sub(r"\D", "", text))


def _full_date(match: re.Match[str], ctx: Context) -> Reading:
    g = match.groupdict()
    month, day = _m(g["month"]), _day_number(g.get("day") or g["nth"])
    if not 1 <= day <= 31:
        return None
    if g.get("year"):
        value = _date(_year(g["year"]), month, day)
        return ("DATE", value) if value else None
    if g.get("wd") and ctx.anchor:
        value = _weekday_date(month, day, WEEKDAYS[g["wd"].lower()], ctx.anchor)
        if value:
            return "DATE", value
    return "DATE", month_value(month, ctx, day)


def _weekday_date(month: int, day: int, weekday: int, anchor: date) -> str | None:
    """The year in which ``month``/``day`` falls on ``weekday``, nearest the anchor's."""
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        value = _date(year, month, day)
        if value and date.fromisoformat(value).weekday() == weekday:
            return value
    return None


def _numeric_date(match: re.Match[str], ctx: Context) -> Reading:
    value = _date(_year(match["year"]), int(match["m"]), int(match["d"]))
    return ("DATE", value) if value else None


def _iso_date(match: re.Match[str], ctx: Context) -> Reading:
    value = _date(int(match["year"]), int(match["m"]), int(match["d"]))
    return ("DATE", value) if value else None


def _month_year(match: re.Match[str], ctx: Context) -> Reading:
    return "DATE", f"{_year(match['year']):04d}-{_m(match['month']):02d}"


def _month_named(match: re.Match[str], ctx: Context) -> Reading:
    return "DATE", month_value(_m(match["month"] or match["m2"]), ctx)


def _this_month(match: re.Match[str], ctx: Context) -> Reading:
    month = _m(match["month"])
    year = f"{ctx.anchor.year:04d}" if ctx.anchor else "XXXX"
    return "DATE", f"{year}-{month:02d}"


def _last_month_named(match: re.Match[str], ctx: Context) -> Reading:
    """'last April': the latest April before the anchor's month, skipping the month just
    gone (which news calls 'last month'); 'next April' the first after it."""
    month = _m(match["month"])
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}"
    if match["mod"].lower() == "next":
        return "DATE", f"{ctx.anchor.year + (month <= ctx.anchor.month):04d}-{month:02d}"
    back = (ctx.anchor.month - month) % 12
    year = ctx.anchor.year - (month >= ctx.anchor.month or back < 2)
    return "DATE", f"{year:04d}-{month:02d}"


def _weekday(match: re.Match[str], ctx: Context) -> Reading:
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


def _deictic(match: re.Match[str], ctx: Context) -> Reading:
    word = match["word"].lower()
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1}[word]
    if ctx.anchor is None:
        value = "XXXX-XX-XX"
    else:
        value = date.fromordinal(ctx.anchor.toordinal() + offset).isoformat()
    part = _part_code(match["part"] or match["before"]) or ("NI" if "night" in word else "")
    return ("TIME", f"{value}T{part}") if part else ("DATE", value)


def _part_code(text: str | None) -> str:
    """'late afternoon' -> 'AF'; '' when no part of the day is named."""
    if not text:
        return ""
    word = re.sub(r"^(?:early|late|mid)[- ]?", "", text.lower().split()[-1])
    return PARTS_OF_DAY.get(word, "")


def _this_part(match: re.Match[str], ctx: Context) -> Reading:
    value = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{value}T{_part_code(match['part'])}"


_STEPS = {
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
_ANAPHORIC = {"previous", "preceding", "prior", "following"}


def _relative(match: re.Match[str], ctx: Context) -> Reading:
    modifier, unit = match["mod"].lower().split()[-1], match["unit"].lower()
    step = _STEPS[modifier]
    if unit in SEASONS:
        return "DATE", season_value(SEASONS[unit], step, ctx)
    value = relative_unit(unit, step, ctx)
    if modifier in _ANAPHORIC and unit in ("week", "month", "year", "quarter"):
        return "DATE", value, Anaphor(step, unit)
    return "DATE", value


def _next_day(match: re.Match[str], ctx: Context) -> Reading:
    """'the next day', 'the previous morning': a day from the reference time."""
    step = _STEPS[match["mod"].lower()]
    part = _part_code(match["unit"])
    day = (
        date.fromordinal(ctx.anchor.toordinal() + step).isoformat() if ctx.anchor else "XXXX-XX-XX"
    )
    return (
        "TIME" if part else "DATE",
        f"{day}T{part}" if part else day,
        Anaphor(step, "day", part=part),
    )


def _that(match: re.Match[str], ctx: Context) -> Reading:
    """'that day', 'the same week', 'later that year': the reference time itself."""
    unit = match["unit"].lower()
    part = _part_code(unit)
    if part:
        day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
        return "TIME", f"{day}T{part}", Anaphor(0, "day", part=part)
    return (
        "DATE",
        relative_unit(unit, 0, ctx) if unit != "day" else _anchor_day(ctx),
        Anaphor(0, unit),
    )


def _anchor_day(ctx: Context) -> str:
    return ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"


def _offset(match: re.Match[str], ctx: Context) -> Reading:
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


def _year_ago(match: re.Match[str], ctx: Context) -> Reading:
    """'year-ago', 'the year-earlier quarter', 'the year-ago third quarter'."""
    if match["q"]:
        number = _QUARTER_NUMBERS[match["q"].lower()]
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


def _year_end(match: re.Match[str], ctx: Context) -> Reading:
    """'by year-end' (this year's), 'since year-end' (the last one passed)."""
    if ctx.anchor is None:
        return "DATE", "XXXX-12-31"
    since = match.string[max(0, match.start() - 6) : match.start()].lower().endswith("since ")
    return "DATE", f"{ctx.anchor.year - since:04d}-12-31"


#: Half of a unit in the next smaller one: "2 1/2 years" is P2Y6M, "half an hour" PT30M.
_HALVES = {"year": ("", "6M"), "day": ("", "T12H"), "hour": ("T", "30M"), "minute": ("T", "30S")}


def _duration(match: re.Match[str], ctx: Context) -> Reading:
    unit = match["unit"].lower().rstrip("s").replace("centurie", "century")
    amount = number_value(match["num"]) if match["num"] else None
    if unit in ("decade", "century"):  # TIMEX3 gold writes decades and centuries in years
        years = {"decade": 10, "century": 100}[unit]
        return "DURATION", "PXY" if amount is None else f"P{amount * years:g}Y"
    if amount is not None and match["half"]:
        amount += 0.5
    letter, is_time = UNITS[unit]
    if amount is not None and amount % 1 == 0.5 and unit in _HALVES:
        prefix, rest = _HALVES[unit]
        whole = f"{int(amount)}{letter}" if amount >= 1 else ""
        return "DURATION", f"P{prefix}{whole}{rest}"
    count = "X" if amount is None else f"{amount:g}"
    return "DURATION", f"P{'T' if is_time else ''}{count}{letter}"


def _bare_plural(match: re.Match[str], ctx: Context) -> Reading:
    unit = match["unit"].lower().rstrip("s").replace("centurie", "century")
    if unit in ("decade", "century"):
        return "DURATION", "PXY"
    letter, is_time = UNITS[unit]
    return "DURATION", f"P{'T' if is_time else ''}X{letter}"


def _year_only(match: re.Match[str], ctx: Context) -> Reading:
    year = year_value(match["year"])
    return ("DATE", f"{year:04d}") if year else None


def _decade(match: re.Match[str], ctx: Context) -> Reading:
    return "DATE", match["dec"][:3]


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _short_decade(word: str, ctx: Context) -> Reading:
    """ "the '80s", 'the nineties': the latest such decade not after the anchor's."""
    word = word.lower()
    tens = _DECADE_WORDS[word] if word in _DECADE_WORDS else int(word[0])
    now = ctx.anchor.year if ctx.anchor else 1999
    century = now // 100 - (tens * 10 > now % 100)
    return "DATE", f"{century:02d}{tens}"


def _century(match: re.Match[str], ctx: Context) -> Reading:
    number = _day_number(match["n"])
    return "DATE", f"{number - 1:02d}"


_QUARTER_NUMBERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}


def _quarter(match: re.Match[str], ctx: Context) -> Reading:
    number = _QUARTER_NUMBERS[match["q"].lower()]
    if match["year"]:
        return "DATE", f"{_year(match['year'])}-Q{number}"
    return "DATE", quarter_value(number, ctx)


def _year_quarter(match: re.Match[str], ctx: Context) -> Reading:
    """'the 1988 third quarter', "this year's first quarter", "last year's quarter"."""
    which = match["which"].lower()
    if which[0].isdigit():
        year = int(which)
    elif ctx.anchor:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[which.split()[0]]
    else:
        return None
    if match["q"]:
        return "DATE", f"{year:04d}-Q{_QUARTER_NUMBERS[match['q'].lower()]}"
    latest = last_quarter(ctx)
    return "DATE", f"{year:04d}{latest[4:]}", Anaphor(0, "year", financial=True, year=year)


def _season_year(match: re.Match[str], ctx: Context) -> Reading:
    return "DATE", f"{_year(match['year'])}-{SEASONS[match['season'].lower()]}"


def _season(match: re.Match[str], ctx: Context) -> Reading:
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


def _clock(match: re.Match[str], ctx: Context) -> Reading:
    day = _anchor_day(ctx)
    named = (match["named"] or match["named2"] or "").lower()
    if named:
        return "TIME", f"{day}T{'12:00' if named == 'noon' else '24:00'}"
    hour, minute = int(match["h"]), int(match["min"] or 0)
    meridiem = (match["ampm"] or "").lower().replace(".", "")
    if not 1 <= hour <= 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _reference(match: re.Match[str], ctx: Context) -> Reading:
    word = match["ref"].lower()
    if word.startswith("former"):
        return None
    if word in ("now", "currently", "at present", "the present", "nowadays", "these days"):
        return "DATE", "PRESENT_REF"
    if word in ("the future", "future", "the near future"):
        return "DATE", "FUTURE_REF"
    return "DATE", "PAST_REF"


def _set(match: re.Match[str], ctx: Context) -> Reading:
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


#: A quantity just before "a week" makes it a rate ("four flights a week", "$2 million a
#: year"), which TIMEX3 annotators leave untagged.
_RATE_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|"
    r"million|billion|percent|cents?|times))\S*(?: (?!(?:in|for|within|over|after|than|of|"
    r"about|during|by|to|the|last|past|next)\b)[A-Za-z$-]+){0,2} $"
)


def _not_a_rate(
    handler: Callable[[re.Match[str], Context], Reading],
) -> Callable[[re.Match[str], Context], Reading]:
    def guarded(match: re.Match[str], ctx: Context) -> Reading:
        text = match.string
        if match["num"] and match["num"].lower() == "a" and match["unit"].lower() == "second":
            return None  # "a second group": the ordinal, not a time unit
        if (
            match["num"]
            and match["num"].lower() in ("a", "an")
            and _RATE_BEFORE.search(text, max(0, match.start() - 40), match.start())
        ):
            return None
        return handler(match, ctx)

    return guarded


_NOON_AFTER = (
    "(?:"
    + "|".join(
        rf"(?<=\b{word} )"
        for word in "at by until till before after from around about past since".split()
    )
    + ")"
)
_YEAR_CONTEXT = r"(?:(?<=\bin )|(?<=\bsince )|(?<=\bby )|(?<=\bof )|(?<=\bfrom )|(?<=\buntil )|(?<=\bbefore )|(?<=\bafter )|(?<=\bduring )|(?<=\bfiscal )|(?<=\bthrough )|(?<=\bmid-)|(?<=\bearly )|(?<=\blate ))"
_PART = r"(?P<part>(?:early |late |mid-?)?(?:morning|afternoon|evening|night))"
_WEEKDAY_BEFORE = rf"(?:(?:this coming |this )?(?P<wd>{WEEKDAY_PATTERN}),? (?:the )?)?"
_DAY = rf"(?P<day>\d{{1,2}}(?:st|nd|rd|th)?|{ORDINAL_PATTERN})(?![\w-])"
_YEAR = rf"(?P<year>{YEAR_PATTERN})"

RULES: tuple[Rule, ...] = tuple(
    (re.compile(pattern, flags), handler)
    for pattern, flags, handler in (
        (r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", 0, _iso_date),
        (
            r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)?\d\d)\b",
            0,
            _numeric_date,
        ),
        (
            rf"{_WEEKDAY_BEFORE}\b(?P<month>{MONTH_PATTERN}) (?:the )?{_DAY}(?:,? {_YEAR})?",
            0,
            _full_date,
        ),
        (
            rf"{_WEEKDAY_BEFORE}\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?|(?:the )?(?P<nth>{ORDINAL_PATTERN}) of )(?P<month>{MONTH_PATTERN})(?:,? {_YEAR})?",
            0,
            _full_date,
        ),
        (rf"\b(?P<month>{MONTH_PATTERN}),? (?:of )?{_YEAR}", 0, _month_year),
        (
            rf"(?:(?<=\b[Ii]n )|(?<=\b[Ss]ince )|(?<=\b[Uu]ntil )|(?<=\b[Bb]y )|(?<=\b[Ee]arly )|(?<=\b[Ll]ate )|(?<=\bmid-))(?P<month>{MONTH_PATTERN})\b|\b(?P<m2>(?!May\b|March (?:on|to|through)\b){MONTH_PATTERN})(?![\w-])",
            0,
            _month_named,
        ),
        (
            rf"\b(?P<mod>[Ll]ast|[Nn]ext) (?P<month>{MONTH_PATTERN})(?![\w-]|\.? (?:the )?\d)",
            0,
            _last_month_named,
        ),
        (rf"\b[Tt]his (?P<month>{MONTH_PATTERN})\b", 0, _this_month),
        (
            r"\b(?:the )?(?P<half>first|second|last) half of (?P<year>(?:19|20)\d\d)\b",
            re.I,
            lambda m, c: ("DATE", f"{m['year']}-H{1 if m['half'].lower() == 'first' else 2}"),
        ),
        (
            rf"\b(?:(?P<mod>[Ll]ast|[Tt]his|[Nn]ext) )?(?P<weekday>{WEEKDAY_PATTERN})(?:’s|'s)?(?: {_PART})?\b",
            0,
            _weekday,
        ),
        (
            rf"\b(?:(?P<before>(?:early |late |mid-?)?(?:morning|afternoon|evening)) )?(?P<word>today|yesterday|tomorrow|tonight|last night)(?: {_PART})?\b",
            re.I,
            _deictic,
        ),
        (rf"\bthis {_PART}\b", re.I, _this_part),
        (
            r"\b(?:the )?(?P<mod>last|past|previous|preceding|prior|this|current|next|coming|following) (?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter)\b",
            re.I,
            _relative,
        ),
        (
            r"\b[Tt]he (?P<mod>next|following|previous|preceding|prior) (?P<unit>day|morning|afternoon|evening|night)\b",
            0,
            _next_day,
        ),
        (
            r"\b(?:(?:[Ee]arlier|[Ll]ater) )?(?:[Tt]hat|[Tt]he same) (?P<unit>day|week|month|year|morning|afternoon|evening|night)\b",
            0,
            _that,
        ),
        (
            r"\b(?:over |during |at )?the weekend\b",
            re.I,
            lambda m, c: ("DATE", relative_unit("weekend", 1 if c.future else 0, c)),
        ),
        (
            r"\b(?:the )(?:current |full |fiscal |calendar )?(?P<unit>year|week|month)(?:-end)?\b(?! (?:before|after|earlier|later|ago|old|end(?:ed|ing))\b|-(?:ago|earlier|old|long))",
            re.I,
            lambda m, c: ("DATE", relative_unit(m["unit"].lower(), 0, c)),
        ),
        (
            r"\b(?:(?:the |around )?year[- ]end|year's end)\b",
            re.I,
            _year_end,
        ),
        (
            r"\b(?:the )?(?:coming|next few|next several) (?:days|weeks|months|years|quarters)\b|"
            r"\bfuture (?:years|quarters|months)\b|\bthe (?:near|short) term\b",
            re.I,
            lambda m, c: ("DATE", "FUTURE_REF"),
        ),
        (
            r"\b(?:(?:early|late|mid)[- ]?(?:morning|afternoon|evening))\b",
            re.I,
            lambda m, c: ("TIME", f"{_anchor_day(c)}T{_part_code(m.group(0))}"),
        ),
        (
            rf"\b[Tt]he year (?P<year>{YEAR_PATTERN})",
            0,
            _year_only,
        ),
        (
            r"\b[Tt]he (?:fiscal |financial )?year(?= end(?:ed|ing)\b)",
            0,
            lambda m, c: ("DURATION", "P1Y"),
        ),
        (
            r"\b(?:[Tt]he )?(?:comparable |corresponding |same )?[Yy]ear-(?:ago|earlier)(?: (?:(?P<q>first|second|third|fourth)[- ]quarter|(?P<period>quarter|period)))?\b",
            0,
            _year_ago,
        ),
        (
            rf"\b(?P<num>{NUMBER_PATTERN}) (?P<unit>{UNIT_PATTERN}) (?P<dir>ago|earlier|later|from now|hence)\b",
            re.I,
            _offset,
        ),
        (
            rf"\b(?:(?:the|over the|in the|for the|within the) (?:past|last|next|first|coming) )?(?P<num>{NUMBER_PATTERN})[- ](?P<unit>{UNIT_PATTERN})(?:-long)?\b(?P<half> and a half\b)?(?![- ]old\b)(?<!quarter(?= of\b))(?<!quarters(?= of\b))",
            re.I,
            _not_a_rate(_duration),
        ),
        (
            r"(?:(?<=\bfor )|(?<=\bover )|(?<=\bwithin )|(?<=\bthe past )|(?<=\bin )|(?<=\bafter ))(?P<unit>(?:days|weeks|months|years|decades|centuries|hours|minutes))\b",
            re.I,
            _bare_plural,
        ),
        (
            r"\b[Rr]ecent (?P<unit>days|weeks|months|years)\b",
            0,
            lambda m, c: ("DATE", "PAST_REF"),
        ),
        (
            rf"{_YEAR_CONTEXT}(?P<year>(?:19|20)\d\d)\b(?![-/%]|\d| percent| people| troops| votes| points| members)",
            0,
            _year_only,
        ),
        (
            r"(?<![$#.,\d])\b(?P<year>(?:19|20)\d\d)\b(?![-/%.,]?\d|%| percent| per cent)"
            r"(?! (?:people|troops|votes|points|members|times|units|cars|jobs|shares|barrels|tons|"
            r"tonnes|feet|miles|meters|metres|residents|workers|soldiers|students|homes|dollars|euros|pounds)\b)",
            0,
            _year_only,
        ),
        (
            rf"\b(?P<year>{YEAR_PATTERN})",
            0,
            lambda m, c: None if m["year"][0].isdigit() else _year_only(m, c),
        ),
        (r"\b(?:the )?(?:early |mid-|late )?(?P<dec>(?:19|20)\d0)s\b", 0, _decade),
        (
            r"\b(?:the )?(?:early |mid-|late )?(?:['’](?P<dd>[1-9]0)s\b|(?<=the )(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
            re.I,
            lambda m, c: _short_decade(m["dd"] or m["dw"], c),
        ),
        (
            rf"\b(?:the )?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_PATTERN})[- ]century\b",
            re.I,
            _century,
        ),
        (
            r"\b(?:the )?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of (?P<year>(?:19|20)\d\d))?\b",
            re.I,
            _quarter,
        ),
        (
            r"\b(?:the )?(?P<which>(?:19|20)\d\d|this year's|last year's|next year's) (?:(?P<q>first|second|third|fourth)[- ]quarter|quarter|period)\b",
            re.I,
            _year_quarter,
        ),
        (
            r"\b(?:the )(?:latest |most recent |recent )?(?:quarter|period)\b",
            re.I,
            lambda m, c: ("DATE", last_quarter(c)),
        ),
        (
            rf"\b(?:the )?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter) (?:of )?{_YEAR}",
            0,
            _season_year,
        ),
        (
            r"\b(?:(?:this past|this coming|this|last|next) |(?<=\bin )|(?<=\bthe ))(?P<season>spring|summer|autumn|winter)\b",
            0,
            _season,
        ),
        (
            rf"\b(?:(?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))? ?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|{_NOON_AFTER}(?P<named>noon|midnight)\b|(?P<named2>noon|midnight)(?= (?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow)\b))",
            re.I,
            _clock,
        ),
        (
            r"\b(?P<ref>now|currently|at present|nowadays|these days|recently|lately|the past|in the past|the near future|the future|former(?:ly)?)\b",
            re.I,
            _reference,
        ),
        (
            rf"\b(?P<every>(?:every|each) (?P<unit>day|week|month|year|hour|morning|evening|night|{WEEKDAY_PATTERN.lower()[3:-1]})|daily|weekly|monthly|annually|yearly|hourly)\b",
            re.I,
            _set,
        ),
    )
)
