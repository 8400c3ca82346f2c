"""The path states of one walk: starting, feeding a piece, taking a branch, merging equal states, and the
limits on how many may be alive at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from scriptlint.analysis.facts import restrict
from scriptlint.analysis.frames import PathState
from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.analysis.trails import joined, taking
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.collectors import Collector
    from scriptlint.analysis.conditions import Element
    from scriptlint.analysis.facts import Facts
    from scriptlint.analysis.liveness import Names
    from scriptlint.analysis.spoken import Piece

MAX_STATES = 4096
# Beyond this many different states of knowledge alive at once, knowledge is dropped so that paths merge:
# answers then may include impossible paths (more findings, never fewer), and say they are approximate.
SOFT_STATES = 256
SOFT_STATES_AFTER = 32
# Beyond this many states alive at once, a collector that can keep paths apart more coarsely does (a path's
# profile by its markers only: see scriptlint.analysis.profile).
COARSE_ABOVE = 8


class TooManyStates(Exception):
    """A pass for several questions keeps too many states apart: its questions are better asked one by one."""


class StateSet:
    """What a walk does to its set of states, through one collector."""

    def __init__(self, collector: Collector[Any], split_above: int | None = None) -> None:
        self.collector = collector
        # With several questions in one pass: beyond this many states (knowledge alone keeping fewer
        # apart), raise TooManyStates instead of going on.
        self.split_above = split_above
        # Set when knowledge had to be dropped to keep the number of states bounded.
        self.approximate = False

    def start(self, facts: Facts) -> PathState:
        """The state at the beginning of every path."""
        return PathState(facts, (), self.collector.start(), None)

    def feed(self, states: list[PathState], piece: Piece) -> list[PathState]:
        """The states after their paths say `piece`."""
        feed = self.collector.feed
        return [PathState(s.facts, s.scopes, feed(s.collected, piece, s.trail), s.trail) for s in states]

    def taking(self, state: PathState, element: Element) -> PathState:
        """The state of the paths that take a branch."""
        collected = self.collector.branch(state.collected, element)
        return PathState(state.facts, state.scopes, collected, taking(state.trail, element))

    def merge(self, states: list[PathState], live: Names) -> list[PathState]:
        """Merge states that cannot differ any more (knowledge about names outside `live` dropped), within
        the limits."""
        merged = self._merge_knowing(states, live)
        if len(merged) > COARSE_ABOVE and getattr(self.collector, "coarse", False):
            merged = self._merge_knowing(merged, live, coarse=True)
        # Once knowledge has been dropped the answers are approximate: later drops come sooner.
        soft = SOFT_STATES_AFTER if self.approximate else SOFT_STATES
        if len(merged) > soft:
            known = len({(state.facts, state.scopes) for state in merged})
            if known > soft:
                self.approximate = True
                merged = self._merge_knowing(merged, frozenset())
            elif self.split_above is not None and len(merged) > self.split_above:
                raise TooManyStates
        if len(merged) > MAX_STATES:
            raise TemplateProblem("SL04", f"the template has more than {MAX_STATES:,} paths that differ at once", 1)
        return merged

    def _merge_knowing(self, states: list[PathState], live: Names, coarse: bool = False) -> list[PathState]:
        """Merge states that are equal once knowledge about names outside `live` is dropped (`coarse`: by the
        collector's coarse keys)."""
        collector = self.collector
        groups: dict[Any, list[PathState]] = {}
        # States share their facts, and `live` answers through a chain of bodies: each name asked once here.
        alive: dict[str, bool] = {}
        restricted: dict[int, Facts] = {}
        for original in states:
            # A state on which nothing can change any more needs no conditions.
            trail = None if collector.settled(original.collected) else original.trail
            # A coarse merge follows a merge by the same `live`: the facts are restricted already.
            facts = original.facts if coarse else restricted.get(id(original.facts))
            if facts is None:
                facts = restricted[id(original.facts)] = restrict(original.facts, live, alive)
            state = PathState(facts, original.scopes, original.collected, trail)
            groups.setdefault((state.facts, state.scopes, collector.key(state.collected, coarse)), []).append(state)
        merged = []
        for group in groups.values():
            if len(group) == 1:
                merged.append(group[0])
                continue
            collected, trail = group[0].collected, group[0].trail
            for state in group[1:]:
                collected = collector.merge(collected, state.collected, trail, state.trail)
                trail = joined((trail, state.trail))
            merged.append(PathState(group[0].facts, group[0].scopes, collected, joined(s.trail for s in group)))
        return merged


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """A walk allocates millions of small objects that form no cycles (trails, states): the cyclic garbage
    collector, which would look at all of them again and again, is paused while it runs (reference
    counting still frees what is dropped), and resumed as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    except TooManyStates:
        raise  # asked again one by one at once: a bounded set of states, not worth freezing the process for
    except BaseException:
        # Stopped (its budget, its limits): the walk's objects are garbage about to be freed by reference
        # counting as the error unwinds. Frozen first, so that the collector resumed below does not scan
        # them all once more (1.5 s for half a gigabyte of states, past the file's budget); they form no
        # cycles, so reference counting frees them frozen as well. Noted for releasing_frozen_walks.
        if not _FROZEN.walks:
            _FROZEN.before = gc.get_freeze_count()  # counts them one by one: only on this rare path
        _FROZEN.walks += 1
        gc.freeze()
        raise
    finally:
        if enabled:
            gc.enable()


# The collector is the process's, and so is this: how many stopped walks froze its objects since they were
# last handed back, and how many objects the process had frozen before the first of them (a worker freezes
# what it inherits). Asking the collector for its frozen count at every file would cost milliseconds: it
# counts them one by one.
@record(slots=True)
class _FrozenWalks:
    walks: int = 0
    before: int = 0


_FROZEN = _FrozenWalks()


@contextmanager
def releasing_frozen_walks() -> Iterator[None]:
    """Within it, a walk stopped by its limits freezes its objects (without_cycle_collection); at its end, once
    they are freed, what was frozen is handed back to the collector, which would otherwise never reclaim the
    cyclic garbage frozen with them. In a process that had frozen objects before (a worker freezes what it
    inherits), that garbage is collected and the rest frozen again, so that its collections stay as cheap as
    before; elsewhere (an embedding process) no collection is forced."""
    try:
        yield
    finally:
        if _FROZEN.walks:
            _FROZEN.walks = 0
            gc.unfreeze()
            if _FROZEN.before:
                gc.collect()
                gc.freeze()
