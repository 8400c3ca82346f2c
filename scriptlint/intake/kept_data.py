"""Data files kept parsed between runs: the plugins' wording, the languages' catalogue and the packs (about
250 KB of YAML, some 50 ms to parse, on every run that checks a file) are the same from run to run.

A data file's parsed form is kept as JSON in the result cache's `data/` folder, under the run's seal
(scriptlint.intake.kept_files), named for the file's exact bytes and what it is read as, and read back
instead of parsing the YAML again: a changed file has other bytes, so it is parsed afresh. Only what comes
back exactly is kept (mappings with text keys, lists, text, numbers, booleans, null, and dates, written as
tagged objects), within MAX_ENTRY_BYTES: a file holding other YAML types (times, sets, binary), with
errors, or whose aliases would expand past that size, is parsed every time. Values a plugin derives from
installed data (`kept_value`: what a gazetteer answers for a place) are kept the same way in a folder of
their own (`values/`), under a key naming everything they depend on, and so are scripts' manifests
(`kept_manifest`: front matter and sidecars, in `manifests/`), so that a script whose body changed but not
its manifest is checked without importing PyYAML. `--no-cache` keeps nothing.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from scriptlint.intake.front_matter import FrontMatter, read_front_matter, read_yaml_file
from scriptlint.intake.kept_files import SealedFolder

# Past this many entries the least recently used half is removed (old versions' entries).
MAX_ENTRIES = 1000
# Values derived from installed data, in a folder of their own: one per place a script names, so a batch can
# write thousands, which must not push the data files' entries out.
MAX_VALUES = 4000
# A value is a few kilobytes (the largest, a wording table's index, about 11 KB); some are derived from what a
# script's manifest names (the names of its origin), so a larger one is computed every time, never kept.
MAX_VALUE_BYTES = 64 * 1024
# Scripts' manifests, in a folder of their own for the same reason: a batch of new scripts writes one each.
MAX_MANIFESTS = 1000
# A manifest is a few hundred bytes to a few kilobytes: a larger one (a vendor's, or one whose aliases expand)
# is parsed every time, never kept, so that untrusted scripts cannot make the folder large.
MAX_MANIFEST_BYTES = 64 * 1024
# The largest entry read (the largest bundled data file parses to about 40 KB of JSON).
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_KEYS = frozenset({"data", "key_lines", "line_count"})
# A date (YAML's `2025-01-01`) is written as a mapping of this one key; no key of the data starts with it.
_DATE = "\0date"


class DataStore:
    """Where parsed data files are kept (None: nowhere, every file is parsed)."""

    def __init__(
        self,
        directory: Path | None,
        secret: str = "",
        max_entries: int = MAX_ENTRIES,
        max_entry_bytes: int | None = None,
    ) -> None:
        self._folder = SealedFolder(directory, secret.encode("utf-8")) if directory is not None and secret else None
        self._max_entries = max_entries
        # None: MAX_ENTRY_BYTES (the bundled data's largest file is about 40 KB of JSON).
        self._max_entry_bytes = max_entry_bytes
        # Entries written by this process: past the folder's cap, a run writes no more (a folder is pruned only
        # before a process's first write, so a script naming thousands of places, or a batch of thousands of
        # scripts, cannot fill the disk).
        self._written = 0

    def front_matter(self, data: bytes, what: str, parse: Callable[[], FrontMatter]) -> FrontMatter:
        """The file's parsed form: read back when kept, else `parse()` (kept when JSON holds it exactly)."""
        if self._folder is None:
            return parse()
        path = self._folder.entry(b"yaml\0" + what.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        text = self._folder.read(path, self._entry_bytes)
        kept = _rebuilt(text) if text is not None else None
        if kept is not None:
            return kept
        front = parse()
        encoded = _as_json(front, self._entry_bytes) if self._written < self._max_entries else None
        if encoded is not None:
            self._folder.write(path, encoded, self._max_entries)
            self._written += 1
        return front

    def value(self, what: str, key: str | Callable[[], str], compute: Callable[[], Any]) -> Any:
        """`compute()`, a value derived from installed data, or the one kept for `what` and `key` (or what
        `key()` gives, asked only when something is kept): JSON gives it back (lists as lists), so only what
        it holds exactly is kept."""
        if self._folder is None:
            return compute()
        named = key if isinstance(key, str) else key()
        path = self._folder.entry(b"value\0" + what.encode("utf-8") + b"\0" + named.encode("utf-8", "surrogatepass"))
        text = self._folder.read(path, self._entry_bytes)
        if text is not None:
            try:
                entry = json.loads(text)
            except (ValueError, RecursionError):
                entry = None
            if isinstance(entry, dict) and set(entry) == {"value"}:
                return entry["value"]
        value = compute()
        if self._written < self._max_entries and _exact(value, self._entry_bytes):
            with contextlib.suppress(TypeError, ValueError):  # a date: not JSON, not kept
                encoded = json.dumps({"value": value}, ensure_ascii=False, allow_nan=False).encode("utf-8")
                if len(encoded) <= self._entry_bytes:
                    self._folder.write(path, encoded, self._max_entries)
                    self._written += 1
        return value

    @property
    def _entry_bytes(self) -> int:
        """The largest entry this store writes or reads."""
        return self._max_entry_bytes if self._max_entry_bytes is not None else MAX_ENTRY_BYTES


# The stores' folders in the cache: each one's cap of entries, and of bytes per entry (None: MAX_ENTRY_BYTES).
FOLDERS: dict[str, tuple[int, int | None]] = {
    "data": (MAX_ENTRIES, None),  # parsed data files and packs (kept_yaml)
    "values": (MAX_VALUES, MAX_VALUE_BYTES),  # values derived from installed data (kept_value)
    "manifests": (MAX_MANIFESTS, MAX_MANIFEST_BYTES),  # scripts' parsed manifests (kept_manifest)
}
# One store per folder and process, like the compiled patterns': nowhere until a run sets them.
_STORES = {folder: DataStore(None) for folder in FOLDERS}


def keep_in(folder: str, directory: Path | None, secret: str = "") -> None:
    """Keep what one of FOLDERS holds in `directory`, sealed with `secret`, from now on in this process (None
    or no secret: parse or compute every time). A run sets them from its cache for as long as it lasts."""
    entries, entry_bytes = FOLDERS[folder]
    _STORES[folder] = DataStore(directory, secret, entries, entry_bytes)


def kept_yaml(data: bytes, what: str, parse: Callable[[], FrontMatter]) -> FrontMatter:
    """`parse()`, the YAML file `data` read as `what`, or its parsed form kept from an earlier run."""
    return _STORES["data"].front_matter(data, what, parse)


def kept_value(what: str, key: str | Callable[[], str], compute: Callable[[], Any]) -> Any:
    """`compute()`, a value derived from installed data (what a gazetteer answers for a place name), or the
    one an earlier run kept for the same `what` and `key`; `key` (or the function giving it, called only when
    values are kept) must name everything the value depends on."""
    return _STORES["values"].value(what, key, compute)


def kept_manifest(data: bytes, what: str, parse: Callable[[], FrontMatter]) -> FrontMatter:
    """`parse()`, a script's manifest `data` read as `what` (front matter, sidecar manifest), or its parsed
    form kept from an earlier run."""
    return _STORES["manifests"].front_matter(data, what, parse)


def kept_front_matter(yaml_text: str) -> FrontMatter:
    """A script's front matter (scriptlint.intake.front_matter.read_front_matter), or its parsed form kept
    from an earlier run."""
    data = yaml_text.encode("utf-8", "surrogatepass")
    return kept_manifest(data, "front matter", lambda: read_front_matter(yaml_text))


def read_data_file(path: Path) -> Mapping[str, Any]:
    """A plugin's YAML data file (wording, thresholds, citations) as a mapping; raise ValueError if broken.
    Its parsed form is read back when a run with a cache kept it."""
    data = path.read_bytes()
    front = kept_yaml(data, "data file", lambda: read_yaml_file(data, "data file"))
    if front.errors:
        line, message = front.errors[0]
        raise ValueError(f"{path}:{line}: {message}")
    return front.data


def _as_json(front: FrontMatter, limit: int) -> bytes | None:
    """The entry for a parsed file, or None when it had errors, holds what JSON would not give back, or would
    be larger than an entry may be (aliases can repeat a long value thousands of times)."""
    if front.errors or not _exact(front.data, limit) or not all(_text_keys(keys) for keys in front.key_lines):
        return None
    entry = {
        "data": front.data,
        "key_lines": [[list(keys), line] for keys, line in front.key_lines.items()],
        "line_count": front.line_count,
    }
    try:
        encoded = json.dumps(entry, ensure_ascii=False, allow_nan=False, default=_tagged).encode("utf-8")
    except (ValueError, TypeError, RecursionError):
        return None
    return encoded if len(encoded) <= limit else None


def _exact(data: Any, limit: int) -> bool:
    """Whether JSON gives the value back as it is (same types, same values) in an entry within `limit`
    bytes: walked without recursion, each occurrence counted as JSON would write it, so that deep
    nesting cannot overflow the stack and a value aliased many times, or to itself, runs out of the budget."""
    budget = limit
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        budget -= len(value) if kind is str else 8
        if budget < 0:
            return False
        if value is None or kind in (str, bool, int, datetime.date):
            continue
        if kind is float:
            if not math.isfinite(value):
                return False
        elif kind is list:
            stack.extend(value)
        elif kind is dict:
            for key, item in value.items():
                if type(key) is not str or key.startswith(_DATE[0]):
                    return False
                budget -= len(key)
                stack.append(item)
        else:
            return False
    return True


def _tagged(value: Any) -> dict[str, str]:
    """A date as JSON (json.dumps asks only for what it cannot write itself)."""
    if type(value) is not datetime.date:
        raise TypeError(f"not kept: {type(value).__name__}")
    return {_DATE: value.isoformat()}


def _untagged(mapping: dict[str, Any]) -> Any:
    """A mapping read back, or the date it stands for."""
    if len(mapping) == 1 and _DATE in mapping:
        return datetime.date.fromisoformat(mapping[_DATE])
    return mapping


def _text_keys(keys: object) -> bool:
    return isinstance(keys, tuple) and all(type(key) is str for key in keys)


def _rebuilt(text: bytes) -> FrontMatter | None:
    """The parsed file an entry holds, or None when it is not a well-formed entry."""
    try:
        entry = json.loads(text, object_hook=_untagged)
        if not isinstance(entry, dict) or set(entry) != _KEYS or not isinstance(entry["data"], dict):
            return None
        key_lines = {}
        for keys, line in entry["key_lines"]:
            if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys) or type(line) is not int:
                return None
            key_lines[tuple(keys)] = line
        if type(entry["line_count"]) is not int:
            return None
        return FrontMatter(data=entry["data"], key_lines=key_lines, line_count=entry["line_count"])
    except (ValueError, TypeError, RecursionError):
        return None
