"""Lexicons: the YAML form, whole-word matching, case, and precedence staff > built-in > rules."""

import unicodedata
from pathlib import Path

import pytest
import yaml

from bulletin.errors import ConfigError
from bulletin.normalize import Normalizer
from bulletin.normalize.lexicon import Lexicon
from bulletin.normalize.residue import find_residue
from bulletin.normalize.settings import NormalizeSettings

PLAIN = NormalizeSettings()


def lexicon(text: str) -> Lexicon:
    return Lexicon.from_mapping(yaml.safe_load(text), "test")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def say(text: str, settings: NormalizeSettings = PLAIN, extra: tuple[Path, ...] = ()) -> str:
    return Normalizer.load(settings, extra_lexicons=extra).normalize(text).text


# ---------------------------------------------------------------- the built-in lexicon


def test_builtin_is_clean_data() -> None:
    builtin = Lexicon.builtin()  # loading refuses duplicate keys
    assert len(builtin) > 40
    for key, spoken in [*builtin.folded.items(), *builtin.exact.items()]:
        assert unicodedata.is_normalized("NFC", key)
        assert find_residue(spoken) == (), key


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "desk.yaml", "NASA: नासा\nISRO: इसरो\nNASA: नासा एजेंसी\n")
    duplicate = r"desk\.yaml: .*\(line 3, column 1\): duplicate key `NASA`"
    with pytest.raises(ConfigError, match=duplicate):
        Lexicon.load(path)


# ---------------------------------------------------------------- matching


def test_plain_keys_ignore_case() -> None:
    words = lexicon("Quad: क्वाड")
    assert words("QUAD quad Quad", PLAIN) == "क्वाड क्वाड क्वाड"


def test_case_sensitive_keys_match_only_as_written() -> None:
    words = lexicon("case_sensitive:\n  US: यूएस\n")
    assert words("US us Us", PLAIN) == "यूएस us Us"


def test_exact_keys_run_before_case_free_ones() -> None:
    words = lexicon("us: हम\ncase_sensitive:\n  US: यूएस\n")
    assert words("US us", PLAIN) == "यूएस हम"


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("राम आए", "श्रीराम आए"),
        ("रामलीला देखी", "रामलीला देखी"),
        ("बलराम आए", "बलराम आए"),
        ("राम, सीता", "श्रीराम, सीता"),
        ("(राम)", "(श्रीराम)"),
        ("NASA. फिर", "नासा. फिर"),
        ("NASAL", "NASAL"),
        ("MYNASA", "MYNASA"),
        ("nasa.gov.in", "nasa.gov.in"),
        ("help@nasa.gov", "help@nasa.gov"),
        ("NASAने कहा", "नासा ने कहा"),
        ("मोदीNASA", "मोदी नासा"),
    ],
)
def test_whole_words_only(text: str, spoken: str) -> None:
    words = lexicon("राम: श्रीराम\nNASA: नासा\n")
    assert words(text, PLAIN) == spoken


def test_longest_key_first() -> None:
    words = lexicon("India: इंडिया\nMake in India: मेक इन इंडिया\nin: इन\n")
    assert words("Make in India और India", PLAIN) == "मेक इन इंडिया और इंडिया"


def test_merge_later_wins() -> None:
    merged = Lexicon.merge([lexicon("NASA: नासा"), lexicon("nasa: नासा एजेंसी")])
    assert merged("NASA", PLAIN) == "नासा एजेंसी"


# ---------------------------------------------------------------- precedence


def test_builtin_beats_rules() -> None:
    assert say("2+2 वार्ता") == "टू प्लस टू वार्ता"
    assert say("3+3 वार्ता") == "तीन प्लस तीन वार्ता"


def test_staff_beats_builtin(tmp_path: Path) -> None:
    staff = write(tmp_path, "desk.yaml", "2+2: दो प्लस दो\nNASA: नेशनल एयरोनॉटिक्स\n")
    assert say("2+2 पर NASA", extra=(staff,)) == "दो प्लस दो पर नेशनल एयरोनॉटिक्स"


def test_staff_beats_rules(tmp_path: Path) -> None:
    staff = write(tmp_path, "desk.yaml", "CBI: केंद्रीय जांच ब्यूरो\nS-400: एस फ़ोर हंड्रेड\n")
    assert say("CBI और S-400", extra=(staff,)) == "केंद्रीय जांच ब्यूरो और एस फ़ोर हंड्रेड"


def test_extra_lexicons_beat_config_lexicons(tmp_path: Path) -> None:
    config = write(tmp_path, "config.yaml", "ISRO: इसरो संगठन\nCBI: सीबीआई ब्यूरो\n")
    extra = write(tmp_path, "extra.yaml", "ISRO: भारतीय अंतरिक्ष अनुसंधान संगठन\n")
    settings = NormalizeSettings(lexicon=(config,))
    assert say("ISRO CBI", settings, (extra,)) == "भारतीय अंतरिक्ष अनुसंधान संगठन सीबीआई ब्यूरो"


def test_staff_entries_are_whole_words_too(tmp_path: Path) -> None:
    staff = write(tmp_path, "desk.yaml", "मोदी: नरेंद्र मोदी\n")
    assert say("मोदीजी और मोदी", extra=(staff,)) == "मोदीजी और नरेंद्र मोदी"


# ---------------------------------------------------------------- files and errors


def test_empty_file_is_an_empty_lexicon(tmp_path: Path) -> None:
    assert len(Lexicon.load(write(tmp_path, "empty.yaml", "# nothing yet\n"))) == 0


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"missing\.yaml: lexicon file not found"):
        Normalizer.load(PLAIN, extra_lexicons=(tmp_path / "missing.yaml",))


def test_malformed_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "NASA: नासा\nISRO: [इसरो\n")
    malformed = r"bad\.yaml: malformed lexicon YAML \(line \d+, column \d+\)"
    with pytest.raises(ConfigError, match=malformed):
        Lexicon.load(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- NASA\n- ISRO\n", "must be a mapping"),
        ("NO: ना\n", "not text; put it in quotes"),
        ("2024: दो हज़ार चौबीस\n", "not text; put it in quotes"),
        ("NASA:\n", "needs a spoken form"),
        ("NASA: 5\n", "needs a spoken form"),
        ("case_sensitive: [US]\n", "`case_sensitive:` must hold"),
    ],
)
def test_invalid_entries(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "desk.yaml", text)
    with pytest.raises(ConfigError, match=message) as error:
        Lexicon.load(path)
    assert "desk.yaml" in str(error.value)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("NASA: n\xe4sa\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"latin1\.yaml: not UTF-8 at byte \d+"):
        Lexicon.load(path)


def test_a_key_may_spell_a_whole_address(tmp_path: Path) -> None:
    staff = write(tmp_path, "desk.yaml", "pib.gov.in: पीआईबी की वेबसाइट\n")
    assert say("देखें pib.gov.in और isro.gov.in", extra=(staff,)) == (
        "देखें पीआईबी की वेबसाइट और इसरो डॉट गव डॉट इन"
    )
