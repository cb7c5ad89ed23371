"""Mixing: sentence clips, jingles, an optional bed and pauses → a levelled master WAV.

The entry points load lazily: `bulletin.config` imports `mix.settings`, and every command
(even `--help`) would otherwise pay for numpy, scipy and pyloudnorm (about 0.6 s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .jingles import check_jingles
    from .mixer import mix_episode

__all__ = ["check_jingles", "mix_episode"]
_HOMES = {"check_jingles": ".jingles", "mix_episode": ".mixer"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
