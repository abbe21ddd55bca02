"""The TimeML extent of temporal expressions: signals out, possessives out, modifiers in."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.extract.timex_extent import timeml_extent
from newsweave.extract.timexes import find_timexes

ANCHOR = "2021-03-10"  # a Wednesday


def spans(text: str) -> list[str]:
    return [t.text for t in find_timexes(text, "a", ANCHOR)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stocks fell in the past three months.", ["the past three months"]),
        ("Prices rose over the last two weeks.", ["the last two weeks"]),
        ("It will be done within the next two weeks.", ["the next two weeks"]),
        ("Traders sold before Friday's close.", ["Friday"]),
        ("Traders sold before Friday’s close.", ["Friday"]),
        ("The deal closes early next year.", ["early next year"]),
        ("Talks have been cut off for nearly two years.", ["nearly two years"]),
        ("She took the stand for more than four hours.", ["more than four hours"]),
        ("Troops arrive by the end of the month.", ["the end of the month"]),
        ("In fiscal 1989, the company earned $7.8 million.", ["fiscal 1989"]),
        ("Results are due in mid-November.", ["mid-November"]),
        ("The blast came at around 7:15 p.m.", ["around 7:15 p.m."]),
        ("Earlier this month, the board met.", ["Earlier this month"]),
        ("They talked about Monday's vote.", ["Monday"]),
        ("They wrote about Monday.", ["Monday"]),
        ("He wrote about 1989 in his memoir.", ["1989"]),
        ("In the run-up to 2020, candidates met.", ["2020"]),
        ("The firm grew for about two years.", ["about two years"]),
        ("For the nine months, net rose 4%.", ["the nine months"]),
        ("They made the late-November trip.", ["late-November"]),
        ("The 2 p.m. deadline passed.", ["2 p.m."]),
        ("The three-day summit ended.", ["three-day"]),
    ],
)
def test_timeml_extent_in_text(text, expected):
    assert spans(text) == expected


def test_tokenised_date_keeps_its_year():
    found = find_timexes("Airbus wins contract March 01 , 2008 Northrop", "a", ANCHOR)
    assert [(t.text, t.value) for t in found] == [("March 01 , 2008", "2008-03-01")]


def test_a_modifier_is_never_taken_from_the_expression_before():
    text = "From 2001 early 2002 it grew."
    assert timeml_extent(text, 16, 20, floor=9) == (10, 20)  # "early 2002"
    assert timeml_extent(text, 16, 20, floor=12) == (16, 20)  # "ea" belongs to another
    assert timeml_extent(text, 16, 20, floor=16) == (16, 20)


def test_a_lone_preposition_is_kept():
    # a match that would be nothing but its signal is left whole
    assert timeml_extent("in ", 0, 3) == (0, 3)


@given(st.text(max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_extent_stays_inside_the_text_and_non_empty(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    if start == end:
        return
    new_start, new_end = timeml_extent(text, start, end)
    assert 0 <= new_start < new_end <= len(text)
    assert new_end <= end
