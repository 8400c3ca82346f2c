"""What the path analysis gathers along each path, in a mergeable form; and the whole text of each path.

Two paths whose collected states have the same key (and the same knowledge) can never be told apart
by the rest of the template, so the analysis merges them. The searches rules ask are gathered by
scriptlint.analysis.tracking (all of them in one pass); the text collector here keeps each path's whole
text, for the variants of small templates and for tests.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.conditions import Element
    from scriptlint.analysis.spoken import Piece
    from scriptlint.analysis.trails import Trail

S = TypeVar("S")


class Collector(Protocol, Generic[S]):
    """Gathers something along a path; states with equal keys are interchangeable for the rest of it."""

    def start(self) -> S:
        """The state at the beginning of every path."""

    def feed(self, state: S, piece: Piece, trail: Trail) -> S:
        """The state after the path (whose trail is given) says `piece`."""

    def key(self, state: S, coarse: bool = False) -> Hashable:
        """What distinguishes states for the rest of the template (`coarse`: a cheaper key some collectors
        offer, see `coarse` on the collector, used when many states are alive)."""

    def branch(self, state: S, element: Element) -> S:
        """The state of the paths that take one branch at a choice (for what it keeps per path)."""

    def merge(self, first: S, second: S, first_trail: Trail, second_trail: Trail) -> S:
        """One state standing for two with equal keys (whose paths' trails are given)."""

    def settled(self, state: S) -> bool:
        """Whether nothing later can change this state (its conditions no longer matter)."""


@record(frozen=True, slots=True)
class TextState:
    """The pieces said so far on a path, and their spoken text."""

    pieces: tuple[Piece, ...]
    text: str


class TextCollector:
    """Keeps the whole text of each path: for the variants of small templates and for tests."""

    def start(self) -> TextState:
        return TextState((), "")

    def feed(self, state: TextState, piece: Piece, trail: Trail) -> TextState:
        return TextState((*state.pieces, piece), state.text + piece.text)

    def key(self, state: TextState, coarse: bool = False) -> Hashable:
        return state.text

    def branch(self, state: TextState, element: Element) -> TextState:
        return state

    def merge(self, first: TextState, second: TextState, first_trail: Trail, second_trail: Trail) -> TextState:
        return first

    def settled(self, state: TextState) -> bool:
        return False


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
