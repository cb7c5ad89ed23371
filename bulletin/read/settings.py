"""Settings of the article reader (`input:` in bulletin.yaml)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadSettings:
    max_bytes: int = 1_000_000  # larger articles are refused with a clear error
