"""Where the path analysis is in a template (frames with their macros and blocks), and one path's state."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import field, replace
from typing import TYPE_CHECKING, Any

from jinja2 import nodes

from scriptlint.analysis.expressions import UNKNOWN
from scriptlint.analysis.facts import NO_FACTS, Fact, as_dict, assign, forget_conditions_on, freeze
from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.facts import Facts
    from scriptlint.analysis.jinja import ParsedTemplate
    from scriptlint.analysis.trails import Trail
    from scriptlint.model.answers import Hop

# Per open scope: whether it hides the outer names (include without context), and the facts of the
# names assigned in it as they were before (None: the name was not known).
Scope = tuple[bool, tuple[tuple[str, Fact | None], ...]]


@record(frozen=True, slots=True)
class PathState:
    """One path (or several that cannot be told apart): knowledge, scopes, collected state, and where it
    came from (its conditions, worked out when needed)."""

    facts: Facts
    scopes: tuple[Scope, ...]
    collected: Any
    trail: Trail


@record
class Macro:
    node: nodes.Macro
    frame: Frame


@record
class Frame:
    """Where the walk is: the template and file, the manifest values visible, macros and blocks."""

    template: ParsedTemplate
    display: str
    via: tuple[Hop, ...]
    base: Mapping[str, Any]
    macros: dict[str, Macro] = field(default_factory=dict)
    namespaces: dict[str, dict[str, Macro]] = field(default_factory=dict)
    blocks: dict[str, list[tuple[nodes.Block, Frame]]] = field(default_factory=dict)
    caller: tuple[nodes.CallBlock, Frame] | None = None
    super_block: tuple[list[tuple[nodes.Block, Frame]], int] | None = None
    stack: tuple[str, ...] = ()


def define(table: dict[str, Any], name: str, definition: Any, statement: nodes.Node) -> None:
    """Bind a macro or namespace name; a second, different definition (per branch) is not followed."""
    old = table.get(name)
    if old is not None and definition_node(old) != definition_node(definition):
        raise TemplateProblem(
            "SL04",
            f"{name!r} is defined more than once (for example on different branches); scriptlint follows one"
            " definition per name: give the variants different names",
            statement.lineno,
        )
    table[name] = definition


def definition_node(definition: Any) -> Any:
    if isinstance(definition, dict):
        return tuple(sorted((key, id(value.node)) for key, value in definition.items()))
    return definition.node


@contextmanager
def reached_through(
    statement: nodes.Node, verb: str, inner: Frame | None, display: str | None = None
) -> Iterator[None]:
    """Report a problem inside an included template at the statement that reached it."""
    try:
        yield
    except TemplateProblem as exc:
        where = display if display is not None else (inner.display if inner is not None else "?")
        message = f"in {where}, line {exc.line} (reached by {verb}): {exc.message}"
        raise TemplateProblem(exc.code, message, statement.lineno, timing=exc.timing) from None


def push(states: list[PathState], isolated: bool = False) -> list[PathState]:
    pushed = []
    for state in states:
        if isolated:
            saved = tuple((name, fact) for name, fact in state.facts)
            pushed.append(replace(state, facts=NO_FACTS, scopes=(*state.scopes, (True, saved))))
        else:
            pushed.append(replace(state, scopes=(*state.scopes, (False, ()))))
    return pushed


def pop(states: list[PathState]) -> list[PathState]:
    popped = []
    for state in states:
        if not state.scopes:  # a settled state dropped its scopes
            popped.append(state)
            continue
        isolated, saved = state.scopes[-1]
        facts = {} if isolated else as_dict(forget_conditions_on(state.facts, {name for name, _ in saved}))
        for name, old in saved:
            if old is None:
                facts.pop(name, None)
            else:
                facts[name] = old
        popped.append(replace(state, facts=freeze(facts), scopes=state.scopes[:-1]))
    return popped


def assign_name(state: PathState, target: nodes.Node, value: Any) -> PathState:
    if isinstance(target, nodes.Tuple):
        values = value if isinstance(value, (list, tuple)) and len(value) == len(target.items) else None
        for index, item in enumerate(target.items):
            state = assign_name(state, item, values[index] if values else UNKNOWN)
        return state
    if isinstance(target, nodes.NSRef):
        # `{% set ns.x = ... %}` changes the namespace: forget what is known about it.
        target, value = nodes.Name(target.name, "store"), UNKNOWN
    if not isinstance(target, nodes.Name):
        return state
    scopes = state.scopes
    if scopes and not scopes[-1][0]:
        isolated, saved = scopes[-1]
        if all(name != target.name for name, _ in saved):
            old = as_dict(state.facts).get(target.name)
            scopes = (*scopes[:-1], (isolated, (*saved, (target.name, old))))
    return replace(state, facts=assign(state.facts, target.name, value), scopes=scopes)
