"""Settings of the Hindi speech normalizer (`speech:` in bulletin.yaml)."""

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from ..setting import check_fields, setting


@dataclass(frozen=True)
class NormalizeSettings:
    SECTION: ClassVar[str] = "speech"

    percent_word: Literal["प्रतिशत", "फ़ीसदी"] = setting("प्रतिशत", shapes=True)
    rupee_spelling: Literal["रुपये", "रुपए"] = setting("रुपये", shapes=True)
    colloquial_halves: bool = setting(False, shapes=True)  # 2.5 लाख → ढाई लाख
    lexicon: tuple[Path, ...] = setting((), shapes=True)  # staff lexicon files; later files win
    strict: bool = setting(False, shapes=False)  # residue is an error (the audio is the same)

    def __post_init__(self) -> None:
        check_fields(self)
