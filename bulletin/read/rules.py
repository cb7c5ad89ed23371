"""The word lists and thresholds the readers apply, loaded once per read.

Data lives in `data/` (edit the lists, not the code); `Rules.load` is the only I/O, so the
readers themselves stay pure functions of text and rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from importlib import resources

from .. import yamlfile
from ..errors import ConfigError
from ..models import CalendarDate
from ..months import month_number
from .settings import ReadSettings


@dataclass(frozen=True)
class Rules:
    subhead_max_words: int
    subhead_max_chars: int
    weekdays: frozenset[str]
    agencies: frozenset[str]  # casefolded: `PTI`, `भाषा`, `ब्यूरो`
    desk_words: frozenset[str]  # a credit ending in one is a desk: `जागरण ब्यूरो`
    boilerplate: frozenset[str]  # HTML class/id/role words of page furniture

    @classmethod
    def load(cls, settings: ReadSettings) -> Rules:
        data = resources.files(__package__) / "data"
        dateline = yamlfile.parse((data / "dateline.yaml").read_text(encoding="utf-8"),
                                  "built-in dateline.yaml", ConfigError)
        words = (data / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
        return cls(
            subhead_max_words=settings.subhead_max_words,
            subhead_max_chars=settings.subhead_max_chars,
            weekdays=_nfc_set(dateline["weekdays"]),
            agencies=_nfc_set(dateline["agencies"]),
            desk_words=_nfc_set(dateline["desk_words"]),
            boilerplate=frozenset(w.strip() for w in words if w.strip() and w[0] != "#"),
        )

    def is_date(self, text: str) -> bool:
        """`6 दिसंबर`, `दिसंबर 6, 2024`, `सोमवार`, `06.12.2024`: the date part of a dateline."""
        if _NUMERIC_DATE.fullmatch(text):
            return True
        words = text.replace(",", " ").split()
        if not words or len(words) > 4:
            return False
        named = [w for w in words if month_number(w) or unicodedata.normalize("NFC", w)
                 in self.weekdays]
        numbers = [w for w in words if w.isdecimal() and len(w) <= 4]
        return bool(named) and len(named) + len(numbers) == len(words)

    def is_agency(self, text: str) -> bool:
        """A wire service or desk credit: `PTI`, `भाषा`, `एजेंसी`, `जागरण ब्यूरो`."""
        words = unicodedata.normalize("NFC", text).casefold().split()
        if not words or len(words) > 3:
            return False
        return " ".join(words) in self.agencies or words[-1] in self.desk_words


def calendar_date(text: str) -> CalendarDate | None:
    """The date a dateline's date part names (`8 फ़रवरी 2024`, `फरवरी 8`, `08.02.2024`).

    Day-month order for numeric dates, as Indian copy writes them; the year may be left
    out in words (`8 फ़रवरी`), which the build resolves against the first build's date.
    """
    if iso := _ISO_DATE.fullmatch(text.strip()):
        year, month, day = (int(g) for g in iso.groups())
        return _checked(day, month, year)
    if numeric := _DMY_DATE.fullmatch(text.strip()):
        day, month, year = (int(g) for g in numeric.groups())
        return _checked(day, month, year + 2000 if year < 100 else year)
    words = text.replace(",", " ").split()
    months = [m for w in words if (m := month_number(w))]
    numbers = [int(w) for w in words if w.isdecimal()]
    days = [n for n in numbers if 1 <= n <= 31 and n < 100]
    years = [n for n in numbers if n >= 1000]
    if len(months) != 1 or len(days) != 1 or len(years) > 1:
        return None
    return _checked(days[0], months[0], years[0] if years else None)


def _checked(day: int, month: int, year: int | None) -> CalendarDate | None:
    """None for an impossible date (31 फ़रवरी): a typo must not become a pubDate."""
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: 29 फ़रवरी stays possible
    except ValueError:
        return None
    return CalendarDate(day=day, month=month, year=year)


_NUMERIC_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY_DATE = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")


def _nfc_set(words: list[str]) -> frozenset[str]:
    return frozenset(unicodedata.normalize("NFC", str(w)).casefold() for w in words)
