"""synth stage: Script → Voicing, one WAV clip per sentence, one engine per bulletin.

The entry points load lazily: `bulletin.config` imports `synth.settings`, and every command
would otherwise pay for pydub (and its audioop) and the cache's file locks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .cache import CacheStats, SegmentCache, default_cache_dir
    from .engine import Engine, EngineInfo, available_engines, load_engine, unavailable
    from .reach import Reachability
    from .settings import VoiceSettings
    from .voicing import voice_script

__all__ = [
    "CacheStats",
    "Engine",
    "EngineInfo",
    "Reachability",
    "SegmentCache",
    "VoiceSettings",
    "available_engines",
    "default_cache_dir",
    "load_engine",
    "unavailable",
    "voice_script",
]
__getattr__ = lazy_exports(__name__, {
    "CacheStats": ".cache", "SegmentCache": ".cache", "default_cache_dir": ".cache",
    "Engine": ".engine", "EngineInfo": ".engine", "available_engines": ".engine",
    "load_engine": ".engine", "unavailable": ".engine", "Reachability": ".reach",
    "VoiceSettings": ".settings", "voice_script": ".voicing",
})
