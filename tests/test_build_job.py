"""The build job's own decisions, without synthesis: where its failures are reported."""

from __future__ import annotations

import errno
from datetime import UTC, datetime

import pytest

import bulletin.build as build_module
import bulletin.synth.voicing
from bulletin.build import build_episode
from bulletin.config import Config
from bulletin.errors import StorageError

ARTICLE = "शीर्षक\n\nपहला अनुच्छेद।\n"


def clock() -> datetime:
    return datetime(2025, 1, 1, tzinfo=UTC)


def test_an_output_folder_it_cannot_write_is_a_storage_error(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(build_module.os, "access", lambda path, mode: False)  # root writes all
    with pytest.raises(StorageError, match=r"output folder .*out is not writable") as e:
        build_episode(tmp_path / "a.txt", Config(), tmp_path / "out", clock=clock,
                      cache_dir=None)
    assert e.value.exit_code == 7


def test_a_full_disk_mid_build_is_a_storage_error_naming_the_file(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "clip.wav"))

    monkeypatch.setattr(bulletin.synth.voicing, "voice_script", full)  # build imports it late
    with pytest.raises(StorageError, match=r"cannot write .*clip\.wav: No space left on device"):
        build_episode(tmp_path / "a.txt", Config(), tmp_path / "out", clock=clock,
                      cache_dir=None)
    assert not (tmp_path / "out").exists()  # the folder this build made is gone again
