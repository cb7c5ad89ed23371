"""The one way bulletin reads YAML: the config, lexicons and article front matter.

PyYAML's safe loader keeps the last of two equal keys silently; a config or lexicon line
written twice is a mistake to report, so this loader refuses it. An impossible timestamp
(`2024-13-45`) becomes a YAML error at its line instead of a bare ValueError. Every error
is one line, `WHERE: malformed WHAT (line L, column C): problem`, raised as the caller's
error class (a config mistake is not an input mistake).
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import BulletinError


class _UniqueKeys:
    """Refuses a mapping key written twice, and an impossible timestamp, at its line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: SafeLoader reports it itself
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key `{key}`", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except ValueError as e:
            raise yaml.constructor.ConstructorError(
                None, None, f"`{node.value}` is not a date ({e})", node.start_mark
            ) from None


class UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """The pure-Python safe loader: its error messages are the ones bulletin reports."""


if hasattr(yaml, "CSafeLoader"):
    class FastLoader(_UniqueKeys, yaml.CSafeLoader):
        """libyaml's parser: ~7x faster on the lexicon and dateline rules every build reads."""
else:  # PyYAML built without libyaml
    FastLoader = UniqueKeyLoader  # type: ignore[misc]

for loader in (UniqueKeyLoader, FastLoader):
    loader.add_constructor("tag:yaml.org,2002:timestamp", loader.construct_yaml_timestamp)


def decode(raw: bytes, where: str, error: type[BulletinError]) -> str:
    """UTF-8 (a BOM is allowed), else one line naming the byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise error(f"{where}: not UTF-8 at byte {e.start}; save it as UTF-8") from None


def parse(text: str, where: str, error: type[BulletinError], *, what: str = "YAML",
          first_line: int = 1) -> Any:
    """The document in `text`; `first_line` is the line of the file where `text` begins."""
    try:
        return yaml.load(text, Loader=FastLoader)
    except yaml.YAMLError:
        pass  # libyaml words its errors its own way: the pure-Python loader says why
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)
    except yaml.YAMLError as e:
        raise error(f"{where}: malformed {what}{_at(e, first_line)}: {_problem(e)}") from None


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """The file line of each top-level key of a mapping document that `parse` accepted."""
    node = yaml.compose(text, Loader=UniqueKeyLoader)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + first_line for k, _ in node.value}


def _at(error: yaml.YAMLError, first_line: int) -> str:
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return ""
    return f" (line {mark.line + first_line}, column {mark.column + 1})"


def _problem(error: yaml.YAMLError) -> str:
    return str(getattr(error, "problem", None) or "invalid YAML")
