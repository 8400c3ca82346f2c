"""Where paths came from, recorded as they are walked; their conditions are worked out only when a message needs them.

A path state carries a trail: the branches it took and the states it was merged from,
shared between states as a graph. Recording a trail costs one small object per branch taken or merge,
whatever the number of paths. Turning a trail into conditions (`Conditions`: alternatives of branch
choices, simplified, in words) is done on demand, for the paths a failing answer reports, with the
same algebra the walk used to apply eagerly: so the wording is the same, and a template whose answers
all pass never spends anything on conditions. The work is bounded: past a budget the remaining
conditions are listed from one witness path each and marked as cut short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import field
from typing import TYPE_CHECKING, Any

from scriptlint.analysis.conditions import Conditions, Meter
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.conditions import ChoiceTable, Element

# Work (element visits) spent simplifying one pass's conditions before they are left unsimplified and
# then listed from witnesses: about a tenth of a second; an ordinary script needs a few thousand.
WORK_BUDGET = 50_000


# A trail is None (the start of every path: no choice taken yet), a branch taken after a trail, `(parent,
# (choice, branch))`, or a merge of several trails, `(JOIN, (trail, ...))`. Plain tuples of numbers and
# tuples: the garbage collector stops following them after it has seen them once, and a large template
# makes millions of them.
Trail = tuple[Any, ...] | None
JOIN = "join"


def taking(trail: Trail, element: Element) -> Trail:
    """The trail after also taking a branch."""
    return (trail, element)


def joined(trails: Iterable[Trail]) -> Trail:
    """One trail for the paths of all of these."""
    if isinstance(trails, tuple) and len(trails) == 2:
        first, second = trails
        return first if first is second else (JOIN, trails)
    parts: list[Trail] = []
    seen: set[int] = set()
    for trail in trails:
        if id(trail) not in seen:
            seen.add(id(trail))
            parts.append(trail)
    if len(parts) == 1:
        return parts[0]
    return (JOIN, tuple(parts))


def _is_join(node: tuple[Any, ...]) -> bool:
    return node[0] is JOIN


_EVERY = Conditions()


@record(frozen=True, slots=True)
class _Link:
    """One path of a trail past the budget: a branch taken (if any) after the path below, or at the bottom
    the conditions already known; and whether the trail held more paths than this one."""

    below: _Link | None = None
    element: Element | None = None
    base: Conditions | None = None
    cut: bool = False


@record
class ConditionBuilder:
    """Conditions of trails in one analysis (memoised: trails share most of their history)."""

    table: ChoiceTable
    # Called now and then during long work (the file's time budget).
    check: Callable[[], None] = lambda: None
    meter: Meter = field(default_factory=lambda: Meter(WORK_BUDGET))
    _next_check: int = WORK_BUDGET
    _steps: int = 0
    _memo: dict[int, tuple[Trail, Conditions]] = field(default_factory=dict)
    _links: dict[int, tuple[Trail, _Link]] = field(default_factory=dict)

    def conditions(self, trail: Trail) -> Conditions:
        """The conditions under which a path has this trail."""
        if trail is None:
            return _EVERY
        memo = self._memo
        stack: list[Trail] = [trail]
        while stack:
            if id(trail) in memo:
                break
            if self.meter.allowance <= 0:
                # Past the budget: one path stands for the rest, found without looking at the others.
                return self._witness(trail)
            self._steps += 1
            if self._steps % 2048 == 0:
                self.check()
            node = stack[-1]
            if node is None or id(node) in memo:
                stack.pop()
                continue
            # A run of branches taken one after the other is applied at once.
            elements: list[Element] = []
            base: Trail = node
            while base is not None and not _is_join(base) and id(base) not in memo:
                elements.append(base[1])
                base = base[0]
            self.meter.spend(len(elements))
            if base is not None and _is_join(base) and id(base) not in memo:
                waiting = [part for part in base[1] if part is not None and id(part) not in memo]
                if waiting:
                    stack.extend(waiting)
                    continue
                memo[id(base)] = (base, self._join([self._known(part) for part in base[1]]))
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
        link = self._link(trail)
        cut = link.cut
        elements: list[Element] = []
        while link.element is not None or link.below is not None:
            if link.element is not None:
                elements.append(link.element)
            link = link.below if link.below is not None else _Link()
        base = link.base if link.base is not None else _EVERY
        return Conditions(frozenset({min(base.alternatives, key=len) | frozenset(elements)}), cut)

    def _link(self, trail: Trail) -> _Link:
        """One path of this trail as a chain of branches, shared with the trails it came from (each node is
        looked at once, however many trails lead through it)."""
        path: list[tuple[Any, ...]] = []
        node = trail
        while node is not None and id(node) not in self._links and id(node) not in self._memo:
            self._steps += 1
            if self._steps % 2048 == 0:
                self.check()
            path.append(node)
            node = node[1][0] if _is_join(node) else node[0]
        if node is None:
            link = _Link()
        elif id(node) in self._links:
            link = self._links[id(node)][1]
        else:
            known = self._memo[id(node)][1]
            link = _Link(base=known, cut=known.truncated or len(known.alternatives) > 1)
        for passed in reversed(path):
            if not _is_join(passed):
                link = _Link(link, passed[1], None, link.cut)
            elif len(passed[1]) > 1:
                link = _Link(link, None, None, True)
            self._links[id(passed)] = (passed, link)
        return link

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
