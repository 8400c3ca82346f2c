"""Where paths came from, recorded as they are walked; their conditions are worked out only when a message needs them.

A path state carries a trail: the branches it took (`Take`) and the states it was merged from (`Join`),
shared between states as a graph. Recording a trail costs one small object per branch taken or merge,
whatever the number of paths. Turning a trail into conditions (`Conditions`: alternatives of branch
choices, simplified, in words) is done on demand, for the paths a failing answer reports, with the
same algebra the walk used to apply eagerly: so the wording is the same, and a template whose answers
all pass never spends anything on conditions. The work is bounded: past a budget the remaining
conditions are listed from one witness path each and marked as cut short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from scriptlint.analysis.conditions import ChoiceTable, Conditions, Element, Meter

# Work (element visits) spent simplifying one pass's conditions before they are left unsimplified and
# then listed from witnesses: about a tenth of a second; an ordinary script needs a few thousand.
WORK_BUDGET = 50_000


class Take:
    """The paths of `parent` that took one branch at a choice."""

    __slots__ = ("element", "parent")

    def __init__(self, parent: Trail, element: Element) -> None:
        self.parent = parent
        self.element = element


class Join:
    """The paths of several trails, merged because they reached the same point knowing the same things."""

    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Trail, ...]) -> None:
        self.parts = parts


# None is the start of every path: no choice taken yet.
Trail = Take | Join | None


def taking(trail: Trail, element: Element) -> Trail:
    """The trail after also taking a branch."""
    return Take(trail, element)


def joined(trails: Iterable[Trail]) -> Trail:
    """One trail for the paths of all of these."""
    parts: list[Trail] = []
    seen: set[int] = set()
    for trail in trails:
        if id(trail) not in seen:
            seen.add(id(trail))
            parts.append(trail)
    if len(parts) == 1:
        return parts[0]
    return Join(tuple(parts))


_EVERY = Conditions()


@dataclass
class ConditionBuilder:
    """Conditions of trails in one analysis (memoised: trails share most of their history)."""

    table: ChoiceTable
    # Called now and then during long work (the file's time budget).
    check: Callable[[], None] = lambda: None
    meter: Meter = field(default_factory=lambda: Meter(WORK_BUDGET))
    _next_check: int = WORK_BUDGET
    _memo: dict[int, tuple[Trail, Conditions]] = field(default_factory=dict)

    def conditions(self, trail: Trail) -> Conditions:
        """The conditions under which a path has this trail."""
        if trail is None:
            return _EVERY
        memo = self._memo
        if self.meter.allowance <= 0 and id(trail) not in memo:
            return self._witness(trail)
        stack: list[Trail] = [trail]
        while stack:
            node = stack[-1]
            if node is None or id(node) in memo:
                stack.pop()
                continue
            if self.meter.allowance <= 0:
                # Past the budget: one path stands for the rest, found without looking at the others.
                memo[id(node)] = (node, self._witness(node))
                stack.pop()
                continue
            # A run of branches taken one after the other is applied at once.
            elements: list[Element] = []
            base: Trail = node
            while isinstance(base, Take) and id(base) not in memo:
                elements.append(base.element)
                base = base.parent
            if isinstance(base, Join) and id(base) not in memo:
                waiting = [part for part in base.parts if part is not None and id(part) not in memo]
                if waiting:
                    stack.extend(waiting)
                    continue
                memo[id(base)] = (base, self._join([self._known(part) for part in base.parts]))
            stack.pop()
            if elements:
                memo[id(node)] = (node, self._taking(self._known(base), reversed(elements)))
        return memo[id(trail)][1]

    def join(self, trails: Iterable[Trail]) -> Conditions:
        """The conditions of any of these trails, simplified together."""
        return self._join([self.conditions(trail) for trail in trails])

    def join_conditions(self, parts: list[Conditions]) -> Conditions:
        """Any of these conditions, simplified together (within the budget)."""
        return self._join(parts)

    def _witness(self, trail: Trail) -> Conditions:
        """The conditions of one path of this trail (the first part of every merge), marked as cut short
        when the trail holds more paths."""
        elements: list[Element] = []
        cut = False
        node = trail
        while node is not None and id(node) not in self._memo:
            if isinstance(node, Take):
                elements.append(node.element)
                node = node.parent
            else:
                cut = cut or len(node.parts) > 1
                node = node.parts[0]
        base = self._known(node)
        witness = min(base.alternatives, key=len)
        cut = cut or base.truncated or len(base.alternatives) > 1
        return Conditions(frozenset({witness | frozenset(elements)}), cut)

    def _known(self, trail: Trail) -> Conditions:
        return _EVERY if trail is None else self._memo[id(trail)][1]

    def _taking(self, conditions: Conditions, elements: Iterable[Element]) -> Conditions:
        added = frozenset(elements)
        alternatives = conditions.alternatives
        truncated = conditions.truncated
        if not self.meter.spend(len(alternatives) * len(added)) and len(alternatives) > 1:
            # Past the budget: one path stands for all (cut short).
            alternatives, truncated = frozenset({min(alternatives, key=len)}), True
        return Conditions(frozenset(c | added for c in alternatives), truncated)

    def _join(self, parts: list[Conditions]) -> Conditions:
        if self.meter.allowance <= self._next_check:
            self._next_check = self.meter.allowance - 20_000
            self.check()
        if self.meter.allowance > 0:
            return Conditions.join_all(parts, self.table, self.meter)
        # Past the budget: no more simplifying; one path of the first part stands for all (cut short).
        first = parts[0]
        witness = min(first.alternatives, key=len)
        cut = len(parts) > 1 or len(first.alternatives) > 1 or first.truncated
        return Conditions(frozenset({witness}), cut)
