"""Plain numbers: `28` → अट्ठाईस, `1,25,000` = `125,000` → एक लाख पच्चीस हज़ार.

A number with a leading zero (`007`) or more than 13 digits is read digit by digit. Digits
glued to Latin letters (`S400`, `S-400`, `5G`) are codes, not numbers: this rule leaves them.

Runs last among the number rules: after every pattern rule (money, dates, time, …) and after
the letter+number codes rule, so that whatever digits remain are plain numbers.
"""

import re

from ..glue import glue_spaced
from ..numbers import END, INTEGER, START, integer
from ..rule import Rule
from ..settings import NormalizeSettings

_CARDINAL_RE = re.compile(rf"{START}{INTEGER}{END}")


def _say(match: re.Match[str]) -> str:
    """The number's words, spaced off Devanagari it is glued to (`28समझौतों`)."""
    return glue_spaced(integer(match[0]), match)


def cardinal_number(text: str, settings: NormalizeSettings) -> str:
    """`6 दिसंबर` → छह दिसंबर; `345678` → तीन लाख पैंतालीस हज़ार छह सौ अठहत्तर; `007` → शून्य शून्य सात."""
    return _CARDINAL_RE.sub(_say, text)


RULES: tuple[Rule, ...] = (cardinal_number,)
