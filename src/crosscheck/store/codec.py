"""Frozen records to JSON and back, so a stored comparison rebuilds the exact ``Report``.

Driven by the dataclasses' own type hints (nested records, tuples, optionals, literals), so a
field added to a record in ``model.py`` is stored without touching this module. JSON has no
infinity ("more than 60" is the interval (60, inf)): non-finite floats are written as the
strings "inf", "-inf" and "nan" and read back as floats.
"""
from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

T = TypeVar("T")


def to_json(record: object) -> str:
    """``record`` (a dataclass instance) as compact JSON text."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def from_json(cls: type[T], text: str) -> T:
    """Rebuild a ``cls`` instance from :func:`to_json` output."""
    return typing.cast(T, _decoder(cls)(json.loads(text)))


_SCALARS = frozenset({str, int, bool, type(None)})


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The fields of a dataclass type (None for any other type), looked up once per type."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def _plain(value: Any) -> Any:
    # Dispatch on the exact type first: a stored comparison is some 200,000 values, and the
    # generic checks (``is_dataclass``, ``fields``) on each made saving a third of the writer's time.
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [_plain(item) for item in value]
    names = _field_names(kind)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # "inf", "-inf", "nan"
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _identity(data: Any) -> Any:
    return data


def _optional(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda data: None if data is None else inner(data)


def _fails(hint: Any) -> Callable[[Any], Any]:
    # Raised when a value of that type is met, not when the decoder is made: a field that is
    # never present in the data (its default used) does not stop the record being read.
    def fail(data: Any) -> Any:
        raise TypeError(f"cannot decode a value of type {hint}")
    return fail


@cache
def _decoder(hint: Any) -> Callable[[Any], Any]:
    """A function turning JSON data into a value of ``hint``, made once per type.

    A story page decodes a few hundred nested records; walking the type hints for every value
    (``get_origin``/``get_args`` each time) cost more than the database and the template
    together, so the walk is done once here and each record costs only its own calls."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(options) != 1:
            def union(data: Any) -> Any:
                if data is None:
                    return None
                raise TypeError(f"cannot decode a value of the union {hint}")
            return union
        inner = _decoder(options[0])
        return _identity if inner is _identity else _optional(inner)
    if origin is tuple:
        return _tuple_decoder(get_args(hint))
    if origin is Literal or hint in (str, bool, int, typing.Any):
        return _identity
    if hint is float:
        return float  # also turns "inf" back into a float
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _record_decoder(hint)
    if origin is dict:
        key, value = (_decoder(arg) for arg in get_args(hint))
        return lambda data: {key(k): value(v) for k, v in data.items()}
    return _fails(hint)


def _tuple_decoder(args: tuple[Any, ...]) -> Callable[[Any], Any]:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        if item is _identity:
            return tuple
        return lambda data: tuple([item(value) for value in data])
    items = [_decoder(arg) for arg in args]
    return lambda data: tuple([f(value) for f, value in zip(items, data, strict=True)])


def _record_decoder(cls: type) -> Callable[[Any], Any]:
    # The field decoders are looked up on first use, not here: a record type that refers to
    # itself would otherwise recurse while its own decoder is being made.
    converted: list[tuple[str, Callable[[Any], Any]]] | None = None

    def record(data: dict[str, Any]) -> Any:
        nonlocal converted
        if converted is None:
            converted = [(name, f) for name, f in
                         ((name, _decoder(h)) for name, h in _hints(cls).items())
                         if f is not _identity]
        values = dict(data)
        for name, f in converted:
            if name in values:
                values[name] = f(values[name])
        return cls(**values)
    return record
