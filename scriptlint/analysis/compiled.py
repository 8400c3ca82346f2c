"""Compiled patterns kept between runs: the wording tables' patterns (thousands of phrases in ten languages,
and the sponsor's names in every form) are costly to compile and the same from run to run.

The regex library compiles a pattern by parsing it in Python (10-40 ms for a wording table); its compiled
form (the matcher's code, group names and literals) is saved here, and read back for the same pattern text
and flags instead of compiling again: about a millisecond. The compiled code is run by the regex engine as
it is, so an entry is used only under the run's seal (scriptlint.intake.kept_files: an entry planted in the
folder, damaged or made by another installation is compiled afresh and written again). The folder is the
result cache's (`patterns/` inside it), and `--no-cache` turns both off.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scriptlint.intake.kept_files import SealedFolder, read_sealed

if TYPE_CHECKING:
    import regex

# Past this many entries the least recently used half is removed (patterns built from many sponsors' names).
MAX_ENTRIES = 4000
# Patterns held in memory by one process.
MAX_KNOWN = 512
# The largest entry read (a wording table's pattern is about 100 KB).
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_KEYS = ("pattern", "flags", "code", "groupindex", "indexgroup", "req_offset", "req_chars", "req_flags", "groups")


class PatternStore:
    """Where compiled patterns are kept (one folder per regex and Python version), and the ones this
    process has already read or compiled."""

    def __init__(self, directory: Path | None, secret: str = "") -> None:
        # The folder is named for the regex version on first use: the run sets the store before any pattern is
        # compiled, without importing the library (a run answered from the cache never does).
        self.base = directory if secret else None
        self._secret = secret.encode("utf-8")
        self._folder: SealedFolder | None = None
        self._known: dict[tuple[str, int], regex.Pattern[str]] = {}

    def pattern(self, source: str, flags: int) -> regex.Pattern[str]:
        """The compiled pattern: read back when kept, else compiled (and kept)."""
        known = self._known.get((source, flags))
        if known is not None:
            return known
        folder = self.folder
        if folder is None:
            compiled = _compiled(source, flags)
        else:
            path = _entry(folder, source, flags)
            kept_one = _read(path, source, flags, self._secret)
            compiled = kept_one if kept_one is not None else _compiled(source, flags)
            data = _as_json(compiled) if kept_one is None else None
            if data is not None:
                folder.write(path, json.dumps(data).encode("utf-8"), MAX_ENTRIES)
        if len(self._known) >= MAX_KNOWN:
            self._known.clear()  # a long batch of scripts with different sponsors: memory stays bounded
        self._known[source, flags] = compiled
        return compiled

    @property
    def folder(self) -> SealedFolder | None:
        """The folder of this regex and Python version's entries (None: nothing is kept)."""
        if self.base is not None and self._folder is None:
            import regex

            version = getattr(regex, "__version__", "unknown")
            directory = self.base / f"regex-{version}-py{sys.version_info[0]}{sys.version_info[1]}"
            self._folder = SealedFolder(directory, self._secret)
        return self._folder


def _compiled(source: str, flags: int) -> regex.Pattern[str]:
    import regex

    return regex.compile(source, flags)


def _entry(folder: SealedFolder, source: str, flags: int) -> Path:
    import regex

    # The default version decides what a pattern without a version flag means.
    return folder.entry(f"{regex.DEFAULT_VERSION}\0{flags}\0{source}".encode("utf-8", "surrogatepass"))


_STORE = PatternStore(None)


def keep_compiled_in(directory: Path | None, secret: str = "") -> None:
    """Keep compiled patterns in this folder, authenticated with `secret`, from now on in this process (None
    or no secret: compile every time). A run sets it from its cache for as long as it lasts."""
    global _STORE  # noqa: PLW0603 - one store per process, like Python's own bytecode cache
    _STORE = PatternStore(directory, secret)


def kept(source: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(source, flags)`, read back from the pattern store when it holds it."""
    return _STORE.pattern(source, flags)


def _as_json(compiled: regex.Pattern[str]) -> dict[str, Any] | None:
    import base64

    data = getattr(compiled, "_pickled_data", None)
    if not isinstance(data, tuple) or len(data) != 11 or data[5] or data[6] or not isinstance(data[2], bytes):
        return None  # another layout of the regex library, or named lists: not kept
    source, flags, code, groupindex, indexgroup, _, _, req_offset, req_chars, req_flags, groups = data
    return {
        "pattern": source,
        "flags": flags,
        "code": base64.b64encode(code).decode("ascii"),
        "groupindex": sorted(groupindex.items()),
        "indexgroup": sorted(indexgroup.items()),
        "req_offset": req_offset,
        "req_chars": list(req_chars) if req_chars is not None else None,
        "req_flags": req_flags,
        "groups": groups,
    }


def _read(path: Path, source: str, flags: int, secret: bytes) -> regex.Pattern[str] | None:
    """The pattern kept in `path` for exactly this text and these flags, under the run's seal, or None."""
    text = read_sealed(path, secret, MAX_ENTRY_BYTES)
    if text is None:
        return None
    try:
        return _rebuilt(json.loads(text), source, flags)
    except Exception:  # a damaged entry of a cache is a miss, whatever it raises
        return None


def _rebuilt(data: Any, source: str, flags: int) -> regex.Pattern[str] | None:
    import base64

    from regex import _regex

    if not isinstance(data, dict) or set(data) != set(_KEYS) or data["pattern"] != source:
        return None
    if not all(isinstance(data[key], int) for key in ("flags", "req_offset", "req_flags", "groups")):
        return None
    if data["flags"] & flags != flags:
        return None
    code = base64.b64decode(data["code"], validate=True)
    groupindex = {str(name): int(number) for name, number in data["groupindex"]}
    indexgroup = {int(number): str(name) for number, name in data["indexgroup"]}
    req_chars = tuple(int(c) for c in data["req_chars"]) if data["req_chars"] is not None else None
    compiled: regex.Pattern[str] = _regex.compile(  # type: ignore[attr-defined]
        source, data["flags"], code, groupindex, indexgroup, {}, [], data["req_offset"], req_chars,
        data["req_flags"], data["groups"],
    )  # fmt: skip
    return compiled
