"""The word lists and thresholds the readers apply, loaded once per read.

Data lives in `data/` (edit the lists, not the code); `Rules.load` is the only I/O, so the
readers themselves stay pure functions of text and rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import yaml

from .settings import ReadSettings


@dataclass(frozen=True)
class Rules:
    subhead_max_words: int
    subhead_max_chars: int
    months: frozenset[str]
    weekdays: frozenset[str]
    boilerplate: frozenset[str]  # HTML class/id/role words of page furniture

    @classmethod
    def load(cls, settings: ReadSettings) -> Rules:
        data = resources.files(__package__) / "data"
        dateline = yaml.safe_load((data / "dateline.yaml").read_text(encoding="utf-8"))
        words = (data / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
        return cls(
            subhead_max_words=settings.subhead_max_words,
            subhead_max_chars=settings.subhead_max_chars,
            months=_nfc_set(dateline["months"]),
            weekdays=_nfc_set(dateline["weekdays"]),
            boilerplate=frozenset(w.strip() for w in words if w.strip() and w[0] != "#"),
        )

    def is_date(self, text: str) -> bool:
        """`6 दिसंबर`, `दिसंबर 6, 2024`, `सोमवार`, `06.12.2024`: the date part of a dateline."""
        if _NUMERIC_DATE.fullmatch(text):
            return True
        words = text.replace(",", " ").split()
        if not words or len(words) > 4:
            return False
        named = [w for w in words if w in self.months or w in self.weekdays]
        numbers = [w for w in words if w.isdecimal() and len(w) <= 4]
        return bool(named) and len(named) + len(numbers) == len(words)


_NUMERIC_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}")


def _nfc_set(words: list[str]) -> frozenset[str]:
    return frozenset(unicodedata.normalize("NFC", w) for w in words)
