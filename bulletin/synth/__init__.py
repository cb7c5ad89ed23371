"""synth stage: Script → Voicing, one WAV clip per sentence, one engine per bulletin."""

from .cache import CacheStats, SegmentCache, default_cache_dir
from .engine import Engine, EngineInfo, available_engines, load_engine
from .settings import VoiceSettings
from .voicing import voice_script

__all__ = [
    "CacheStats",
    "Engine",
    "EngineInfo",
    "SegmentCache",
    "VoiceSettings",
    "available_engines",
    "default_cache_dir",
    "load_engine",
    "voice_script",
]
