from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.ingest.records import (
    earliest_first,
    parse_published,
    published_instant,
    read_published,
)


def test_published_values_order_by_the_moment_they_stand_for():
    values = [
        "2019-11-18T03:00+05:00",  # 22:00 UTC on the 17th
        "2019-11-17T23:00Z",
        "2019-11-17",
        "2019",
        "2019-11",
        "2019-11-17T21:00:00",  # no offset: read as UTC
        "not a date",
    ]
    assert sorted(values, key=published_instant) == [
        "not a date",
        "2019",
        "2019-11",
        "2019-11-17",
        "2019-11-17T21:00:00",
        "2019-11-18T03:00+05:00",
        "2019-11-17T23:00Z",
    ]
    assert published_instant("0001-01-01T00:00+05:00") == published_instant("bad")


def test_a_story_date_with_a_time_is_kept_in_utc():
    from newsweave.ingest.records import in_utc

    assert in_utc("2019-11-18T03:00:00+05:00") == "2019-11-17T22:00:00+00:00"
    assert in_utc("2019-11-17T21:00:00") == "2019-11-17T21:00:00+00:00"
    assert in_utc("2019-11-17") == "2019-11-17" and in_utc("2019-11") == "2019-11"
    assert in_utc("9999-12-31T23:00:00-05:00") == "9999-12-31T23:00:00-05:00"  # past the end


@settings(deadline=None)  # the first date written out loads the date patterns
@given(
    st.one_of(
        st.text(max_size=40),
        st.from_regex(
            r"\A(Mon, )?[0-3]?\d (Jan|Feb|Sept|Dec)\.? (19|20)\d\d( \d\d:\d\d(:\d\d)? GMT)?\Z"
        ),
    )
)
def test_read_published_gives_iso_or_nothing(value):
    found = read_published(value)
    if found is not None:
        assert parse_published(found) == found  # an ISO value reads as itself
        published_instant(found)


def test_earliest_first_orders_by_the_day_written_then_by_moment():
    from newsweave.model import Article

    values = [None, "2019-11-13", "2019-11-12", "2019-11-12T22:00-05:00", "2019-11"]
    articles = [Article(id=str(k), source="s", text="t", published=v) for k, v in enumerate(values)]
    ordered = [a.published for a in sorted(articles, key=earliest_first)]
    assert ordered == ["2019-11", "2019-11-12T22:00-05:00", "2019-11-12", "2019-11-13", None]
