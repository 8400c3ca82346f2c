"""What one path knows about template names: values from `set`, and what its conditions implied.

Taking the `if vm` branch teaches the path that `vm` is truthy, so a later `if vm` on the same path
is decided, and impossible paths (`vm` and `not vm`) are never reported. What a condition node says
(its key, the names it reads) is computed once per node, and learning re-examines only the remembered
conditions whose names just changed, so a long `elif` chain costs about its length, not its square.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import field, replace
from typing import Any

from jinja2 import nodes

from scriptlint.analysis.expressions import UNKNOWN, evaluate
from scriptlint.model.records import record


@record(frozen=True, slots=True)
class Fact:
    """Knowledge about one name: an exact value, or constraints (truthiness, excluded or allowed values)."""

    value: Any = UNKNOWN
    truth: bool | None = None
    excluded: frozenset[Any] = frozenset()
    among: frozenset[Any] | None = None
    # For the truth of a whole condition (`a and b` was false): the names it depends on, and the
    # condition itself, re-examined whenever something new is learnt.
    depends: frozenset[str] = frozenset()
    condition: nodes.Node | None = field(default=None, compare=False, hash=False)
    # What keeps a remembered condition alive (see `liveness_names`): `x.f` for `x.f`, not every use of x.
    reads: frozenset[str] = field(default=frozenset(), compare=False, hash=False)
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)

    def __hash__(self) -> int:
        # A path's facts are hashed each time states merge: a fact's hash is computed once (lazily, as the
        # generated one was, so that building a fact never raises).
        known = self._hash
        if known is None:
            known = hash((self.value, self.truth, self.excluded, self.among, self.depends))
            object.__setattr__(self, "_hash", known)
        return known

    @property
    def known(self) -> bool:
        """Whether the exact value is known."""
        return self.value is not UNKNOWN


# A path's knowledge: sorted (name, fact) pairs, hashable so that paths with equal knowledge merge.
Facts = tuple[tuple[str, Fact], ...]
NO_FACTS: Facts = ()


def as_dict(facts: Facts) -> dict[str, Fact]:
    """The facts as a mapping."""
    return dict(facts)


def freeze(facts: Mapping[str, Fact]) -> Facts:
    """The canonical hashable form."""
    return tuple(sorted(facts.items(), key=lambda item: item[0]))


class FrozenMap(dict[Any, Any]):
    """A mapping value that can be part of a path's (hashable) knowledge."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items(), key=repr)))


def hashable(value: Any) -> Any:
    """Lists as tuples and mappings as FrozenMaps, recursively, so that knowledge can be compared."""
    if isinstance(value, (list, tuple)):
        return tuple(hashable(item) for item in value)
    if isinstance(value, dict):
        return FrozenMap({key: hashable(item) for key, item in value.items()})
    return value


def assign(facts: Facts, name: str, value: Any) -> Facts:
    """Facts after `{% set name = value %}` (UNKNOWN forgets the name, and conditions that read it)."""
    updated = {key: fact for key, fact in facts if name not in fact.depends}
    if value is UNKNOWN:
        updated.pop(name, None)
    else:
        updated[name] = Fact(value=hashable(value))
    return freeze(updated)


def forget_conditions_on(facts: Facts, names: set[str]) -> Facts:
    """Drop remembered conditions that read any of these names (their values just changed)."""
    return tuple(item for item in facts if not (item[1].depends & names))


def restrict(facts: Facts, live: Container[str], alive: dict[str, bool] | None = None) -> Facts:
    """Only the facts about names that are still used later: dead knowledge must not keep paths apart.
    `alive` remembers, across the states of one merge (which ask about the same few names), whether each
    name asked about is in `live`."""
    if alive is None:
        alive = {}
    result = []
    for item in facts:
        name, fact = item
        keep = alive.get(name)
        if keep is None:
            keep = alive[name] = name in live
        if not keep:
            # A remembered condition lives while any name it reads does.
            for other in fact.reads or fact.depends:
                known = alive.get(other)
                if known is None:
                    known = alive[other] = other in live
                if known:
                    keep = True
                    break
        if keep:
            result.append(item)
    # Nothing dropped: the same tuple (states that share their facts keep sharing them, and compare at once).
    return facts if len(result) == len(facts) else tuple(result)


def known_values(base: Mapping[str, Any], facts: Facts) -> dict[str, Any]:
    """Constants for evaluation: the manifest's values overlaid with this path's exact values."""
    merged = dict(base)
    for name, fact in facts:
        if fact.known:
            merged[name] = fact.value
        else:
            merged.pop(name, None)
    return merged


def decide(test: nodes.Node, base: Mapping[str, Any], facts: Facts) -> Any:
    """True, False or UNKNOWN for a condition on this path."""
    table = as_dict(facts)
    decided = _decide(test, table)
    if decided is not UNKNOWN:
        return decided
    value = evaluate(test, known_values(base, facts))
    return UNKNOWN if value is UNKNOWN else bool(value)


def _decide(test: nodes.Node, table: Mapping[str, Fact], remembered_too: bool = True) -> Any:
    remembered = table.get(_condition_key(test)) if remembered_too and not isinstance(test, nodes.Name) else None
    if remembered is not None:
        return remembered.truth
    if isinstance(test, nodes.Not):
        inner = _decide(test.node, table)
        return UNKNOWN if inner is UNKNOWN else not inner
    if isinstance(test, (nodes.And, nodes.Or)):
        left, right = _decide(test.left, table), _decide(test.right, table)
        stop = isinstance(test, nodes.Or)  # the value that decides the whole expression
        if left is stop or right is stop:
            return stop
        return UNKNOWN if UNKNOWN in (left, right) else not stop
    if isinstance(test, nodes.Name):
        fact = table.get(test.name)
        if fact is None:
            return UNKNOWN
        if fact.known:
            return bool(fact.value)
        return UNKNOWN if fact.truth is None else fact.truth
    subject, operator, constant = _comparison(test)
    if subject is None:
        return UNKNOWN
    fact = table.get(subject)
    if fact is None or fact.known:
        return UNKNOWN  # Known values are evaluated by the caller.
    if operator in ("in", "notin"):
        inside: Any = UNKNOWN
        if fact.among is not None and fact.among <= constant:
            inside = True
        elif (fact.among is not None and not fact.among & constant) or constant <= fact.excluded:
            inside = False
        return inside if inside is UNKNOWN or operator == "in" else not inside
    if operator in ("eq", "ne"):
        equal: Any = UNKNOWN
        if constant in fact.excluded or (fact.among is not None and constant not in fact.among):
            equal = False
        elif fact.among is not None and fact.among == {constant}:
            equal = True
        return equal if equal is UNKNOWN or operator == "eq" else not equal
    return UNKNOWN


def _comparison(test: nodes.Node) -> tuple[str | None, str, Any]:
    """(name, operator, constant) for `name == 'x'` and `name != 'x'` (either side), else (None, "", None)."""
    if not isinstance(test, nodes.Compare) or len(test.ops) != 1:
        return None, "", None
    operand = test.ops[0]
    if operand.op in ("in", "notin") and isinstance(test.expr, nodes.Name):
        items = operand.expr.items if isinstance(operand.expr, (nodes.List, nodes.Tuple)) else []
        constants = [item.value for item in items if isinstance(item, nodes.Const)]
        if items and len(constants) == len(items):
            return test.expr.name, operand.op, frozenset(constants)
        return None, "", None
    if operand.op not in ("eq", "ne"):
        return None, "", None
    left, right = test.expr, operand.expr
    if isinstance(left, nodes.Name) and isinstance(right, nodes.Const):
        return left.name, operand.op, right.value
    if isinstance(right, nodes.Name) and isinstance(left, nodes.Const):
        return right.name, operand.op, left.value
    return None, "", None


def learn(test: nodes.Node, outcome: bool, facts: Facts) -> Facts | None:
    """Facts after the condition turned out `outcome` on this path; None if that is impossible."""
    table = as_dict(facts)
    changed: set[str] = set()
    if not _learn(test, outcome, table, changed) or not _propagate(table, changed):
        return None
    return freeze(table)


def _propagate(table: dict[str, Fact], changed: set[str]) -> bool:
    """Re-examine the remembered conditions that read a name whose fact changed, until nothing changes;
    False on a contradiction. Each round follows only the names the previous one changed."""
    pending = changed
    # A fact only ever narrows, so the rounds end; the bound is a guard, never reached in practice.
    for _ in range(2 * len(table) + 2):
        if not pending:
            return True
        current, pending = pending, set()
        for fact in [fact for fact in table.values() if fact.condition is not None and fact.depends & current]:
            assert fact.condition is not None
            now = _decide(fact.condition, table, remembered_too=False)
            if now is not UNKNOWN and now != fact.truth:
                return False
            if not _learn(fact.condition, bool(fact.truth), table, pending):
                return False
    return True


def _learn(test: nodes.Node, outcome: bool, table: dict[str, Fact], changed: set[str]) -> bool:
    """Add what `test` being `outcome` says to `table`, noting in `changed` the names whose fact changed."""
    subject, operator, constant = _comparison(test)
    if subject is None and not isinstance(test, (nodes.Name, nodes.Not)):
        # Remember the whole condition too: `a and b` being false cannot be split into facts on names.
        # (A comparison of a name with constants is said entirely by the name's fact.)
        key = _condition_key(test)
        remembered = table.get(key)
        if remembered is not None and remembered.truth != outcome:
            return False
        if remembered is None:
            table[key] = Fact(truth=outcome, depends=names_in(test), condition=test, reads=liveness_names(test))
    if isinstance(test, nodes.Not):
        return _learn(test.node, not outcome, table, changed)
    if isinstance(test, (nodes.And, nodes.Or)):
        deciding = isinstance(test, nodes.Or)  # the operand value that alone decides the whole
        if outcome != deciding:
            # `a and b` true, `a or b` false: both operands have that value.
            return _learn(test.left, outcome, table, changed) and _learn(test.right, outcome, table, changed)
        # `a or b` true with a known false: b is true (and likewise for `and` being false).
        if _decide(test.left, table) is (not deciding):
            return _learn(test.right, deciding, table, changed)
        if _decide(test.right, table) is (not deciding):
            return _learn(test.left, deciding, table, changed)
        return True
    if isinstance(test, nodes.Name):
        fact = table.get(test.name, Fact())
        if (fact.known and bool(fact.value) != outcome) or (fact.truth is not None and fact.truth != outcome):
            return False
        return _set(table, test.name, replace(fact, truth=outcome), changed)
    if subject is None:
        return True  # Nothing learnt, nothing contradicted.
    fact = table.get(subject, Fact())
    if operator in ("in", "notin"):
        inside = outcome if operator == "in" else not outcome
        if fact.known:
            return (fact.value in constant) == inside
        if inside:
            among = constant - fact.excluded if fact.among is None else (fact.among & constant) - fact.excluded
            if not among:
                return False
            narrowed = Fact(value=next(iter(among))) if len(among) == 1 else replace(fact, among=among)
            return _set(table, subject, narrowed, changed)
        remaining = None if fact.among is None else fact.among - constant
        if remaining is not None and not remaining:
            return False
        return _set(table, subject, replace(fact, excluded=fact.excluded | constant, among=remaining), changed)
    equal = outcome if operator == "eq" else not outcome
    if fact.known:
        return bool(fact.value == constant) == equal
    if equal:
        if constant in fact.excluded or (fact.among is not None and constant not in fact.among):
            return False
        if fact.truth is not None and bool(constant) != fact.truth:
            return False
        return _set(table, subject, Fact(value=constant), changed)
    if constant in fact.excluded:
        return True
    among = None if fact.among is None else fact.among - {constant}
    if among is not None and not among:
        return False
    return _set(table, subject, replace(fact, excluded=fact.excluded | {constant}, among=among), changed)


def _set(table: dict[str, Fact], name: str, fact: Fact, changed: set[str]) -> bool:
    """Store a name's fact, noting the name if what is known about it changed."""
    if table.get(name) != fact:
        table[name] = fact
        changed.add(name)
    return True


def _condition_key(test: nodes.Node) -> str:
    """The key under which a whole condition's truth is remembered (never a template name): the same for
    equal conditions anywhere in the templates, computed once per node."""
    cached: str | None = test.__dict__.get("_scriptlint_condition_key")
    if cached is None:
        cached = test.__dict__["_scriptlint_condition_key"] = f"?{test!r}"
    return cached


def liveness_names(node: nodes.Node) -> frozenset[str]:
    """How an expression reads names, for liveness: `x.f` for an attribute read straight off a name, `x.*`
    for a name read any other way (computed once per node). A condition on `x.f3` stays alive only while
    `x.f3`, or x as a whole, is read later: the `if x.f3` blocks of a loop body do not keep each other's
    knowledge alive (scriptlint.analysis.shared gives statements' summaries the same names)."""
    cached: frozenset[str] | None = node.__dict__.get("_scriptlint_reads")
    if cached is None:
        found: set[str] = set()
        pending = [node]
        while pending:
            current = pending.pop()
            if isinstance(current, nodes.Getattr) and isinstance(current.node, nodes.Name):
                found.add(f"{current.node.name}.{current.attr}")
            elif isinstance(current, nodes.Name):
                found.add(f"{current.name}.*")
            else:
                pending.extend(current.iter_child_nodes())
        cached = node.__dict__["_scriptlint_reads"] = frozenset(found)
    return cached


def names_in(node: nodes.Node) -> frozenset[str]:
    """Every name an expression or statement reads or assigns (computed once per node)."""
    cached: frozenset[str] | None = node.__dict__.get("_scriptlint_names")
    if cached is None:
        found = {name.name for name in node.find_all(nodes.Name)}
        if isinstance(node, nodes.Name):
            found.add(node.name)
        cached = node.__dict__["_scriptlint_names"] = frozenset(found)
    return cached
