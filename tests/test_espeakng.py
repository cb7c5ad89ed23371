"""The embedded espeak-ng library: one instance per process, phonemes in IPA and ASCII,
the same samples for the same sentence whatever was said before, wherever and whenever."""

from __future__ import annotations

import _ctypes
import ctypes
import hashlib
import json
import subprocess
import sys
import threading
import time

import pytest

from bulletin import espeakng
from bulletin.errors import SynthesisError
from testkit.speech import MORE_SENTENCES, SENTENCES

from .support import REPO

VOICES = ("hi", "hi+f3")  # f3 breathes (noise) and is rough (every other pitch cycle softer)


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
    assert after == before
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


def say(text: str, voice: str = "hi", rate_wpm: int = 160, pitch: int = 50) -> bytes:
    return espeakng.library().speak(text, voice=voice, rate_wpm=rate_wpm, pitch=pitch)


def next_second() -> None:
    """Sleep into the next second of the clock, which espeak_Initialize seeds its noise from."""
    time.sleep(1.01 - time.time() % 1)


@pytest.mark.parametrize("voice", VOICES)
def test_a_sentence_gives_the_same_samples_whatever_was_said_before(voice):
    """The wave generator keeps its flutter phase, roughness cycle count, gain and breath
    filters from one utterance to the next: each sentence must start from none of it."""
    alone = say(SENTENCES[1], voice)
    say(SENTENCES[0], voice)
    assert say(SENTENCES[1], voice) == alone
    say(MORE_SENTENCES[0], "hi+m3", rate_wpm=220, pitch=80)
    espeakng.phonemize("digital", "en", ipa=True)
    say(SENTENCES[3], voice)
    assert say(SENTENCES[1], voice) == alone


def test_breath_noise_does_not_follow_the_clock():
    before = say(SENTENCES[2], "hi+f3")
    next_second()
    assert say(SENTENCES[2], "hi+f3") == before


SPEAK_IN_A_NEW_PROCESS = """
import hashlib, json, sys
from bulletin import espeakng
history, text, voice = json.loads(sys.argv[1])
for said in history:
    espeakng.library().speak(said, voice=voice, rate_wpm=160, pitch=50)
pcm = espeakng.library().speak(text, voice=voice, rate_wpm=160, pitch=50)
print(hashlib.sha256(pcm).hexdigest())
"""


def spoken_in_a_new_process(history: list[str], text: str, voice: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", SPEAK_IN_A_NEW_PROCESS, json.dumps([history, text, voice])],
        capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@pytest.mark.parametrize("voice", VOICES)
def test_new_processes_give_the_same_samples_as_this_one(voice):
    """As the pool's workers do: whichever process speaks a sentence, after whichever others,
    in whichever second, the samples are the same."""
    here = hashlib.sha256(say(SENTENCES[4], voice)).hexdigest()
    first = spoken_in_a_new_process([], SENTENCES[4], voice)
    next_second()
    second = spoken_in_a_new_process([SENTENCES[0], *MORE_SENTENCES], SENTENCES[4], voice)
    assert first == second == here


def test_voices_load_from_their_files():
    data = espeakng.library().data_path
    assert espeakng.voice_file(data, "hi") == "inc/hi"
    assert espeakng.voice_file(data, "hi+f3") == "inc/hi+f3"
    assert espeakng.voice_file(data, "en") == "gmw/en"
    assert espeakng.voice_file(data, "xx-nosuch") == "xx-nosuch"  # espeak's error, as before


def test_a_voice_from_its_file_is_the_voice_espeak_finds_by_name():
    """`Hindi` (the voice's name, not a file) goes through espeak's own search of every voice."""
    assert say(SENTENCES[1], "Hindi+f3") == say(SENTENCES[1], "hi+f3")


def test_a_library_held_elsewhere_is_refused_not_reused():
    """If something else in the process holds the library, unloading it leaves it (and its
    state) in place: the sentence fails rather than come out different."""
    import espeakng_loader

    expected = say(SENTENCES[2])
    held = ctypes.CDLL(str(espeakng_loader.get_library_path()))
    try:
        with pytest.raises(SynthesisError, match="stays loaded"):
            say(SENTENCES[2])
        assert espeakng.phonemize("ship", "en", ipa=True)  # the library still works
    finally:
        _ctypes.dlclose(held._handle)
    assert say(SENTENCES[2]) == expected
