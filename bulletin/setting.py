"""How a settings dataclass declares its fields: whether each shapes the output, and its range.

    @dataclass(frozen=True)
    class VoiceSettings:
        SECTION: ClassVar[str] = "voice"          # where it lives in bulletin.yaml
        rate_wpm: int = setting(140, shapes=True, low=80, high=450)
        jobs: int = setting(2, shapes=False, low=1, high=64)

        def __post_init__(self) -> None:
            check_fields(self)                    # ranges, then the class's own checks

`shapes=True` means a changed value changes the episode's files (audio, tags, transcripts),
so the build fingerprint (`bulletin.build`) includes it and an edit rebuilds the episode;
`shapes=False` is for how the work is done (parallelism, caching, retries) or what only the
feed and page show. The fingerprint is computed from these declarations, and a test fails for
a field that does not declare one, so a new setting can never leave stale episodes behind.
A field that holds a nested settings dataclass is declared with `section(Cls)`.
"""

from __future__ import annotations

import dataclasses
import functools
import types
from collections.abc import Callable
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from .errors import ConfigError

SHAPES = "bulletin.shapes_output"
LOW = "bulletin.low"
HIGH = "bulletin.high"


def setting(default: Any = dataclasses.MISSING, *, shapes: bool, low: float | None = None,
            high: float | None = None,
            default_factory: Callable[[], Any] | Any = dataclasses.MISSING) -> Any:
    """A dataclass field that says whether it shapes the output, with an optional range."""
    metadata = {SHAPES: shapes, LOW: low, HIGH: high}
    if default_factory is not dataclasses.MISSING:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def section(cls: type) -> Any:
    """A field holding nested settings; its own fields declare what shapes the output."""
    return dataclasses.field(default_factory=cls, metadata={SHAPES: None})


def shapes_output(f: dataclasses.Field) -> bool | None:
    """True/False as declared; None for a nested section. Undeclared fields count as shaping
    (a needless rebuild is better than a stale episode); the settings test refuses them."""
    return f.metadata.get(SHAPES, True)


def is_declared(f: dataclasses.Field) -> bool:
    return SHAPES in f.metadata


class InvalidSetting(ConfigError):
    """A settings field holds a value it cannot hold; the message names the key."""

    def __init__(self, owner: object, name: str, problem: str) -> None:
        section_name = getattr(owner, "SECTION", "")
        self.key = f"{section_name}.{name}" if section_name else name
        super().__init__(f"`{self.key}` {problem}")


def check_fields(obj: object) -> None:
    """Every declared range and `Literal` choice of `obj`'s fields (None means "not set")."""
    choices = _choices(type(obj))
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if value is None:
            continue
        if f.name in choices and value not in choices[f.name]:
            allowed = ", ".join(map(str, choices[f.name]))
            raise InvalidSetting(obj, f.name, f"is {value!r}: use one of {allowed}")
        low, high = f.metadata.get(LOW), f.metadata.get(HIGH)
        if (low is not None and value < low) or (high is not None and value > high):
            raise InvalidSetting(obj, f.name, f"is {value}: use {_range(low, high)}")


@functools.cache
def _choices(cls: type) -> dict[str, tuple[Any, ...]]:
    """The allowed values of each `Literal[...]` field (an optional one allows None too)."""
    found = {}
    for name, hint in get_type_hints(cls).items():
        options = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
        literals = [o for o in options if get_origin(o) is Literal]
        if literals:
            found[name] = tuple(v for o in literals for v in get_args(o))
    return found


def _range(low: float | None, high: float | None) -> str:
    if high is None:
        return f"{_num(low)} or more"
    if low is None:
        return f"at most {_num(high)}"
    return f"{_num(low)} to {_num(high)}"


def _num(value: float | None) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def output_shaping(obj: object) -> dict[str, Any]:
    """`{dotted.key: value}` of every field of `obj` (and its sections) that shapes the output."""
    found: dict[str, Any] = {}
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        shapes = shapes_output(f)
        if shapes is None:
            found.update({f"{f.name}.{k}": v for k, v in output_shaping(value).items()})
        elif shapes:
            found[f.name] = value
    return found


def undeclared(cls: type, prefix: str = "") -> list[str]:
    """Dotted names of the fields of `cls` (and its sections) that declare nothing."""
    missing = []
    for f in dataclasses.fields(cls):
        key = f"{prefix}{f.name}"
        if not is_declared(f):
            missing.append(key)
        elif shapes_output(f) is None:
            missing += undeclared(f.default_factory, f"{key}.")  # type: ignore[arg-type]
    return missing
