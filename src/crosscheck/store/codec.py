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
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

T = TypeVar("T")


def to_json(record: object) -> str:
    """``record`` (a dataclass instance) as compact JSON text."""
    return json.dumps(_plain(record), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def from_json(cls: type[T], text: str) -> T:
    """Rebuild a ``cls`` instance from :func:`to_json` output."""
    return typing.cast(T, _build(cls, json.loads(text)))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # "inf", "-inf", "nan"
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, data: Any) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        if data is None:
            return None
        if len(options) != 1:
            raise TypeError(f"cannot decode a value of the union {hint}")
        return _build(options[0], data)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in data)
        return tuple(_build(arg, item) for arg, item in zip(args, data, strict=True))
    if origin is Literal or hint in (str, bool, int, typing.Any):
        return data
    if hint is float:
        return float(data)  # also turns "inf" back into a float
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{name: _build(hints[name], value) for name, value in data.items()})
    if origin is dict:
        key_type, value_type = get_args(hint)
        return {_build(key_type, k): _build(value_type, v) for k, v in data.items()}
    raise TypeError(f"cannot decode a value of type {hint}")
