"""Separately encoded MP3 stretches → one MP3, as if it had been encoded in one go.

The mixer encodes the programme in stretches that meet in silence (`stretches.py`), so that
both cores encode at once and an edited article re-encodes only the stretch that changed.
CBR Layer III frames join losslessly: a stretch's encoder starts with an empty bit
reservoir, and the frames around each seam carry only silence, so the decoder's overlap
from one stretch into the next is zero.

Each stretch file from ffmpeg starts with a LAME/Info frame (frame count, bytes, a seek
table, the encoder delay and end padding, CRCs). The joined file keeps the first stretch's,
with every total rewritten the way ffmpeg's muxer writes them for one encode, so players
trim the encoder delay, know the exact duration and seek as in any of our MP3s.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import AudioError

FRAME_SAMPLES = 1152  # MPEG-1 Layer III
DECODER_DELAY = 529  # samples a Layer III decoder adds in front of the encoder's delay
SIDE_INFO = {(True, True): 17, (True, False): 32, (False, True): 9, (False, False): 17}  # bytes
BITRATES_KBPS = {  # by (MPEG-1?, bitrate index)
    True: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    False: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
RATES_HZ = {3: (44_100, 48_000, 32_000), 2: (22_050, 24_000, 16_000), 0: (11_025, 12_000, 8_000)}
TOC_SIZE = 100
TAG_CRC_SPAN = 190  # the LAME tag's own CRC covers this many bytes of its frame
COPY_BYTES = 1 << 20


@dataclass(frozen=True)
class Stretch:
    """One encoded stretch file: its Info frame, where its audio frames lie, what its LAME
    tag says. The frames stay on disk: an hour of them is read once, when joined."""

    path: Path
    info: bytes
    frame_sizes: tuple[int, ...]
    delay: int  # encoder delay, samples (LAME: 576)
    padding: int  # what the tag records after the audio (padding + decoder delay)
    music_crc: int

    @property
    def audio_bytes(self) -> int:
        return sum(self.frame_sizes)

    @property
    def frames(self) -> int:
        return len(self.frame_sizes)

    @property
    def lead_in(self) -> int:
        """Samples a decoder puts before the stretch's first sample (what players trim)."""
        return self.delay + DECODER_DELAY


def read_stretch(path: Path) -> Stretch:
    """Parse an MP3 written by the bundled ffmpeg (CBR, LAME/Info tag, no ID3)."""
    data = path.read_bytes()
    first = _frame_size(data, 0)
    if first is None:
        raise AudioError(f"{path.name} does not start with an MPEG audio frame")
    size, offset = first
    tag = data[offset : offset + 4]
    if tag not in (b"Info", b"Xing"):
        raise AudioError(f"{path.name} has no LAME/Info header")
    lame = offset + 120  # after the tag, flags, frames, bytes, seek table and quality
    delay_padding = int.from_bytes(data[lame + 21 : lame + 24], "big")
    sizes = []
    at = size
    while at < len(data):
        frame = _frame_size(data, at)
        if frame is None:
            raise AudioError(f"{path.name}: no MPEG audio frame at byte {at}")
        sizes.append(frame[0])
        at += frame[0]
    return Stretch(
        path=path,
        info=data[:size],
        frame_sizes=tuple(sizes),
        delay=delay_padding >> 12,
        padding=delay_padding & 0xFFF,
        music_crc=int.from_bytes(data[lame + 32 : lame + 34], "big"),
    )


def join(stretches: Sequence[Stretch], dest: Path) -> None:
    """Write the stretches' frames behind one Info frame: the first stretch's, with its
    totals rewritten (frames, bytes, seek table, end padding, music length and CRC)."""
    if not stretches:
        raise AudioError("nothing to join: no encoded stretches")
    info = bytearray(stretches[0].info)
    offset = _frame_size(info, 0)[1]  # type: ignore[index]  # read_stretch checked it
    sizes = [s for stretch in stretches for s in stretch.frame_sizes]
    total = len(info) + sum(sizes)
    info[offset + 8 : offset + 16] = len(sizes).to_bytes(4, "big") + total.to_bytes(4, "big")
    info[offset + 16 : offset + 16 + TOC_SIZE] = _seek_table(len(info), sizes, total)
    lame = offset + 120
    delay_padding = stretches[0].delay << 12 | stretches[-1].padding
    info[lame + 21 : lame + 24] = delay_padding.to_bytes(3, "big")
    info[lame + 28 : lame + 32] = total.to_bytes(4, "big")
    crc = 0
    for stretch in stretches:
        crc = crc16_combine(crc, stretch.music_crc, stretch.audio_bytes)
    info[lame + 32 : lame + 34] = crc.to_bytes(2, "big")
    info[lame + 34 : lame + 36] = b"\0\0"
    info[lame + 34 : lame + 36] = crc16(bytes(info[:TAG_CRC_SPAN])).to_bytes(2, "big")
    with open(dest, "wb") as out:
        out.write(info)
        for stretch in stretches:
            with open(stretch.path, "rb") as f:
                f.seek(len(stretch.info))
                shutil.copyfileobj(f, out, COPY_BYTES)


def _seek_table(start: int, sizes: Sequence[int], total: int) -> bytes:
    """Entry i: where the frame at i% of the duration starts, in 1/256 of the file."""
    positions = [start]
    for size in sizes[:-1]:
        positions.append(positions[-1] + size)
    return bytes(
        0 if i == 0 else min(255, 256 * positions[i * len(sizes) // TOC_SIZE] // total)
        for i in range(TOC_SIZE)
    )


def _frame_size(data: bytes | bytearray, at: int) -> tuple[int, int] | None:
    """(frame length, offset of a Xing/Info tag in it) of the Layer III frame at `at`."""
    if at + 4 > len(data):
        return None
    header = int.from_bytes(data[at : at + 4], "big")
    version, layer = (header >> 19) & 3, (header >> 17) & 3
    if header >> 21 != 0x7FF or layer != 1 or version == 1:
        return None
    mpeg1 = version == 3
    kbps = BITRATES_KBPS[mpeg1][(header >> 12) & 15]
    rate_index = (header >> 10) & 3
    if not kbps or rate_index == 3:
        return None
    rate = RATES_HZ[version][rate_index]
    mono = (header >> 6) & 3 == 3
    size = (144 if mpeg1 else 72) * kbps * 1000 // rate + ((header >> 9) & 1)
    return size, 4 + SIDE_INFO[(mpeg1, mono)]


def crc16(data: bytes, crc: int = 0) -> int:
    """CRC-16/ARC (the LAME tag's), bit by bit: used only on the 190 bytes of a tag."""
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def crc16_combine(crc_a: int, crc_b: int, length_b: int) -> int:
    """CRC-16/ARC of A followed by B from the CRCs of each and B's length (as zlib's
    crc32_combine): A's register run through `length_b` zero bytes, a linear map over
    GF(2) raised to that power by squaring, so joining an hour costs microseconds."""
    step = [_zero_byte(1 << bit) for bit in range(16)]  # the map for one zero byte
    register, n = crc_a, length_b
    while n:
        if n & 1:
            register = _apply(step, register)
        step = [_apply(step, column) for column in step]  # the map for twice as many
        n >>= 1
    return register ^ crc_b


def _zero_byte(register: int) -> int:
    for _ in range(8):
        register = (register >> 1) ^ 0xA001 if register & 1 else register >> 1
    return register


def _apply(columns: Sequence[int], register: int) -> int:
    out, bit = 0, 0
    while register:
        if register & 1:
            out ^= columns[bit]
        register >>= 1
        bit += 1
    return out
