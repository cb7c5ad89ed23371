"""The Hindi speech normalizer: written news text → what a newsreader says.

    normalizer = Normalizer.load(config.speech, extra_lexicons=[Path("desk.yaml")])
    result = normalizer.normalize("रूस S-400 के 28 सिस्टम देगा.")
    result.text     # 'रूस एस चार सौ के अट्ठाईस सिस्टम देगा।'
    result.residue  # () — tokens the rules could not read, with line and context

`Normalizer.load` does all the file I/O (lexicons); `normalize` is pure and fast. The rule
order lives in `pipeline.py`; the house style in `docs/house-style.md`.

`bulletin.config` imports this package for its settings, so the rules (every class and its
tables, ~0.1 s) load only in `Normalizer.load`, and `chunk` and `split_sentences` (the
abbreviation rules) on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..lazy import lazy_exports
from ..models import Residue
from .residue import find_residue
from .settings import NormalizeSettings

if TYPE_CHECKING:
    from .rule import Rule
    from .sentences import chunk, split_sentences

__all__ = ["Normalized", "Normalizer", "chunk", "split_sentences"]
__getattr__ = lazy_exports(__name__, {"chunk": ".sentences", "split_sentences": ".sentences"})


@dataclass(frozen=True)
class Normalized:
    """Speech text (Devanagari words, spaces, `। , ? !`) and what could not be read."""

    text: str
    residue: tuple[Residue, ...] = ()


@dataclass(frozen=True)
class Normalizer:
    """The settings with the loaded lexicons, compiled into the ordered rules."""

    settings: NormalizeSettings
    rules: tuple[Rule, ...]

    @classmethod
    def load(
        cls, settings: NormalizeSettings, extra_lexicons: Sequence[Path] = ()
    ) -> Normalizer:
        """Read the built-in and staff lexicons (`settings.lexicon`, then `extra_lexicons`;
        later files win). Raises ConfigError naming a missing or malformed file."""
        from .lexicon import Lexicon  # here, not at the top: see the module doc
        from .pipeline import build_rules

        staff = Lexicon.merge(Lexicon.load(p) for p in (*settings.lexicon, *extra_lexicons))
        return cls(settings, build_rules(staff, Lexicon.builtin()))

    def normalize(self, text: str, line: int = 1) -> Normalized:
        """Each line of `text` is read on its own (line breaks are kept); residue lines count
        from `line`, the number of the text's first line: its input line for
        `bulletin clean --lines`, its paragraph (headline = 1) when `make_script` calls."""
        spoken: list[str] = []
        residue: list[Residue] = []
        for number, written in enumerate(text.split("\n"), line):
            said = self._line(written)
            spoken.append(said)
            residue.extend(find_residue(said, number))
        return Normalized("\n".join(spoken), tuple(residue))

    def _line(self, text: str) -> str:
        for rule in self.rules:
            text = rule(text, self.settings)
        return text
