"""bulletin.yaml: the typed loader, its errors, and the `init` template (the settings'
own checks of their values: tests/test_settings.py)."""

from importlib import resources
from pathlib import Path

import pytest
import yaml

from bulletin.config import Config, from_mapping, load_config, to_mapping
from bulletin.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bulletin.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file():
    assert load_config(None) == Config()


def test_init_template_shows_every_key_with_its_default():
    """The commented template cannot drift from the dataclass defaults, nor leave a key out."""
    text = resources.files("bulletin").joinpath("data/bulletin.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert from_mapping(Config, data, base_dir=Path("."), where="template") == Config()

    def keys(mapping: dict, prefix: str = "") -> set[str]:
        found = set()
        for key, value in mapping.items():
            found.add(prefix + key)
            if isinstance(value, dict):
                found |= keys(value, f"{prefix}{key}.")
        return found

    assert keys(data) == keys(to_mapping(Config()))


def test_values_and_relative_paths(tmp_path):
    path = write(tmp_path, """
show: {title: "सुबह की ख़बरें", base_url: "https://news.example/pod/"}
voice: {engine: gtts, fallback: espeak, jobs: 4}
speech: {lexicon: [staff.yaml], percent_word: "फ़ीसदी"}
audio: {loudness_lufs: -14, pauses: {sentence_ms: 200}, jingles: {intro: sounds/intro.mp3}}
""")
    config = load_config(path)
    assert config.show.title == "सुबह की ख़बरें"
    assert config.voice.engine == "gtts" and config.voice.fallback == "espeak"
    assert config.voice.jobs == 4
    assert config.speech.lexicon == (tmp_path / "staff.yaml",)
    assert config.audio.loudness_lufs == -14.0 and isinstance(config.audio.loudness_lufs, float)
    assert config.audio.pauses.sentence_ms == 200
    assert config.audio.pauses.paragraph_ms == Config().audio.pauses.paragraph_ms
    assert config.audio.jingles.intro == tmp_path / "sounds/intro.mp3"


def test_round_trip_through_mapping(tmp_path):
    config = load_config(write(tmp_path, "voice: {engine: gtts}\n"))
    assert from_mapping(Config, to_mapping(config), base_dir=tmp_path, where="x") == config


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("show: {titel: x}\n", "unknown key `show.titel`"),
        ("colour: red\n", "unknown key `colour`"),
        ("voice: {jobs: true}\n", "`voice.jobs` must be a whole number"),
        ("audio: {loudness_lufs: loud}\n", "`audio.loudness_lufs` must be a number"),
        ("show: [1, 2]\n", "`show` must be a mapping"),
        ("- a\n- b\n", "`top level` must be a mapping"),
        ("show: {title: [x}\n", "malformed YAML (line 1"),
        ("show:\n  title: 'a\n", "malformed YAML"),
        ("show: {base_url: 'news/podcast'}\n", "must be an absolute http(s) URL"),
        ("show: {description: '   '}\n", "`show.description` must be 1 to 4000 bytes"),
        (f"show: {{description: '{'क' * 1400}'}}\n", "(it has 4200)"),
    ],
)
def test_errors_name_the_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, text))
    assert message in str(e.value)
    assert "\n" not in str(e.value)


def test_missing_and_undecodable_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"show:\n  title: \xff\xfe\n")
    with pytest.raises(ConfigError, match="not UTF-8 at byte"):
        load_config(bad)


def test_empty_file_is_the_defaults(tmp_path):
    assert load_config(write(tmp_path, "# nothing set\n")) == Config()
