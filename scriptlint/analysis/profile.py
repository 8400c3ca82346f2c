"""Which of several labelled kinds of words a path's opening says most: how a path's language is told.

A rule that finds a path lacking something asks what language that path is in, to suggest wording in
it or to say it could not check it. The labels and their marker words come from the rule plugins'
data (the core knows no language); here a path's first `within` spoken words are counted, per label,
until one label reaches `DECIDED` markers. A path's profile travels in its tracked state (scriptlint.
analysis.tracking), and paths merge again once their profiles are decided alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable
from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.spoken import WORD_START
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.spoken import Piece

# Markers of one label that decide a path's profile.
DECIDED = 3
# How far past the opening's last word a marker that starts in it may run, and the most of one piece an
# opening may take (characters; unspaced scripts count a whole sentence as one word).
_MARKER_REACH = 200
_MAX_OPENING = 20_000


@record(frozen=True)
class Profile:
    """Labelled marker patterns (one group per label, named `P_<label>`) counted in a path's opening."""

    pattern: regex.Pattern[str]
    within: int

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels, in the pattern's order."""
        names = sorted(self.pattern.groupindex.items(), key=lambda item: item[1])
        return tuple(name[2:] for name, _ in names if name.startswith("P_"))


@record(frozen=True, slots=True)
class ProfileState:
    """Markers counted so far per label, spoken words, and the label once decided."""

    counts: tuple[int, ...]
    words: int = 0
    decided: str | None = None
    closed: bool = False


class ProfileCollector:
    """Counts each label's markers in the first `within` spoken words of a path."""

    def __init__(self, profile: Profile, deadline: float | None = None) -> None:
        self.profile = profile
        self.labels = profile.labels
        # No regex search runs past the file's deadline (scriptlint.analysis.collectors.out_of_time).
        self.deadline = deadline

    def start(self) -> ProfileState:
        return ProfileState((0,) * len(self.labels))

    def feed(self, state: ProfileState, piece: Piece) -> ProfileState:
        if state.decided is not None or state.closed or not piece.spoken:
            return state
        # Imported here: rule plugins import this module to declare profiles, and a run answered from the cache
        # must not load the analysis (Jinja).
        from scriptlint.analysis.collectors import out_of_time, search_time

        folded = piece.folded_text()
        counts = list(state.counts)
        words = state.words
        # Word starts up to the end of the opening: markers after it do not count (a search, not a count from
        # the start of the piece for every marker).
        starts: list[int] = []
        for start in WORD_START.finditer(folded):
            starts.append(start.start())
            if words + len(starts) > self.profile.within:
                break
        end = starts[self.profile.within - words] if words + len(starts) > self.profile.within else len(folded)
        # A marker that starts in the opening may run a little past it (a marker of two words); an opening is
        # never longer than _MAX_OPENING characters of one piece (a single "word" of a megabyte is an attack).
        scanned = min(len(folded), end + _MARKER_REACH, _MAX_OPENING)
        try:
            for match in self.profile.pattern.finditer(folded, 0, scanned, timeout=search_time(None, self.deadline)):
                if words + bisect.bisect_left(starts, match.start()) >= self.profile.within:
                    break
                index = self.labels.index(match.lastgroup[2:]) if match.lastgroup else -1
                if index >= 0:
                    counts[index] += 1
                    if counts[index] >= DECIDED:
                        return ProfileState(tuple(counts), words, self.labels[index], True)
        except TimeoutError:
            out_of_time(self.deadline)
        words += len(starts) if end < len(folded) else sum(1 for _ in WORD_START.finditer(folded))
        closed = words >= self.profile.within
        return ProfileState(tuple(counts), words, self._leader(counts) if closed else None, closed)

    def _leader(self, counts: list[int] | tuple[int, ...]) -> str | None:
        best = max(counts, default=0)
        if best == 0 or list(counts).count(best) > 1:
            return None
        return self.labels[list(counts).index(best)]

    def label(self, state: ProfileState) -> str | None:
        """The path's label: decided, or the one with most markers (None when none leads)."""
        return state.decided if state.decided is not None else self._leader(state.counts)

    def key(self, state: ProfileState, coarse: bool = False) -> Hashable:
        """What keeps paths apart: the label once decided; while open, the markers counted and the words said
        (paths that have said different numbers of words reach the end of the opening at different words),
        or, `coarse`, only the markers (merged, a path counts on as the one that has said most words)."""
        if state.closed:
            return ("closed", state.decided)
        return ("open", state.counts) if coarse else ("open", state.counts, state.words)

    def merge(self, first: ProfileState, second: ProfileState) -> ProfileState:
        return first if first.words >= second.words else second

    def settled(self, state: ProfileState) -> bool:
        return state.closed
