"""English phonemes → Devanagari, spelled the way Hindi newspapers print English words.

The fallback for a Latin word no lexicon knows: espeak-ng's American English voice gives its
IPA (`bulletin/espeakng.py`), and this table writes it down:

    digital dˈɪdʒɪɾəl → डिजिटल · startup stˈɑːɹɾʌp → स्टार्टअप · zoom zˈuːm → ज़ूम
    bank bˈæŋk → बैंक · computer kəmpjˈuːɾɚ → कंप्यूटर · India ˈɪndiə → इंडिया

The rules of the spelling, as Hindi papers follow them:
- A vowel after a consonant is its sign (matra), elsewhere its letter: ि/इ, े/ए, ॉ/ऑ …
  The neutral vowels ə ʌ are the consonant's inherent अ; a word-final ə is ा (डेटा, इंडिया),
  and after इ it is या.
- Consonants in a cluster are joined with a virama (स्ट्र, क्स), except that n/m before
  another consonant is the anusvara (बैंक, कैंप, इंडिया) and n/m before r l y w h or a nasal
  keep their vowel (हेनरी, ओनली).
- z ʒ → ज़, f → फ़ (with nukta, as Hindi papers write them); θ → थ, ð → द.
- r-coloured vowels (ɚ ɝ ɑːɹ ɔːɹ …) write their r: कंप्यूटर, फ़र्स्ट, स्पोर्ट.
- The American flap ɾ is a t or a d: the spelling decides (वॉटर, लैडर, एडिटर).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATOR = "_"  # asked of espeak between the phonemes of a word

_CONSONANTS = {
    "p": "प", "b": "ब", "t": "ट", "d": "ड", "k": "क", "ɡ": "ग", "g": "ग",
    "f": "फ़", "v": "व", "θ": "थ", "ð": "द", "s": "स", "z": "ज़", "ʃ": "श", "ʒ": "ज़",
    "h": "ह", "tʃ": "च", "dʒ": "ज", "m": "म", "n": "न", "ŋ": "ङ", "l": "ल", "ɫ": "ल",
    "ɹ": "र", "ɹ*": "र", "r": "र", "ʍ": "व्ह", "w": "व", "j": "य", "x": "ख़", "ʔ": "ट", "ç": "ह",
}
# vowel → (its letter, its sign after a consonant); "" is the inherent vowel
_VOWELS = {
    "ə": ("अ", ""), "ʌ": ("अ", ""), "ɐ": ("अ", ""), "ɜ": ("अ", ""),
    "ɑ": ("आ", "ा"), "ɑː": ("आ", "ा"), "a": ("ऐ", "ै"), "aː": ("आ", "ा"),
    "æ": ("ऐ", "ै"), "ɛ": ("ए", "े"), "e": ("ए", "े"), "eɪ": ("ए", "े"), "ɛː": ("ए", "े"),
    "ɪ": ("इ", "ि"), "ᵻ": ("इ", "ि"), "i": ("ई", "ी"), "iː": ("ई", "ी"),
    "ʊ": ("उ", "ु"), "u": ("ऊ", "ू"), "uː": ("ऊ", "ू"),
    "ɒ": ("ऑ", "ॉ"), "ɔ": ("ऑ", "ॉ"), "ɔː": ("ऑ", "ॉ"),
    "o": ("ओ", "ो"), "oː": ("ओ", "ो"), "oʊ": ("ओ", "ो"), "əʊ": ("ओ", "ो"),
    "aɪ": ("आइ", "ाइ"), "aʊ": ("आउ", "ाउ"), "ɔɪ": ("ऑइ", "ॉइ"),
    "iə": ("इय", "िय"), "ɪə": ("इय", "िय"), "eə": ("ए", "े"), "ʊə": ("उअ", "ु"),
    # before a written r that ends a syllable: केयर, करियर, फ़ायर, टूर
    "ɛ+r": ("एय", "ेय"), "ɪ+r": ("इय", "िय"), "aɪ+r": ("आय", "ाय"), "aʊ+r": ("आव", "ाव"),
}
_BEFORE_FINAL_R = {"ɛ", "e", "ɪ", "aɪ", "aʊ"}
# the last vowel of a word, where Hindi spelling differs (हाई, बॉय, डेटा)
_FINAL_SIGNS = {"ə": "ा", "ɐ": "ा", "ʌ": "ा", "ɪ": "ी", "ᵻ": "ी", "aɪ": "ाई", "ɔɪ": "ॉय",
                "iə": "िया", "ɪə": "िया", "ʊ": "ू"}
_FINAL_LETTERS = {"ə": "आ", "ɐ": "आ", "aɪ": "आई", "ɔɪ": "ऑय", "ɪ": "ई"}
_R_COLOURED = {"ɚ": ("ə", "ɹ*"), "ɝ": ("ə", "ɹ"), "ɜː": ("ə", "ɹ"), "ɚː": ("ə", "ɹ")}
_SOFT_R = "ɹ*"  # the r of an unstressed -er: its vowel stays before a consonant (एयरबस)
_TRIPHTHONGS = {"aɪə": ("aɪ", "ə"), "aʊə": ("aʊ", "ə"), "aɪɚ": ("aɪ", "ɚ")}
_SYLLABIC = {"əl": ("ə", "l"), "n̩": ("ə", "n"), "l̩": ("ə", "l"), "m̩": ("ə", "m")}
_ANUSVARA = "ं"
_VIRAMA = "्"
_NASALS = {"n", "m", "ŋ"}
_STOPS = {"p", "b", "t", "d", "k", "ɡ", "g"}
_CANDRA = {"ɒ", "ɔ", "ɔː"}  # ॉ
_KEEP_VOWEL_BEFORE = {"ɹ", "ɹ*", "r", "l", "ɫ", "j", "w", "h", "n", "m"}  # after n/m: हेनरी, ओनली
_FRONT = {"i", "iː", "ɪ", "ᵻ"}
_GLIDE_AFTER_FRONT = {"ə", "ʌ", "ɐ", "ɑː", "a"}  # इंडिया, मीडिया: ia is written िया
_STRESS = re.compile("[ˈˌ]")
_LANGUAGE_SWITCH = re.compile(r"\([a-z-]+\)")  # espeak marks a switch of voice: `(fr)`
_FLAP_LETTERS = re.compile(r"t(?!h|ion|ia)|d")
_VOWEL_LETTERS = re.compile("[aeiouy]+")
_NT = re.compile("n(?:t|s|d|dʒ)")
_ENT_END = re.compile("[ea]n(?:ts?|ces?|ses?|ds?|ges?)$")
_BATH = re.compile("[fs][^aeiouɪʊəɛæɑɔʌ]|θ|n(?:s|tʃ|t)")
_LONG_O_BEFORE_R = re.compile("o(?:rt|re|rce|ur|ar)")


@dataclass(frozen=True)
class _Unit:
    kind: str  # "C" consonant or "V" vowel
    phoneme: str


def _units(phonemes: str) -> list[_Unit]:
    """The phoneme tokens of one word (espeak output with `SEPARATOR`), split into units."""
    units: list[_Unit] = []
    tokens = [t for t in reversed(_STRESS.sub("", phonemes).split(SEPARATOR)) if t]
    while tokens:
        token = tokens.pop()
        if token == "ɾ":
            units.append(_Unit("C", token))  # resolved to t or d by the spelling
        elif token in _TRIPHTHONGS:
            tokens.extend(reversed(_TRIPHTHONGS[token]))
        elif token in _R_COLOURED or token in _SYLLABIC:
            vowel, consonant = _R_COLOURED.get(token) or _SYLLABIC[token]
            units += [_Unit("V", vowel), _Unit("C", consonant)]
        elif token in _VOWELS:
            units.append(_Unit("V", token))
        elif token in _CONSONANTS:
            units.append(_Unit("C", token))
        elif token.endswith("ɹ") and token[:-1] in _VOWELS:  # ɑːɹ ɔːɹ ɛɹ ɪɹ ʊɹ
            units += [_Unit("V", token[:-1]), _Unit("C", "ɹ")]
        elif token.endswith("ː") and token[:-1] in _VOWELS:
            units.append(_Unit("V", token[:-1]))
        # anything else (a tone or length mark) carries no letter
    return _join_r(units)


def _join_r(units: list[_Unit]) -> list[_Unit]:
    """ɚ before ɹ (federation) is one r; a vowel before an r that ends its syllable takes
    the glide Hindi spelling writes (केयर, फ़ायर); ə after aɪ aʊ is not written (साइंस)."""
    units = list(units)  # a vowel's r is marked soft ahead of the loop reaching it
    joined: list[_Unit] = []
    for i, unit in enumerate(units):
        after = units[i + 1] if i + 1 < len(units) else None
        later = units[i + 2] if i + 2 < len(units) else None
        if unit.phoneme in {"ɹ", _SOFT_R} and after is not None and after.phoneme == "ɹ":
            continue
        if joined and joined[-1].phoneme in {"aɪ", "aʊ"} and unit.phoneme == "ə" and after:
            if after.phoneme in {"ɹ", _SOFT_R}:
                joined[-1] = _Unit("V", joined[-1].phoneme + "+r")
                units[i + 1] = _Unit("C", _SOFT_R)
            continue
        if (unit.phoneme in _BEFORE_FINAL_R and after is not None and after.phoneme == "ɹ"
                and (later is None or later.kind == "C")):
            unit = _Unit("V", unit.phoneme.replace("e", "ɛ") + "+r")
            joined.append(unit)
            units[i + 1] = _Unit("C", _SOFT_R)
            continue
        joined.append(unit)
    return joined


def _vowel_groups(word: str) -> list[str]:
    """The written vowels of `word` (`college` → o, e): a final silent e is not one."""
    lower = word.lower()
    if len(lower) > 3 and lower.endswith("e") and lower[-2] not in "aeiouy":
        lower = lower[:-1]
    return _VOWEL_LETTERS.findall(lower)


def _respell(units: list[_Unit], word: str) -> list[_Unit]:
    """Where American vowels part from the British ones Hindi spelling follows, the written
    vowel decides: ɑ spelled o is ॉ (डॉक्टर), a final-syllable ɪ spelled e is े (मार्केट),
    ɔːr spelled ort/ore/our/oar is ो (स्पोर्ट, बोर्ड)."""
    if len(units) > 1 and units[-1].phoneme == "z" and units[-2].kind == "C":
        units = [*units[:-1], _Unit("C", "s")]  # रील्स, वर्ड्स: a plural s after a consonant
    vowels = [i for i, u in enumerate(units) if u.kind == "V"]
    groups = _vowel_groups(word)
    lower = word.lower()
    respelled = list(units)
    aligned = len(groups) == len(vowels)
    for n, i in enumerate(vowels):
        phoneme = units[i].phoneme
        group = groups[n] if aligned else None
        after = units[i + 1] if i + 1 < len(units) else None
        if phoneme in {"ɑː", "ɑ"} and (after is None or after.phoneme != "ɹ"):
            if group == "o" or (not aligned and "o" in lower and "a" not in lower):
                respelled[i] = _Unit("V", "ɒ")
        elif (phoneme in {"ɪ", "ᵻ"} and group in {"e", "a"} and n == len(vowels) - 1
              and i + 1 < len(units)):
            respelled[i] = _Unit("V", "ɛ")  # मार्केट, पैकेज, सर्विसेज़
        elif phoneme == "ə" and group == "o" and 0 < n < len(vowels) - 1:
            respelled[i] = _Unit("V", "oː")  # इनोवेशन, कॉर्पोरेशन
        elif phoneme == "æ" and (_BATH.match("".join(u.phoneme for u in units[i + 1 : i + 3]))
                                 or (lower.endswith(("ss", "ff")) and n == len(vowels) - 1)):
            respelled[i] = _Unit("V", "ɑː")  # the British a of डांस, फ़ास्ट, आफ़्टर
        elif phoneme == "ə" and n == len(vowels) - 1 and _NT.match("".join(
                u.phoneme for u in units[i + 1 : i + 3])) and _ENT_END.search(lower):
            respelled[i] = _Unit("V", "ɛ")  # -ment, -dence, -ance: मेंट, डेंस, बैलेंस
        elif (phoneme == "ɔː" and after is not None and after.phoneme == "ɹ"
              and _LONG_O_BEFORE_R.search(lower)):
            respelled[i] = _Unit("V", "oː")
    return respelled


def _flaps(word: str) -> list[str]:
    """For each t/d letter of the spelling that can be a flap, its phoneme, in order."""
    return ["t" if m[0] == "t" else "d" for m in _FLAP_LETTERS.finditer(word.lower())]


def _resolve_flaps(units: list[_Unit], word: str) -> list[_Unit]:
    """ɾ (an American t or d between vowels) becomes the letter the spelling has."""
    if not any(u.phoneme == "ɾ" for u in units):
        return units
    letters = _flaps(word)
    stops = [i for i, u in enumerate(units) if u.phoneme in {"t", "d", "ɾ"}]
    default = "t" if "t" in letters or not letters else "d"
    by_position = len(stops) == len(letters)
    resolved = list(units)
    for n, i in enumerate(stops):
        if units[i].phoneme == "ɾ":
            resolved[i] = _Unit("C", letters[n] if by_position else default)
    return resolved


def _consonant(units: list[_Unit], i: int) -> str:
    """The consonant at `i` with what its neighbours make of it (sign, virama, anusvara)."""
    phoneme = units[i].phoneme
    after = units[i + 1] if i + 1 < len(units) else None
    before = units[i - 1] if i else None
    if after is None:
        return "ंग" if phoneme == "ŋ" else _CONSONANTS[phoneme]
    if after.kind == "V":
        return ("ंग" if phoneme == "ŋ" else _CONSONANTS[phoneme]) + _sign(units, i + 1)
    if phoneme in _NASALS and after.phoneme in _KEEP_VOWEL_BEFORE and phoneme != "ŋ":
        return _CONSONANTS[phoneme]
    if phoneme in _NASALS and before is not None and before.kind == "V":
        if phoneme == "n" and before.phoneme in _CANDRA:
            return _CONSONANTS[phoneme] + _VIRAMA  # कॉन्ट्रैक्ट, कॉन्सेप्ट: न् after ॉ
        return _ANUSVARA
    if after.phoneme == "w" and i > 0:  # only a word's first cluster joins w: ट्वीट, नेटवर्क
        return _CONSONANTS[phoneme]
    if phoneme == _SOFT_R and i + 2 < len(units):  # इंटरनेट, एयरबस; but मॉडर्न, पैटर्न
        return _CONSONANTS[phoneme]
    if phoneme == "ŋ":
        return "ंग" + _VIRAMA
    if _joins(units, i):
        return _CONSONANTS[phoneme] + _VIRAMA
    return _CONSONANTS[phoneme]


def _joins(units: list[_Unit], i: int) -> bool:
    """Whether the consonant at `i`, before another consonant, takes a virama.

    A word's first and last clusters always join (स्ट्रीट, टेस्ट). Between vowels Hindi papers
    join only the clusters that make familiar conjuncts: a stop or f/v before r l y (एड्रेस,
    पब्लिक), s/ʃ before a voiceless stop (मास्टर), a stop before t s ʃ tʃ (डॉक्टर, टैक्स,
    एक्शन), r (a reph: स्टार्ट) and l before a consonant but m or k (कल्चर); others keep the
    vowel (हेलमेट, नैपकिन, फ़ीडबैक, डैशबोर्ड)."""
    phoneme, after = units[i].phoneme, units[i + 1].phoneme
    if not any(u.kind == "V" for u in units[:i]) or all(u.kind == "C" for u in units[i:]):
        return True
    if after in {"ɹ", "l", "j"}:
        return phoneme in _STOPS or phoneme in {"f", "v", "θ"}
    if phoneme in {"s", "ʃ"}:
        return after in {"t", "k", "p"}
    if phoneme in _STOPS:
        return after in {"t", "s", "ʃ", "tʃ", "θ"}
    if phoneme == "l":
        return after not in {"m", "k"}
    return phoneme == "ɹ"


def _sign(units: list[_Unit], i: int) -> str:
    """The vowel sign of the vowel at `i`, which follows a consonant."""
    vowel = units[i].phoneme
    after = units[i + 1] if i + 1 < len(units) else None
    if vowel in _FRONT and after is not None and after.kind == "V":
        return "ि"  # the i of इंडिया, मीडिया, क्रिएट before another vowel
    if after is None and vowel in _FINAL_SIGNS:
        return _FINAL_SIGNS[vowel]
    return _VOWELS[vowel][1]


def _letter(units: list[_Unit], i: int) -> str:
    """The vowel at `i` written as a letter (it starts the word or follows a vowel)."""
    vowel = units[i].phoneme
    if i and units[i - 1].phoneme in _FRONT and vowel in _GLIDE_AFTER_FRONT:
        return "या" if vowel != "a" else "यै"
    if i == len(units) - 1 and vowel in _FINAL_LETTERS and i:
        return _FINAL_LETTERS[vowel]
    return _VOWELS[vowel][0]


def devanagari(phonemes: str, word: str) -> str:
    """The Devanagari spelling of one English word from its espeak IPA (with `SEPARATOR`).

    `word`, the written word, decides what the phonemes cannot: a flap's t or d."""
    units = _respell(_resolve_flaps(_units(_LANGUAGE_SWITCH.sub("", phonemes)), word), word)
    if units and units[0].phoneme == "w" and word.lower().startswith("wh"):
        units[0] = _Unit("C", "ʍ")  # व्हाइट, व्हेन: papers write the h
    out: list[str] = []
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.kind == "C":
            out.append(_consonant(units, i))
            i += 2 if i + 1 < len(units) and units[i + 1].kind == "V" else 1
        else:
            out.append(_letter(units, i))
            i += 1
    return "".join(out)
