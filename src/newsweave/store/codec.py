"""Data-only encodings for what the store keeps beside its plain columns.

Nothing here can run code on load: no pickle, no class named by the stored bytes.

* **Features** (:func:`encode_features`): a magic tag, a JSON header and raw
  little-endian integer arrays of fixed dtypes. A blob that does not decode is a
  cache miss (:class:`CodecError`), recomputed from the article's text.
* **Records** (:func:`encode_record`): JSON of newsweave's own frozen dataclasses,
  each object tagged with its class name; decoding builds only classes listed in
  :data:`RECORDS` (the records of ``newsweave.model``), with the fields they declare.
"""

from __future__ import annotations

import dataclasses
import json
import struct
from collections.abc import Mapping
from typing import Any

import numpy as np

from newsweave import model
from newsweave.cluster.features import ArticleFeatures, SparseVector
from newsweave.cluster.minhash import PERMUTATIONS

__all__ = [
    "RECORDS",
    "CodecError",
    "decode_features",
    "decode_record",
    "encode_features",
    "encode_record",
]

_MAGIC = b"NWF1"
_ARRAYS: dict[str, np.dtype[Any]] = {
    "text_terms": np.dtype("<i8"),
    "text_weights": np.dtype("<i4"),
    "lead_terms": np.dtype("<i8"),
    "lead_weights": np.dtype("<i4"),
    "names_terms": np.dtype("<i8"),
    "names_weights": np.dtype("<i4"),
    "minhash": np.dtype("<u4"),
}


class CodecError(ValueError):
    """Stored bytes that are not what this version writes: recompute, never crash."""


def encode_features(f: ArticleFeatures) -> bytes:
    """The bytes of one article's corpus-tier features."""
    arrays = {
        "text_terms": f.text.terms,
        "text_weights": f.text.weights,
        "lead_terms": f.lead.terms,
        "lead_weights": f.lead.weights,
        "names_terms": f.names.terms,
        "names_weights": f.names.weights,
        "minhash": f.minhash,
    }
    header = {
        "article": f.article,
        "content_hash": f.content_hash,
        "day": f.day,
        "words": f.words,
        "written": f.written,
        "blocks": list(f.blocks),
        "lengths": {name: len(values) for name, values in arrays.items()},
    }
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    body = b"".join(
        np.ascontiguousarray(values, dtype=_ARRAYS[name]).tobytes()
        for name, values in arrays.items()
    )
    return _MAGIC + struct.pack("<I", len(head)) + head + body


def decode_features(blob: bytes) -> ArticleFeatures:
    """Features from :func:`encode_features` bytes.

    Raises:
        CodecError: the bytes are truncated, altered, or from another format.
    """
    try:
        return _decode_features(bytes(blob))
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, struct.error, UnicodeDecodeError) as error:
        raise CodecError(f"features do not decode: {error}") from None


def _decode_features(blob: bytes) -> ArticleFeatures:
    if not blob.startswith(_MAGIC):
        raise CodecError("not a newsweave features blob")
    (size,) = struct.unpack_from("<I", blob, len(_MAGIC))
    start = len(_MAGIC) + 4
    header = json.loads(blob[start : start + size].decode("utf-8"))
    if not isinstance(header, dict) or set(header["lengths"]) != set(_ARRAYS):
        raise CodecError("features header is not this version's")
    at = start + size
    arrays = {}
    for name, dtype in _ARRAYS.items():
        count = int(header["lengths"][name])
        end = at + count * dtype.itemsize
        if count < 0 or end > len(blob):
            raise CodecError("features blob is truncated")
        arrays[name] = np.frombuffer(blob, dtype=dtype, count=count, offset=at).astype(
            np.int64 if name.endswith("terms") else (np.int32 if dtype.kind == "i" else np.uint32)
        )
        at = end
    if at != len(blob) or len(arrays["minhash"]) != PERMUTATIONS:
        raise CodecError("features blob has the wrong length")
    day = header["day"]
    return ArticleFeatures(
        article=str(header["article"]),
        content_hash=str(header["content_hash"]),
        text=SparseVector(arrays["text_terms"], arrays["text_weights"]),
        lead=SparseVector(arrays["lead_terms"], arrays["lead_weights"]),
        names=SparseVector(arrays["names_terms"], arrays["names_weights"]),
        minhash=arrays["minhash"],
        blocks=tuple(int(t) for t in header["blocks"]),
        day=None if day is None else int(day),
        words=int(header["words"]),
        written=None if header["written"] is None else int(header["written"]),
    )


#: The only classes a stored record may name.
RECORDS: Mapping[str, type] = {
    name: getattr(model, name)
    for name in model.__all__
    if dataclasses.is_dataclass(getattr(model, name))
}


def encode_record(value: object) -> str:
    """JSON text of a record (frozen dataclasses of ``newsweave.model``, tuples, scalars)."""
    return json.dumps(_to_json(value), ensure_ascii=False, separators=(",", ":"))


def _to_json(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if RECORDS.get(name) is not type(value):
            raise TypeError(f"{name} is not a storable record")
        fields = {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": name, **fields}
    if isinstance(value, tuple | list):
        return [_to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {"$map": [[_to_json(k), _to_json(v)] for k, v in value.items()]}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot store a {type(value).__name__}")


def decode_record(text: str) -> Any:
    """The record :func:`encode_record` wrote.

    Raises:
        CodecError: not JSON, or it names a class or field newsweave does not have.
    """
    try:
        return _from_json(json.loads(text))
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, RecursionError) as error:
        raise CodecError(f"record does not decode: {error}") from None


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_from_json(v) for v in value)
    if isinstance(value, dict):
        if "$map" in value:
            return {_from_json(k): _from_json(v) for k, v in value["$map"]}
        cls = RECORDS.get(value.get("$", ""))
        if cls is None:
            raise CodecError(f"unknown record type {value.get('$')!r}")
        names = {f.name for f in dataclasses.fields(cls)}
        fields = {k: _from_json(v) for k, v in value.items() if k != "$"}
        if not set(fields) <= names:
            raise CodecError(f"{cls.__name__} has no field {sorted(set(fields) - names)[0]!r}")
        return cls(**fields)
    return value
