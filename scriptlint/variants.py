"""A variant is the spoken text of one path through a script, mapped back to its source character by character."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import regex

# Stands in the spoken text for a value the script gets at call time (a variable or a placeholder).
SLOT = "\ue000"
# Stage directions standing on their own line are not spoken (DESIGN section 2): [PAUSE], (wait).
_STAGE_DIRECTION = regex.compile(r"(?m)^[ \t]*(?:\[[^\]\n]*\]|\([^)\n]*\))[ \t]*$")
# Jinja-style comments in plain-text scripts, never spoken.
_COMMENT = regex.compile(r"\{#.*?#\}", regex.DOTALL)
# A bracketed placeholder inside a sentence ("my name is [your name]") or a blank ("____") is a value.
_INLINE_PLACEHOLDER = regex.compile(r"\[[^\]\n]*\p{L}[^\]\n]*\]|_{3,}")
# Words may hold apostrophes (straight or typographic, U+2019), periods and hyphens.
_WORD = regex.compile(r"[\w\ue000]+(?:['\u2019.\-][\w\ue000]+)*")
DEFAULT_WORDS_PER_MINUTE = 150


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of an include/import/extends chain: the statement's file and line, and what it named."""

    path: str
    line: int
    verb: str
    name: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} ({self.verb} {self.name!r})"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of output text from one place in one file; `slot` names the expression of a placeholder."""

    text: str
    path: str
    line: int
    column: int
    # Verbatim pieces are slices of the source, so positions inside them can be computed exactly.
    verbatim: bool = True
    slot: str | None = None
    via: tuple[Hop, ...] = ()


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True)
class Variant:
    """The output of one path: pieces of text, the conditions that select the path, and spoken words."""

    pieces: tuple[Piece, ...]
    conditions: tuple[str, ...] = ()
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts, total = [], 0
        for piece in self.pieces:
            starts.append(total)
            total += len(piece.text)
        object.__setattr__(self, "_starts", starts)

    @cached_property
    def text(self) -> str:
        """The rendered text of this path, placeholders shown as SLOT."""
        return "".join(piece.text for piece in self.pieces)

    @cached_property
    def spoken(self) -> str:
        """`text` with the unspoken parts blanked (same length, so offsets agree) and placeholders as SLOT."""
        spoken = _blank(self.text, _COMMENT)
        spoken = _blank(spoken, _STAGE_DIRECTION)
        return _INLINE_PLACEHOLDER.sub(lambda m: SLOT + " " * (len(m.group()) - 1), spoken)

    @cached_property
    def words(self) -> tuple[tuple[int, int], ...]:
        """(start, end) offsets of every spoken word, a placeholder counting as one word."""
        return tuple(match.span() for match in _WORD.finditer(self.spoken))

    @property
    def condition(self) -> str | None:
        """The path's conditions in words (`when lang == 'es' and ...`), or None for an unconditional path."""
        return ("when " + " and ".join(self.conditions)) if self.conditions else None

    def word_index(self, offset: int) -> int:
        """How many spoken words come before `offset`."""
        return bisect.bisect_left(self.words, (offset, offset))

    def seconds_at(self, offset: int) -> float:
        """Estimated time from the start of the call until `offset` is spoken."""
        return self.word_index(offset) * 60.0 / self.words_per_minute

    def search(self, pattern: regex.Pattern[str], start: int = 0) -> regex.Match[str] | None:
        """The first match of `pattern` in the spoken text."""
        return pattern.search(self.spoken, start)

    def location(self, offset: int) -> Location:
        """Where the character at `offset` comes from."""
        if not self.pieces:
            return Location("", 1, 1)
        offset = max(0, min(offset, len(self.text) - 1)) if self.text else 0
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        piece = self.pieces[index]
        inside = offset - self._starts[index]
        if not piece.verbatim or inside <= 0:
            return Location(piece.path, piece.line, piece.column, piece.via)
        before = piece.text[:inside]
        newlines = before.count("\n")
        if newlines == 0:
            return Location(piece.path, piece.line, piece.column + inside, piece.via)
        return Location(piece.path, piece.line + newlines, inside - before.rfind("\n"), piece.via)

    def end_location(self) -> Location:
        """Where the last spoken word of the path comes from (the first piece if nothing is spoken)."""
        if self.words:
            return self.location(self.words[-1][0])
        return self.location(0)

    def slot_at(self, offset: int) -> str | None:
        """The expression behind the placeholder at `offset`, if the character there is a placeholder."""
        if not self.text or offset >= len(self.text):
            return None
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        piece = self.pieces[index]
        if piece.slot is not None:
            return piece.slot
        if self.spoken[offset] == SLOT:
            return self.text[offset : self.text.find("]", offset) + 1 or None] if self.text[offset] == "[" else "blank"
        return None


def _blank(text: str, pattern: regex.Pattern[str]) -> str:
    """Replace every match by spaces, keeping newlines, so that offsets do not move."""
    return pattern.sub(lambda m: regex.sub(r"[^\n]", " ", m.group()), text)
