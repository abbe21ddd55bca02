from hypothesis import given
from hypothesis import strategies as st

from newsweave.model import Article, Citation, Span
from newsweave.report.passages import as_written, citation_link, mark_passages, snippet


def test_marks_overlapping_spans_and_escapes():
    html = mark_passages("<b>a</b> & c", [Span(0, 8), Span(3, 12)], "x")
    assert "<b>" not in html
    assert "&lt;b&gt;" in html and "&amp;" in html
    assert html.count('id="p-x-0-8"') == 1 and html.count('id="p-x-3-12"') == 1
    assert html.count("<mark>") == 3


@given(st.text(), st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=5))
def test_marking_keeps_the_text(text, pairs):
    import html as html_lib
    import re

    spans = [Span(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in pairs]
    marked = mark_passages(text, spans, "id")
    assert html_lib.unescape(re.sub(r"<[^>]*>", "", marked)) == text


def test_citation_link_escapes_outlet_and_snippet():
    article = Article(
        id="a1", source="s", text="<img src=x onerror=alert(1)> said", outlet="<script>x</script>"
    )
    link = citation_link(Citation("a1", Span(0, 28)), {"a1": article})
    assert "<script>" not in link and "<img" not in link
    assert "&lt;script&gt;" in link


def test_snippet_shortens_at_a_word():
    assert snippet("word " * 100, Span(0, 500)).endswith(" …")
    assert snippet("a  b\nc", Span(0, 6)) == "a b c"


def test_a_folded_value_is_shown_as_its_passages_spell_it():
    passages = [
        "The Deputy  Prime Minister said",
        "the deputy prime minister",
        "Deputy Prime Minister",
    ]
    assert as_written("deputy prime minister", passages) == "Deputy Prime Minister"
    assert as_written("2024-05-02", passages) == "2024-05-02"  # not spelled: shown as is
    assert as_written("a+b (c)", ["A+B (c)"]) == "A+B (c)"  # no regex syntax leaks


def test_many_crossing_passages_stay_in_proportion_and_keep_their_anchors():
    import html as html_lib
    import re

    from newsweave.report.views import MAX_OPEN_MARKS, mark_text

    text = "word " * 800
    passages = {Span(i, i + 2000): f"p{i}" for i in range(0, 2000)}  # every one crosses
    marked = str(mark_text(text, passages))
    assert len(marked) < 200 * len(text)  # it was 109 MB for 4,000 characters
    assert all(f'id="p{i}"' in marked for i in range(2000))
    assert html_lib.unescape(re.sub(r"<[^>]*>", "", marked)) == text
    depth = max_depth = 0
    for tag in re.findall(r"</?mark", marked):
        depth += 1 if tag == "<mark" else -1
        max_depth = max(max_depth, depth)
    assert max_depth == MAX_OPEN_MARKS
