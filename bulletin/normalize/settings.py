"""Settings of the Hindi speech normalizer (`speech:` in bulletin.yaml)."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class NormalizeSettings:
    percent_word: Literal["प्रतिशत", "फ़ीसदी"] = "प्रतिशत"
    rupee_spelling: Literal["रुपये", "रुपए"] = "रुपये"
    colloquial_halves: bool = False  # 2.5 लाख → ढाई लाख
    lexicon: tuple[Path, ...] = ()  # staff lexicon files; later files win
    strict: bool = False  # residue is an error
