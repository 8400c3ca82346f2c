"""Entries kept between runs in a folder of the result cache, each sealed with the run's secret: what the
compiled patterns (scriptlint.analysis.compiled), the parsed data files and the values plugins derive from
installed data (scriptlint.intake.kept_data) read back instead of computing again.

An entry is named and sealed (a MAC on its first line) with the run's secret, the run fingerprint, which
holds the modification times of the installed code: nobody else can compute it, so an entry planted in the
folder, damaged or made by another installation is never used. Entries are read only from regular files in
a real folder (not a link) that this user owns and nobody else may write, never from a FIFO, within a size
limit; they are written to a temporary file renamed into place, and the folder is pruned of its least
recently used half past a number of entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import stat
import time
from pathlib import Path

# An entry read back is marked as used at most this often (seconds); temporary files older than an hour
# (a worker killed while writing) are removed when the folder is pruned.
_TOUCH_EVERY = 86_400
_STALE_TEMPORARY = 3_600


class SealedFolder:
    """One store's folder for as long as a run lasts: entries named and sealed with the run's secret, the
    folder pruned before the first write of the process."""

    def __init__(self, directory: Path, secret: bytes) -> None:
        self.directory = directory
        self.secret = secret
        self._pruned = False

    def entry(self, material: bytes) -> Path:
        """Where the entry for `material` (what the kept value was computed from) stands."""
        return entry_path(self.directory, self.secret, material)

    def read(self, path: Path, max_bytes: int) -> bytes | None:
        """The entry's text under this run's seal, or None (see read_sealed)."""
        return read_sealed(path, self.secret, max_bytes)

    def write(self, path: Path, text: bytes, max_entries: int) -> None:
        """Keep `text` in `path`; the first write prunes the folder to `max_entries` (see prune)."""
        write_sealed(path, self.secret, text, None if self._pruned else max_entries)
        self._pruned = True


def entry_path(directory: Path, secret: bytes, material: bytes) -> Path:
    """The entry for `material` (what the kept value was computed from) in `directory`."""
    return directory / f"{hmac.new(secret, material, hashlib.sha256).hexdigest()}.json"


def read_sealed(path: Path, secret: bytes, max_bytes: int) -> bytes | None:
    """The text kept in `path` if its seal is this run's, else None: read as the result cache reads its
    entries (a regular file within `max_bytes`, never waiting on a FIFO), from a folder and file this user
    owns and nobody else may write. Never raises: a damaged entry is a miss."""
    from scriptlint.intake.files import read_file

    try:
        if not safe_folder(path.parent):
            return None
        data = read_file(path, max_bytes)
        status = os.stat(path)
        if not trusted(status):
            return None
        mac, _, text = data.partition(b"\n")
        if not hmac.compare_digest(mac, hmac.new(secret, text, hashlib.sha256).hexdigest().encode("ascii")):
            return None
        if time.time() - status.st_mtime > _TOUCH_EVERY:
            os.utime(path)  # used: kept when the folder is pruned
        return text
    except Exception:  # whatever reading a damaged or vanished entry raises (Refused included)
        return None


def write_sealed(path: Path, secret: bytes, text: bytes, prune_above: int | None) -> None:
    """Keep `text` in `path`, sealed (written to a temporary file renamed into place); with `prune_above`,
    prune the folder first. A folder that cannot be written only costs the next run the work."""
    try:
        path.parent.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.parent.mkdir(exist_ok=True, mode=0o700)
        if not safe_folder(path.parent):
            return
        if prune_above is not None:
            prune(path.parent, prune_above)
        import tempfile  # imported here: a run answered from the cache writes nothing

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json.tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(hmac.new(secret, text, hashlib.sha256).hexdigest().encode("ascii") + b"\n" + text)
        os.replace(temporary, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def safe_folder(folder: Path) -> bool:
    """A real folder (not a link planted in the cache), owned by this user and writable by nobody else."""
    status = os.lstat(folder)
    return stat.S_ISDIR(status.st_mode) and trusted(status)


def trusted(status: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (where the system has owners)."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def prune(directory: Path, max_entries: int) -> None:
    """Remove the least recently used half of the entries when there are more than `max_entries`, and
    temporary files a killed worker left."""
    now = time.time()
    entries = []
    for entry in os.scandir(directory):
        if entry.name.endswith(".json"):
            entries.append(entry)
        elif entry.name.startswith(".tmp-") and now - entry.stat().st_mtime > _STALE_TEMPORARY:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    if len(entries) <= max_entries:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime)
    for entry in entries[: len(entries) // 2]:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
