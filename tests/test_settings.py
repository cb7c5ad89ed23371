"""Settings declare themselves (`bulletin/setting.py`): each field says whether it shapes the
output, each settings class checks its own values when it is made, and every config mistake
is one line naming the key, before any work."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from bulletin.build import _fingerprint
from bulletin.cli import main
from bulletin.config import Config, load_config
from bulletin.errors import ConfigError
from bulletin.setting import output_shaping, shapes_output, undeclared

# (bulletin.yaml text, the key the message must name, a fragment of the message)
MISTAKES = [
    ("voice: {engine: nope}\n", "voice.engine", "is `nope`, not a voice engine (known: espeak"),
    ("voice: {fallback: robot}\n", "voice.fallback", "is `robot`, not a voice engine"),
    ("voice: {jobs: -3}\n", "voice.jobs", "is -3: use 1 to 64"),
    ("voice: {jobs: 0}\n", "voice.jobs", "is 0: use 1 to 64"),
    ("voice: {jobs: 65}\n", "voice.jobs", "is 65: use 1 to 64"),
    ("voice: {jobs: two}\n", "voice.jobs", "must be a whole number"),
    ("voice: {cache_max_mb: -1}\n", "voice.cache_max_mb", "is -1: use 0 or more"),
    ("voice: {rate_wpm: 20}\n", "voice.rate_wpm", "is 20: use 80 to 450"),
    ("voice: {pitch: 101}\n", "voice.pitch", "is 101: use 0 to 100"),
    ("voice: {join_pause_ms: -5}\n", "voice.join_pause_ms", "is -5: use 0 to 2000"),
    ("voice: {retries: -1}\n", "voice.retries", "is -1: use 0 to 20"),
    ("voice: {timeout_s: 0}\n", "voice.timeout_s", "is 0.0: use 0.1 to 600"),
    ("voice: {retry_backoff_s: -1}\n", "voice.retry_backoff_s", "is -1.0: use 0 to 60"),
    ("voice: {retry_budget_s: -2.5}\n", "voice.retry_budget_s", "is -2.5: use 0 or more"),
    ("voice: {tld: 'evil.example/x'}\n", "voice.tld", "use a Google domain ending"),
    ("voice: {slow: 1}\n", "voice.slow", "must be true or false"),
    ("voice: {cache: 'yes'}\n", "voice.cache", "must be true or false"),
    ("voice: {engin: gtts}\n", "voice.engin", "unknown key"),
    ("input: {max_bytes: -10}\n", "input.max_bytes", "is -10: use 1 to 100000000"),
    ("input: {subhead_max_words: 0}\n", "input.subhead_max_words", "is 0: use 1 to 100"),
    ("input: {subhead_max_chars: 0}\n", "input.subhead_max_chars", "is 0: use 1 to 1000"),
    ("speech: {rupee_spelling: Rs}\n", "speech.rupee_spelling", "is 'Rs': use one of रुपये, रुपए"),
    ("speech: {percent_word: percent}\n", "speech.percent_word", "use one of प्रतिशत, फ़ीसदी"),
    ("speech: {lexicon: [5]}\n", "speech.lexicon[0]", "must be a file path"),
    ("speech: {strict: maybe}\n", "speech.strict", "must be true or false"),
    ("audio: {sample_rate_hz: 22050}\n", "audio.sample_rate_hz", "is 22050: use 44100 or 48000"),
    ("audio: {bitrate_kbps: 100}\n", "audio.bitrate_kbps", "is 100, not an MP3 bitrate"),
    ("audio: {loudness_lufs: -5}\n", "audio.loudness_lufs", "is -5.0: use -30 to -10"),
    ("audio: {true_peak_dbtp: 1}\n", "audio.true_peak_dbtp", "is 1.0: use -9 to 0"),
    ("audio: {pauses: {sentence_ms: -1}}\n", "audio.pauses.sentence_ms", "is -1: use 0 to 10000"),
    ("audio: {pauses: {paragraph_ms: 20000}}\n", "audio.pauses.paragraph_ms", "is 20000"),
    ("audio: {jingles: {intro: 5}}\n", "audio.jingles.intro", "must be a file path"),
    ("show: {base_url: 'ftp://x.example/'}\n", "show.base_url", "must be an absolute http(s)"),
    ("show: {description: ''}\n", "show.description", "must be 1 to 4000 bytes"),
    ("show: {explicit: 'no'}\n", "show.explicit", "must be true or false"),
    ("publish: {max_episodes: 0}\n", "publish.max_episodes", "is 0: use 1 or more"),
    ("publish: {max_episodes: -4}\n", "publish.max_episodes", "is -4: use 1 or more"),
    ("voice:\n  jobs: 2\n  jobs: 3\n", "jobs", "(line 3, column 3): duplicate key"),
    ("voice: {}\naudio: {}\nvoice: {}\n", "voice", "(line 3, column 1): duplicate key"),
]


@pytest.mark.parametrize(("text", "key", "fragment"), MISTAKES, ids=[m[1] for m in MISTAKES])
def test_every_config_mistake_is_one_line_naming_the_key(tmp_path, text, key, fragment):
    path = tmp_path / "bulletin.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    message = str(e.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert f"`{key}`" in message and fragment in message, message


@pytest.mark.parametrize(("text", "key", "fragment"), MISTAKES[:3] + MISTAKES[-2:],
                         ids=[m[1] for m in MISTAKES[:3] + MISTAKES[-2:]])
def test_the_cli_refuses_a_mistake_before_any_work(tmp_path, text, key, fragment):
    """Exit 3 (config), not 2: the config fails before the (missing) article is even read."""
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path / "missing.txt"), "--config",
                                       str(tmp_path / "bad.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3, result.output
    assert f"`{key}`" in result.output and result.output.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_the_issue_example_fails_at_load(tmp_path):
    path = tmp_path / "bulletin.yaml"
    path.write_text("voice: {engine: nope, jobs: -3, cache_max_mb: -1}\n"
                    "input: {max_bytes: -10}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bulletin\.yaml: `voice\.jobs` is -3: use 1 to 64$"):
        load_config(path)  # ranges are checked first, then the engine name


def test_every_setting_declares_whether_it_shapes_the_output():
    missing = undeclared(Config)
    assert not missing, (
        f"settings {', '.join(missing)} do not say whether they shape the episode's files: "
        "declare each as `name: T = setting(DEFAULT, shapes=True)` if a changed value changes "
        "the audio, tags or transcripts (the build fingerprint then includes it, so an edit "
        "rebuilds the episode), or `shapes=False` if it only changes how the work is done or "
        "what the feed shows (see bulletin/setting.py); nested settings use `section(Cls)`"
    )


def sections(cls: type = Config, prefix: str = "") -> list[tuple[str, type]]:
    found = []
    for f in dataclasses.fields(cls):
        if shapes_output(f) is None:
            found.append((f"{prefix}{f.name}", f.default_factory))
            found += sections(f.default_factory, f"{prefix}{f.name}.")  # type: ignore[arg-type]
    return found


@pytest.mark.parametrize(("path", "cls"), sections(), ids=[p for p, _ in sections()])
def test_each_section_knows_where_it_lives(path, cls):
    """Messages name keys as bulletin.yaml spells them, whoever made the settings."""
    assert path == cls.SECTION


# a valid other value for settings whose type alone does not give one
OTHER = {"voice.engine": "espeak", "voice.speed": 1.1, "voice.fallback": "festival",
         "voice.voice": "hi+f3",
         "voice.tld": "com", "audio.sample_rate_hz": 48_000, "audio.bitrate_kbps": 128,
         "speech.percent_word": "फ़ीसदी", "speech.rupee_spelling": "रुपए",
         "show.base_url": "https://news.example/", "show.link": "https://news.example/",
         "show.cover": Path("cover.png"), "show.copyright": "© समाचार",
         "publish.max_episodes": 5, "service.queue": "redis://127.0.0.1:6379/0",
         "service.webhook_url": "https://cms.example/done", "service.tokens": ("t" * 20,)}
BY_TYPE = {bool: lambda v: not v, int: lambda v: v + 1, float: lambda v: v - 0.5,
           str: lambda v: v + " नया", tuple: lambda v: (*v, Path("desk.yaml"))}


def other_value(key: str, value: object) -> object:
    if key in OTHER:
        return OTHER[key]
    if key.startswith("audio.jingles.") and value is None:
        return Path("sting.wav")
    return BY_TYPE[type(value)](value)


def with_value(obj: object, key: str, value: object) -> object:
    head, _, rest = key.partition(".")
    if not rest:
        return dataclasses.replace(obj, **{head: value})  # type: ignore[type-var]
    return dataclasses.replace(obj, **{head: with_value(getattr(obj, head), rest, value)})  # type: ignore[type-var]


def value_at(obj: object, key: str) -> object:
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj


def all_keys(obj: object = Config(), prefix: str = "") -> list[str]:
    keys = []
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        if shapes_output(f) is None:
            keys += all_keys(getattr(obj, f.name), f"{prefix}{f.name}.")
        else:
            keys.append(f"{prefix}{f.name}")
    return keys


@pytest.mark.parametrize("key", all_keys())
def test_the_fingerprint_follows_the_declarations(key):
    """A shaping setting changes the fingerprint; any other setting leaves it alone."""
    base = Config()
    try:
        changed = with_value(base, key, other_value(key, value_at(base, key)))
    except (ConfigError, KeyError, TypeError) as e:
        pytest.fail(f"no valid other value for `{key}` ({e!r}): add one to OTHER in "
                    "tests/test_settings.py")
    assert value_at(changed, key) != value_at(base, key)
    shapes = key in output_shaping(base)
    assert (_fingerprint("0" * 64, changed) != _fingerprint("0" * 64, base)) == shapes


def test_an_edited_lexicon_file_changes_the_fingerprint(tmp_path):
    lexicon = tmp_path / "desk.yaml"
    lexicon.write_text("NASA: नासा\n", encoding="utf-8")
    config = with_value(Config(), "speech.lexicon", (lexicon,))
    before = _fingerprint("0" * 64, config)
    lexicon.write_text("NASA: नासा\nISRO: इसरो\n", encoding="utf-8")
    assert _fingerprint("0" * 64, config) != before
