"""Path conditions: which branches lead to a point, as a small disjunction of conjunctions, in words.

When paths merge (they reach the same point knowing the same things), their conditions are joined and
simplified: if every branch of a choice leads to the same place, the choice does not matter and is
dropped. So 40 independent `if`s that do not change an answer add nothing to its condition.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import field

from jinja2 import nodes

from scriptlint.analysis.expressions import describe, negate, neither
from scriptlint.model.records import record

# (choice, branch): the branch taken at one choice point.
Element = tuple[int, int]
Conjunction = frozenset[Element]
# Beyond this many alternatives a condition is cut short (and says so) rather than grow without bound.
MAX_ALTERNATIVES = 16


@record
class ChoiceTable:
    """The choice points met in one analysis: how many branches each has and each branch's words.

    The words of an `if`/`elif` chain's branches are written only when a condition is described (a
    2,000-arm chain would otherwise spell out two million negations that no message shows).
    """

    branch_counts: dict[int, int] = field(default_factory=dict)
    # Per choice: its branches' words, or the chain's tests to word them from when asked.
    _branches: dict[int, list[str | None] | list[nodes.Node]] = field(default_factory=dict)
    _worded: dict[Element, str | None] = field(default_factory=dict)
    # Choice ids handed out so far (a reserved id may never be described: no path split there).
    issued: int = 0

    def new_choice(self, branch_words: list[str | None]) -> int:
        """Register a choice point with the words of each branch; return its id."""
        choice = self.reserve()
        self.describe(choice, branch_words)
        return choice

    def reserve(self) -> int:
        """A new choice id, ordered after every earlier one; described when a path first splits there."""
        self.issued += 1
        return self.issued - 1

    def describe(self, choice: int, branch_words: list[str | None]) -> None:
        """Give a reserved choice its branches' words."""
        self.branch_counts[choice] = len(branch_words)
        self._branches[choice] = branch_words

    def describe_chain(self, choice: int, tests: list[nodes.Node]) -> None:
        """Give a reserved choice the branches of an if/elif/else chain: each test, then the else."""
        self.branch_counts[choice] = len(tests) + 1
        self._branches[choice] = tests

    def words(self, element: Element) -> str | None:
        """The words of one branch (None: nothing to say, as for a loop's items)."""
        if element not in self._worded:
            choice, index = element
            branches = self._branches.get(choice)
            if branches is None or index >= self.branch_counts[choice]:
                return None
            if branches and isinstance(branches[0], nodes.Node):
                tests: list[nodes.Node] = branches
                last = describe(tests[index]) if index < len(tests) else None
                self._worded[element] = _join_negations(tests[:index], last)
            else:
                self._worded[element] = branches[index]  # type: ignore[assignment]
        return self._worded[element]


@record(frozen=True)
class Conditions:
    """Alternative conjunctions of branch choices; the empty conjunction means "on every path"."""

    alternatives: frozenset[Conjunction] = frozenset({frozenset()})
    truncated: bool = False

    def taking(self, element: Element) -> Conditions:
        """The conditions after also taking one branch."""
        return Conditions(frozenset(c | {element} for c in self.alternatives), self.truncated)

    def join(self, other: Conditions, table: ChoiceTable) -> Conditions:
        """Either these or the other conditions, simplified."""
        return Conditions.join_all([self, other], table)

    @staticmethod
    def join_all(conditions: list[Conditions], table: ChoiceTable, meter: Meter | None = None) -> Conditions:
        """Any of these conditions, simplified once (as far as the meter allows)."""
        union = frozenset().union(*(c.alternatives for c in conditions))
        truncated = any(c.truncated for c in conditions)
        if len(union) > 16 * MAX_ALTERNATIVES:
            # Too many to simplify cheaply: keep the simplest and say the list was cut short.
            kept = frozenset(sorted(union, key=lambda c: (len(c), sorted(c)))[:MAX_ALTERNATIVES])
            return Conditions(kept, True)
        meter = meter or Meter()
        merged = _simplify(union, table, meter)
        if len(merged) > 1:
            # The sibling rule is greedy: a union it cannot shrink may still not depend on some choice
            # ("a and b", "not a", "not b" is every path). Such choices drop out, and it runs again.
            relevant = _without_irrelevant_choices(merged, table, meter)
            if relevant != merged:
                merged = _simplify(relevant, table, meter)
        truncated = truncated or len(merged) > MAX_ALTERNATIVES
        if len(merged) > MAX_ALTERNATIVES:
            merged = frozenset(sorted(merged, key=lambda c: (len(c), sorted(c)))[:MAX_ALTERNATIVES])
        return Conditions(merged, truncated)

    def ordered(self) -> list[Conjunction]:
        """The alternatives in a stable order: simplest first."""
        return sorted(self.alternatives, key=lambda c: (len(c), sorted(c)))

    def describe(self, table: ChoiceTable) -> list[str | None]:
        """Each alternative in words (`when lang == 'es' and ...`), None for "on every path", in order()."""
        described: list[str | None] = []
        for conjunction in self.ordered():
            words = [w for w in (table.words(element) for element in sorted(conjunction)) if w]
            if len(words) > 1:
                # "(b or c) and not b": an alternative inside a conjunction needs its parentheses.
                words = [f"({w})" if " or " in w and not w.startswith("(") else w for w in words]
            text = " and ".join(words)
            described.append(f"when {text}" if text else None)
        return described


@record
class Meter:
    """Work allowed for simplifying conditions (element visits); past it, alternatives are left as they are,
    which is never wrong, only wordier. Deterministic, unlike a clock: the same file gets the same words."""

    allowance: int = 1 << 62

    def spend(self, work: int) -> bool:
        """Take `work` from the allowance; False when it has run out."""
        self.allowance -= work
        return self.allowance >= 0


def _simplify(alternatives: Iterable[Conjunction], table: ChoiceTable, meter: Meter) -> frozenset[Conjunction]:
    current = set(alternatives)
    changed = True
    while changed:
        changed = False
        if not meter.spend(sum(len(c) * len(c) for c in current) + len(current)):
            break
        # A choice all of whose branches appear with the same rest does not matter: keep the rest.
        siblings: dict[tuple[Conjunction, int], set[int]] = {}
        for conjunction in current:
            for choice, branch in conjunction:
                siblings.setdefault((conjunction - {(choice, branch)}, choice), set()).add(branch)
        for (rest, choice), branches in siblings.items():
            if len(branches) == table.branch_counts.get(choice, -1):
                current.difference_update(rest | {(choice, branch)} for branch in branches)
                current.add(rest)
                changed = True
    # Absorption: a more general alternative makes a more specific one redundant.
    if not meter.spend(len(current) * len(current)):
        return frozenset(current)
    ordered = sorted(current, key=len)
    kept: list[Conjunction] = []
    for conjunction in ordered:
        if not any(general <= conjunction for general in kept):
            kept.append(conjunction)
    return frozenset(kept)


# Conditions over more combinations of branches than this are not checked for choices that do not matter.
_MAX_ASSIGNMENTS = 256


def _without_irrelevant_choices(
    alternatives: frozenset[Conjunction], table: ChoiceTable, meter: Meter
) -> frozenset[Conjunction]:
    """The alternatives with every choice the condition does not depend on left out (checked on the table
    of all combinations of the choices involved, when there are few)."""
    choices = sorted({choice for conjunction in alternatives for choice, _ in conjunction})
    counts = [table.branch_counts.get(choice, 0) for choice in choices]
    size = 1
    for count in counts:
        size *= max(count, 1)
    if not choices or min(counts) < 1 or size > _MAX_ASSIGNMENTS:
        return alternatives
    if not meter.spend(size * sum(len(c) for c in alternatives)):
        return alternatives
    position = {choice: index for index, choice in enumerate(choices)}
    coded = [tuple((position[choice], branch) for choice, branch in conjunction) for conjunction in alternatives]
    truth = {
        combination: any(all(combination[p] == b for p, b in conjunction) for conjunction in coded)
        for combination in itertools.product(*(range(count) for count in counts))
    }
    irrelevant = set()
    for index, choice in enumerate(choices):
        if all(truth[c] == truth[(*c[:index], 0, *c[index + 1 :])] for c in truth):
            irrelevant.add(choice)
    if not irrelevant:
        return alternatives
    return frozenset(
        frozenset(element for element in conjunction if element[0] not in irrelevant) for conjunction in alternatives
    )


def _join_negations(earlier: list[nodes.Node], last: str | None) -> str | None:
    grouped = neither(earlier)
    parts = [grouped] if grouped else [negate(test) for test in earlier]
    if last is not None:
        parts.append(last)
    parts = [p for p in parts if p]
    if len(parts) > 1:
        parts = [f"({p})" if " or " in p and not p.startswith(("(", "not (")) else p for p in parts]
    return " and ".join(parts) or None
