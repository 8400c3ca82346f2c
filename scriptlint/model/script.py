"""A script ready for the rules, what rules may ask of its paths, and the context a check receives."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any, Protocol

from scriptlint.model.records import record

if TYPE_CHECKING:
    import regex

    from scriptlint.model.answers import Location, Occurrence, PathSearch
    from scriptlint.model.documents import Cue, DocumentKind
    from scriptlint.model.manifest import Manifest
    from scriptlint.model.scope import Undecided
    from scriptlint.model.settings import Settings


class SpokenPath(Protocol):
    """The whole text of one path, as the analysis gives it for small templates."""

    @property
    def condition(self) -> str | None:
        """The path's condition in words (None: every path)."""

    @property
    def text(self) -> str:
        """The rendered text of the path."""

    @property
    def spoken(self) -> str:
        """`text` with unspoken parts blanked (same offsets) and placeholders as one character each."""

    @property
    def words(self) -> tuple[tuple[int, int], ...]:
        """(start, end) offsets of every spoken word."""

    def slot_at(self, offset: int) -> str | None:
        """The template expression behind a placeholder at `offset`, if there is one."""

    def location(self, offset: int) -> Location:
        """Where the character at `offset` comes from."""


class PathQueries(Protocol):
    """What rules may ask of a script's paths (answered by scriptlint.analysis)."""

    def search(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        *,
        after: int = 0,
        within: int | None = None,
        target_state: str | None = None,
        timeout: float | None = None,
        literals: tuple[str, ...] | None = None,
        required: tuple[str, ...] | None = None,
        profile: Any = None,
    ) -> PathSearch:
        """The first occurrence of `pattern` on every path (see scriptlint.analysis.paths); with a
        profile (scriptlint.analysis.profile), the missing paths name their label."""

    def search_all(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        *,
        after: int = 0,
        timeout: float | None = None,
        required: tuple[str, ...] | None = None,
    ) -> tuple[Occurrence, ...]:
        """Every occurrence of `pattern` on any path (see scriptlint.analysis.paths)."""

    def may_say(self, phrase: str) -> bool:
        """Whether some path may say every word of a phrase (a cheap test: False means no path does)."""

    def search_closing(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        *,
        last: int,
        opening: int | None = None,
        target_state: str | None = None,
        literals: tuple[str, ...] | None = None,
    ) -> PathSearch:
        """Whether every path says `pattern` within its last `last` words, or its first `opening` words."""

    def variants(self, *, target_state: str | None = None) -> Sequence[SpokenPath]:
        """The whole text of every distinct path."""


class PackLookup(Protocol):
    """The jurisdiction packs of a run, by jurisdiction (see scriptlint.packs)."""

    def get(self, jurisdiction: str) -> Any:
        """The pack of a USPS code or `US`, or None."""


def nearest_line(key_lines: Mapping[tuple[str, ...], int], keys: tuple[str, ...]) -> int:
    """The line of `keys` in a manifest, else of its nearest given parent, else 1."""
    for depth in range(len(keys), 0, -1):
        line = key_lines.get(keys[:depth])
        if line is not None:
            return line
    return 1


@record(frozen=True)
class Script:
    """A call script ready for the rules: its source, manifest and the spoken variants of its paths."""

    path: str
    source: str
    kind: DocumentKind
    manifest: Manifest
    manifest_lines: Mapping[tuple[str, ...], int]
    paths: PathQueries
    # A transcript's timing, one entry per line of `source` (None: times are estimated from words).
    cues: tuple[Cue | None, ...] | None = None

    def seconds_at(self, line: int, column: int) -> float | None:
        """When the character at this place of a timed transcript was said; None without timings."""
        if self.cues is None or not 1 <= line <= len(self.cues):
            return None
        cue = self.cues[line - 1]
        return None if cue is None else cue.seconds_at(column)

    @property
    def variants(self) -> Sequence[SpokenPath]:
        """The whole text of every distinct path; for small templates (rules should prefer queries)."""
        return self.paths.variants()

    def manifest_line(self, *keys: str) -> int:
        """The line of the deepest manifest key given that exists, or the manifest's first line."""
        return nearest_line(self.manifest_lines, keys)

    @property
    def last_line(self) -> int:
        """The number of the file's last line (1 for an empty file)."""
        return max(1, self.source.count("\n") + (0 if self.source.endswith("\n") else 1))


def _undecided() -> Undecided:
    """An empty record of undecided rules (imported here: the scope module reads the manifest schema)."""
    from scriptlint.model.scope import Undecided

    return Undecided()


@record(frozen=True)
class RunContext:
    """What a rule's check function gets besides the script: the file's settings and the packs."""

    settings: Settings
    _packs: Callable[[], PackLookup]
    # Rules whose scope this file's manifest left undecided (reported once, as SL07, by the core).
    undecided: Undecided = field(default_factory=_undecided)

    @property
    def packs(self) -> PackLookup:
        """The jurisdiction packs of this run, loaded on first use."""
        return self._packs()

    @property
    def day(self) -> datetime.date:
        """The day whose law applies: --as-of, else today."""
        return self.settings.as_of or datetime.date.today()
