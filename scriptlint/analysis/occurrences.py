"""Every occurrence of a pattern on any path: for statements that are wrong wherever they are said.

A claim ("I'm just a volunteer", "calling from Sacramento") misleads wherever a path says it, before or
after a true disclosure, so a rule needs every occurrence, not the first. Occurrences are gathered aside
as the walk meets them (they are facts about places in the sources, not about paths), so a path's state
keeps only its last few characters and the captures still open: paths merge as soon as their recent
text agrees, and the cost grows with the template, not with its number of paths.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable
from dataclasses import dataclass

import regex

from scriptlint.analysis.collectors import Mark, _slots, out_of_time, search_time
from scriptlint.analysis.spoken import WORD_START, Piece
from scriptlint.model.answers import Occurrence

# Characters kept before a possible match for the patterns' look-behinds.
_CONTEXT = 8
Sources = tuple[tuple[Piece, int] | None, ...]


@dataclass(frozen=True, slots=True)
class Capture:
    """A match whose following text is still being read."""

    mark: Mark
    text: str
    after: str
    left: int
    slots: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EveryState:
    """A path's last characters (whitespace folded), its spoken words so far and its open captures."""

    tail: str
    tail_sources: Sources
    words: int
    captures: tuple[Capture, ...] = ()


class EveryCollector:
    """Finds every match of a pattern on every path, with up to `after` characters of what follows."""

    def __init__(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        after: int = 0,
        timeout: float | None = None,
        deadline: float | None = None,
    ) -> None:
        self.pattern = pattern
        self.window = max_chars + 2 + _CONTEXT
        self.after = after
        self.timeout = timeout
        # No regex search runs past the file's deadline (scriptlint.analysis.collectors.out_of_time).
        self.deadline = deadline
        self.timed_out = False
        # Each occurrence by where it starts (the longest text found there wins).
        self.found: dict[tuple[object, ...], Occurrence] = {}

    def start(self) -> EveryState:
        return EveryState("", (), 0)

    def feed(self, state: EveryState, piece: Piece) -> EveryState:
        if not piece.spoken:
            return state
        folded, sources = piece.folded()
        if not folded:
            return state
        captures = self._continue(state.captures, folded, sources)
        if state.tail.endswith(" ") and folded.startswith(" "):
            folded, sources = folded[1:], sources[1:]
        text = state.tail + folded
        all_sources = state.tail_sources + sources
        boundary = len(state.tail)
        starts = [m.start() for m in WORD_START.finditer(text, boundary)]
        for match in self._matches(text, boundary):
            if match.start() >= boundary:
                before = state.words + bisect.bisect_left(starts, match.start())
            else:
                before = state.words - sum(1 for _ in WORD_START.finditer(text, match.start(), boundary))
            mark = Mark(max(0, before), all_sources[match.start()])
            capture = Capture(mark, match.group(), "", self.after, _slots(all_sources[match.start() : match.end()]))
            captures += self._continue((capture,), text[match.end() :], all_sources[match.end() :])
        keep = max(0, len(text) - self.window)
        return EveryState(text[keep:], all_sources[keep:], state.words + len(starts), captures)

    def _matches(self, text: str, boundary: int) -> list[regex.Match[str]]:
        """The matches that use new text (those within the kept tail alone were found before)."""
        found = []
        position = 1 if boundary else 0
        try:
            while match := self.pattern.search(text, position, timeout=search_time(self.timeout, self.deadline)):
                if match.end() > boundary and match.end() > match.start():
                    found.append(match)
                    position = match.end()
                else:
                    position = match.start() + 1
        except TimeoutError:
            out_of_time(self.deadline)
            self.timed_out = True
        return found

    def _continue(self, captures: tuple[Capture, ...], folded: str, sources: Sources) -> tuple[Capture, ...]:
        """Add what follows to open captures; record those that are complete."""
        still: list[Capture] = []
        for capture in captures:
            text = folded
            if capture.after.endswith(" ") and text.startswith(" "):
                text, sources = text[1:], sources[1:]
            taken = text[: capture.left]
            extra = tuple(s for s in _slots(sources[: capture.left]) if s not in capture.slots)
            grown = Capture(capture.mark, capture.text, capture.after + taken, capture.left - len(taken),
                            capture.slots + extra)  # fmt: skip
            if grown.left <= 0:
                self._record(grown)
            else:
                still.append(grown)
        return tuple(still)

    def _record(self, capture: Capture) -> None:
        location = capture.mark.location
        key = (location.path, location.line, location.column, location.via) if location else (capture.text,)
        known = self.found.get(key)
        if known is not None and len(known.text) >= len(capture.text):
            return
        self.found[key] = Occurrence(capture.mark.words_before, 0.0, location, capture.text, capture.after,
                                     capture.slots)  # fmt: skip

    def finish(self, state: EveryState) -> None:
        """Record the captures a path ended with (what followed was all it said)."""
        for capture in state.captures:
            self._record(capture)

    def key(self, state: EveryState) -> Hashable:
        open_captures = tuple(
            (c.mark.location, c.text, c.after, c.left) for c in state.captures
        )  # fmt: skip
        return (state.tail, open_captures)

    def merge(self, first: EveryState, second: EveryState) -> EveryState:
        return first if first.words >= second.words else second

    def settled(self, state: EveryState) -> bool:
        return False
