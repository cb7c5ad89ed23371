"""Lazy entry points for stage packages with heavy dependencies (numpy, feedgen, Pillow).

`bulletin.config` imports every stage's `settings` module, which imports the stage package.
`bulletin.mix` and `bulletin.publish` export lazily, so `--help`, `episodes list` or an
up-to-date rebuild do not pay half a second for libraries they never use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports `name` from its home module on first use."""

    def __getattr__(name: str) -> Any:
        if name in homes:
            return getattr(importlib.import_module(homes[name], package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
