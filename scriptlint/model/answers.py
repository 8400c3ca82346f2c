"""What the path analysis answers rules: places in sources, occurrences of phrases and the paths that lack them.

These are values, so that rules (and the core's value layer) can name them without importing the analysis.
"""

from __future__ import annotations

from scriptlint.model.records import record


@record(frozen=True, slots=True)
class Hop:
    """One step of an include/import/extends chain: the statement's file and line, and what it named."""

    path: str
    line: int
    verb: str
    name: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} ({self.verb} {self.name!r})"


@record(frozen=True, slots=True)
class Location:
    """A place in a source file, and the include/extends chain that reached it."""

    path: str
    line: int
    column: int
    via: tuple[Hop, ...] = ()

    def in_linted_file(self) -> tuple[int, int]:
        """Line and column in the linted file: this place, or the statement that included it."""
        if not self.via:
            return self.line, self.column
        return self.via[0].line, 1


@record(frozen=True)
class Occurrence:
    """Where a pattern is first said on a path: spoken words before it, estimated seconds, source."""

    words_before: int
    seconds: float
    location: Location | None
    text: str
    # What follows the match on this path (when the search asked for it), and the template
    # expressions of the placeholders in the match and what follows (`committee`, `voter.name`).
    after: str = ""
    slots: tuple[str, ...] = ()

    def in_linted_file(self) -> tuple[int, int]:
        """Line and column in the linted file (at the include statement for text from a partial)."""
        return self.location.in_linted_file() if self.location is not None else (1, 1)


@record(frozen=True)
class MissingPath:
    """A path (or set of paths, by its condition) on which the pattern is never said."""

    condition: str | None
    end: Location | None
    # The label of the paths' profile when the search asked for one (their language, for the rules).
    language: str | None = None


@record(frozen=True)
class PathSearch:
    """The answer to "is it said on every path?", and how early it comes on the paths that say it."""

    earliest: Occurrence | None
    latest: Occurrence | None
    missing: tuple[MissingPath, ...]
    # Conditions were cut short (too many alternatives to list).
    truncated: bool = False
    # One occurrence (the latest) per distinct wording found, with what follows it.
    occurrences: tuple[Occurrence, ...] = ()
    # Too many conditions to follow exactly: impossible paths may be among the missing ones.
    approximate: bool = False

    @property
    def found(self) -> bool:
        """Whether some path says it."""
        return self.latest is not None

    @property
    def on_every_path(self) -> bool:
        """Whether every path says it."""
        return self.found and not self.missing
