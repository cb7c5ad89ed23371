"""Mix → the files an episode publishes, each written atomically into a folder.

The build job exports into its private staging folder; publishing moves the files into the
output folder. Every file is made under a hidden temporary name and renamed into place only
when complete (and, for the MP3, tagged), world-readable (0644) for a web server.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Literal

from ..artwork import Artwork
from ..errors import AudioError
from ..files import sha256_file, staged, write_text_atomic
from ..mix.settings import AudioSettings
from ..models import Mix, OutputFile
from . import sidecars
from .art import write_art
from .encode import encode_wav
from .tags import Tags, build_id3, write_id3

log = logging.getLogger(__name__)

Kind = Literal["mp3", "wav", "vtt", "srt", "chapters", "cues"]
FILES: dict[Kind, tuple[str, str]] = {  # kind → (file name suffix, MIME type)
    "mp3": (".mp3", "audio/mpeg"),
    "vtt": (".vtt", "text/vtt"),
    "srt": (".srt", "application/x-subrip"),
    "chapters": (".chapters.json", "application/json+chapters"),
    "wav": (".wav", "audio/wav"),
    "cues": (".cues.csv", "text/csv"),
}


def export_episode(
    mix: Mix, tags: Tags, settings: AudioSettings, out_dir: Path, stem: str, *,
    art: Artwork | None = None,
) -> tuple[OutputFile, ...]:
    """Write `{stem}.mp3` (ID3 + chapters), `.vtt`, `.srt`, `.chapters.json`, with
    `settings.wav` a 48 kHz `.wav` and a `.cues.csv`, and the episode's own `art` (as
    `{stem}.png|.jpg`) when it has some; describe each as written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    kinds: list[Kind] = ["mp3", "vtt", "srt", "chapters"]

    id3 = build_id3(tags, mix.chapters, mix.duration_ms)  # a bad cover fails before tagging
    if not mix.encoded.is_file():
        raise AudioError(f"the mix's MP3 {mix.encoded} is missing")
    with staged(out_dir / f"{stem}.mp3") as tmp:
        shutil.move(mix.encoded, tmp)  # a rename: the mix's work folder is beside it
        write_id3(id3, tmp)  # ffmpeg was told to write no tag: this is the only one
    write_text_atomic(out_dir / f"{stem}.vtt", sidecars.vtt(mix.cues))
    write_text_atomic(out_dir / f"{stem}.srt", sidecars.srt(mix.cues))
    write_text_atomic(out_dir / f"{stem}.chapters.json", sidecars.chapters_json(mix.chapters))
    if settings.wav:
        if mix.master is None:
            raise AudioError("a WAV was asked for but the mix made no master WAV")
        with staged(out_dir / f"{stem}.wav") as tmp:
            encode_wav(mix.master, tmp)
        write_text_atomic(out_dir / f"{stem}.cues.csv", sidecars.cue_sheet(mix.chapters))
        kinds += ["wav", "cues"]

    outputs = []
    for kind in kinds:
        suffix, mime = FILES[kind]
        path = out_dir / f"{stem}{suffix}"
        outputs.append(OutputFile(kind, path.name, path.stat().st_size, sha256_file(path), mime))
    if art is not None:
        outputs.append(write_art(out_dir, stem, art))
    return tuple(outputs)


