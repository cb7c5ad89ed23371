"""Settings of the article reader (`input:` in bulletin.yaml), checked when they are made."""

from dataclasses import dataclass
from typing import ClassVar

from ..setting import check_fields, setting


@dataclass(frozen=True)
class ReadSettings:
    SECTION: ClassVar[str] = "input"

    # larger articles are refused with a clear error
    max_bytes: int = setting(1_000_000, shapes=False, low=1, high=100_000_000)
    # a longer line is always a paragraph, never a sub-head
    subhead_max_words: int = setting(12, shapes=True, low=1, high=100)
    subhead_max_chars: int = setting(90, shapes=True, low=1, high=1000)

    def __post_init__(self) -> None:
        check_fields(self)
