"""Reading `cases/<name>.tsv` tables: `written<TAB>expected…` rows, `#` comments.

`\\uXXXX` in a cell stands for that character, so invisible ones stay visible in the file.
"""

import re
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def rows(name: str) -> list:
    """One `pytest.param(*cells)` per row, with `name:line` as its id."""
    params = []
    for number, line in enumerate((CASES / f"{name}.tsv").read_text("utf-8").split("\n"), 1):
        if line.strip() and not line.startswith("#"):
            cells = [_ESCAPE.sub(lambda m: chr(int(m[1], 16)), c) for c in line.split("\t")]
            params.append(pytest.param(*cells, id=f"{name}:{number}"))
    return params
