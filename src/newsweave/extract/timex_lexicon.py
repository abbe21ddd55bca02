"""Words of time in English news: months, weekdays, numbers, units, parts of day, seasons."""

from __future__ import annotations

__all__ = [
    "MONTHS",
    "MONTH_PATTERN",
    "NUMBERS",
    "NUMBER_PATTERN",
    "ORDINALS",
    "ORDINAL_PATTERN",
    "PARTS_OF_DAY",
    "SEASONS",
    "UNITS",
    "UNIT_PATTERN",
    "WEEKDAYS",
    "WEEKDAY_PATTERN",
    "YEAR_PATTERN",
    "number_value",
    "year_value",
]

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
#: Month names must be capitalised ("may" is a verb, "march" a noun); abbreviations may end in '.'.
MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY_PATTERN = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
    "couple of": 2,
    "a couple of": 2,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
}
#: Vague quantities: TIMEX3 writes them with X ("several years" -> PXY).
VAGUE = {"several", "few", "a few", "many", "some", "recent", "the past few", "a number of"}
NUMBER_PATTERN = (
    r"(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) and a half|\d+ 1/2|"
    r"\d+(?:\.\d+)?|a couple of|couple of|half an?|a few|few|several|many|some|"
    r"(?:twenty|thirty|forty|fifty|sixty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|a|an)"
)
#: unit word -> (TIMEX3 letter, is a time-of-day unit written after 'T')
UNITS = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "week": ("W", False),
    "month": ("M", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "quarter": ("Q", False),
}
UNIT_PATTERN = r"(?:second|minute|hour|day|week|month|year|decade|centur(?:y|ie)|quarter)s?"
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


def number_value(text: str) -> float | None:
    """The value of a number word or numeral; None for vague quantities ("several")."""
    text = text.lower().replace("-", " ").strip()
    if text in VAGUE:
        return None
    if text in NUMBERS:
        return NUMBERS[text]
    if text.endswith(" and a half"):
        whole = number_value(text.removesuffix(" and a half"))
        return None if whole is None else whole + 0.5
    parts = text.split()
    if len(parts) == 2 and parts[1] == "1/2" and parts[0].isdigit():
        return int(parts[0]) + 0.5
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    try:
        return float(text)
    except ValueError:
        return None


_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TEN_VALUES = {w: 10 * (i + 2) for i, w in enumerate(_TENS.split("|"))}
_SMALL_VALUES = {w: i + 1 for i, w in enumerate(_ONES.split("|"))} | {
    w: i + 10 for i, w in enumerate(_TEENS.split("|"))
}
#: Years as broadcast transcripts spell them: "nineteen ninety-six", "the year two thousand".
SPELLED_YEAR_PATTERN = (
    rf"(?:nineteen|twenty) (?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|hundred)\b|"
    rf"(?<=\byear )two thousand(?: (?:and )?(?:{_ONES}|{_TEENS}))?\b"
)
#: A year in digits (1900-2099) or spelled out.
YEAR_PATTERN = rf"(?:(?:19|20)\d\d\b|{SPELLED_YEAR_PATTERN})"

_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
#: Ordinal words up to 31: "March eighth", "the twenty-first century".
ORDINALS = (
    {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
    | {
        f"{tens}{sep}{w}": value + i + 1
        for tens, value in (("twenty", 20), ("thirty", 30))
        for sep in ("-", " ")
        for i, w in enumerate(_ORDINAL_WORDS[:9])
    }
    | {"thirtieth": 30}
)
ORDINAL_PATTERN = "(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"


def _spelled_number(words: str) -> int | None:
    """ "ninety-six" -> 96, "eleven" -> 11, "" -> 0; None when not a number under 100."""
    total = 0
    for word in words.replace("-", " ").split():
        if word in _TEN_VALUES and total == 0:
            total = _TEN_VALUES[word]
        elif word in _SMALL_VALUES and total % 10 == 0 and (total == 0 or _SMALL_VALUES[word] < 10):
            total += _SMALL_VALUES[word]
        elif word != "and":
            return None
    return total


def year_value(text: str) -> int | None:
    """A year written in digits ('1996', '96') or words ('nineteen ninety-six', 'two thousand')."""
    text = text.lower().strip()
    if text.isdigit():
        year = int(text)
        return year + (1900 if year >= 50 else 2000) if year < 100 else year
    if text.startswith("two thousand"):
        units = _spelled_number(text.removeprefix("two thousand"))
        return None if units is None else 2000 + units
    century, _, rest = text.partition(" ")
    base = {"nineteen": 1900, "twenty": 2000}.get(century)
    if base is None:
        return None
    if rest == "hundred":
        return base
    tail = _spelled_number(rest)
    return None if tail is None else base + tail
