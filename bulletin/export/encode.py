"""Master WAV → MP3 (CBR, with a LAME/Info header so decoders trim the encoder delay and
report the exact duration) and → 48 kHz 16-bit broadcast WAV, with the bundled ffmpeg.

The listener hears the MP3, so the MP3 is what is measured: encoding costs a little
loudness and adds overshoot (a little true peak). The mixer encodes the MP3 while it
writes the master, already `MP3_OFFSET_LU` louder to make up the loss; here it is decoded
and measured, and only when it misses the loudness target by more than
`LOUDNESS_SLACK_LU`, or its true peak (4× oversampled) exceeds the limit, is it encoded
again from the master with the gain that corrects it, never above the peak limit.
"""

from __future__ import annotations

import logging
import shutil
import wave
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import ffmpeg
from ..errors import AudioError
from ..mix.loudness import Loudness, measure_file
from ..mix.mixer import MP3_OFFSET_LU
from ..mix.settings import AudioSettings

log = logging.getLogger(__name__)

BROADCAST_RATE_HZ = 48_000
LOUDNESS_SLACK_LU = 0.2
PEAK_HEADROOM_DB = 0.2  # kept below the true-peak limit by a corrective encode
FEED_BYTES = 1 << 20  # the master is fed to the encoder a megabyte at a time


def encode_mp3(
    master: Path, dest: Path, settings: AudioSettings, *, master_lufs: float | None = None,
    encoded: Path | None = None, progress: Callable[[int, int], None] | None = None,
) -> Loudness:
    """Put the episode MP3 at `dest` (any name: the format is explicit); return its measured
    loudness.

    `encoded` is the MP3 the mixer made with the master: moved to `dest` and kept when it
    measures on target. Otherwise the master is encoded, aiming at the target from
    `master_lufs` (its measured loudness). `progress(done, total)` counts the seconds of the
    master fed to the encoder."""
    rate, frames = _header(master)
    if encoded is not None and encoded.is_file():
        shutil.move(encoded, dest)
        measured, base_db = measure_file(dest, true_peak=True), -MP3_OFFSET_LU
        if progress is not None:
            progress(-(-frames // rate), -(-frames // rate))
    else:
        base_db = (0.0 if master_lufs is None
                   else settings.loudness_lufs - master_lufs - MP3_OFFSET_LU)
        measured = _encode_mp3(master, dest, settings, base_db, (rate, frames), progress)
    gain_db = correction_db(measured, settings)
    if gain_db:
        log.debug("MP3 measured %s: encoding again with %+.2f dB", measured, gain_db)
        measured = _encode_mp3(master, dest, settings, base_db + gain_db, (rate, frames),
                               progress)
    return measured


def _header(master: Path) -> tuple[int, int]:
    """(sample rate, frames) of the master WAV."""
    try:
        with wave.open(str(master), "rb") as w:
            return w.getframerate(), w.getnframes()
    except (OSError, wave.Error, EOFError) as e:
        raise AudioError(f"cannot read the master {master}: {e}") from None


def correction_db(measured: Loudness, settings: AudioSettings) -> float:
    """The gain a second encode needs (0.0: none): toward the target, never over the limit."""
    miss = settings.loudness_lufs - measured.integrated_lufs
    peak = measured.true_peak_dbtp if measured.true_peak_dbtp is not None else float("-inf")
    if abs(miss) <= LOUDNESS_SLACK_LU and peak <= settings.true_peak_dbtp:
        return 0.0
    return min(miss, settings.true_peak_dbtp - PEAK_HEADROOM_DB - peak)


def _encode_mp3(
    master: Path, dest: Path, settings: AudioSettings, gain_db: float, shape: tuple[int, int],
    progress: Callable[[int, int], None] | None,
) -> Loudness:
    """One encode; the master is fed through a pipe so that its progress can be followed."""
    gain = ["-af", f"volume={gain_db:.3f}dB"] if gain_db else []
    ffmpeg.run_ffmpeg_report(
        ["-y", "-f", "wav", "-i", "pipe:0", *gain, *settings.mp3_args(), str(dest)],
        stdin_chunks=_fed(master, *shape, progress),
    )
    return measure_file(dest, true_peak=True)


def _fed(
    master: Path, rate: int, frames: int, progress: Callable[[int, int], None] | None
) -> Iterator[bytes]:
    """The master file's bytes, reporting the seconds fed (16-bit mono: 2 bytes a sample)."""
    seconds = -(-frames // rate)
    done = 0
    with open(master, "rb") as f:
        while chunk := f.read(FEED_BYTES):
            yield chunk
            done += len(chunk)
            if progress is not None:
                progress(min(seconds, done // (2 * rate)), seconds)
    if progress is not None:
        progress(seconds, seconds)


def encode_wav(master: Path, dest: Path) -> None:
    """48 kHz 16-bit PCM (soxr resampling, triangular dither), no metadata chunks."""
    ffmpeg.run_ffmpeg([
        "-y", "-i", str(master), "-map_metadata", "-1",
        "-af", f"aresample={BROADCAST_RATE_HZ}:resampler=soxr:dither_method=triangular",
        "-c:a", "pcm_s16le", "-ac", "1", "-bitexact", "-f", "wav", str(dest),
    ])
