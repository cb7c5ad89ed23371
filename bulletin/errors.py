"""Typed errors: library code raises only these; the CLI maps them to one line and an exit code."""


class BulletinError(Exception):
    """Base of every error bulletin reports to a user. The message is the whole story."""

    exit_code = 1


class InputError(BulletinError):
    """The article cannot be read: missing, empty, binary, wrong encoding, too large."""

    exit_code = 2


class ConfigError(BulletinError):
    """bulletin.yaml (or a file it names: lexicon, jingle, cover) is missing or invalid."""

    exit_code = 3


class NormalizeError(BulletinError):
    """The speech text could not be made (e.g. residue under --strict)."""

    exit_code = 1


class SynthesisError(BulletinError):
    """A voice engine failed or is not usable on this machine."""

    exit_code = 4


class EngineUnavailable(SynthesisError):
    """The engine cannot run here at all (no network for gTTS, no voice model, no program)."""


class HostUnreachable(EngineUnavailable):
    """An online engine's host gave no answer: the network is down, or the host is blocked."""


class AudioError(BulletinError):
    """Mixing, encoding or decoding audio failed (ffmpeg, jingle files)."""

    exit_code = 5


class PublishError(BulletinError):
    """The catalog, feed or page could not be updated, or an episode record is unusable."""

    exit_code = 6


class StorageError(BulletinError):
    """A folder bulletin writes into cannot take the files: not writable, full, removed."""

    exit_code = 7
