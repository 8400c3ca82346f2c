"""What a path says at its end: a collector answering "is this said within the last N spoken words of every path
(or within its first M words)?", for laws that place a statement "at the end" or "at the beginning or end".

Like the search collector, it keeps only the last few spoken characters and a capped count of words since the
latest match, so paths merge again and the cost grows with the template, not with its number of paths.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable
from dataclasses import dataclass

import regex

from scriptlint.analysis.collectors import SearchCollector
from scriptlint.analysis.spoken import WORD_START, Piece


@dataclass(frozen=True, slots=True)
class ClosingState:
    """A search for what a path says at its end: the last characters said, the words said since the latest match
    ended (capped; None before any match), and whether a match started within the opening."""

    tail: str
    tail_sources: tuple[tuple[Piece, int] | None, ...]
    words: int
    since: int | None
    early: bool
    last_word: tuple[Piece, int] | None


class ClosingCollector:
    """Finds whether each path says a pattern within its last `last` spoken words (or, with `opening`, within its
    first `opening` words instead): "at the end of the message", "at the beginning or end"."""

    def __init__(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        last: int,
        opening: int | None = None,
        literals: tuple[str, ...] | None = None,
        deadline: float | None = None,
    ) -> None:
        self.pattern = pattern
        self.last = last
        self.opening = opening
        # The search collector's tail keeping (what of a path's past can still begin a match) is reused.
        self._window = SearchCollector(pattern, max_chars, literals=literals, deadline=deadline)

    @property
    def timed_out(self) -> bool:
        """Whether a regex search ran out of time."""
        return self._window.timed_out

    def start(self) -> ClosingState:
        return ClosingState("", (), 0, None, False, None)

    def feed(self, state: ClosingState, piece: Piece) -> ClosingState:
        if not piece.spoken:
            return state
        folded, sources = piece.folded()
        if not folded:
            return state
        if state.tail.endswith(" ") and folded.startswith(" "):
            folded, sources = folded[1:], sources[1:]
        text = state.tail + folded
        all_sources = state.tail_sources + sources
        boundary = len(state.tail)
        starts = [m.start() for m in WORD_START.finditer(text, boundary)]
        matches = self._matches(text, boundary)
        since, early = state.since, state.early
        if matches:
            since = sum(1 for start in starts if start >= matches[-1].end())
            if self.opening is not None and not early and state.words < self.opening:
                first = matches[0].start()
                if first >= boundary:
                    index = state.words + bisect.bisect_left(starts, first)
                else:
                    index = state.words - sum(1 for _ in WORD_START.finditer(text, first, boundary))
                early = index < self.opening
        elif since is not None:
            since += len(starts)
        if since is not None:
            since = min(since, self.last + 1)
        # Word counts matter only up to the opening (past it, paths of any length behave alike).
        words = min(state.words + len(starts), self.opening) if self.opening is not None else 0
        last_word = all_sources[starts[-1]] if starts else state.last_word
        tail, tail_sources = self._window._tail(text, all_sources)
        return ClosingState(tail, tail_sources, words, since, early, last_word)

    def _matches(self, text: str, boundary: int) -> list[regex.Match[str]]:
        """Every match that uses new text (a match wholly inside the kept tail was counted before)."""
        found: list[regex.Match[str]] = []
        position = 1 if boundary else 0
        try:
            for match in self.pattern.finditer(text, position, timeout=self._window._limit()):
                if match.end() > boundary:
                    found.append(match)
        except TimeoutError:
            self._window._timed_out()
        return found

    def passes(self, state: ClosingState) -> bool:
        """Whether the path said it at its end (or in its opening, when that also counts)."""
        return state.early or (state.since is not None and state.since <= self.last)

    def key(self, state: ClosingState) -> Hashable:
        return (state.tail, state.since, state.early, None if state.early else state.words)

    def merge(self, first: ClosingState, second: ClosingState) -> ClosingState:
        return first

    def settled(self, state: ClosingState) -> bool:
        return False
