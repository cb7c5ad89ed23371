"""Slugs and file stems: ASCII, readable for Hindi, never a way out of the output folder."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.names import (
    MAX_SLUG_CHARS,
    episode_stem,
    is_safe_name,
    slugify,
)

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("हिंदी समाचार बुलेटिन", "himdi-samachar-buletin"),
        ("दिल्ली में बारिश: 5 की मौत", "dilli-mem-barish-5-ki-maut"),
        ("क्षेत्र ज्ञान श्रम", "kshetra-jnan-shram"),  # a final conjunct keeps its vowel
        ("राज़ और ग़ज़ल", "raz-aur-gazal"),
        ("पुतिन की भारत यात्रा।", "putin-ki-bharat-yatra"),
        ("RBI cuts repo rate", "rbi-cuts-repo-rate"),
        ("Café Déjà vu", "cafe-deja-vu"),
        ("../../etc/passwd", "etc-passwd"),
        ("a/b\\c", "a-b-c"),
        (".hidden", "hidden"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


@pytest.mark.parametrize("text", ["", "   ", "..", "🎉🎉", "।।", "/"])
def test_nothing_ascii_survives_gives_a_stable_hash_slug(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"episode-[0-9a-f]{8}", slug)
    assert slugify(text) == slug


def test_long_text_is_cut_at_a_word_boundary() -> None:
    slug = slugify("समाचार " * 40)
    assert len(slug) <= MAX_SLUG_CHARS
    assert slug.endswith("samachar")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_safe_slug(text: str) -> None:
    slug = slugify(text)
    assert SLUG.fullmatch(slug)
    assert len(slug) <= MAX_SLUG_CHARS
    assert is_safe_name(slug)


def test_episode_stem_changes_with_the_content() -> None:
    assert episode_stem("monsoon", "0123456789abcdef") == "monsoon-0123456789"
    assert episode_stem("monsoon", "0123456789abcdef") != episode_stem("monsoon", "f" * 64)


@pytest.mark.parametrize(("slug", "digest"), [("../x", "0" * 64), ("ok", "xyz"), ("ok", "0" * 5)])
def test_episode_stem_rejects_unsafe_input(slug: str, digest: str) -> None:
    with pytest.raises(ValueError):  # a programming error, not a user's
        episode_stem(slug, digest)


@pytest.mark.parametrize("name", ["..", "../a.mp3", "/etc/passwd", ".catalog.json", "a/b.mp3",
                                  "a..mp3", "", "a b.mp3", "a\\b.mp3"])
def test_unsafe_names(name: str) -> None:
    assert not is_safe_name(name)


@pytest.mark.parametrize("name", ["x-0123456789.mp3", "x.chapters.json", "cover-abc.png"])
def test_safe_names(name: str) -> None:
    assert is_safe_name(name)
