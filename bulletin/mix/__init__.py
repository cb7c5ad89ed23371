"""Mixing: sentence clips, jingles, an optional bed and pauses → the levelled episode MP3.

The entry points load lazily: `bulletin.config` imports `mix.settings`, and every command
(even `--help`) would otherwise pay for numpy (about 0.1 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_exports

if TYPE_CHECKING:
    from .jingles import check_jingles
    from .mixer import mix_episode

__all__ = ["check_jingles", "mix_episode"]
__getattr__ = lazy_exports(__name__, {"check_jingles": ".jingles", "mix_episode": ".mixer"})
