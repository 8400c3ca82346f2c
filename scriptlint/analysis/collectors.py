"""What the path analysis gathers along each path: a question's answer so far, in a mergeable form.

Two paths whose collected states have the same key (and the same knowledge) can never be told apart
by the rest of the template, so the analysis merges them. A search keeps only the last few spoken
characters (enough to see a phrase across a piece boundary), so independent branches merge again as
soon as their text has scrolled out of that window: the cost grows with the template, not with 2^n.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Generic, Protocol, TypeVar

import regex

from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.analysis.spoken import WORD_START, Piece, is_word_char
from scriptlint.model.answers import Location

S = TypeVar("S")
_SPACE = regex.compile(r"\s+")
# Characters kept before a possible match start, for patterns that look behind ("not authorized by").
_LOOKBEHIND = 8


class Collector(Protocol, Generic[S]):
    """Gathers something along a path; states with equal keys are interchangeable for the rest of it."""

    def start(self) -> S:
        """The state at the beginning of every path."""

    def feed(self, state: S, piece: Piece) -> S:
        """The state after the path says `piece`."""

    def key(self, state: S) -> Hashable:
        """What distinguishes states for the rest of the template."""

    def merge(self, first: S, second: S) -> S:
        """One state standing for two with equal keys."""

    def settled(self, state: S) -> bool:
        """Whether nothing later can change this state (its path's knowledge no longer matters)."""


@dataclass(frozen=True, slots=True)
class TextState:
    """The pieces said so far on a path, and their spoken text."""

    pieces: tuple[Piece, ...]
    text: str


class TextCollector:
    """Keeps the whole text of each path: for the variants of small templates and for tests."""

    def start(self) -> TextState:
        return TextState((), "")

    def feed(self, state: TextState, piece: Piece) -> TextState:
        return TextState((*state.pieces, piece), state.text + piece.text)

    def key(self, state: TextState) -> Hashable:
        return state.text

    def merge(self, first: TextState, second: TextState) -> TextState:
        return first

    def settled(self, state: TextState) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class Mark:
    """A point on a path: the spoken words before it, and where it comes from."""

    words_before: int
    source: tuple[Piece, int] | None

    @property
    def location(self) -> Location | None:
        """The source position of this point."""
        if self.source is None:
            return None
        piece, offset = self.source
        return piece.location(offset)


@dataclass(frozen=True, slots=True)
class SearchState:
    """A search along one path: the last characters said (whitespace folded), words so far, first match."""

    tail: str
    tail_sources: tuple[tuple[Piece, int] | None, ...]
    words: int
    last_word: tuple[Piece, int] | None
    # The first match on this path; when paths merge, the earliest and the latest of them.
    earliest: Mark | None = None
    latest: Mark | None = None
    matched_text: str = ""
    # What the path says right after the match (up to the collector's `after` characters), how many
    # characters are still to come, and the placeholders (template expressions) in match and after.
    after: str = ""
    after_left: int = 0
    slots: tuple[str, ...] = ()
    # The search was limited to the first words of the call and the path got past them unmatched.
    closed: bool = False
    # Merged open paths share their tail but not their length: `words` is the longest, this the shortest.
    fewest_words: int = 0


class SearchCollector:
    """Finds the first match of a pattern on each path, and where each unmatched path ends.

    `max_chars` bounds the length of a match (whitespace folded to one space): only that many
    characters of a path's past can matter for a match that ends in what comes next.
    """

    def __init__(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        after: int = 0,
        within: int | None = None,
        timeout: float | None = None,
        literals: tuple[str, ...] | None = None,
        deadline: float | None = None,
    ) -> None:
        self.pattern = pattern
        # Two more characters decide word boundaries and word starts at the window's edge.
        self.window = max_chars + 2
        self.after = after
        # Only a match starting within the first `within` spoken words counts.
        self.within = within
        # Seconds one regex search may take (fuzzy patterns); a search that times out finds nothing.
        self.timeout = timeout
        # time.monotonic() when the file's time budget runs out: no regex search runs past it (a pattern
        # that backtracks on hostile text is stopped, and the file is SL04).
        self.deadline = deadline
        # For a pattern that is an alternation of literal phrases: only a suffix of the past that can
        # begin one of them needs keeping, so paths whose pasts differ elsewhere merge.
        self.literals = literals
        # Set when a regex search ran out of time (its answer then depends on the machine's speed).
        self.timed_out = False
        # Every beginning of a literal: a kept suffix must be one of them.
        self._prefixes = frozenset(lit[:end] for lit in literals or () for end in range(1, len(lit) + 1))

    def start(self) -> SearchState:
        return SearchState("", (), 0, None)

    def feed(self, state: SearchState, piece: Piece) -> SearchState:
        if not piece.spoken or state.closed or (state.earliest is not None and state.after_left <= 0):
            return state
        folded, sources = piece.folded()
        if not folded:
            return state
        if state.earliest is not None:
            return self._capture(state, folded, sources)
        if state.tail.endswith(" ") and folded.startswith(" "):
            folded, sources = folded[1:], sources[1:]
        text = state.tail + folded
        all_sources = state.tail_sources + sources
        words = state.words
        last_word = state.last_word
        found: Mark | None = None
        matched_text = ""
        boundary = len(state.tail)
        match = self._match_ending_after(text, boundary)
        # Word starts in the new text (the kept tail before it is context for the look-behinds).
        starts = [m.start() for m in WORD_START.finditer(text, boundary)]
        if match is not None and match.start() >= boundary:
            found = Mark(words + bisect.bisect_left(starts, match.start()), all_sources[match.start()])
            matched_text = match.group()
        elif match is not None:
            # The match began inside the kept tail: count back the words that start at or after it.
            behind = sum(1 for _ in WORD_START.finditer(text, match.start(), boundary))
            found = Mark(state.words - behind, all_sources[match.start()])
            matched_text = match.group()
        if starts:
            words += len(starts)
            last_word = all_sources[starts[-1]]
        if self.within is not None and (found.words_before if found else words) >= self.within:
            # Past the opening without a match in it: nothing later can count.
            end = last_word if found is None else found.source
            return SearchState("", (), self.within, end, closed=True)
        shorter_by = state.words - state.fewest_words
        if match is None or found is None:
            tail, tail_sources = self._tail(text, all_sources)
            return SearchState(tail, tail_sources, words, last_word, fewest_words=words - shorter_by)
        earliest = Mark(found.words_before - shorter_by, found.source)
        slots = _slots(all_sources[match.start() : match.end()])
        start = SearchState("", (), 0, None, earliest, found, matched_text, "", self.after, slots)
        return self._capture(start, text[match.end() :], all_sources[match.end() :])

    def _capture(self, state: SearchState, folded: str, sources: tuple[tuple[Piece, int] | None, ...]) -> SearchState:
        """Keep what follows a match, up to `after` characters."""
        if state.after_left <= 0 or not folded:
            return state
        if state.after.endswith(" ") and folded.startswith(" "):
            folded, sources = folded[1:], sources[1:]
        taken, taken_sources = folded[: state.after_left], sources[: state.after_left]
        return replace(
            state,
            after=state.after + taken,
            after_left=state.after_left - len(taken),
            slots=state.slots + tuple(s for s in _slots(taken_sources) if s not in state.slots),
        )

    def _tail(
        self, text: str, sources: tuple[tuple[Piece, int] | None, ...]
    ) -> tuple[str, tuple[tuple[Piece, int] | None, ...]]:
        """The part of a path's past kept for later matches: the last `window` characters, or for
        literal phrases only the longest suffix that could begin one of them."""
        cut = max(0, len(text) - self.window)
        if self.literals is None:
            # Any pattern: keep from the first place where a match could still begin (a partial match
            # runs to the end), with a few characters before it for look-behinds.
            start = self._first_partial(text, cut)
            keep = max(cut, start - _LOOKBEHIND)
            return text[keep:], sources[keep:]
        lowered = text.lower()
        start = next((s for s in range(cut, len(text)) if lowered[s:] in self._prefixes), len(text))
        # Two characters before it decide the word boundary and word starts; only their kind matters,
        # so they are kept as a representative of it (paths whose pasts differ there merge).
        context = max(0, start - 2)
        kinds = "".join(_kind(char) for char in text[context:start])
        return kinds + text[start:], (None,) * len(kinds) + sources[start:]

    def _first_partial(self, text: str, cut: int) -> int:
        """Where, from `cut` on, the first match that runs into the end of the text (a partial one) starts:
        one search, not one attempt per position (len(text) when there is none)."""
        position = cut
        try:
            while (match := self.pattern.search(text, position, partial=True, timeout=self._limit())) is not None:
                if match.partial:
                    return match.start()
                position = match.start() + 1
        except TimeoutError:
            self._timed_out()
            return cut
        return len(text)

    def _match_ending_after(self, text: str, boundary: int) -> regex.Match[str] | None:
        """The first match that uses new text (the kept tail alone held none); text[0] is context only."""
        position = 1 if boundary else 0
        try:
            while (match := self.pattern.search(text, position, timeout=self._limit())) is not None:
                if match.end() > boundary:
                    return match
                position = match.start() + 1
        except TimeoutError:
            self._timed_out()
            return None
        return None

    def _limit(self) -> float | None:
        return search_time(self.timeout, self.deadline)

    def _timed_out(self) -> None:
        out_of_time(self.deadline)
        self.timed_out = True

    def key(self, state: SearchState) -> Hashable:
        if state.closed:
            return ("closed",)
        if state.earliest is None:
            # Limited to the opening, paths of different lengths must stay apart (there are few).
            return ("open", state.tail, state.words if self.within is not None else None)
        return ("found", state.matched_text.lower(), state.after, state.after_left, state.slots)

    def merge(self, first: SearchState, second: SearchState) -> SearchState:
        if first.closed:
            return first
        if first.earliest is None or second.earliest is None:
            # Open paths with the same tail: keep the longer one's past (the later match, if any), and
            # remember how short the shortest is (the earlier match).
            longer = first if first.words >= second.words else second
            return replace(longer, fewest_words=min(first.fewest_words, second.fewest_words))
        earliest = min(first.earliest, second.earliest, key=lambda mark: mark.words_before)
        latest = max(_latest(first), _latest(second), key=lambda mark: mark.words_before)
        return replace(first, earliest=earliest, latest=latest)

    def settled(self, state: SearchState) -> bool:
        return state.closed or (state.earliest is not None and state.after_left <= 0)


def search_time(timeout: float | None, deadline: float | None) -> float | None:
    """Seconds the next regex search may take: the pattern's own timeout, and what is left of the budget."""
    if deadline is None:
        return timeout
    left = max(0.001, deadline - time.monotonic())
    return left if timeout is None else min(timeout, left)


def out_of_time(deadline: float | None) -> None:
    """After a regex search ran out of time: past the file's deadline, the file is SL04 (else it was a fuzzy
    pattern's own timeout, and the search found nothing)."""
    if deadline is not None and time.monotonic() >= deadline:
        raise TemplateProblem(
            "SL04", "the analysis of this file took longer than its time budget (in a pattern search)", 1, timing=True
        )


def _latest(state: SearchState) -> Mark:
    assert state.latest is not None
    return state.latest


def _kind(char: str) -> str:
    """A representative of what a character means for word boundaries: a word character, a joiner, other."""
    if is_word_char(char):
        return "a"
    return char if char in "'\u2019-" else " "


def _slots(sources: tuple[tuple[Piece, int] | None, ...]) -> tuple[str, ...]:
    """The template expressions behind the placeholders among these characters, in order."""
    found: list[str] = []
    for source in sources:
        if source is not None and source[0].slot is not None and source[0].slot not in found:
            found.append(source[0].slot)
    return tuple(found)
