import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.extract.timexes import find_timexes, scan_timexes

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
        ("Crowds gathered over the weekend.", [("the weekend", "DATE", "2021-W09-WE")]),
        ("The group may arrive as soon as Tuesday.", [("Tuesday", "DATE", "2021-03-16")]),
        (
            "Investors who feared the bank would collapse pulled out billions on Friday.",
            [("Friday", "DATE", "2021-03-05")],
        ),
        ("The scheduled flight crashed on Tuesday.", [("Tuesday", "DATE", "2021-03-09")]),
        ("The heat is to blame for the deaths on Monday.", [("Monday", "DATE", "2021-03-08")]),
        ("Officials knew as early as January.", [("January", "DATE", "2021-01")]),
        ("The attack happened on 5 June last year.", [("5 June last year", "DATE", "2020-06-05")]),
        ("It opens on 3 October next year.", [("3 October next year", "DATE", "2022-10-03")]),
        ("They met on 31 February, no day at all.", [("February", "DATE", "2021-02")]),
        (
            "The firm has scheduled a news conference Thursday.",
            [("Thursday", "DATE", "2021-03-11")],
        ),
        ("Trading is to resume in Paris Tuesday.", [("Tuesday", "DATE", "2021-03-16")]),
        ("He signed it Friday.", [("Friday", "DATE", "2021-03-05")]),
        ("The take-off, at 08:30 UTC, was normal.", [("08:30 UTC", "TIME", "2021-03-10T08:30Z")]),
        ("At 0800 GMT, the bank cut rates.", [("0800 GMT", "TIME", "2021-03-10T08:00Z")]),
        ("Trains leave at 21:45.", [("21:45", "TIME", "2021-03-10T21:45")]),
        ("The meeting starts at 10:00 GMT+8.", [("10:00 GMT+8", "TIME", "2021-03-10T10:00")]),
        ("They came back from 12:20 down to win.", []),
        ("Crosby scored at 1:23 of overtime.", []),
        (
            "The bomb exploded at 14:58 on Monday afternoon.",
            [("14:58 on Monday afternoon", "TIME", "2021-03-08T14:58")],
        ),
        ("In the weeks ahead of the vote, crowds grew.", []),
        ("They met at 9:30 last night.", [("9:30 last night", "TIME", "2021-03-09T21:30")]),
        (
            "He was last seen at 11:00 on Sunday night.",
            [("11:00 on Sunday night", "TIME", "2021-03-07T23:00")],
        ),
        ("He finished at 9:30 in the race.", []),
        (
            "The raid began at 04:00 on Sunday evening's orders.",
            [("04:00 on Sunday evening", "TIME", "2021-03-07T04:00")],
        ),
        ("Two years EARLİER he left.", [("Two years EARLİER", "DATE", "2019")]),
        (
            "He was born on 31 February last year.",
            [("February", "DATE", "2021-02"), ("last year", "DATE", "2020")],
        ),
        ("at 12:00 UTC Monday", [("12:00 UTC Monday", "TIME", "2021-03-08T12:00Z")]),
        ("The score was 21:15 at the break.", []),
        ("The race ended in 2:05:30.", []),
        ("He needs two more weeks.", [("two more weeks", "DURATION", "P2W")]),
        ("after six straight days of losses", [("six straight days", "DURATION", "P6D")]),
        ("Prices may rise in the weeks ahead.", [("the weeks ahead", "DATE", "FUTURE_REF")]),
        ("The index fell 3%, ending the day at 7,114.", [("the day", "DATE", "2021-03-10")]),
        (
            "On March 3 the index rose, to end the day up 2%.",
            [("March 3", "DATE", "2021-03-03"), ("the day", "DATE", "2021-03-03")],
        ),
        ("The day before, he left.", []),
        ("Back in the day, the mill employed hundreds.", []),
        (
            "In the first quarter of last year, it lost money.",
            [("the first quarter of last year", "DATE", "2020-Q1")],
        ),
        ("Shares were at their lowest in over six years.", [("over six years", "DURATION", "P6Y")]),
        (
            "For the final quarter of 2009, it made a profit.",
            [("the final quarter of 2009", "DATE", "2009-Q4")],
        ),
        ("In July last year, he left.", [("July last year", "DATE", "2020-07")]),
        ("Sales fell in January this year.", [("January this year", "DATE", "2021-01")]),
        ("It ends in October of next year.", [("October of next year", "DATE", "2022-10")]),
        (
            "In July, last year's crop failed.",
            [("July", "DATE", "2020-07"), ("last year", "DATE", "2020")],
        ),
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
        ("They met last Wednesday.", [("last Wednesday", "DATE", "2021-03-03")]),
        ("The deal was signed last Monday.", [("last Monday", "DATE", "2021-03-08")]),
        ("The offer had been due to expire Friday.", [("Friday", "DATE", "2021-03-05")]),
        (
            "It said in an editorial on Saturday, April 25:",
            [("Saturday, April 25", "DATE", "2020-04-25")],
        ),
        ("It opened at 10 p.m. Wednesday.", [("10 p.m. Wednesday", "TIME", "2021-03-10T22:00")]),
        ("Talks broke off at noon Tuesday.", [("noon Tuesday", "TIME", "2021-03-09T12:00")]),
        ("In nineteen ninety-six a bomb went off.", [("nineteen ninety-six", "DATE", "1996")]),
        ("by the year two thousand", [("the year two thousand", "DATE", "2000")]),
        ("The crash happened last February.", [("last February", "DATE", "2020-02")]),
        ("The strike began last spring.", [("last spring", "DATE", "2020-SP")]),
        ("Crowds are expected this summer.", [("this summer", "DATE", "2021-SU")]),
        ("They lived in camps for 2 1/2 years.", [("2 1/2 years", "DURATION", "P2Y6M")]),
        ("It took half an hour.", [("half an hour", "DURATION", "PT30M")]),
        ("He hopes to finish by year-end.", [("year-end", "DATE", "2021-12-31")]),
        (
            "Music of the '80s and the nineties",
            [("the '80s", "DATE", "198"), ("the nineties", "DATE", "199")],
        ),
        ("a 20th century democrat", [("20th century", "DATE", "19")]),
        ("The fund grew for two decades.", [("two decades", "DURATION", "P20Y")]),
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


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Reupke, 52 years old, resigned.",
        "The 6-year-old boy and his 44-year-old father arrived.",
        "Qantas runs four flights a week and pays $2 million a year in fees.",
        "Iraq imports about three-quarters of its food.",
        "A second group of directors bought shares.",
        "A picture from the film High Noon.",
    ],
)
def test_ages_rates_fractions_and_ordinals_are_not_times(text):
    assert tag(text) == []


def test_anaphoric_expressions_count_from_the_last_date_named():
    text = (
        "On May 22, 1995, he was promoted, and the following year he moved. The next day he left."
    )
    assert [(t, v) for t, _, v in tag(text)] == [
        ("May 22, 1995", "1995-05-22"),
        ("the following year", "1996"),
        ("The next day", "2021-03-11"),  # a year is no day to count from: the anchor's
    ]
    text = "The army entered the town on March 3, 2020. Two days later it withdrew."
    assert tag(text)[-1] == ("Two days later", "DATE", "2020-03-05")
    text = "Clashes broke out on March 3, 2020. That night, curfew began."
    assert tag(text)[-1] == ("That night", "TIME", "2020-03-03TNI")


def test_a_results_report_reads_year_ago_figures_as_the_year_ago_quarter():
    text = (
        "Net income in the third quarter rose to $5 million from $3 million a year earlier. "
        "Sales were flat compared with the year-ago quarter."
    )
    assert [(t, v) for t, _, v in tag(text)] == [
        ("the third quarter", "2020-Q3"),
        ("a year earlier", "2019-Q3"),
        ("the year-ago quarter", "2019-Q3"),
    ]
    assert tag("He joined the firm a year ago.") == [("a year ago", "DATE", "2020")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tally is not a to-infinitive: the vote was in the past
        ("Councillors approved it by seven votes to two on Tuesday.", "2021-03-09"),
        # the future marker stands far before the day, in the same clause
        (
            "Holloway will present the plan to the state infrastructure board on Friday.",
            "2021-03-12",
        ),
        ("A public meeting on the project is planned for Saturday.", "2021-03-13"),
        ("Work should begin in July.", "2021-07"),
        ("Work should have begun in February.", "2021-02"),
        # an event still to come, written before it
        ("Ahead of Saturday's vote, the party held rallies.", "2021-03-13"),
        ("Heading into Friday's primary, her lead has all but gone.", "2021-03-12"),
        ("She won Friday's primary.", "2021-03-05"),
        # "is certain to", "likely to": what is to come
        ("She is almost certain to win a speaking slot at the summer convention.", "2021-SU"),
        ("She was likely to win a speaking slot at the summer convention.", "2020-SU"),
    ],
)
def test_the_tense_of_the_clause_picks_the_day(text, expected):
    ((_, _, value),) = tag(text)
    assert value == expected


@given(st.text(max_size=200))
def test_a_scan_reads_as_a_fresh_match(text):
    scan = scan_timexes(text)
    for anchor in (ANCHOR, None):
        assert find_timexes(text, "a", anchor, scan) == find_timexes(text, "a", anchor)


def test_a_scan_of_another_text_is_not_used():
    scan = scan_timexes("He left on Monday.")
    found = find_timexes("She came in 2019.", "a", ANCHOR, scan)
    assert [t.text for t in found] == ["2019"]
