"""The engine registry: built-ins by name, plug-ins from entry points only when asked."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest

from bulletin.errors import ConfigError
from bulletin.synth import Engine, EngineInfo, VoiceSettings, available_engines, load_engine
from bulletin.synth import engine as registry


def test_builtin_engines_satisfy_the_protocol():
    espeak = load_engine("espeak", VoiceSettings())
    assert isinstance(espeak, Engine)
    assert (espeak.name, espeak.languages, espeak.max_chars) == ("espeak", ("hi",), None)
    assert load_engine("gtts", VoiceSettings()).max_chars == 100


def test_unknown_engine_names_the_known_ones():
    with pytest.raises(ConfigError, match=r"unknown voice engine `nope` \(known: espeak"):
        load_engine("nope", VoiceSettings())


def test_entry_point_plugins_load_by_name_and_are_listed(monkeypatch):
    plugin = EntryPoint("fake", "bulletin.synth.engines.espeak", registry.ENTRY_POINT_GROUP)
    broken = EntryPoint("broken", "no_such_module_xyz", registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "_entry_points", lambda: (plugin, broken))
    assert load_engine("fake", VoiceSettings()).name == "espeak"
    infos = {i.name: i for i in available_engines()}
    assert list(infos)[:4] == ["espeak", "gtts", "piper", "festival"]
    assert infos["broken"] == EngineInfo(
        "broken", usable=False,
        detail="voice engine plug-in `broken` (no_such_module_xyz) failed to import: "
               "ModuleNotFoundError: No module named 'no_such_module_xyz'; "
               "reinstall the package that provides it",
    )
