import pytest

from newsweave.extract.timexes import find_timexes

ANCHOR = "2021-03-10"  # a Wednesday


def tag(text, anchor=ANCHOR):
    return [(t.text, t.type, t.value) for t in find_timexes(text, "a", anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister resigned on Monday.", [("Monday", "DATE", "2021-03-08")]),
        ("He left late on Monday.", [("Monday", "DATE", "2021-03-08")]),
        ("The vote will take place on Monday.", [("Monday", "DATE", "2021-03-15")]),
        (
            "Lawmakers are to meet Friday afternoon.",
            [("Friday afternoon", "TIME", "2021-03-12TAF")],
        ),
        ("It happened Monday night.", [("Monday night", "TIME", "2021-03-08TNI")]),
        ("Protests began last month.", [("last month", "DATE", "2021-02")]),
        ("after the February 20 election", [("February 20", "DATE", "2021-02-20")]),
        ("She arrived two weeks ago.", [("two weeks ago", "DATE", "2021-W08")]),
        ("Sales rose this year.", [("this year", "DATE", "2021")]),
        ("The report came out yesterday.", [("yesterday", "DATE", "2021-03-09")]),
        ("It was signed on November 11 2019.", [("November 11 2019", "DATE", "2019-11-11")]),
        ("It was signed on 11 November 2019.", [("11 November 2019", "DATE", "2019-11-11")]),
        ("Crowds gathered over the weekend.", [("over the weekend", "DATE", "2021-W09-WE")]),
        ("She governed for 14 years.", [("14 years", "DURATION", "P14Y")]),
        ("The talks lasted for weeks.", [("weeks", "DURATION", "PXW")]),
        ("Music of the 1990s", [("the 1990s", "DATE", "199")]),
        ("Prices are rising now.", [("now", "DATE", "PRESENT_REF")]),
        ("He recently moved.", [("recently", "DATE", "PAST_REF")]),
        ("The fair is held every year.", [("every year", "SET", "P1Y")]),
        ("Profits fell in the third quarter.", [("the third quarter", "DATE", "2020-Q3")]),
        ("The meeting starts at 3 p.m.", [("3 p.m.", "TIME", "2021-03-10T15:00")]),
        ("He was first elected in 2006.", [("2006", "DATE", "2006")]),
        ("in December", [("December", "DATE", "2020-12")]),
    ],
)
def test_news_conventions(text, expected):
    assert tag(text) == expected


def test_without_an_anchor_relative_values_keep_placeholders():
    assert tag("He left on Monday, a day after the vote.", None) == [
        ("Monday", "DATE", "XXXX-WXX-1"),
        ("a day", "DURATION", "P1D"),
    ]
    assert tag("It was signed on November 11 2019.", None) == [
        ("November 11 2019", "DATE", "2019-11-11")
    ]


def test_not_times():
    assert tag("You may leave. He will march on. 2,000 people and 2019 votes were counted.") == []


def test_spans_index_the_text():
    text = "On Sunday, and again on 3 March 2021 at 10:30 am, officials met for two hours."
    for timex in find_timexes(text, "a", ANCHOR):
        assert text[timex.span.start : timex.span.end] == timex.text
