"""Ordinals: `5वें` → पाँचवें, `21वीं` → इक्कीसवीं, `2री` → दूसरी, `1ला` → पहला.

The written suffix gives gender and case (-ा/-ी/-े); पहला दूसरा तीसरा चौथा छठा are irregular.
A space before a nasal suffix (`10 वीं`) is allowed; the bare forms (`वे`, `वी`) must be glued,
since `वे` is also a pronoun.

Runs before range and cardinal, which would otherwise read the digits and leave the suffix.
"""

import re

from ...charclasses import LETTER
from ..numbers import INTEGER, START, ordinal, parse_number
from ..rule import Rule
from ..settings import NormalizeSettings

_SUFFIX = r"(?:\s?(?:वाँ|वां|वीं|वें)|वा|वी|वे|ला|ली|ले|रा|री|रे|था|थी|थे|ठा|ठी|ठे)"
_ORDINAL_RE = re.compile(rf"{START}({INTEGER})({_SUFFIX})(?!{LETTER})")


def ordinal_number(text: str, settings: NormalizeSettings) -> str:
    """`5वें` → पाँचवें; `10 वीं` → दसवीं; `3रे` → तीसरे; `6ठा` → छठा; `101वाँ` → एक सौ एकवाँ."""
    return _ORDINAL_RE.sub(lambda m: ordinal(parse_number(m[1]), m[2].lstrip()), text)


RULES: tuple[Rule, ...] = (ordinal_number,)
