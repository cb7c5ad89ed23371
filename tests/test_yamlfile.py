"""The one YAML reader: duplicate keys refused, impossible dates at their line, one-line errors
in the caller's error class."""

from __future__ import annotations

import datetime

import pytest

from bulletin import yamlfile
from bulletin.errors import ConfigError, InputError


@pytest.mark.parametrize(("text", "where"), [
    ("a: 1\nb: 2\na: 3\n", "(line 3, column 1): duplicate key `a`"),
    ("outer:\n  x: 1\n  x: 2\n", "(line 3, column 3): duplicate key `x`"),
    ("- {k: 1, k: 2}\n", "(line 1, column 10): duplicate key `k`"),
    ("2: a\n2: b\n", "(line 2, column 1): duplicate key `2`"),
    ("d: 2024-13-45\n", "(line 1, column 4): `2024-13-45` is not a date"),
    ("t: [unclosed\n", "(line 2, column 1): "),
])
def test_mistakes_are_one_line_with_the_place(text, where):
    with pytest.raises(ConfigError) as e:
        yamlfile.parse(text, "desk.yaml", ConfigError, what="lexicon YAML")
    assert str(e.value).startswith("desk.yaml: malformed lexicon YAML ")
    assert where in str(e.value) and "\n" not in str(e.value)


def test_lines_count_from_where_the_text_begins_in_its_file():
    at_line_4 = r"^story\.md: malformed front matter \(line 4, column 1\)"
    with pytest.raises(InputError, match=at_line_4):
        yamlfile.parse("title: a\ndate: 2024-06-14\ntitle: b\n", "story.md", InputError,
                       what="front matter", first_line=2)
    assert yamlfile.key_lines("title: a\ndate: 2024-06-14\n", first_line=2) == {
        "title": 2, "date": 3}


def test_values_are_read_like_the_safe_loader():
    data = yamlfile.parse("d: 2024-06-14\nn: 3\nlist: [a, b]\nq: '5'\n", "x", ConfigError)
    assert data == {"d": datetime.date(2024, 6, 14), "n": 3, "list": ["a", "b"], "q": "5"}
    with pytest.raises(ConfigError, match="could not determine a constructor"):
        yamlfile.parse("x: !!python/object/apply:os.system [ls]\n", "x", ConfigError)


def test_undecodable_bytes_name_the_byte():
    assert yamlfile.decode("\ufeffa: b".encode(), "x", ConfigError) == "a: b"
    with pytest.raises(ConfigError, match=r"^x: not UTF-8 at byte 3; save it as UTF-8$"):
        yamlfile.decode(b"a: \xff", "x", ConfigError)
