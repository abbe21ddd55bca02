"""The data-only encoding of records (the story tier's results) as the store keeps them.

Nothing here can run code on load: no pickle, no class named by the stored bytes beyond
a fixed list. A record (:func:`encode_record`) is JSON of newsweave's own frozen
dataclasses, each object tagged with its class name; decoding builds only classes listed
in :data:`RECORDS` (the records of ``newsweave.model``), with the fields they declare and
values of the types those fields declare. Anything else is a :class:`CodecError`: a
cache miss, recomputed, never a crash.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import json
import types
import typing
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from newsweave import model

__all__ = ["RECORDS", "CodecError", "decode_record", "encode_record"]


class CodecError(ValueError):
    """Stored bytes that are not what this version writes: recompute, never crash."""


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
    # json.loads gives exactly these types, so ``type(...) is`` is enough
    kind = type(value)
    if kind is list:
        return tuple([_from_json(v) for v in value])
    if kind is dict:
        if "$map" in value:
            return {_from_json(k): _from_json(v) for k, v in value["$map"]}
        cls = RECORDS.get(value.get("$", ""))
        if cls is None:
            raise CodecError(f"unknown record type {value.get('$')!r}")
        fields = {k: _from_json(v) for k, v in value.items() if k != "$"}
        checks = _field_checks(cls)
        for name, field_value in fields.items():
            check = checks.get(name)
            if check is None:
                raise CodecError(f"{cls.__name__} has no field {name!r}")
            if not check(field_value):
                raise CodecError(f"{cls.__name__}.{name} holds a value of the wrong type")
        return cls(**fields)
    return value


@cache
def _field_checks(cls: type) -> dict[str, Callable[[Any], bool]]:
    """Per field of a record class, whether a decoded value has the type it declares: a
    record that names known classes and fields but holds other types (a span of floats, a
    list of numbers for article ids) does not decode, as one that is not JSON does not."""
    hints = typing.get_type_hints(cls)
    return {f.name: _type_check(hints[f.name]) for f in dataclasses.fields(cls)}


def _type_check(hint: Any) -> Callable[[Any], bool]:
    """A test of a decoded value against a field's declared type (the types records use)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is type(None):
        return lambda v: v is None
    if hint in (str, int, bool):
        return lambda v: type(v) is hint
    if hint is float:
        return lambda v: type(v) is float or type(v) is int
    if dataclasses.is_dataclass(hint):
        return lambda v: type(v) is hint
    if origin is typing.Literal:
        allowed = frozenset(args)
        return lambda v: type(v) is str and v in allowed
    if origin in (typing.Union, types.UnionType):
        options = [_type_check(a) for a in args]
        return lambda v: any(check(v) for check in options)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _type_check(args[0])
        return lambda v: type(v) is tuple and all(map(item, v))
    if origin is tuple:
        items = [_type_check(a) for a in args]
        return lambda v: (
            type(v) is tuple
            and len(v) == len(items)
            and all(check(x) for check, x in zip(items, v, strict=True))
        )
    if origin in (dict, Mapping, collections.abc.Mapping):
        key, item = _type_check(args[0]), _type_check(args[1])
        return lambda v: isinstance(v, Mapping) and all(key(k) and item(x) for k, x in v.items())
    return lambda v: True  # a type records do not use: not checked
