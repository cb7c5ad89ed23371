"""The publish journal (`.publish-journal.json`): a publish's intent, written before it acts.

A publish changes several files (the new episode's files moved in, the catalog, the feed,
the page, the dropped episodes' files deleted), and no file system can rename several files
at once. So, under the catalog lock, the publisher first writes down (atomically) everything
it is about to do, then does it, then deletes the journal. A publisher that dies in between
(kill -9, power cut, full disk) leaves the journal behind, and whoever takes the lock next
reads it and finishes the job (`bulletin.publish.update.heal`):

- every file to move in is still in the staging folder or already in place: roll forward
  (move the rest, write the journaled catalog, feed and page, delete what it dropped);
- a file is missing from both (the failed build discarded its staging folder): roll back
  (delete what was moved in; the old catalog, feed and page are still the truth).

The journal holds the whole catalog as it will be, so rolling forward needs nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..files import fsync_dir, write_text_atomic
from ..models import Episode
from ..names import is_safe_name
from . import catalog

JOURNAL_NAME = ".publish-journal.json"
FORMAT = "bulletin-publish-journal"
VERSION = 1


@dataclass(frozen=True)
class Journal:
    """One publish's intent: move `moves` from `staged_in`, then the catalog `episodes`."""

    staged_in: Path | None  # None: the new files were written into the output folder itself
    moves: tuple[str, ...]  # file names, staged_in → output folder
    episodes: tuple[Episode, ...]  # the catalog after the publish
    delete: tuple[str, ...]  # file names of dropped episodes, deleted last


def write(out_dir: Path, journal: Journal) -> None:
    """Record the intent durably (fsync'd, like every atomic write) before acting on it."""
    data = {
        "format": FORMAT,
        "version": VERSION,
        "staged_in": str(journal.staged_in) if journal.staged_in else None,
        "moves": list(journal.moves),
        "episodes": [catalog.to_dict(e) for e in journal.episodes],
        "delete": list(journal.delete),
    }
    write_text_atomic(out_dir / JOURNAL_NAME, json.dumps(data, ensure_ascii=False) + "\n")


def read(out_dir: Path) -> Journal | None:
    """The pending journal, or None. A torn or tampered one is an error, never guessed at."""
    path = out_dir / JOURNAL_NAME
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise catalog.damaged(path, "the publish journal", e) from None
    try:
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise ValueError(f"not a {FORMAT} version {VERSION} file")
        names = (*data["moves"], *data["delete"])
        bad = [n for n in names if not isinstance(n, str) or not is_safe_name(n)]
        if bad:
            raise ValueError(f"bad file name {bad[0]!r}")
        return Journal(
            staged_in=Path(data["staged_in"]) if data["staged_in"] else None,
            moves=tuple(data["moves"]),
            episodes=catalog.newest_first(catalog.from_dict(d) for d in data["episodes"]),
            delete=tuple(data["delete"]),
        )
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise catalog.damaged(path, "the publish journal", e) from None


def clear(out_dir: Path) -> None:
    """The publish is complete: forget it (and make the forgetting survive a power cut)."""
    (out_dir / JOURNAL_NAME).unlink(missing_ok=True)
    fsync_dir(out_dir)
