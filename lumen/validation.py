"""Every field error of a value at once, each named by its path in the body
(`links[1]`, `location.latitude`, `attributes.measurements.waist_cm`).

msgspec stops at the first error it meets. When a value does not convert, `field_errors`
walks the target type beside the value, converting each part on its own, so that a
client fixing a form sees every field at fault in one answer. A struct's own checks
(`__post_init__`) take part by raising `Invalid` with their errors, relative to the
struct; `normalise` runs a struct's per-field normalisers and collects them."""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import msgspec

T = TypeVar("T")
# Where msgspec says an error is, at the end of its message.
_AT = re.compile(r" - at `\$([^`]*)`$")
# Turns a field's value into its normal form, or raises ValueError / Invalid.
Normaliser = Callable[[Any], Any]


class FieldError(msgspec.Struct, frozen=True):
    """One field at fault: its path in the body (or the parameter's name) and why."""

    field: str
    message: str


class Invalid(ValueError):
    """Raised by checks with every error they found, paths relative to what they checked."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))
        self.errors = errors

    @classmethod
    def at(cls, field: str, message: str) -> Invalid:
        return cls([FieldError(field, message)])


def under(path: str, errors: list[FieldError]) -> list[FieldError]:
    """Errors found inside `path`, named from the top of the body."""
    return [FieldError(_nested(path, e.field), e.message) for e in errors]


def _nested(path: str, field: str) -> str:
    if not path:
        return field
    if not field:
        return path
    return f"{path}{field}" if field.startswith("[") else f"{path}.{field}"


def normalise(struct: msgspec.Struct, normalisers: Mapping[str, Normaliser]) -> None:
    """Replaces each sent field by its normal form; raises `Invalid` with every failure.

    A normaliser raises ValueError for its whole field, or `Invalid` naming parts of it."""
    errors: list[FieldError] = []
    for name, normaliser in normalisers.items():
        value = getattr(struct, name)
        if value is msgspec.UNSET:
            continue
        try:
            setattr(struct, name, normaliser(value))
        except Invalid as exc:
            errors += under(name, exc.errors)
        except ValueError as exc:
            errors.append(FieldError(name, str(exc)))
    if errors:
        raise Invalid(errors)


def convert_all(value: Any, kind: type[T], path: str = "") -> T:
    """`msgspec.convert`, but a failure raises `Invalid` with every field error."""
    try:
        return msgspec.convert(value, kind, strict=False)
    except msgspec.ValidationError:
        raise Invalid(field_errors(kind, value, path)) from None


def field_errors(kind: Any, value: Any, path: str = "") -> list[FieldError]:
    """Every reason `value` (decoded JSON) does not convert to `kind`; none if it does."""
    try:
        msgspec.convert(value, kind, strict=False)
    except msgspec.ValidationError as exc:
        return _parts(kind, value, path) or _own(exc, path)
    return []


def _own(exc: msgspec.ValidationError, path: str) -> list[FieldError]:
    cause = exc.__cause__
    if isinstance(cause, Invalid):
        return under(path, cause.errors)
    where = _AT.search(str(exc))
    inside = where.group(1).lstrip(".") if where else ""
    return [FieldError(_nested(path, inside), _AT.sub("", str(exc)))]


def _bare(kind: Any) -> Any:
    while get_origin(kind) is Annotated:
        kind = get_args(kind)[0]
    return kind


def _parts(kind: Any, value: Any, path: str) -> list[FieldError]:
    """The errors of the parts of `value`, or none when the fault is the value's own."""
    bare = _bare(kind)
    origin = get_origin(bare)
    if origin in (Union, types.UnionType):
        members = [m for m in get_args(bare) if m not in (type(None), msgspec.UnsetType)]
        if value is not None and len(members) == 1:
            return field_errors(members[0], value, path)
        return []
    if origin is list and isinstance(value, list):
        (item,) = get_args(bare) or (Any,)
        return [
            e for i, v in enumerate(value) for e in field_errors(item, v, _nested(path, f"[{i}]"))
        ]
    if isinstance(bare, type) and issubclass(bare, msgspec.Struct) and isinstance(value, dict):
        return _struct_parts(bare, value, path)
    return []


def _struct_parts(kind: type[msgspec.Struct], value: dict[Any, Any], path: str) -> list[FieldError]:
    found: list[FieldError] = []
    known: set[str] = set()
    for info in msgspec.structs.fields(kind):
        known.add(info.encode_name)
        if info.encode_name in value:
            found += field_errors(
                info.type, value[info.encode_name], _nested(path, info.encode_name)
            )
        elif info.required:
            found.append(FieldError(_nested(path, info.encode_name), "required"))
    if kind.__struct_config__.forbid_unknown_fields:
        found += [
            FieldError(_nested(path, str(name)), "unknown field")
            for name in value
            if name not in known
        ]
    if found:
        found += _checks_of_the_rest(kind, value, path, found)
    return found


def _checks_of_the_rest(
    kind: type[msgspec.Struct], value: dict[Any, Any], path: str, found: list[FieldError]
) -> list[FieldError]:
    """The struct's own checks on the fields that did convert, so their errors come too.

    Runs only when every field at fault may be left out (has a default)."""
    bad = {_top(e.field.removeprefix(path)) for e in found}
    rest = {k: v for k, v in value.items() if k not in bad}
    try:
        msgspec.convert(rest, kind, strict=False)
    except msgspec.ValidationError as exc:
        if isinstance(exc.__cause__, Invalid):
            return under(path, [e for e in exc.__cause__.errors if _top(e.field) not in bad])
    return []


def _top(field: str) -> str:
    """The struct field a path inside it starts with."""
    return re.split(r"[.\[]", field.lstrip("."), maxsplit=1)[0]
