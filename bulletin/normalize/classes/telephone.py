"""Phone numbers, digit by digit: `98765 43210` → नौ आठ सात छह पाँच चार तीन दो एक शून्य.

Recognized: 10-digit mobiles (first digit 6–9, optionally `0` or `+91` before, one space or
hyphen inside), toll-free `1800-…` numbers, landlines with an STD code and a separator
(`011-23456789`), and any number after a `+` country code. `+` is said प्लस.

Runs before range (`98765-43210` is not a score) and cardinal (a mobile is not ९ अरब …).
"""

import re

from ..numbers import DIGIT, END, digits, word
from ..rule import Rule
from ..settings import NormalizeSettings

_SEP = r"[\s-]?"
_MOBILE = rf"[6-9६-९]{DIGIT}{{4}}{_SEP}{DIGIT}{{5}}"
_TOLL_FREE = rf"[1१][8८][0०][0०](?:{_SEP}{DIGIT}){{6,7}}"
_LANDLINE = rf"[0०]{DIGIT}{{2,4}}[\s-]{DIGIT}{{6,8}}"
_INTERNATIONAL = rf"\+{DIGIT}{{1,3}}{_SEP}(?:{_MOBILE}|{DIGIT}(?:{_SEP}{DIGIT}){{7,11}})"
_PHONE_RE = re.compile(
    rf"(?<![0-9०-९A-Za-z+])(?:{_INTERNATIONAL}|[0०]?{_MOBILE}|{_TOLL_FREE}|{_LANDLINE}){END}"
)
_NOT_DIGIT_RE = re.compile(r"[^0-9०-९]")


def telephone(text: str, settings: NormalizeSettings) -> str:
    """`+91 98765-43210` → प्लस नौ एक नौ आठ …; `1800-180-1551` → एक आठ शून्य शून्य एक आठ शून्य …"""

    def say(match: re.Match[str]) -> str:
        plus = f"{word('plus')} " if match[0].startswith("+") else ""
        return plus + digits(_NOT_DIGIT_RE.sub("", match[0]))

    return _PHONE_RE.sub(say, text)


RULES: tuple[Rule, ...] = (telephone,)
