"""The engine interface and the name → plug-in registry.

An engine plug-in is a module (or any object) with two functions: `load(settings) -> Engine`,
which does the I/O (library, model, network check) and raises `EngineUnavailable` when the
engine cannot run here, and `probe() -> EngineInfo`, which says so without raising, for
`bulletin voices list`. A new engine is a new file in `engines/` plus one line in `BUILTIN`;
third-party engines register under the entry-point group `bulletin.engines`, which is read
only when a name is not built in or when the CLI lists engines. A plug-in that speaks
through the network also defines `endpoint(settings) -> str`, the URL it talks to: the host
is probed before synthesis, so an unreachable one costs two seconds, not a retry budget.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from ..errors import ConfigError, EngineUnavailable, SynthesisError
from ..models import Pcm

if TYPE_CHECKING:  # settings check engine names against this registry: no import cycle
    from .reach import Reachability
    from .settings import VoiceSettings

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "bulletin.engines"

# name → module path of the plug-in; imported only when the engine is asked for.
BUILTIN = MappingProxyType({
    "espeak": "bulletin.synth.engines.espeak",
    "gtts": "bulletin.synth.engines.gtts",
    "piper": "bulletin.synth.engines.piper",
    "festival": "bulletin.synth.engines.festival",
    "kokoro": "bulletin.synth.engines.kokoro",
})


@runtime_checkable
class Engine(Protocol):
    """A loaded voice: turns one sentence of speech text into mono 16-bit PCM."""

    name: str
    voice: str
    languages: tuple[str, ...]
    max_chars: int | None  # the engine's own request limit (it chunks longer text itself)
    parallel: Literal["threads", "processes"]  # how voice_script may run it concurrently

    @property
    def cache_key(self) -> str:
        """Everything besides the text that shapes the audio (engine version, voice, settings)."""
        ...

    def synthesize(self, text: str) -> Pcm: ...


@dataclass(frozen=True)
class EngineInfo:
    """What `voices list` shows: whether an engine can speak here, and if not, why."""

    name: str
    usable: bool
    detail: str  # version and voice when usable; the reason and the fix when not
    voices: tuple[str, ...] = ()
    offline: bool = True


class EnginePlugin(Protocol):
    def load(self, settings: VoiceSettings) -> Engine: ...

    def probe(self) -> EngineInfo: ...


def load_engine(name: str, settings: VoiceSettings) -> Engine:
    """Load engine `name` with `settings` (its voice, rate, …); raises SynthesisError."""
    return _plugin(name).load(settings)


def unavailable(name: str, settings: VoiceSettings, reach: Reachability) -> str | None:
    """Why engine `name` cannot speak now (`gtts unreachable: …`), or None when it may.

    Online engines are probed (through `reach`, which remembers the answer); an offline one
    is asked its `probe()`, which checks that it is installed without loading a model.
    """
    plugin = _plugin(name)
    endpoint = getattr(plugin, "endpoint", None)
    if endpoint is not None:
        reason = reach.unreachable(endpoint(settings))
        return f"{name} unreachable: {reason}" if reason else None
    info = plugin.probe()
    return None if info.usable else f"{name} unusable: {info.detail}"


def pick_engine(settings: VoiceSettings, reach: Reachability) -> tuple[str, str | None]:
    """The engine a build would start with now, and why it is not the primary (or None)."""
    reason = unavailable(settings.engine, settings, reach)
    if reason is None or not settings.fallback:
        return settings.engine, None
    return settings.fallback, reason


def engine_endpoint(name: str, settings: VoiceSettings) -> str | None:
    """The URL an online engine talks to; None for an offline engine."""
    endpoint = getattr(_plugin(name), "endpoint", None)
    return endpoint(settings) if endpoint is not None else None


def available_engines() -> list[EngineInfo]:
    """Every known engine (built in, then entry points), probed on this machine."""
    infos = []
    for name in engine_names():
        try:
            infos.append(_plugin(name).probe())
        except SynthesisError as e:  # a broken third-party plug-in must not hide the others
            infos.append(EngineInfo(name, usable=False, detail=str(e)))
    return infos


def engine_names() -> list[str]:
    """Built-in engines, then plug-ins: names only, nothing is imported."""
    return [*BUILTIN, *sorted(ep.name for ep in _entry_points() if ep.name not in BUILTIN)]


def is_engine_name(name: str) -> bool:
    """Whether `name` is registered (entry points are read only for a name not built in)."""
    return name in BUILTIN or any(ep.name == name for ep in _entry_points())


def _plugin(name: str) -> EnginePlugin:
    if name in BUILTIN:
        return importlib.import_module(BUILTIN[name])  # type: ignore[return-value]
    matches = [ep for ep in _entry_points() if ep.name == name]
    if not matches:
        known = ", ".join(engine_names())
        raise ConfigError(f"unknown voice engine `{name}` (known: {known})")
    try:
        return matches[0].load()
    except Exception as e:  # any import failure of foreign code becomes one clear line
        raise EngineUnavailable(
            f"voice engine plug-in `{name}` ({matches[0].value}) failed to import: "
            f"{type(e).__name__}: {e}; reinstall the package that provides it"
        ) from e


def _entry_points() -> tuple:
    # importlib.metadata costs ~10 ms to import: only a name that is not built in pays it
    from importlib.metadata import entry_points

    return tuple(entry_points(group=ENTRY_POINT_GROUP))
