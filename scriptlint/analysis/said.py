"""Text as a path says it: pieces with their folded text, the last characters said, and marks of matches.

Sources (which piece, which character) are worked out only for what an answer shows: a match's place,
the last word of a path that lacks a phrase, the placeholders in a match or what follows it.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace
from typing import TYPE_CHECKING

from scriptlint.analysis.spoken import Piece
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.model.answers import Location

# Where a character comes from: a piece and an offset in it (None: folded whitespace, or unknown).
Source = tuple[Piece, int] | None


@record(frozen=True, slots=True)
class Mark:
    """A point on a path: the spoken words before it, and where it comes from."""

    words_before: int
    source: Source

    @property
    def location(self) -> Location | None:
        """The source position of this point."""
        if self.source is None:
            return None
        piece, offset = self.source
        return piece.location(offset)


@record(frozen=True, slots=True)
class Capture:
    """A question matched on this path: its first match, and what follows it (`left` characters to go)."""

    question: int
    text: str
    after: str
    left: int
    slots: tuple[str, ...]
    earliest: Mark
    latest: Mark
    # For an every-occurrence question: where the match is (each place is its own occurrence).
    place: Source = None

    @property
    def key(self) -> Hashable:
        """What tells captures apart (merged paths keep the earliest and the latest match)."""
        if self.place is not None:
            return (self.question, id(self.place[0]), self.place[1], self.after, self.left)
        return (self.question, self.text.lower(), self.after, self.left, self.slots)

    def more(self, said: Said, start: int) -> Capture:
        """The capture after the path says `said` from `start`: up to `left` more characters kept."""
        folded = said.text
        if self.left <= 0 or start >= len(folded):
            return self
        if self.after.endswith(" ") and folded.startswith(" ", start):
            start += 1
        taken = folded[start : start + self.left]
        slots = self.slots + tuple(s for s in said.slots(start, start + len(taken)) if s not in self.slots)
        return replace(self, after=self.after + taken, left=self.left - len(taken), slots=slots)


@record(frozen=True, slots=True)
class Said:
    """A piece as a path says it: its folded text, `cut` characters of the piece's folded text (a leading
    space after one) dropped."""

    piece: Piece
    text: str
    cut: int

    def source(self, index: int) -> Source:
        """Where character `index` comes from (worked out only for what an answer shows)."""
        offset = self.piece.folded()[1][index + self.cut]
        return None if offset < 0 else (self.piece, offset)

    def slots(self, start: int, end: int) -> tuple[str, ...]:
        """The placeholder's expression, if characters start..end include it."""
        slot = self.piece.slot
        if slot is None:
            return ()
        offsets = self.piece.folded()[1][start + self.cut : end + self.cut]
        return () if all(offset < 0 for offset in offsets) else (slot,)


# A character of a piece as a path says it (the piece as said, and the index in its folded text): where a
# path's last word is, turned into a source only for the paths an answer shows.
Spot = tuple[Said, int] | None


def spot_source(spot: Spot) -> Source:
    """Where a spot's character comes from."""
    return None if spot is None else spot[0].source(spot[1])


# The last characters a path said: pieces as said and where in each the kept part starts, oldest first.
Recent = tuple[tuple[Said, int], ...]


def recent_after(recent: Recent, fold: Said, keep: int) -> Recent:
    """The last `keep` (or a few more) characters after saying `fold`."""
    if keep <= 0:
        return ()
    if len(fold.text) >= keep:
        return ((fold, len(fold.text) - keep),)
    chunks = [*recent, (fold, 0)]
    total = sum(len(f.text) - start for f, start in chunks)
    while len(chunks) > 1 and total - (len(chunks[0][0].text) - chunks[0][1]) >= keep:
        total -= len(chunks[0][0].text) - chunks[0][1]
        chunks.pop(0)
    return tuple(chunks)


def words_of(mark: Mark) -> int:
    return mark.words_before


def source_at(recent: Recent, said: Said, boundary: int, position: int) -> Source:
    """Where the character at `position` of a question's text (its tail of `boundary` characters, which are
    the last of `recent`, then `said`) comes from."""
    return spot_source(spot_at(recent, said, boundary, position))


def spot_at(recent: Recent, said: Said, boundary: int, position: int) -> Spot:
    """`source_at`, as a spot."""
    return _locate(recent, said, boundary, position)


def span_slots(recent: Recent, said: Said, boundary: int, start: int, end: int) -> tuple[str, ...]:
    """The template expressions behind the placeholders in characters start..end of a question's text."""
    found: list[str] = []
    for position in range(start, end):
        located = _locate(recent, said, boundary, position)
        if located is not None:
            for slot in located[0].slots(located[1], located[1] + 1):
                if slot not in found:
                    found.append(slot)
    return tuple(found)


def _locate(recent: Recent, said: Said, boundary: int, position: int) -> tuple[Said, int] | None:
    """The piece (as said) and index of the character at `position` of a question's text."""
    if position >= boundary:
        return said, position - boundary
    back = boundary - position
    for fold, start in reversed(recent):
        length = len(fold.text) - start
        if back <= length:
            return fold, len(fold.text) - back
        back -= length
    return None
