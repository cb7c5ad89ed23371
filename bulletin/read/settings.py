"""Settings of the article reader (`input:` in bulletin.yaml)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadSettings:
    max_bytes: int = 1_000_000  # larger articles are refused with a clear error
    subhead_max_words: int = 12  # a longer line is always a paragraph, never a sub-head
    subhead_max_chars: int = 90
