"""What a browser would build from a page: its elements and their attributes."""

from __future__ import annotations

from html.parser import HTMLParser

OUR_SCRIPT = ("script", (("src", "/static/passages.js"), ("defer", None)))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, tuple(attrs)))


def elements(html: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.found


def assert_inert(html: str) -> None:
    """No element from the page's data can run or fetch anything: the only script is the
    package's file, no image, frame or object, no event handler, no javascript: link."""
    found = elements(html)
    assert [e for e in found if e[0] == "script"] == [OUR_SCRIPT]
    tags = {tag for tag, _ in found}
    assert not tags & {"img", "iframe", "object", "embed", "base", "frame", "video", "audio"}
    for tag, attrs in found:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert value is not None and value.startswith(("/", "#", "data:")), value
