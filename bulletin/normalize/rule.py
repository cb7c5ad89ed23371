"""The shape every normalizer rule has, so the pipeline can compose them without knowing them.

A rule is a pure function: it takes text and the settings and returns the text with the spans
it recognizes replaced by spoken Devanagari words, everything else untouched. Rules keep no
state, so the pipeline can run them in any order it documents and test each one alone.
"""

from collections.abc import Callable

from .settings import NormalizeSettings

Rule = Callable[[str, NormalizeSettings], str]
