"""The embedded espeak-ng library: one instance per process, phonemes in IPA and ASCII."""

from __future__ import annotations

import threading

import pytest

from bulletin import espeakng
from bulletin.errors import SynthesisError


def test_one_library_per_process() -> None:
    assert espeakng.library() is espeakng.library()
    assert espeakng.library().sample_rate_hz == 22_050


def test_english_ipa_of_a_word() -> None:
    ipa = espeakng.phonemize("digital", "en", ipa=True)
    assert ipa.replace("ˈ", "").replace("ˌ", "").startswith("dɪdʒɪt")


def test_hindi_ipa_of_devanagari() -> None:
    ipa = espeakng.phonemize("नमस्ते", "hi", ipa=True)
    assert "n" in ipa and "m" in ipa and "s" in ipa
    assert not any("\u0900" <= c <= "\u097f" for c in ipa)


def test_ascii_phoneme_names_differ_from_ipa() -> None:
    ascii_names = espeakng.phonemize("ship", "en", ipa=False)
    assert ascii_names.isascii() and "S" in ascii_names  # espeak's name for ʃ
    assert "ʃ" in espeakng.phonemize("ship", "en", ipa=True)


def test_separator_between_phonemes_and_spaces_between_words() -> None:
    spaced = espeakng.phonemize("big data", "en", ipa=True, separator="_")
    words = spaced.split()
    assert len(words) == 2
    assert words[0].strip("ˈˌ_").split("_")[0] in {"b", "ˈb"}
    assert "_" in words[1]


def test_every_clause_is_phonemized() -> None:
    clauses = espeakng.phonemize("one, two. three", "en", ipa=True).split()
    assert len(clauses) == 3


def test_voice_switches_between_speech_and_phonemes() -> None:
    library = espeakng.library()
    hindi = espeakng.phonemize("नमस्ते", "hi", ipa=True)
    before = library.speak("नमस्ते", voice="hi", rate_wpm=160, pitch=50)
    english = espeakng.phonemize("hello", "en", ipa=True)
    after = library.speak("नमस्ते", voice="hi", rate_wpm=160, pitch=50)
    # espeak varies a few samples from call to call: compare lengths, not bytes
    assert abs(len(after) - len(before)) < 0.02 * len(before)
    assert espeakng.phonemize("नमस्ते", "hi", ipa=True) == hindi != english


def test_unknown_voice_is_a_typed_error() -> None:
    with pytest.raises(SynthesisError, match="no voice `xx-nosuch`"):
        espeakng.phonemize("hello", "xx-nosuch", ipa=True)
    assert espeakng.phonemize("hello", "en", ipa=True)  # the library is still usable


def test_threads_share_the_library_safely() -> None:
    expected = espeakng.phonemize("government", "en", ipa=True)
    seen: list[str] = []

    def work() -> None:
        seen.extend(espeakng.phonemize("government", "en", ipa=True) for _ in range(20))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [expected] * 80


def test_variants_are_listed_from_the_data() -> None:
    names = espeakng.variants(espeakng.library().data_path)
    assert {"f3", "m1"} <= names


def test_a_signal_during_synthesis_reaches_the_caller() -> None:
    """The CLI's stop handler raises; raised inside C's callback ctypes would swallow it.

    The signal is sent from inside the callback, so its handler runs there, as when a user
    presses Ctrl-C mid-sentence."""
    import os
    import signal

    class Stopped(BaseException):
        pass

    def stop(_signum: int, _frame: object) -> None:
        raise Stopped

    lib = espeakng.library()
    real_string_at = espeakng.ctypes.string_at
    sent = False

    def signal_mid_sentence(*args: object) -> bytes:
        nonlocal sent
        if not sent:
            sent = True
            os.kill(os.getpid(), signal.SIGTERM)  # arrives while C is calling us back
        return real_string_at(*args)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        espeakng.ctypes.string_at = signal_mid_sentence
        with pytest.raises(Stopped):
            lib.speak("भारत ने आज अट्ठाईस समझौतों पर हस्ताक्षर किए।", voice="hi",
                      rate_wpm=140, pitch=50)
    finally:
        espeakng.ctypes.string_at = real_string_at
        signal.signal(signal.SIGTERM, previous)
    assert sent
