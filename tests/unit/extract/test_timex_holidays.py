"""Holidays read as dates: the computus, the US federal days, and where a name is no date."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.extract.timex_holidays import HOLIDAYS, easter, holiday_date
from newsweave.extract.timexes import find_timexes


def tag(text: str, anchor: str | None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in find_timexes(text, "a", anchor)]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1999, date(1999, 4, 4)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2038, date(2038, 4, 25)),
        (1818, date(1818, 3, 22)),
    ],
)
def test_easter(year, expected):
    assert easter(year) == expected


@given(st.integers(1583, 4000))
def test_easter_is_a_sunday_between_march_22_and_april_25(year):
    day = easter(year)
    assert day.weekday() == 6
    assert date(year, 3, 22) <= day <= date(year, 4, 25)


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("Thanksgiving", 2019, date(2019, 11, 28)),
        ("Black Friday", 2019, date(2019, 11, 29)),
        ("Election Day", 2020, date(2020, 11, 3)),
        ("Election Day", 2022, date(2022, 11, 8)),
        ("Memorial Day", 2021, date(2021, 5, 31)),
        ("Labor Day", 2021, date(2021, 9, 6)),
        ("Martin Luther King Jr. Day", 2021, date(2021, 1, 18)),
        ("Good Friday", 2019, date(2019, 4, 19)),
        ("Ash Wednesday", 2024, date(2024, 2, 14)),
        ("New Year’s Eve", 2020, date(2020, 12, 31)),
    ],
)
def test_holiday_dates(name, year, expected):
    assert holiday_date(name, year) == expected


@given(st.sampled_from(sorted(HOLIDAYS)), st.integers(1900, 2100))
def test_every_holiday_has_a_date_in_every_year(name, year):
    assert holiday_date(name, year).year == year


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Crowds shopped on Christmas Eve.", "2021-03-10", [("Christmas Eve", "2020-12-24")]),
        ("He will return by Christmas.", "2021-03-10", [("Christmas", "2021-12-25")]),
        ("Protesters marched on Good Friday.", "2019-04-22", [("Good Friday", "2019-04-19")]),
        ("It happened last Thanksgiving.", "1999-12-10", [("last Thanksgiving", "1999-11-25")]),
        ("We meet next Easter.", "2021-03-10", [("next Easter", "2021-04-04")]),
        ("He died at Easter 2016.", "2020-12-01", [("Easter 2016", "2016-03-27")]),
        ("on New Year's Day, he spoke", "2021-01-03", [("New Year's Day", "2021-01-01")]),
        ("They met on Christmas Day.", None, [("Christmas Day", "XXXX-12-25")]),
        ("They met on Good Friday.", None, [("Good Friday", "XXXX-XX-XX")]),
        ("Churches were closed at Easter.", "2021-03-10", [("Easter", "2020-04-12")]),
        ("He was born on Holy Thursday.", "2021-03-10", [("Holy Thursday", "2020-04-09")]),
        ("The rally happened on Memorial Day.", "2021-03-10", [("Memorial Day", "2020-05-25")]),
        ("Stores were busy over Thanksgiving.", "2021-09-15", [("Thanksgiving", "2020-11-26")]),
        ("He came home last Christmas.", "2021-12-30", [("last Christmas", "2021-12-25")]),
        (
            "Churches closed over Easter last year.",
            "2021-03-10",
            [("Easter last year", "2020-04-12")],
        ),
    ],
)
def test_holidays_in_text(text, anchor, expected):
    assert tag(text, anchor) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Christmas tree was lit.",
        "They sailed to Easter Island.",
        "the Good Friday Agreement held",
        "survivors of the Boxing Day tsunami",
        "Christmas shoppers",
        "Critics of the War on Christmas campaign spoke.",
        "the spirit of Christmas",
        "Al Capone ordered the St. Valentine's Day Massacre.",
        "Northern Ireland's Good Friday peace deal is under strain.",
    ],
)
def test_names_that_are_not_dates(text):
    assert tag(text, "2021-03-10") == []


def test_a_holiday_after_a_year_names_an_event():
    assert tag("survivors of the 2004 Boxing Day tsunami", "2021-03-10") == [("2004", "2004")]
