"""Mixing: sentence clips, jingles, an optional bed and pauses → a levelled master WAV.

The entry points load lazily: `bulletin.config` imports `mix.settings`, and every command
(even `--help`) would otherwise pay for numpy, scipy and pyloudnorm (about 0.6 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .jingles import check_jingles
    from .mixer import mix_episode

__all__ = ["check_jingles", "mix_episode"]
__getattr__ = lazy_exports(__name__, {"check_jingles": ".jingles", "mix_episode": ".mixer"})
