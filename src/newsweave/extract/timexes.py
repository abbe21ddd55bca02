"""Temporal expressions normalised to TIMEX3 type and value (rule-based, no parser needed).

Each rule is a regular expression and a function from its match to a (type, value)
pair; overlapping matches keep the longest. Values are resolved against the anchor
(the article's publication date) with news conventions; see
:mod:`newsweave.extract.timex_resolve`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from newsweave.extract.timex_lexicon import (
    MONTH_PATTERN,
    MONTHS,
    NUMBER_PATTERN,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_PATTERN,
    UNITS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    number_value,
)
from newsweave.extract.timex_resolve import (
    Context,
    last_quarter,
    month_value,
    offset_value,
    quarter_value,
    relative_unit,
    season_value,
    weekday_value,
)
from newsweave.model import Span, Timex

__all__ = ["find_timexes", "is_future", "parse_anchor"]

Value = tuple[str, str] | None
Rule = tuple[re.Pattern[str], Callable[[re.Match[str], Context], Value]]

#: Markers of a future-tense clause in the words just before a time expression.
_FUTURE = re.compile(
    r"\b(will|won't|shall|'ll|going to|scheduled (?:for|to)|set to|next)\b[^.,;]*$|"
    r"\bto (?!the\b|a\b|an\b)[a-z]+ (?:on |by |until )?$",
    re.IGNORECASE,
)
#: How far back, in characters, the future markers are looked for.
TENSE_WINDOW = 35
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def parse_anchor(anchor: str | None) -> date | None:
    """The date part of an ISO date or date-time; None when absent or partial."""
    if not anchor or len(anchor) < 10:
        return None
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _m(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _year(text: str) -> int:
    year = int(text)
    return year + (1900 if year >= 50 else 2000) if year < 100 else year


def _date(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _full_date(match: re.Match[str], ctx: Context) -> Value:
    g = match.groupdict()
    month, day = _m(g["month"]), int(g["day"])
    if not 1 <= day <= 31:
        return None
    if g.get("year"):
        value = _date(_year(g["year"]), month, day)
        return ("DATE", value) if value else None
    return "DATE", month_value(month, ctx, day)


def _numeric_date(match: re.Match[str], ctx: Context) -> Value:
    g = match.groupdict()
    value = _date(_year(g["year"]), int(g["m"]), int(g["d"]))
    return ("DATE", value) if value else None


def _iso_date(match: re.Match[str], ctx: Context) -> Value:
    value = _date(int(match["year"]), int(match["m"]), int(match["d"]))
    return ("DATE", value) if value else None


def _month_year(match: re.Match[str], ctx: Context) -> Value:
    return "DATE", f"{int(match['year']):04d}-{_m(match['month']):02d}"


def _month(match: re.Match[str], ctx: Context) -> Value:
    return "DATE", month_value(_m(match["month"]), ctx)


def _weekday(match: re.Match[str], ctx: Context) -> Value:
    g = match.groupdict()
    modifier = (g.get("mod") or "").lower()
    shift = {
        "last": -1 if ctx.anchor and not ctx.future else 0,
        "next": 1 if ctx.future else 0,
    }.get(modifier, 0)
    future = Context(ctx.anchor, ctx.future or modifier == "next")
    value = weekday_value(
        WEEKDAYS[g["weekday"].lower()],
        future,
        shift if modifier == "next" and not future.future else 0,
    )
    part = (g.get("part") or "").lower()
    if part:
        return "TIME", f"{value}T{PARTS_OF_DAY[part]}"
    return "DATE", value


def _deictic(match: re.Match[str], ctx: Context) -> Value:
    word = match["word"].lower()
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1}[word]
    if ctx.anchor is None:
        value = "XXXX-XX-XX"
    else:
        value = date.fromordinal(ctx.anchor.toordinal() + offset).isoformat()
    part = (match["part"] or "").lower() or ("night" if "night" in word else "")
    return ("TIME", f"{value}T{PARTS_OF_DAY[part]}") if part else ("DATE", value)


def _this_part(match: re.Match[str], ctx: Context) -> Value:
    value = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{value}T{PARTS_OF_DAY[match['part'].lower()]}"


def _relative(match: re.Match[str], ctx: Context) -> Value:
    modifier, unit = match["mod"].lower(), match["unit"].lower()
    step = {
        "last": -1,
        "past": -1,
        "previous": -1,
        "this": 0,
        "current": 0,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[modifier.split()[-1]]
    if unit in SEASONS:
        return "DATE", season_value(SEASONS[unit], step, ctx)
    return "DATE", relative_unit(unit, step, ctx)


def _offset(match: re.Match[str], ctx: Context) -> Value:
    amount = number_value(match["num"])
    unit = match["unit"].lower().rstrip("s").replace("centurie", "century")
    direction = 1 if match["dir"].lower() in ("later", "from now", "hence") else -1
    if amount is None:
        return "DATE", "PAST_REF" if direction < 0 else "FUTURE_REF"
    return "DATE", offset_value(amount, unit, direction, ctx)


def _duration(match: re.Match[str], ctx: Context) -> Value:
    unit = match["unit"].lower().rstrip("s").replace("centurie", "century")
    letter, is_time = UNITS[unit]
    amount = number_value(match["num"]) if match["num"] else None
    count = "X" if amount is None else (f"{amount:g}" if amount != 0.5 else "0.5")
    return "DURATION", f"P{'T' if is_time else ''}{count}{letter}"


def _bare_plural(match: re.Match[str], ctx: Context) -> Value:
    letter, is_time = UNITS[match["unit"].lower().rstrip("s")]
    return "DURATION", f"P{'T' if is_time else ''}X{letter}"


def _year_only(match: re.Match[str], ctx: Context) -> Value:
    return "DATE", match["year"]


def _decade(match: re.Match[str], ctx: Context) -> Value:
    return "DATE", match["dec"][:3]


def _quarter(match: re.Match[str], ctx: Context) -> Value:
    number = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
    }[match["q"].lower()]
    if match["year"]:
        return "DATE", f"{match['year']}-Q{number}"
    return "DATE", quarter_value(number, ctx)


def _season_year(match: re.Match[str], ctx: Context) -> Value:
    return "DATE", f"{match['year']}-{SEASONS[match['season'].lower()]}"


def _clock(match: re.Match[str], ctx: Context) -> Value:
    hour, minute = int(match["h"]), int(match["min"] or 0)
    meridiem = (match["ampm"] or "").lower().replace(".", "")
    if not 1 <= hour <= 12 or minute > 59:
        return None
    hour = hour % 12 + (12 if meridiem == "pm" else 0)
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _reference(match: re.Match[str], ctx: Context) -> Value:
    word = match["ref"].lower()
    if word in ("now", "currently", "at present", "the present", "nowadays", "these days"):
        return "DATE", "PRESENT_REF"
    if word in ("the future", "future"):
        return "DATE", "FUTURE_REF"
    return "DATE", "PAST_REF"


def _set(match: re.Match[str], ctx: Context) -> Value:
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


_YEAR_CONTEXT = r"(?:(?<=\bin )|(?<=\bsince )|(?<=\bby )|(?<=\bof )|(?<=\bfrom )|(?<=\buntil )|(?<=\bbefore )|(?<=\bafter )|(?<=\bduring )|(?<=\bfiscal )|(?<=\bthrough )|(?<=\bmid-)|(?<=\bearly )|(?<=\blate ))"
_PART = r"(?P<part>morning|afternoon|evening|night)"

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
            rf"\b(?P<month>{MONTH_PATTERN}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<year>(?:19|20)\d\d)\b)?",
            0,
            _full_date,
        ),
        (
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<month>{MONTH_PATTERN})(?:,? (?P<year>(?:19|20)\d\d)\b)?",
            0,
            _full_date,
        ),
        (rf"\b(?P<month>{MONTH_PATTERN}),? (?:of )?(?P<year>(?:19|20)\d\d)\b", 0, _month_year),
        (
            rf"(?:(?<=\b[Ii]n )|(?<=\b[Ss]ince )|(?<=\b[Uu]ntil )|(?<=\b[Bb]y )|(?<=\b[Ee]arly )|(?<=\b[Ll]ate )|(?<=\bmid-)|(?<=\b[Ll]ast )|(?<=\b[Nn]ext ))(?P<month>{MONTH_PATTERN})\b|\b(?P<m2>(?!May\b|March (?:on|to|through)\b){MONTH_PATTERN})(?![\w-])",
            0,
            lambda m, c: _month_named(m, c),
        ),
        (
            rf"\b[Tt]his (?P<month>{MONTH_PATTERN})\b",
            0,
            lambda m, c: (
                "DATE",
                f"{c.anchor.year:04d}-{_m(m['month']):02d}"
                if c.anchor
                else f"XXXX-{_m(m['month']):02d}",
            ),
        ),
        (
            r"\b(?:the )?(?P<half>first|second|last) half of (?P<year>(?:19|20)\d\d)\b",
            re.I,
            lambda m, c: ("DATE", f"{m['year']}-H{1 if m['half'].lower() == 'first' else 2}"),
        ),
        (
            rf"\b(?:(?P<mod>last|this|next|[Ll]ast|[Tt]his|[Nn]ext) )?(?P<weekday>{WEEKDAY_PATTERN})(?:’s|'s)?(?: {_PART})?\b",
            0,
            _weekday,
        ),
        (
            rf"\b(?P<word>today|yesterday|tomorrow|tonight|last night)(?: {_PART})?\b",
            re.I,
            _deictic,
        ),
        (rf"\bthis {_PART}\b", re.I, _this_part),
        (
            r"\b(?:the )?(?P<mod>last|past|previous|this|current|next|coming|following) (?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter)\b",
            re.I,
            _relative,
        ),
        (
            r"\b(?:over |during |at )?the weekend\b",
            re.I,
            lambda m, c: ("DATE", relative_unit("weekend", 1 if c.future else 0, c)),
        ),
        (
            r"\b(?:the )(?:current |full |fiscal |calendar )?(?P<unit>year|week|month)(?:-end)?\b(?! (?:before|after|earlier|later|ago|old))",
            re.I,
            lambda m, c: ("DATE", relative_unit(m["unit"].lower(), 0, c)),
        ),
        (
            rf"\b(?P<num>{NUMBER_PATTERN}) (?P<unit>{UNIT_PATTERN}) (?P<dir>ago|earlier|later|from now|hence)\b",
            re.I,
            _offset,
        ),
        (
            rf"\b(?:(?:the|over the|in the|for the|within the) (?:past|last|next|first|coming) )?(?P<num>{NUMBER_PATTERN})[- ](?P<unit>{UNIT_PATTERN})(?:-long|-old)?\b",
            re.I,
            _duration,
        ),
        (
            r"(?:(?<=\bfor )|(?<=\bover )|(?<=\bwithin )|(?<=\brecent )|(?<=\bthe past )|(?<=\bin )|(?<=\bafter ))(?P<unit>(?:days|weeks|months|years|decades|hours|minutes))\b",
            re.I,
            _bare_plural,
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
        (r"\b(?:the )?(?:early |mid-|late )?(?P<dec>(?:19|20)\d0)s\b", 0, _decade),
        (
            r"\b(?:the )?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of (?P<year>(?:19|20)\d\d))?\b",
            re.I,
            _quarter,
        ),
        (
            r"\b(?:the )(?:latest |most recent |recent )?(?:quarter|period)\b",
            re.I,
            lambda m, c: ("DATE", last_quarter(c)),
        ),
        (
            r"\b(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter) (?:of )?(?P<year>(?:19|20)\d\d)\b",
            0,
            _season_year,
        ),
        (
            r"\b(?:(?:this past|this coming|this|last|next) |(?<=\bin )|(?<=\bthe ))(?P<season>spring|summer|autumn|winter)\b",
            0,
            lambda m, c: ("DATE", season_value(SEASONS[m["season"]], _season_step(m.group(0)), c)),
        ),
        (r"\b(?P<h>\d{1,2})(?::(?P<min>\d{2}))? ?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)", re.I, _clock),
        (
            r"\b(?P<ref>now|currently|at present|nowadays|these days|recently|lately|the past|in the past|the future|former(?:ly)?)\b",
            re.I,
            lambda m, c: None if m["ref"].lower().startswith("former") else _reference(m, c),
        ),
        (
            rf"\b(?P<every>(?:every|each) (?P<unit>day|week|month|year|hour|morning|evening|night|{WEEKDAY_PATTERN.lower()[3:-1]})|daily|weekly|monthly|annually|yearly|hourly)\b",
            re.I,
            _set,
        ),
    )
)


def _season_step(text: str) -> int:
    """-1 for a past season ('last', 'this past'), +1 for a coming one, 0 otherwise."""
    words = text.lower()
    return (
        -1
        if "past" in words or "last" in words
        else 1
        if "next" in words or "coming" in words
        else 0
    )


def _month_named(match: re.Match[str], ctx: Context) -> Value:
    name = match["month"] or match["m2"]
    return "DATE", month_value(_m(name), ctx)


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    type: str
    value: str


def is_future(text: str, start: int) -> bool:
    """True when the sentence around ``start`` speaks of what is to come."""
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    following = _SENTENCE_BREAK.search(text, start)
    right = following.start() if following else len(text)
    before = text[left:start]
    return bool(_FUTURE.search(before[-TENSE_WINDOW:])) or bool(
        re.match(r"\W*(will|'ll)\b", text[start:right])
    )


def find_timexes(text: str, article_id: str, anchor: str | None) -> tuple[Timex, ...]:
    """TIMEX3 expressions of ``text``, resolved against the ISO date ``anchor`` when given.

    Example: ``find_timexes("He left on Monday.", "a", "2019-11-12")[0].value == "2019-11-11"``
    """
    day = parse_anchor(anchor)
    candidates = []
    for pattern, handler in RULES:
        for match in pattern.finditer(text):
            value = handler(match, Context(day, is_future(text, match.start())))
            if value is not None and match.end() > match.start():
                candidates.append(_Candidate(match.start(), match.end(), *value))
    return tuple(
        Timex(article_id, Span(c.start, c.end), text[c.start : c.end], c.type, c.value)
        for c in _longest_first(candidates)
    )


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, preferring the longest, in text order."""
    chosen: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), c.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: c.start)
