"""Read-only package tables (`data/*.tsv`): the words of the normalizer live in data, not code.

Each table is UTF-8, one `written<TAB>spoken` pair per line. Tables are loaded once per
process and returned as immutable mappings, so the cache cannot be changed by a caller.
"""

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from ..errors import NormalizeError


@cache
def load_table(name: str) -> Mapping[str, str]:
    """The table `data/<name>.tsv` as `written → spoken`, in file order."""
    try:
        text = resources.files(__package__).joinpath("data", f"{name}.tsv").read_text("utf-8")
    except FileNotFoundError:
        raise NormalizeError(
            f"normalizer table {name}.tsv is missing from the package; reinstall bulletin"
        ) from None
    table: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line:
            continue
        written, tab, spoken = line.partition("\t")
        if not tab or not written or not spoken or "\t" in spoken:
            raise NormalizeError(
                f"{name}.tsv line {number}: expected `written<TAB>spoken`; fix the package data"
            )
        table[written] = spoken
    return MappingProxyType(table)


def alternation(keys: Iterable[str]) -> str:
    """A regex alternation of `keys`, longest first so `km/h` wins over `km`."""
    return "(?:" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + ")"


def keys_pattern(name: str) -> str:
    """A regex alternation of the keys of table `name`."""
    return alternation(load_table(name))
