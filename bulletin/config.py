"""Typed configuration: `bulletin.yaml` → one frozen `Config` built from each stage's settings.

Every stage owns its settings dataclass, which checks its own values when it is made (ranges,
choices, engine names: `bulletin/setting.py`). This module only composes them and checks a
YAML mapping against their type hints, so a wrong key, type or value is a one-line
`ConfigError` naming the file and the key, before any work starts. Relative paths in the file
are resolved against the file's folder.
"""

from __future__ import annotations

import dataclasses
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from . import yamlfile
from .errors import ConfigError
from .mix.settings import AudioSettings
from .normalize.settings import NormalizeSettings
from .publish.settings import PublishSettings, ShowSettings
from .read.settings import ReadSettings
from .service.settings import ServiceSettings
from .setting import section
from .synth.settings import VoiceSettings

CONFIG_NAME = "bulletin.yaml"
MAX_CONFIG_BYTES = 1_000_000


@dataclass(frozen=True)
class Config:
    show: ShowSettings = section(ShowSettings)
    input: ReadSettings = section(ReadSettings)
    speech: NormalizeSettings = section(NormalizeSettings)
    voice: VoiceSettings = section(VoiceSettings)
    audio: AudioSettings = section(AudioSettings)
    publish: PublishSettings = section(PublishSettings)
    service: ServiceSettings = section(ServiceSettings)


def load_config(path: Path | None) -> Config:
    """Read `path` (or return the defaults when None). Raises ConfigError with the key at fault."""
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: config file not found (create one with `bulletin init`)"
        ) from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read config: {e.strerror}") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: config file is larger than {MAX_CONFIG_BYTES} bytes")
    data = yamlfile.parse(yamlfile.decode(raw, str(path), ConfigError), str(path), ConfigError)
    if data is None:
        return Config()
    return from_mapping(Config, data, base_dir=path.parent, where=str(path))


def find_config(start: Path) -> Path | None:
    """The `bulletin.yaml` in `start`, if there is one (no search upwards: explicit is safer)."""
    candidate = start / CONFIG_NAME
    return candidate if candidate.is_file() else None


def from_mapping(cls: type, data: Any, *, base_dir: Path, where: str, prefix: str = "") -> Any:
    """Build dataclass `cls` from a YAML mapping, checking keys and types against its hints."""
    if not isinstance(data, dict):
        where_in = prefix or "top level"
        raise ConfigError(f"{where}: `{where_in}` must be a mapping of keys to values")
    hints = get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(str(k) for k in data if k not in names)
    if unknown:
        known = ", ".join(sorted(names))
        raise ConfigError(f"{where}: unknown key `{_join(prefix, unknown[0])}` (known: {known})")
    values = {
        key: _coerce(hints[key], value, base_dir=base_dir, where=where, key=_join(prefix, key))
        for key, value in data.items()
    }
    try:
        return cls(**values)
    except ConfigError as e:  # the settings' own check of a value: name the file too
        raise ConfigError(f"{where}: {e}") from None


def to_mapping(obj: Any) -> Any:
    """The inverse of `from_mapping`, for `bulletin init` and fingerprints (paths as strings)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_mapping(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple):
        return [to_mapping(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    return obj


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _coerce(hint: Any, value: Any, *, base_dir: Path, where: str, key: str) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        if value is None and type(None) in options:
            return None
        inner = [o for o in options if o is not type(None)]
        if len(inner) == 1:
            return _coerce(inner[0], value, base_dir=base_dir, where=where, key=key)
    if dataclasses.is_dataclass(hint):
        return from_mapping(hint, value, base_dir=base_dir, where=where, prefix=key)
    if origin is Literal:
        return value  # the settings check their choices
    if origin is tuple:
        item = get_args(hint)[0]
        items = value if isinstance(value, list) else [value]
        return tuple(
            _coerce(item, v, base_dir=base_dir, where=where, key=f"{key}[{i}]")
            for i, v in enumerate(items)
        )
    if hint is Path:
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{where}: `{key}` must be a file path")
        p = Path(value).expanduser()
        return p if p.is_absolute() else base_dir / p
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: `{key}` must be true or false, not {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: `{key}` must be a whole number, not {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: `{key}` must be a number, not {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: `{key}` must be text, not {value!r}")
        return value
    raise ConfigError(f"{where}: `{key}` has a type this loader cannot read: {hint}")
