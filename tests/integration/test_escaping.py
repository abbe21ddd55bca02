"""Markup from any article field shows as text in the HTML report."""

import json

from newsweave.config import Settings
from newsweave.pipeline import analyze
from newsweave.report.html import render_html

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def test_markup_in_every_field_is_escaped(tmp_path):
    record = {
        "id": "evil-1",
        "title": f"Title {HOSTILE}",
        "outlet": f"Outlet {HOSTILE}",
        "url": "https://example.org/a?<script>=1",
        "text": (
            f'The minister said "{HOSTILE} we will win the vote on Monday". '
            f"{HOSTILE} The parliament met on 3 March 2021 and 12 people were injured in clashes."
        ),
    }
    other = dict(record, id="evil-2", outlet="Other <b>Outlet</b>")
    path = tmp_path / "evil.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (record, other)) + "\n", encoding="utf-8")
    html = render_html(analyze([path], Settings(db=":memory:")))
    assert "<script>" not in html
    assert "<img" not in html
    assert 'onerror="alert' not in html
    assert "<b>Outlet</b>" not in html
    assert "&lt;script&gt;" in html


def test_only_http_addresses_become_links(tmp_path):
    text = "The council met on 3 March 2021 and voted for the new harbour budget after a debate."
    records = [
        {"id": "a", "url": "https://example.org/news/harbour?x=1&y=2", "text": text},
        {"id": "b", "url": "javascript:alert(1)", "text": text + " More."},
        {"id": "c", "url": 'https://example.org/" onmouseover="alert(1)', "text": text + " Yes."},
    ]
    path = tmp_path / "links.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    html = render_html(analyze([path], Settings(db=":memory:")))
    assert '<a href="https://example.org/news/harbour?x=1&amp;y=2" rel="noopener' in html
    assert 'href="javascript' not in html and 'onmouseover="alert' not in html
    assert "javascript:alert(1)" in html  # shown, as text
