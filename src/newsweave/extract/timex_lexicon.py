"""Words of time in English news: months, weekdays, numbers, units, parts of day, seasons."""

from __future__ import annotations

__all__ = [
    "MONTHS",
    "MONTH_PATTERN",
    "NUMBERS",
    "NUMBER_PATTERN",
    "PARTS_OF_DAY",
    "SEASONS",
    "UNITS",
    "UNIT_PATTERN",
    "WEEKDAYS",
    "WEEKDAY_PATTERN",
    "number_value",
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
    "a half": 0.5,
}
#: Vague quantities: TIMEX3 writes them with X ("several years" -> PXY).
VAGUE = {"several", "few", "a few", "many", "some", "recent", "the past few", "a number of"}
NUMBER_PATTERN = (
    r"(?:\d+(?:\.\d+)?|a couple of|couple of|half a|a few|few|several|many|some|"
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
    parts = text.split()
    if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
        return NUMBERS[parts[0]] + NUMBERS[parts[1]]
    try:
        return float(text)
    except ValueError:
        return None
