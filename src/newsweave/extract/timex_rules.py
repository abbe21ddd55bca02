"""What English news writes for a time, and what TIMEX3 type and value each form means.

Each rule is a regular expression and a handler (in :mod:`~newsweave.extract.timex_calendar`
and :mod:`~newsweave.extract.timex_relative`) from its match (and the :class:`Context`:
anchor date and tense) to a reading: ``(type, value)``, or ``(type, value, Anaphor)`` when
the value is better read from the text's reference time than from the anchor (see
:func:`newsweave.extract.timexes.find_timexes`). A handler returns None to reject a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsweave.extract.timex_calendar import (
    anchor_day,
    read_century,
    read_clock,
    read_clock24,
    read_decade,
    read_full_date,
    read_iso_date,
    read_month_named,
    read_month_year,
    read_numeric_date,
    read_quarter,
    read_season,
    read_season_year,
    read_year_only,
    read_year_quarter,
    short_decade,
)
from newsweave.extract.timex_holidays import (
    FEAST_WEEKDAY_PREFIXES,
    NAME_PATTERN,
    NAMES_PATTERN,
    read_holiday,
    read_holiday_in_context,
)
from newsweave.extract.timex_lexicon import (
    MONTH_PATTERN,
    NUMBER_PATTERN,
    ORDINAL_PATTERN,
    UNIT_PATTERN,
    WEEKDAY_PATTERN,
    YEAR_PATTERN,
)
from newsweave.extract.timex_relative import (
    part_code,
    read_bare_plural,
    read_deictic,
    read_duration,
    read_last_month_named,
    read_month_of_year,
    read_next_day,
    read_offset,
    read_reference,
    read_relative,
    read_set,
    read_that,
    read_this_month,
    read_this_part,
    read_weekday,
    read_year_ago,
    read_year_end,
)
from newsweave.extract.timex_resolve import (
    Context,
    Reading,
    last_quarter,
    relative_unit,
)

__all__ = ["RULES"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A form: its pattern, its handler, and, for a rare form whose pattern opens with a long
    alternation ("the twenty-first century"), the words one of which a text must hold for
    the pattern to be tried at all (matched as the pattern matches them; None: always)."""

    pattern: re.Pattern[str]
    handler: Callable[[re.Match[str], Context], Reading]
    needs: re.Pattern[str] | None = None


def _rule(
    pattern: str,
    flags: int,
    handler: Callable[[re.Match[str], Context], Reading],
    needs: tuple[str, ...] = (),
) -> Rule:
    words = re.compile("|".join(map(re.escape, needs)), flags | re.IGNORECASE) if needs else None
    return Rule(re.compile(pattern, flags), handler, words)


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
_YEAR_CONTEXT = r"(?=[12])(?:(?<=\bin )|(?<=\bsince )|(?<=\bby )|(?<=\bof )|(?<=\bfrom )|(?<=\buntil )|(?<=\bbefore )|(?<=\bafter )|(?<=\bduring )|(?<=\bfiscal )|(?<=\bthrough )|(?<=\bmid-)|(?<=\bearly )|(?<=\blate ))"
_PART = r"(?P<part>(?:early |late |mid-?)?(?:morning|afternoon|evening|night))"
_WEEKDAY_BEFORE = rf"(?:(?:this coming |this )?(?P<wd>{WEEKDAY_PATTERN}),? (?:the )?)?"
_DAY = rf"(?P<day>\d{{1,2}}(?:st|nd|rd|th)?|{ORDINAL_PATTERN})(?![\w-])"
_YEAR = rf"(?P<year>{YEAR_PATTERN})"
#: A weekday that is part of a feast's name ("Good Friday", "the Good Friday Agreement").
_NOT_A_FEAST = "".join(f"(?<!{re.escape(prefix.title())} )" for prefix in FEAST_WEEKDAY_PREFIXES)
#: The words after a count of units that make it an offset ("two weeks ago").
_OFFSET_WORDS = ("ago", "earlier", "later", "from now", "hence")
#: Words after a holiday's name that make it part of another name, or of an event's
#: ("Christmas tree", "Easter Island", "the Good Friday peace deal", "Easter Sunday bombings").
_HOLIDAY_NOUNS = (
    r"[Aa]greement|[Aa]ccords?|[Pp]eace|[Dd]eal|Islands?|[Ii]sland|Rising|[Oo]ffensive|"
    r"[Uu]prising|[Mm]assacre|[Tt]sunami|[Bb]ombings?|[Aa]ttacks?|[Tt]ruce|[Ee]ggs?|[Tt]rees?|"
    r"[Cc]ards?|[Cc]arols?|Bunny"
)
#: "last", "next" or "this" before a holiday, which says which one is meant.
_HOLIDAY_MOD = r"(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his) )?"
#: A year written after a holiday ("Christmas 2019", "Easter of 2020").
_HOLIDAY_YEAR = r"(?:,? (?:of )?(?P<year>(?:19|20)\d\d)\b| (?P<which>last|this|next) year\b)?"
#: What follows a clock that says which half of the day it is in ("at 9:30 last night", "at
#: 11:00 on Sunday night"): a 12-hour clock is read only then.
_PART_OF_DAY_AFTER = (
    rf" (?:on )?(?:{WEEKDAY_PATTERN} )?(?:morning|afternoon|evening|night)\b"
    r"| (?:tonight|last night|this (?:morning|afternoon|evening))\b"
)
#: Between a day and its year: ", " or " ", and " , " in tokenised text ("March 01 , 2008").
_COMMA = r" ?,? "

RULES: tuple[Rule, ...] = tuple(
    _rule(*rule)
    for rule in (
        (r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", 0, read_iso_date),
        (
            r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)?\d\d)\b",
            0,
            read_numeric_date,
        ),
        (
            rf"(?=[tMTWFSJAOND]){_WEEKDAY_BEFORE}\b(?P<month>{MONTH_PATTERN}) (?:the )?{_DAY}(?:{_COMMA}{_YEAR})?",
            0,
            read_full_date,
        ),
        (
            rf"(?=[\dMTWFSfsten]){_WEEKDAY_BEFORE}\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?|(?:the )?(?P<nth>{ORDINAL_PATTERN}) of )(?P<month>{MONTH_PATTERN})(?:{_COMMA}{_YEAR})?",
            0,
            read_full_date,
        ),
        (rf"\b(?P<month>{MONTH_PATTERN}),? (?:of )?{_YEAR}", 0, read_month_year),
        (
            rf"(?=[JFMASOND])(?:(?<=\b[Ii]n )|(?<=\b[Ss]ince )|(?<=\b[Uu]ntil )|(?<=\b[Bb]y )|(?<=\b[Ee]arly )|(?<=\b[Ll]ate )|(?<=\bmid-))(?P<month>{MONTH_PATTERN})\b|\b(?P<m2>(?!May\b|March (?:on|to|through)\b){MONTH_PATTERN})(?![\w-])",
            0,
            read_month_named,
        ),
        (
            rf"\b(?P<mod>[Ll]ast|[Nn]ext) (?P<month>{MONTH_PATTERN})(?![\w-]|\.? (?:the )?\d)",
            0,
            read_last_month_named,
        ),
        (rf"\b[Tt]his (?P<month>{MONTH_PATTERN})\b", 0, read_this_month),
        (
            rf"(?=[\dfstenJFMASOND])\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?|(?:the )?(?P<nth>{ORDINAL_PATTERN}) of )?"
            rf"(?P<month>{MONTH_PATTERN})(?: (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\b)? (?:of )?"
            r"(?P<which>this|last|next) year\b",
            0,
            read_month_of_year,
        ),
        (
            rf"\b{_HOLIDAY_MOD}(?P<holiday>{NAMES_PATTERN})(?! (?:{_HOLIDAY_NOUNS}))\b{_HOLIDAY_YEAR}",
            0,
            read_holiday,
        ),
        (
            rf"\b{_HOLIDAY_MOD}(?P<holiday>{NAME_PATTERN})(?! (?:{_HOLIDAY_NOUNS}))\b{_HOLIDAY_YEAR}",
            0,
            read_holiday_in_context,
        ),
        (
            r"\b(?:the )?(?P<half>first|second|last) half of (?P<year>(?:19|20)\d\d)\b",
            re.I,
            lambda m, c: ("DATE", f"{m['year']}-H{1 if m['half'].lower() == 'first' else 2}"),
        ),
        (
            rf"\b(?:(?P<mod>[Ll]ast|[Tt]his|[Nn]ext) )?{_NOT_A_FEAST}(?P<weekday>{WEEKDAY_PATTERN})(?:’s|'s)?(?: {_PART})?\b",
            0,
            read_weekday,
        ),
        (
            rf"\b(?:(?P<before>(?:early |late |mid-?)?(?:morning|afternoon|evening)) )?(?P<word>today|yesterday|tomorrow|tonight|last night)(?: {_PART})?\b",
            re.I,
            read_deictic,
        ),
        (rf"\bthis {_PART}\b", re.I, read_this_part),
        (
            r"\b(?:the )?(?P<mod>last|past|previous|preceding|prior|this|current|next|coming|following) (?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter)\b",
            re.I,
            read_relative,
        ),
        (
            r"\b[Tt]he (?P<mod>next|following|previous|preceding|prior) (?P<unit>day|morning|afternoon|evening|night)\b",
            0,
            read_next_day,
        ),
        (
            r"\b(?:(?:[Ee]arlier|[Ll]ater) )?(?:[Tt]hat|[Tt]he same) (?P<unit>day|week|month|year|morning|afternoon|evening|night)\b",
            0,
            read_that,
        ),
        (
            r"(?=the day)(?:(?<=\bend )|(?<=\bended )|(?<=\bends )|(?<=\bending )|(?<=\bfinish )|"
            r"(?<=\bfinished )|(?<=\bclose )|(?<=\bclosed )|(?<=\b[Ff]or )|(?<=\bin ))"
            r"(?<![Bb]ack in )the (?P<unit>day)\b(?! (?:before|after|of|when|that|it|he|she|they)\b)",
            0,
            read_that,
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
            read_year_end,
        ),
        (
            r"\b(?:the )?(?:coming|next few|next several) (?:days|weeks|months|years|quarters)\b|"
            r"\bthe (?:days|weeks|months|years) ahead\b(?! of\b)|"
            r"\bfuture (?:years|quarters|months)\b|\bthe (?:near|short) term\b",
            re.I,
            lambda m, c: ("DATE", "FUTURE_REF"),
        ),
        (
            r"\b(?:(?:early|late|mid)[- ]?(?:morning|afternoon|evening))\b",
            re.I,
            lambda m, c: ("TIME", f"{anchor_day(c)}T{part_code(m.group(0))}"),
        ),
        (
            rf"\b[Tt]he year (?P<year>{YEAR_PATTERN})",
            0,
            read_year_only,
        ),
        (
            r"\b[Tt]he (?:fiscal |financial )?year(?= end(?:ed|ing)\b)",
            0,
            lambda m, c: ("DURATION", "P1Y"),
        ),
        (
            r"\b(?:[Tt]he )?(?:comparable |corresponding |same )?[Yy]ear-(?:ago|earlier)(?: (?:(?P<q>first|second|third|fourth)[- ]quarter|(?P<period>quarter|period)))?\b",
            0,
            read_year_ago,
        ),
        (
            rf"\b(?P<num>{NUMBER_PATTERN}) (?P<unit>{UNIT_PATTERN}) (?P<dir>{'|'.join(_OFFSET_WORDS)})\b",
            re.I,
            read_offset,
            _OFFSET_WORDS,
        ),
        (
            rf"\b(?:(?:the|over the|in the|for the|within the) (?:past|last|next|first|coming) )?(?P<num>{NUMBER_PATTERN})[- ](?:(?:more|additional|further|straight|consecutive|successive|trading|business|working) )?(?P<unit>{UNIT_PATTERN})(?:-long)?\b(?P<half> and a half\b)?(?![- ]old\b)(?<!quarter(?= of\b))(?<!quarters(?= of\b))",
            re.I,
            _not_a_rate(read_duration),
        ),
        (
            r"(?=[dwmyhc])(?:(?<=\bfor )|(?<=\bover )|(?<=\bwithin )|(?<=\bthe past )|(?<=\bin )|(?<=\bafter ))(?P<unit>(?:days|weeks|months|years|decades|centuries|hours|minutes))\b",
            re.I,
            read_bare_plural,
        ),
        (
            r"\b[Rr]ecent (?P<unit>days|weeks|months|years)\b",
            0,
            lambda m, c: ("DATE", "PAST_REF"),
        ),
        (
            rf"{_YEAR_CONTEXT}(?P<year>(?:19|20)\d\d)\b(?![-/%]|\d| percent| people| troops| votes| points| members)",
            0,
            read_year_only,
        ),
        (
            r"(?<![$#.,\d])\b(?P<year>(?:19|20)\d\d)\b(?![-/%.,]?\d|%| percent| per cent)"
            r"(?! (?:people|troops|votes|points|members|times|units|cars|jobs|shares|barrels|tons|"
            r"tonnes|feet|miles|meters|metres|residents|workers|soldiers|students|homes|dollars|euros|pounds)\b)",
            0,
            read_year_only,
        ),
        (
            rf"\b(?P<year>{YEAR_PATTERN})",
            0,
            lambda m, c: None if m["year"][0].isdigit() else read_year_only(m, c),
        ),
        (r"\b(?:the )?(?:early |mid-|late )?(?P<dec>(?:19|20)\d0)s\b", 0, read_decade),
        (
            r"\b(?:the )?(?:early |mid-|late )?(?:['’](?P<dd>[1-9]0)s\b|(?<=the )(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
            re.I,
            lambda m, c: short_decade(m["dd"] or m["dw"], c),
        ),
        (
            rf"\b(?:the )?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_PATTERN})[- ]century\b",
            re.I,
            read_century,
            ("century",),
        ),
        (
            r"\b(?:the )?(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ]quarter"
            r"(?: of (?P<year>(?:19|20)\d\d)| of (?P<which>this|last|next) year)?\b",
            re.I,
            read_quarter,
        ),
        (
            r"\b(?:the )?(?P<which>(?:19|20)\d\d|this year's|last year's|next year's) (?:(?P<q>first|second|third|fourth)[- ]quarter|quarter|period)\b",
            re.I,
            read_year_quarter,
        ),
        (
            r"\b(?:the )(?:latest |most recent |recent )?(?:quarter|period)\b",
            re.I,
            lambda m, c: ("DATE", last_quarter(c)),
        ),
        (
            rf"\b(?:the )?(?P<season>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter) (?:of )?{_YEAR}",
            0,
            read_season_year,
        ),
        (
            r"\b(?:(?:this past|this coming|this|last|next) |(?<=\bin )|(?<=\bthe ))(?P<season>spring|summer|autumn|winter)\b",
            0,
            read_season,
        ),
        (
            rf"(?=[\dnm])\b(?:(?P<h>\d{{1,2}})(?::(?P<min>\d{{2}}))? ?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|{_NOON_AFTER}(?P<named>noon|midnight)\b|(?P<named2>noon|midnight)(?= (?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow)\b))",
            re.I,
            read_clock,
        ),
        (
            r"(?=\d)(?:\b(?P<h24>[01]?\d|2[0-3])(?::|(?=\d\d ?(?:UTC|GMT|Z)\b))(?P<m24>[0-5]\d)(?::[0-5]\d)?"
            r" ?(?P<zone>UTC|GMT|Z\b|[ECMP][SD]T\b|CET|CEST|BST)(?P<offset>[+−-]\d{1,2}(?::?\d\d)?)?"
            r"(?![\w+−-])"
            r"|(?:(?<=\b[Aa]t )|(?<=\b[Bb]y )|(?<=\b[Uu]ntil )|(?<=\b[Tt]ill )|(?<=\b[Ff]rom )|"
            r"(?<=\b[Aa]round )|(?<=\b[Bb]efore )|(?<=\b[Aa]fter )|(?<=\b[Ss]ince )|(?<=\bto ))"
            r"(?:(?P<h24b>0\d|1[3-9]|2[0-3]):(?P<m24b>[0-5]\d)\b"
            r"(?! ?(?:[ap]\.?m\b|[:/.,]\d|of\b|down\b|up\b|lead\b|at half))"
            rf"|(?P<h12>1[0-2]|[1-9]):(?P<m12>[0-5]\d)(?={_PART_OF_DAY_AFTER})))",
            0,
            read_clock24,
        ),
        (
            r"\b(?P<ref>now|currently|at present|nowadays|these days|recently|lately|the past|in the past|the near future|the future|former(?:ly)?)\b",
            re.I,
            read_reference,
        ),
        (
            rf"\b(?P<every>(?:every|each) (?P<unit>day|week|month|year|hour|morning|evening|night|{WEEKDAY_PATTERN.lower()[3:-1]})|daily|weekly|monthly|annually|yearly|hourly)\b",
            re.I,
            read_set,
        ),
    )
)
