from hypothesis import given
from hypothesis import strategies as st

from newsweave.model import Span
from newsweave.segment import find_paragraphs


def test_paragraphs_on_single_and_blank_lines():
    text = "First para.\nSecond one.\n\n  Third.  \n"
    assert find_paragraphs(text) == (Span(0, 11), Span(12, 23), Span(27, 33))


@given(st.text())
def test_paragraphs_index_the_text(text):
    for span in find_paragraphs(text):
        piece = span.slice(text)
        assert piece and piece == piece.strip() and "\n" not in piece
