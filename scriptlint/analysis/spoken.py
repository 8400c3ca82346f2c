"""Pieces of spoken text mapped back to their source, and variants: the whole text of one path.

The spoken-text model (docs/documents.md) is applied piece by piece, so that the path analysis and the
variants agree: Jinja comments and stage directions standing on their own line are not spoken
(blanked, so offsets do not move); a bracketed placeholder inside a sentence, or a blank `____`,
stands for one spoken value, like a template variable.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from functools import cached_property

import regex

from scriptlint.analysis import merge_fields
from scriptlint.model.answers import Hop, Location
from scriptlint.model.settings import DEFAULT_WORDS_PER_MINUTE

# Stands in the spoken text for a value the script gets at call time (a variable or a placeholder).
SLOT = "\ue000"
_STAGE_DIRECTION = regex.compile(r"(?m)^[ \t]*(?:\[[^\]\n]*\]|\([^)\n]*\))[ \t]*$")
_COMMENT = regex.compile(r"\{#.*?#\}", regex.DOTALL)
# A word is a run of letters, digits or placeholders, which may hold an apostrophe (straight or
# U+2019) or a hyphen between two such runs: "don't", "555-201-0100".
_WORD = regex.compile(r"[\w\ue000]+(?:['\u2019\-][\w\ue000]+)*")
_WORD_CHAR = regex.compile(r"[\w\ue000]")
# Where a word starts: a word character not preceded by one, nor by a joiner that follows one.
WORD_START = regex.compile(r"(?<![\w\ue000])(?<![\w\ue000]['\u2019\-])[\w\ue000]")
_SPACE = regex.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def is_word_char(char: str) -> bool:
    """Whether a character can be part of a word."""
    return bool(char) and _WORD_CHAR.match(char) is not None


def spoken_form(text: str, starts_line: bool = True) -> str:
    """The spoken text of a piece: same length, unspoken parts blanked, placeholders as SLOT."""
    # A piece that does not start a line (or end one) cannot make that line a stage direction on its own.
    head = "" if starts_line else "\x00"
    tail = "" if text.endswith("\n") else "\x00"
    spoken = _blank(head + text + tail, _COMMENT)
    spoken = _blank(spoken, _STAGE_DIRECTION)[len(head) : len(head) + len(text)]
    # Typographic apostrophes (U+2019, as Word exports them) are said like straight ones.
    spoken = spoken.replace("\u2019", "'").replace("\u2018", "'")
    return merge_fields.PATTERN.sub(lambda m: SLOT + " " * (len(m.group()) - 1), spoken)


def _blank(text: str, pattern: regex.Pattern[str]) -> str:
    """Replace every match by spaces, keeping newlines, so that offsets do not move."""
    return pattern.sub(lambda m: regex.sub(r"[^\n]", " ", m.group()), text)


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
    spoken: str = ""
    # The folded spoken text, computed once (pieces of literal text are shared by every search).
    _folded: tuple[str, tuple[tuple[Piece, int] | None, ...]] | None = field(
        default=None, compare=False, hash=False, repr=False
    )

    def folded(self) -> tuple[str, tuple[tuple[Piece, int] | None, ...]]:
        """The spoken text with whitespace runs folded to one space, and each character's source."""
        if self._folded is None:
            spoken = self.spoken
            sources: list[tuple[Piece, int] | None] = []
            position = 0
            for match in _SPACE.finditer(spoken):
                sources.extend([(self, offset) for offset in range(position, match.start())])
                sources.append(None)
                position = match.end()
            sources.extend([(self, offset) for offset in range(position, len(spoken))])
            object.__setattr__(self, "_folded", (_SPACE.sub(" ", spoken), tuple(sources)))
        assert self._folded is not None
        return self._folded

    @classmethod
    def of_text(
        cls,
        text: str,
        path: str,
        line: int,
        column: int,
        via: tuple[Hop, ...] = (),
        verbatim: bool = True,
        layout: str | None = None,
    ) -> Piece:
        """A piece of literal text, with its spoken form (from `layout`, the text with the parts its
        layout does not say blanked, when the plain-text conventions read it)."""
        said = spoken_form(layout if layout is not None else text, starts_line=column == 1)
        return cls(text, path, line, column, verbatim, None, via, said)

    @classmethod
    def of_slot(cls, expression: str, path: str, line: int, column: int, via: tuple[Hop, ...] = ()) -> Piece:
        """A placeholder for a value known only at call time."""
        return cls(SLOT, path, line, column, False, expression, via, SLOT)

    def location(self, offset: int) -> Location:
        """Where the character at `offset` inside this piece comes from."""
        if not self.verbatim or offset <= 0:
            return Location(self.path, self.line, self.column, self.via)
        before = self.text[:offset]
        newlines = before.count("\n")
        if newlines == 0:
            return Location(self.path, self.line, self.column + offset, self.via)
        return Location(self.path, self.line + newlines, offset - before.rfind("\n"), self.via)


@dataclass(frozen=True)
class Variant:
    """The output of one path: pieces of text, the path's condition in words, and its spoken words."""

    pieces: tuple[Piece, ...]
    condition: str | None = None
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
        return "".join(piece.spoken for piece in self.pieces)

    @cached_property
    def words(self) -> tuple[tuple[int, int], ...]:
        """(start, end) offsets of every spoken word, a placeholder counting as one word."""
        return tuple(match.span() for match in _WORD.finditer(self.spoken))

    def word_index(self, offset: int) -> int:
        """How many spoken words come before `offset`."""
        return bisect.bisect_left(self.words, (offset, offset))

    def seconds_at(self, offset: int) -> float:
        """Estimated time from the start of the call until `offset` is spoken."""
        return self.word_index(offset) * 60.0 / self.words_per_minute

    def location(self, offset: int) -> Location:
        """Where the character at `offset` comes from."""
        if not self.pieces:
            return Location("", 1, 1)
        offset = max(0, min(offset, len(self.text) - 1)) if self.text else 0
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.pieces[index].location(offset - self._starts[index])

    def slot_at(self, offset: int) -> str | None:
        """The expression behind a template placeholder at `offset`, if there is one."""
        if not self.text or not 0 <= offset < len(self.text):
            return None
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.pieces[index].slot
