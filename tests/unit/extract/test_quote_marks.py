from hypothesis import given
from hypothesis import strategies as st

from newsweave.extract.quote_marks import find_quoted


def quoted(text):
    return [s.slice(text) for s in find_quoted(text)]


def test_curly_straight_and_doubled_marks():
    assert quoted("He said “we will win” today.") == ["we will win"]
    assert quoted('She said "no comment" and left.') == ["no comment"]
    assert quoted("“Sisters and brothers,’’ he said") == ["Sisters and brothers,"]


def test_apostrophes_are_not_quotes():
    assert quoted("The minister’s plane and Morales’ departure, it’s over.") == []
    assert quoted("The party's chief said “go” to the leaders’ group.") == ["go"]


def test_quote_over_two_paragraphs_continues():
    text = "“First part of it.\n\n“Second part,” she said."
    (span,) = find_quoted(text)
    assert span.slice(text).startswith("First part") and span.slice(text).endswith("Second part,")


def test_unclosed_quote_ends_with_its_paragraph():
    assert quoted("He said “this never closes\n\nNext paragraph.") == ["this never closes"]


@given(st.text(alphabet="ab “”\"’'\n ."))
def test_spans_are_inside_the_text(text):
    for span in find_quoted(text):
        assert 0 <= span.start < span.end <= len(text)
