"""The JSON twins' bytes: one encoding for every document, and stored JSON written in as is.

A story's twin carries the dossier the analysis stored, which for a story of 800
articles is 6-19 MB of JSON: decoding it and encoding it again only to copy it took
most of the twin's first render. :class:`StoredJson` puts such a text into a document
unparsed; it is still checked to be JSON (a store another program wrote may hold
anything) and written with the same escapes as the rest.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["StoredJson", "json_bytes"]

#: Characters written as escapes, so that no byte of a twin reads as markup even to a
#: client that ignores the media type.
_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


@dataclass(frozen=True, slots=True)
class StoredJson:
    """A JSON text kept in the store, read only when the document is written (``load``);
    written as ``null`` when there is none or it is not JSON."""

    load: Callable[[], str | None]

    def checked(self) -> str:
        text = self.load()
        if not text:
            return "null"
        try:
            json.loads(text, parse_constant=_refuse)
        except (ValueError, RecursionError):  # not JSON, or nested past what a reader takes
            return "null"
        return text


def _refuse(name: str) -> None:
    """``NaN`` and ``Infinity`` are read by Python's ``json`` but are not JSON."""
    raise ValueError(f"{name} is not JSON")


def json_bytes(document: dict[str, object]) -> bytes:
    """UTF-8 JSON of ``document`` (indented by one space), its :class:`StoredJson` values
    (at the top level) written in as stored, and ``<``, ``>``, ``&`` escaped throughout."""
    stored: dict[str, str] = {}
    plain: dict[str, object] = {}
    for key, value in document.items():
        if isinstance(value, StoredJson):
            token = f"stored-json-{secrets.token_hex(16)}"
            stored[json.dumps(token)] = value.checked()
            plain[key] = token
        else:
            plain[key] = value
    text = json.dumps(plain, ensure_ascii=False, indent=1) + "\n"
    for token, value in stored.items():
        text = text.replace(token, value, 1)
    for char, escaped in _ESCAPES:
        text = text.replace(char, escaped)
    return text.encode("utf-8")
