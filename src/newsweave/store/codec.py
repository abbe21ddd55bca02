"""The data-only encoding of an article's corpus-tier features, as the store keeps them.

Nothing here can run code on load: no pickle, no class named by the stored bytes. A blob
(:func:`encode_features`) is a magic tag, a fixed little-endian header (days, word count,
array lengths, the two ids), then raw little-endian integer arrays of fixed dtypes
(``NWF2``; the ``NWF1`` blobs of earlier releases, with a JSON header, still decode). A
blob that does not decode is a cache miss (:class:`CodecError`), recomputed from the
article's text. Records of the story tier have their own encoding
(:mod:`newsweave.store.records`), which needs none of the compiled code this one does.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from typing import Any

import numpy as np
from numba import njit

from newsweave.cluster.features import ArticleFeatures, SparseVector
from newsweave.cluster.minhash import PERMUTATIONS
from newsweave.cluster.table import NO_DAY, Channel, FeatureTable, feature_table
from newsweave.store.records import CodecError

__all__ = ["CodecError", "decode_features", "decode_table", "encode_features", "encode_table"]

_MAGIC = b"NWF2"
_MAGIC_JSON = b"NWF1"  # the first format: a JSON header (read, no longer written)
_ARRAYS: dict[str, np.dtype[Any]] = {
    "text_terms": np.dtype("<i8"),
    "text_weights": np.dtype("<i4"),
    "lead_terms": np.dtype("<i8"),
    "lead_weights": np.dtype("<i4"),
    "names_terms": np.dtype("<i8"),
    "names_weights": np.dtype("<i4"),
    "minhash": np.dtype("<u4"),
}
#: ``NWF2`` writes the arrays grouped by type (one read per type), in this order.
_LAYOUT = (
    "text_terms",
    "lead_terms",
    "names_terms",
    "text_weights",
    "lead_weights",
    "names_weights",
    "minhash",
)
#: day, words, written (:data:`_NONE` for a missing day), then the byte lengths of the two
#: ids, the count of blocking words and the length of each array of :data:`_ARRAYS`.
_HEADER = struct.Struct("<qqq" + "I" * (3 + len(_ARRAYS)))
_NONE = -(2**63)
_BLOCKS = np.dtype("<i8")


def encode_features(f: ArticleFeatures) -> bytes:
    """The bytes of one article's corpus-tier features (:func:`encode_table` of its row)."""
    return encode_table(feature_table([f]))[0]


def encode_table(table: FeatureTable) -> list[bytes]:
    """The bytes of every row's corpus-tier features (``NWF2``), made from the table's
    arrays at once: each array is turned into bytes once and cut per row, with no feature
    object per row (a worker encodes every chunk it prepares).

    Example: ``decode_features(encode_table(table)[k]).article == table.ids[k]``
    """
    n = len(table)
    if not n:
        return []
    ids = [a.encode("utf-8") for a in table.ids]
    hashes = [h.encode("utf-8") for h in table.content_hashes] if table.content_hashes else None
    block_counts = np.fromiter((len(b) for b in table.blocks), dtype=np.int64, count=n)
    blocks = np.fromiter(
        (t for b in table.blocks for t in b), dtype=_BLOCKS, count=int(block_counts.sum())
    )
    channels = {"text": table.text, "lead": table.lead, "names": table.names}
    ends: dict[str, np.ndarray] = {}
    data: dict[str, bytes] = {}
    for name, dtype in _ARRAYS.items():
        if name == "minhash":
            values = np.ascontiguousarray(table.minhash, dtype=dtype)
            ends[name] = np.arange(n + 1, dtype=np.int64) * values.shape[1] * dtype.itemsize
        else:
            channel = channels[name.split("_")[0]]
            column = channel.terms if name.endswith("terms") else channel.weights
            values = np.ascontiguousarray(column, dtype=dtype)
            ends[name] = channel.indptr.astype(np.int64) * dtype.itemsize
        data[name] = values.tobytes()
    heads = _heads(table, ids, hashes, block_counts, ends)
    block_ends = np.concatenate(([0], np.cumsum(block_counts) * _BLOCKS.itemsize))
    block_bytes = blocks.tobytes()
    cuts = {name: ends[name].tolist() for name in _LAYOUT}
    block_cuts = block_ends.tolist()
    out = []
    for k in range(n):
        pieces = [_MAGIC, heads[k], ids[k], hashes[k] if hashes else b""]
        pieces.append(block_bytes[block_cuts[k] : block_cuts[k + 1]])
        pieces.extend(data[name][cuts[name][k] : cuts[name][k + 1]] for name in _LAYOUT)
        out.append(b"".join(pieces))
    return out


def _heads(
    table: FeatureTable,
    ids: list[bytes],
    hashes: list[bytes] | None,
    block_counts: np.ndarray,
    ends: dict[str, np.ndarray],
) -> list[bytes]:
    """The :data:`_HEADER` of every row of ``table``."""
    n = len(table)
    head = np.zeros((n, len(_HEADER_ROW.names or ())), dtype=np.int64)
    head[:, 0] = np.where(table.days == NO_DAY, _NONE, table.days)
    head[:, 1] = table.words if len(table.words) else 0
    head[:, 2] = np.where(table.written == NO_DAY, _NONE, table.written)
    head[:, 3] = [len(a) for a in ids]
    head[:, 4] = [len(h) for h in hashes] if hashes else 0
    head[:, 5] = block_counts
    for column, (name, dtype) in enumerate(_ARRAYS.items(), start=6):
        head[:, column] = np.diff(ends[name]) // dtype.itemsize
    packed = np.zeros(n, dtype=_HEADER_ROW)
    for column, field_name in enumerate(_HEADER_ROW.names or ()):
        packed[field_name] = head[:, column]
    raw = packed.tobytes()
    size = _HEADER.size
    return [raw[k * size : (k + 1) * size] for k in range(n)]


#: :data:`_HEADER` as one row of a numpy array (the same bytes as ``_HEADER.pack``).
_HEADER_ROW = np.dtype(
    [("day", "<i8"), ("words", "<i8"), ("written", "<i8")]
    + [(f"u{k}", "<u4") for k in range(3 + len(_ARRAYS))]
)


_BYTES = (bytes, bytearray, memoryview)


def decode_features(blob: bytes) -> ArticleFeatures:
    """Features from :func:`encode_features` bytes (or an earlier release's).

    Raises:
        CodecError: the bytes are truncated, altered, or from another format.
    """
    if not isinstance(blob, _BYTES):  # a store from elsewhere may hold text or numbers here
        raise CodecError(f"features are {type(blob).__name__}, not bytes")
    try:
        data = bytes(blob)
        if data.startswith(_MAGIC):
            return _decode_features(data)
        if data.startswith(_MAGIC_JSON):
            return _decode_json_features(data)
        raise CodecError("not a newsweave features blob")
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, struct.error, UnicodeDecodeError) as error:
        raise CodecError(f"features do not decode: {error}") from None


def _decode_features(blob: bytes) -> ArticleFeatures:
    day, words, written, id_size, hash_size, block_count, *lengths = _HEADER.unpack_from(
        blob, len(_MAGIC)
    )
    at = len(_MAGIC) + _HEADER.size
    article = blob[at : at + id_size].decode("utf-8")
    at += id_size
    content_hash = blob[at : at + hash_size].decode("utf-8")
    at += hash_size
    counts = dict(zip(_ARRAYS, lengths, strict=True))
    wide = block_count + sum(counts[n] for n in _LAYOUT[:3])
    narrow = sum(counts[n] for n in _LAYOUT[3:6])
    longs, at = _array(blob, at, wide, _BLOCKS)
    ints, at = _array(blob, at, narrow, _ARRAYS["text_weights"])
    minhash, at = _array(blob, at, counts["minhash"], _ARRAYS["minhash"])
    blocks = longs[:block_count]
    arrays = {"minhash": minhash}
    first = [block_count, 0]
    for name in _LAYOUT[:6]:
        pool, k = (longs, 0) if name.endswith("terms") else (ints, 1)
        arrays[name] = pool[first[k] : first[k] + counts[name]]
        first[k] += counts[name]
    return _features(
        arrays,
        blob,
        at,
        article=article,
        content_hash=content_hash,
        blocks=tuple(blocks.tolist()),
        day=None if day == _NONE else day,
        words=words,
        written=None if written == _NONE else written,
    )


def _array(blob: bytes, at: int, count: int, dtype: np.dtype[Any]) -> tuple[np.ndarray, int]:
    """``count`` values of ``dtype`` at ``at`` (as the dtype the features hold), and the
    position after them."""
    end = at + count * dtype.itemsize
    if count < 0 or end > len(blob):
        raise CodecError("features blob is truncated")
    values = np.frombuffer(blob, dtype=dtype, count=count, offset=at)
    held = {"i8": np.int64, "i4": np.int32, "u4": np.uint32}[f"{dtype.kind}{dtype.itemsize}"]
    return values.astype(held), end


def _features(
    arrays: dict[str, np.ndarray], blob: bytes, at: int, **fields: Any
) -> ArticleFeatures:
    if at != len(blob) or len(arrays["minhash"]) != PERMUTATIONS:
        raise CodecError("features blob has the wrong length")
    return ArticleFeatures(
        text=SparseVector(arrays["text_terms"], arrays["text_weights"]),
        lead=SparseVector(arrays["lead_terms"], arrays["lead_weights"]),
        names=SparseVector(arrays["names_terms"], arrays["names_weights"]),
        minhash=arrays["minhash"],
        **fields,
    )


def _decode_json_features(blob: bytes) -> ArticleFeatures:
    (size,) = struct.unpack_from("<I", blob, len(_MAGIC_JSON))
    start = len(_MAGIC_JSON) + 4
    header = json.loads(blob[start : start + size].decode("utf-8"))
    if not isinstance(header, dict) or set(header["lengths"]) != set(_ARRAYS):
        raise CodecError("features header is not this version's")
    at = start + size
    arrays = {}
    for name, dtype in _ARRAYS.items():
        arrays[name], at = _array(blob, at, int(header["lengths"][name]), dtype)
    day, written = header["day"], header["written"]
    return _features(
        arrays,
        blob,
        at,
        article=str(header["article"]),
        content_hash=str(header["content_hash"]),
        blocks=tuple(int(t) for t in header["blocks"]),
        day=None if day is None else int(day),
        words=int(header["words"]),
        written=None if written is None else int(written),
    )


def decode_table(blobs: Sequence[bytes]) -> tuple[FeatureTable, list[int]]:
    """Many features blobs into one table at once, a row per blob that decodes (in order),
    and the positions of those that do not (cache misses). ``NWF2`` blobs are read by one
    compiled copy per array, not one numpy array per blob; others one by one.

    Example: ``decode_table([encode_features(f)])[0].row(0).article == f.article``
    """
    if any(not isinstance(b, _BYTES) or bytes(b[:4]) != _MAGIC for b in blobs):
        return _decode_slowly(blobs)
    heads, good, bad = [], [], []
    for k, blob in enumerate(blobs):
        try:
            heads.append(_head(blob))
            good.append(blob)
        except (CodecError, struct.error, UnicodeDecodeError):
            bad.append(k)
    return _table_of(heads, good), bad


def _decode_slowly(blobs: Sequence[bytes]) -> tuple[FeatureTable, list[int]]:
    rows, bad = [], []
    for k, blob in enumerate(blobs):
        try:
            rows.append(decode_features(blob))
        except CodecError:
            bad.append(k)
    return feature_table(rows), bad


def _head(blob: bytes) -> tuple[Any, ...]:
    """(article, content hash, day, words, written, where the arrays start, block count,
    array lengths) of an ``NWF2`` blob, checked against its length."""
    day, words, written, id_size, hash_size, block_count, *lengths = _HEADER.unpack_from(
        blob, len(_MAGIC)
    )
    at = len(_MAGIC) + _HEADER.size
    article = bytes(blob[at : at + id_size]).decode("utf-8")
    content_hash = bytes(blob[at + id_size : at + id_size + hash_size]).decode("utf-8")
    at += id_size + hash_size
    counts = dict(zip(_ARRAYS, lengths, strict=True))
    size = 8 * (block_count + sum(counts[n] for n in _LAYOUT[:3]))
    size += 4 * (sum(counts[n] for n in _LAYOUT[3:6]) + counts["minhash"])
    if at + size != len(blob) or counts["minhash"] != PERMUTATIONS:
        raise CodecError("features blob has the wrong length")
    return (article, content_hash, day, words, written, at, block_count, lengths)


def _table_of(heads: list[tuple[Any, ...]], blobs: list[bytes]) -> FeatureTable:
    rows = len(heads)
    lengths = np.array([h[7] for h in heads], dtype=np.int64).reshape(rows, len(_ARRAYS))
    counts = {name: lengths[:, k] for k, name in enumerate(_ARRAYS)}
    counts["blocks"] = np.array([h[6] for h in heads], dtype=np.int64)
    sizes = np.fromiter((len(b) for b in blobs), dtype=np.int64, count=rows)
    at = (np.cumsum(sizes) - sizes) + np.array([h[5] for h in heads], dtype=np.int64)
    data = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    arrays = {}
    for name in ("blocks", *_LAYOUT):  # the blob's order: blocks, terms, weights, minhash
        dtype = _BLOCKS if name == "blocks" else _ARRAYS[name]
        arrays[name] = _gather(data, at, counts[name] * dtype.itemsize).view(dtype)
        at = at + counts[name] * dtype.itemsize
    block_ptr = _offsets(counts["blocks"])
    blocks = arrays["blocks"].tolist()
    return FeatureTable(
        ids=tuple(h[0] for h in heads),
        text=_channel(arrays, counts, "text"),
        lead=_channel(arrays, counts, "lead"),
        names=_channel(arrays, counts, "names"),
        minhash=arrays["minhash"].astype(np.uint32, copy=False).reshape(rows, PERMUTATIONS),
        days=np.array([NO_DAY if h[2] == _NONE else h[2] for h in heads], dtype=np.int64),
        written=np.array([NO_DAY if h[4] == _NONE else h[4] for h in heads], dtype=np.int64),
        blocks=tuple(tuple(blocks[block_ptr[k] : block_ptr[k + 1]]) for k in range(rows)),
        content_hashes=tuple(h[1] for h in heads),
        words=np.array([h[3] for h in heads], dtype=np.int64),
    )


def _offsets(counts: np.ndarray) -> np.ndarray:
    return np.concatenate(([0], np.cumsum(counts))).astype(np.int64)


def _channel(arrays: dict[str, np.ndarray], counts: dict[str, np.ndarray], name: str) -> Channel:
    return Channel(
        _offsets(counts[f"{name}_terms"]),
        arrays[f"{name}_terms"].astype(np.int64, copy=False),
        arrays[f"{name}_weights"].astype(np.int32, copy=False),
    )


@njit(cache=True, nogil=True)
def _gather(data: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The byte ranges ``[starts[k], starts[k] + sizes[k])`` of ``data``, one after another."""
    out = np.empty(sizes.sum(), dtype=np.uint8)
    at = 0
    for k in range(len(starts)):
        out[at : at + sizes[k]] = data[starts[k] : starts[k] + sizes[k]]
        at += sizes[k]
    return out
