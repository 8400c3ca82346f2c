"""Abstract interpretation of a parsed template: every path at once, merging paths that cannot differ.

The interpreter walks the Jinja AST (never rendering it) with a set of path states. A state holds
what its path knows (values set, conditions taken), the conditions in words, and what a collector
has gathered so far. Conditions it can decide prune branches; others split the state. After each
statement, knowledge about names no longer used is dropped and states with equal keys are merged,
so the number of states stays small for templates with many independent branches.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from jinja2 import Environment, TemplateNotFound, nodes

from scriptlint.analysis.collectors import Collector
from scriptlint.analysis.conditions import ChoiceTable, Conditions
from scriptlint.analysis.expressions import UNKNOWN, describe, evaluate, negate, neither
from scriptlint.analysis.facts import (
    NO_FACTS,
    Fact,
    Facts,
    as_dict,
    assign,
    decide,
    forget_conditions_on,
    freeze,
    known_values,
    learn,
    names_in,
    restrict,
)
from scriptlint.analysis.jinja import ConfinedLoader, OutsideRoot, ParsedTemplate, TemplateProblem, parse
from scriptlint.analysis.shared import SharedCache
from scriptlint.analysis.spoken import Piece
from scriptlint.model.answers import Hop

MAX_STATES = 4096
# Beyond this many states alive at once, knowledge is dropped so that paths merge: answers then may
# include impossible paths (more findings, never fewer), and say they are approximate.
SOFT_STATES = 256
MAX_INCLUDE_DEPTH = 20
MAX_CALL_DEPTH = 50
# A loop over a known list longer than this is followed as "zero or one time", like an unknown one.
MAX_LOOP_ITEMS = 20

# Per open scope: whether it hides the outer names (include without context), and the facts of the
# names assigned in it as they were before (None: the name was not known).
Scope = tuple[bool, tuple[tuple[str, Fact | None], ...]]


@dataclass(frozen=True, slots=True)
class PathState:
    """One path (or several that cannot be told apart): knowledge, scopes, conditions, collected state."""

    facts: Facts
    scopes: tuple[Scope, ...]
    collected: Any
    conditions: Conditions


@dataclass
class _Macro:
    node: nodes.Macro
    frame: Frame


@dataclass
class Frame:
    """Where the walk is: the template and file, the manifest values visible, macros and blocks."""

    template: ParsedTemplate
    display: str
    via: tuple[Hop, ...]
    base: Mapping[str, Any]
    macros: dict[str, _Macro] = field(default_factory=dict)
    namespaces: dict[str, dict[str, _Macro]] = field(default_factory=dict)
    blocks: dict[str, list[tuple[nodes.Block, Frame]]] = field(default_factory=dict)
    caller: tuple[nodes.CallBlock, Frame] | None = None
    super_block: tuple[list[tuple[nodes.Block, Frame]], int] | None = None
    stack: tuple[str, ...] = ()


class Interpreter:
    """Runs one collector over every path of a template."""

    def __init__(
        self,
        environment: Environment,
        collector: Collector[Any],
        table: ChoiceTable,
        display_of: Any,
        deadline: float | None = None,
        shared: SharedCache | None = None,
    ) -> None:
        self.environment = environment
        # time.monotonic() after which the analysis of this file stops (SL04): the per-file budget.
        self.deadline = deadline
        self.collector = collector
        self.table = table
        self.display_of = display_of
        # Shared by the analyses of one script: parsed includes and node summaries do not change.
        self.shared = shared if shared is not None else SharedCache()
        self._templates = self.shared.templates
        self._names: dict[int, frozenset[str]] = {}
        # Set when knowledge had to be dropped to keep the number of states bounded.
        self.approximate = False

    def run(self, parsed: ParsedTemplate, display: str, base: Mapping[str, Any], facts: Facts) -> list[PathState]:
        """The final states of every path; raise TemplateProblem for what cannot be followed."""
        frame = Frame(parsed, display, (), base, stack=(parsed.name,))
        states = [PathState(facts, (), self.collector.start(), Conditions())]
        return self._merge(self._template(parsed.ast, frame, states, frozenset()), frozenset())

    # --- bookkeeping -------------------------------------------------------------------------

    def _merge(self, states: list[PathState], live: frozenset[str]) -> list[PathState]:
        merged = self._merge_knowing(states, live)
        if len(merged) > SOFT_STATES:
            self.approximate = True
            merged = self._merge_knowing(merged, frozenset())
        if len(merged) > MAX_STATES:
            raise TemplateProblem("SL04", f"the template has more than {MAX_STATES:,} paths that differ at once", 1)
        return merged

    def _merge_knowing(self, states: list[PathState], live: frozenset[str]) -> list[PathState]:
        """Merge states that are equal once knowledge about names outside `live` is dropped."""
        groups: dict[Any, list[PathState]] = {}
        for original in states:
            if self.collector.settled(original.collected):
                state = PathState(NO_FACTS, (), original.collected, original.conditions)
            else:
                state = PathState(
                    restrict(original.facts, live), original.scopes, original.collected, original.conditions
                )
            groups.setdefault((state.facts, state.scopes, self.collector.key(state.collected)), []).append(state)
        merged = []
        for group in groups.values():
            if len(group) == 1:
                merged.append(group[0])
                continue
            collected = group[0].collected
            for state in group[1:]:
                collected = self.collector.merge(collected, state.collected)
            # All the group's conditions are joined (and simplified) at once.
            conditions = Conditions.join_all([state.conditions for state in group], self.table)
            merged.append(PathState(group[0].facts, group[0].scopes, collected, conditions))
        return merged

    def _feed(self, states: list[PathState], piece: Piece) -> list[PathState]:
        feed = self.collector.feed
        return [PathState(s.facts, s.scopes, feed(s.collected, piece), s.conditions) for s in states]

    @staticmethod
    def _push(states: list[PathState], isolated: bool = False) -> list[PathState]:
        pushed = []
        for state in states:
            if isolated:
                saved = tuple((name, fact) for name, fact in state.facts)
                pushed.append(replace(state, facts=NO_FACTS, scopes=(*state.scopes, (True, saved))))
            else:
                pushed.append(replace(state, scopes=(*state.scopes, (False, ()))))
        return pushed

    @staticmethod
    def _pop(states: list[PathState]) -> list[PathState]:
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

    @staticmethod
    def _assign(state: PathState, target: nodes.Node, value: Any) -> PathState:
        if isinstance(target, nodes.Tuple):
            values = value if isinstance(value, (list, tuple)) and len(value) == len(target.items) else None
            for index, item in enumerate(target.items):
                state = Interpreter._assign(state, item, values[index] if values else UNKNOWN)
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

    def _known(self, state: PathState, frame: Frame) -> dict[str, Any]:
        return known_values(frame.base, state.facts)

    # --- statements ---------------------------------------------------------------------------

    def _template(self, ast: nodes.Template, frame: Frame, states: list[PathState], live: frozenset[str]) -> Any:
        nested = [node for node in self.shared.find_all(ast, nodes.Extends) if node not in ast.body]
        if nested:
            raise TemplateProblem(
                "SL04", "extends inside a condition or block is not followed: put it at the top level", nested[0].lineno
            )
        position = next((i for i, node in enumerate(ast.body) if isinstance(node, nodes.Extends)), None)
        if position is None:
            return self._body(ast.body, frame, states, live)
        extends = ast.body[position]
        assert isinstance(extends, nodes.Extends)
        # What comes before `extends` is output as usual; after it, a child template only runs its
        # set/import/macro statements, and its blocks fill the parent's.
        states = self._body(ast.body[:position], frame, states, live | self._names_of(ast, frame))
        for node in ast.body[position + 1 :]:
            if isinstance(node, (nodes.Assign, nodes.Import, nodes.FromImport, nodes.Macro)):
                states = self._statement(node, frame, states, live)
        for block in self.shared.find_all(ast, nodes.Block):
            # Most-derived first: a grandchild's blocks were added before this child's.
            frame.blocks.setdefault(block.name, []).append((block, frame))
        parent, parent_frame = self._load(extends.template, extends, frame, "extends")
        if parent is None:
            return states
        parent_frame.blocks = frame.blocks
        with _reached_through(extends, "extends", parent_frame):
            return self._template(parent.ast, parent_frame, states, live)

    def _body(
        self, body: Sequence[nodes.Node], frame: Frame, states: list[PathState], live: frozenset[str]
    ) -> list[PathState]:
        suffixes = self._suffix_names(body, frame)
        for index, node in enumerate(body):
            if self.deadline is not None and time.monotonic() > self.deadline:
                raise TemplateProblem(
                    "SL04", "the analysis of this file took longer than its time budget", node.lineno, timing=True
                )
            after = suffixes[index + 1] | live
            states = self._merge(self._statement(node, frame, states, after), after)
            if not states:
                break
        return states

    def _statement(self, node: nodes.Node, frame: Frame, states: list[PathState], live: frozenset[str]) -> Any:
        if isinstance(node, nodes.Output):
            return self._output(node, frame, states, live)
        if isinstance(node, nodes.If):
            return self._if(node, frame, states, live)
        if isinstance(node, nodes.For):
            return self._for(node, frame, states, live)
        if isinstance(node, nodes.Assign):
            return [self._assign(s, node.target, evaluate(node.node, self._known(s, frame))) for s in states]
        if isinstance(node, nodes.AssignBlock):
            value = _static_text(node.body)
            return [self._assign(s, node.target, UNKNOWN if value is None else value) for s in states]
        if isinstance(node, nodes.With):
            inner = self._push(states)
            for target, expression in zip(node.targets, node.values, strict=True):
                inner = [self._assign(s, target, evaluate(expression, self._known(s, frame))) for s in inner]
            return self._pop(self._body(node.body, frame, inner, live))
        if isinstance(node, nodes.Macro):
            _define(frame.macros, node.name, _Macro(node, frame), node)
            return states
        if isinstance(node, nodes.CallBlock):
            called = self._call(node.call, frame, states, live, caller=(node, frame))
            return states if called is None else called
        if isinstance(node, nodes.Include):
            return self._include(node, frame, states, live)
        if isinstance(node, (nodes.Import, nodes.FromImport)):
            self._import(node, frame)
            return states
        if isinstance(node, nodes.Block):
            return self._block_chain([*frame.blocks.get(node.name, []), (node, frame)], 0, states, live)
        if isinstance(node, nodes.Scope):
            return self._pop(self._body(node.body, frame, self._push(states), live))
        if isinstance(node, (nodes.FilterBlock, nodes.ScopedEvalContextModifier, nodes.EvalContextModifier)):
            return self._body(getattr(node, "body", []), frame, states, live)
        return states

    def _output(self, node: nodes.Output, frame: Frame, states: list[PathState], live: frozenset[str]) -> Any:
        template = frame.template
        for position, child in enumerate(node.nodes):
            offset = template.offset_of(child)
            line, column = template.line_column(offset) if offset is not None else (child.lineno, 1)
            if isinstance(child, nodes.TemplateData):
                if child.data:
                    key = (id(child), frame.display, frame.via)
                    piece = self.shared.pieces.get(key)
                    if piece is None:
                        piece = self.shared.pieces[key] = Piece.of_text(
                            child.data, frame.display, line, column, frame.via
                        )
                    states = self._feed(states, piece)
                continue
            if isinstance(child, nodes.Call):
                # What the rest of this output reads stays alive through the call.
                rest = frozenset().union(*(self._names_of(later, frame) for later in node.nodes[position + 1 :]))
                called = self._call(child, frame, states, live | rest, caller=None)
                if called is not None:
                    states = called
                    continue
            fed = []
            for state in states:
                value = evaluate(child, self._known(state, frame))
                if value is UNKNOWN or isinstance(value, (dict, list, tuple)):
                    piece = Piece.of_slot(describe(child), frame.display, line, column, frame.via)
                elif value is None or value == "":
                    fed.append(state)
                    continue
                else:
                    piece = Piece.of_text(str(value), frame.display, line, column, frame.via, verbatim=False)
                fed.append(
                    PathState(state.facts, state.scopes, self.collector.feed(state.collected, piece), state.conditions)
                )
            states = fed
        return states

    def _if(self, node: nodes.If, frame: Frame, states: list[PathState], live: frozenset[str]) -> Any:
        tests = [node.test, *(branch.test for branch in node.elif_)]
        bodies = [node.body, *(branch.body for branch in node.elif_), node.else_]
        routed: list[list[PathState]] = [[] for _ in bodies]
        choice: list[int] = []

        def take(state: PathState, index: int, split: bool) -> None:
            if split:
                if not choice:
                    # Plain-text scripts give their own words ("the answer is NO", "the call reaches voicemail").
                    words = getattr(node, "scriptlint_words", None) or _branch_words(tests)
                    choice.append(self.table.new_choice(words))
                state = replace(state, conditions=state.conditions.taking((choice[0], index)))
            routed[index].append(state)

        for state in states:
            pending = [(state, False)]
            for index, test in enumerate(tests):
                remaining = []
                for current, split in pending:
                    decided = decide(test, frame.base, current.facts)
                    if decided is True:
                        take(current, index, split)
                    elif decided is False:
                        remaining.append((current, split))
                    else:
                        yes, no = learn(test, True, current.facts), learn(test, False, current.facts)
                        if yes is not None:
                            take(replace(current, facts=yes), index, True)
                        if no is not None:
                            remaining.append((replace(current, facts=no), True))
                pending = remaining
            for current, split in pending:
                take(current, len(tests), split)
        results: list[PathState] = []
        for body, arrived in zip(bodies, routed, strict=True):
            if arrived:
                results.extend(self._body(body, frame, arrived, live))
        return results

    def _for(self, node: nodes.For, frame: Frame, states: list[PathState], live: frozenset[str]) -> Any:
        results: list[PathState] = []
        unknown: list[PathState] = []
        for state in states:
            sequence = evaluate(node.iter, self._known(state, frame))
            if isinstance(sequence, (list, tuple)) and node.test is None and len(sequence) <= MAX_LOOP_ITEMS:
                if not sequence:
                    results.extend(self._body(node.else_, frame, [state], live))
                    continue
                current = [state]
                # Later iterations read what the body reads: keep that knowledge alive between them.
                looping = live | self._names_of(node, frame)
                for item in sequence:
                    inner = [self._assign(s, node.target, item) for s in self._push(current)]
                    current = self._pop(self._body(node.body, frame, inner, looping))
                results.extend(current)
            else:
                unknown.append(state)
        if unknown:
            name = describe(node.iter)
            choice = self.table.new_choice([f"{name} has items", f"{name} is empty"])
            once = [
                self._assign(replace(s, conditions=s.conditions.taking((choice, 0))), node.target, UNKNOWN)
                for s in self._push(unknown)
            ]
            results.extend(self._pop(self._body(node.body, frame, once, live)))
            never = [replace(s, conditions=s.conditions.taking((choice, 1))) for s in unknown]
            results.extend(self._body(node.else_, frame, never, live))
        return results

    def _call(
        self,
        call: nodes.Call,
        frame: Frame,
        states: list[PathState],
        live: frozenset[str],
        caller: tuple[nodes.CallBlock, Frame] | None,
    ) -> list[PathState] | None:
        """Expand a call to a macro, `caller()` or `super()`; None if it is none of these."""
        target = call.node
        macro: _Macro | None = None
        if isinstance(target, nodes.Name):
            if target.name == "super" and frame.super_block is not None:
                chain, index = frame.super_block
                return self._block_chain(chain, index, states, live)
            if target.name == "caller" and frame.caller is not None:
                block, caller_frame = frame.caller
                bound = self._bind(block.args, block.defaults, call, frame, caller_frame, self._push(states))
                return self._pop(self._body(block.body, caller_frame, bound, live))
            macro = frame.macros.get(target.name)
        elif isinstance(target, nodes.Getattr) and isinstance(target.node, nodes.Name):
            macro = frame.namespaces.get(target.node.name, {}).get(target.attr)
        if macro is None:
            return None
        if len(frame.stack) > MAX_CALL_DEPTH:
            raise TemplateProblem("SL04", f"macro {macro.node.name!r} calls itself too deeply", call.lineno)
        inner_frame = replace(macro.frame, caller=caller, stack=(*frame.stack, f"macro {macro.node.name}"))
        bound = self._bind(macro.node.args, macro.node.defaults, call, frame, macro.frame, self._push(states))
        return self._pop(self._body(macro.node.body, inner_frame, bound, live))

    def _bind(
        self,
        parameters: Sequence[nodes.Name],
        defaults: Sequence[nodes.Expr],
        call: nodes.Call,
        calling: Frame,
        called: Frame,
        states: list[PathState],
    ) -> list[PathState]:
        """Bind a macro's (or a call block's) parameters to the call's arguments, path by path."""
        by_parameter = dict(zip(reversed(parameters), reversed(defaults), strict=False))
        bound = []
        for entered in states:
            state = entered
            known = self._known(state, calling)
            arguments = [evaluate(arg, known) for arg in call.args]
            keywords = {kw.key: evaluate(kw.value, known) for kw in call.kwargs}
            for index, parameter in enumerate(parameters):
                if index < len(arguments):
                    value = arguments[index]
                elif parameter.name in keywords:
                    value = keywords[parameter.name]
                elif parameter in by_parameter:
                    value = evaluate(by_parameter[parameter], self._known(state, called))
                else:
                    value = UNKNOWN
                state = self._assign(state, parameter, value)
            bound.append(state)
        return bound

    def _block_chain(
        self, chain: list[tuple[nodes.Block, Frame]], index: int, states: list[PathState], live: frozenset[str]
    ) -> list[PathState]:
        """A block's most-derived body; `super()` anywhere inside renders the next one up the chain."""
        block, owner = chain[index]
        inner = replace(owner, super_block=(chain, index + 1) if index + 1 < len(chain) else None)
        return self._pop(self._body(block.body, inner, self._push(states), live))

    def _include(self, node: nodes.Include, frame: Frame, states: list[PathState], live: frozenset[str]) -> Any:
        parsed, inner = self._load(node.template, node, frame, "include", node.ignore_missing)
        if parsed is None:
            return states
        if not node.with_context:
            inner.base = {}
        with _reached_through(node, "include", inner):
            entered = self._push(states, isolated=not node.with_context)
            return self._pop(self._template(parsed.ast, inner, entered, live))

    def _import(self, node: nodes.Import | nodes.FromImport, frame: Frame) -> None:
        parsed, inner = self._load(node.template, node, frame, "import")
        if parsed is None:
            return
        exported = {m.name: _Macro(m, inner) for m in parsed.ast.body if isinstance(m, nodes.Macro)}
        inner.macros.update(exported)
        if isinstance(node, nodes.Import):
            _define(frame.namespaces, node.target, exported, node)
            return
        for entry in node.names:
            name, alias = entry if isinstance(entry, tuple) else (entry, entry)
            if name in exported:
                _define(frame.macros, alias, exported[name], node)

    def _load(
        self, name_node: nodes.Node, statement: nodes.Node, frame: Frame, verb: str, ignore_missing: bool = False
    ) -> tuple[ParsedTemplate | None, Frame]:
        value = evaluate(name_node, frame.base)
        names = list(value) if isinstance(value, (list, tuple)) else [value]
        if value is UNKNOWN or not names or not all(isinstance(name, str) for name in names):
            raise TemplateProblem(
                "SL04",
                f"{verb} of {describe(name_node)}: the template name is not a constant, so it cannot be"
                " followed (give the variable a value in the manifest's vars)",
                statement.lineno,
            )
        for position, name in enumerate(names):
            parsed = self._parse_named(name, statement, frame, verb, ignore_missing or position < len(names) - 1)
            if parsed is None:
                continue
            if parsed.name in frame.stack:
                raise TemplateProblem("SL04", f"{verb} of {name!r} forms a cycle", statement.lineno)
            if len(frame.stack) > MAX_INCLUDE_DEPTH:
                raise TemplateProblem("SL04", f"{verb}s nested more than {MAX_INCLUDE_DEPTH} deep", statement.lineno)
            hop = Hop(frame.display, statement.lineno, verb, name)
            inner = Frame(parsed, self.display_of(parsed.name), (*frame.via, hop), frame.base,
                          stack=(*frame.stack, parsed.name))  # fmt: skip
            return parsed, inner
        return None, frame

    def _parse_named(
        self, name: str, statement: nodes.Node, frame: Frame, verb: str, may_be_missing: bool
    ) -> ParsedTemplate | None:
        loaded = self.shared.loaded.get(name)
        if loaded is None:
            loader = self.environment.loader
            assert loader is not None
            try:
                source, filename, _ = loader.get_source(self.environment, name)
            except OutsideRoot as exc:
                self._remember_digest(name, read=False)
                raise TemplateProblem("SL04", f"{verb} refused: {exc.message}", statement.lineno) from None
            except TemplateNotFound as exc:
                # Creating or fixing the file later changes the answer: it is a dependency too.
                self._remember_digest(name, read=False)
                if may_be_missing:
                    return None
                raise TemplateProblem("SL02", f"{verb} cannot be resolved: {exc.message}", statement.lineno) from None
            self._remember_digest(name, read=True)
            loaded = self.shared.loaded[name] = (source, filename or name)
        source, filename = loaded
        if filename not in self._templates:
            with _reached_through(statement, verb, None, self.display_of(filename)):
                self._templates[filename] = parse(self.environment, source, filename, remember=True)
        return self._templates[filename]

    def _remember_digest(self, name: str, read: bool) -> None:
        """Note the bytes behind a template name (on disk only: an archive's bytes key its whole result)."""
        loader = self.environment.loader
        if not isinstance(loader, ConfinedLoader):
            return
        digests = loader.read_digests
        self.shared.digests[name] = digests[name] if read and name in digests else loader.digest_of(name)

    # --- liveness -----------------------------------------------------------------------------

    def _suffix_names(self, body: Sequence[nodes.Node], frame: Frame) -> list[frozenset[str]]:
        """For each position, the names read from there to the end of the body (macros and includes too)."""
        suffixes = [frozenset[str]()] * (len(body) + 1)
        for index in range(len(body) - 1, -1, -1):
            suffixes[index] = suffixes[index + 1] | self._names_of(body[index], frame)
        return suffixes

    def _names_of(self, node: nodes.Node, frame: Frame) -> frozenset[str]:
        cached = self._names.get(id(node))
        if cached is not None:
            return cached
        self._names[id(node)] = frozenset()  # a recursive macro adds nothing new
        summary = self.shared.summary(node)
        found = set(summary.names)
        for call in summary.calls:
            if isinstance(call.node, nodes.Name) and call.node.name == "caller" and frame.caller is not None:
                found |= self._suffix_names(frame.caller[0].body, frame.caller[1])[0]
            macro = self._macro_for_names(call.node, frame)
            if macro is not None:
                found |= self._suffix_names(macro.body, frame)[0]
                found |= {name for default in macro.defaults for name in names_in(default)}
        for statement in summary.loads:
            found |= self._template_names(statement, frame)
        for block in summary.blocks:
            for override, owner in frame.blocks.get(block.name, []):
                found |= self._suffix_names(override.body, owner)[0]
        result = frozenset(found)
        self._names[id(node)] = result
        return result

    def _macro_for_names(self, target: nodes.Node, frame: Frame) -> nodes.Macro | None:
        """The macro a call names, looked up statically: liveness is computed before the definition runs."""
        if isinstance(target, nodes.Getattr) and isinstance(target.node, nodes.Name):
            known = frame.namespaces.get(target.node.name, {}).get(target.attr)
            if known is not None:
                return known.node
            wanted = target.attr
            sources: list[nodes.Import | nodes.FromImport] = [
                s for s in self.shared.find_all(frame.template.ast, nodes.Import) if s.target == target.node.name
            ]
        elif isinstance(target, nodes.Name):
            if target.name in frame.macros:
                return frame.macros[target.name].node
            wanted = target.name
            local = next((m for m in self.shared.find_all(frame.template.ast, nodes.Macro) if m.name == wanted), None)
            if local is not None:
                return local
            sources = [
                s for s in self.shared.find_all(frame.template.ast, nodes.FromImport)
                if any((e if isinstance(e, str) else e[-1]) == wanted for e in s.names)
            ]  # fmt: skip
        else:
            return None
        for statement in sources:
            value = evaluate(statement.template, frame.base)
            if isinstance(value, str):
                try:
                    parsed = self._parse_named(value, statement, frame, "import", True)
                except TemplateProblem:
                    continue
                if parsed is not None:
                    imported = {m.name: m for m in parsed.ast.body if isinstance(m, nodes.Macro)}
                    original = wanted
                    if isinstance(statement, nodes.FromImport):
                        original = next(
                            (e[0] if isinstance(e, tuple) else e)
                            for e in statement.names
                            if (e if isinstance(e, str) else e[-1]) == wanted
                        )
                    if original in imported:
                        return imported[original]
        return None

    def _template_names(
        self, statement: nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends, frame: Frame
    ) -> frozenset[str]:
        value = evaluate(statement.template, frame.base)
        names = value if isinstance(value, (list, tuple)) else [value]
        found: set[str] = set()
        for name in names:
            if not isinstance(name, str):
                continue
            try:
                parsed = self._parse_named(name, statement, frame, "include", True)
            except TemplateProblem:
                continue  # reported when the statement itself runs
            if parsed is not None and parsed.name not in frame.stack:
                # Through nested includes too (the recursion guard in _names_of stops cycles).
                found |= self._names_of(parsed.ast, frame)
        return frozenset(found)


def _define(table: dict[str, Any], name: str, definition: Any, statement: nodes.Node) -> None:
    """Bind a macro or namespace name; a second, different definition (per branch) is not followed."""
    old = table.get(name)
    if old is not None and _definition_node(old) != _definition_node(definition):
        raise TemplateProblem(
            "SL04",
            f"{name!r} is defined more than once (for example on different branches); scriptlint follows one"
            " definition per name: give the variants different names",
            statement.lineno,
        )
    table[name] = definition


def _definition_node(definition: Any) -> Any:
    if isinstance(definition, dict):
        return tuple(sorted((key, id(value.node)) for key, value in definition.items()))
    return definition.node


def _branch_words(tests: list[nodes.Node]) -> list[str | None]:
    """Words for each branch of an if/elif/else chain: earlier tests negated, this one as written."""
    words: list[str | None] = []
    for index, test in enumerate(tests):
        words.append(_join_negations(tests[:index], describe(test)))
    words.append(_join_negations(tests, None))
    return words


def _join_negations(earlier: list[nodes.Node], last: str | None) -> str | None:
    grouped = neither(earlier)
    parts = [grouped] if grouped else [negate(test) for test in earlier]
    if last is not None:
        parts.append(last)
    parts = [p for p in parts if p]
    if len(parts) > 1:
        parts = [f"({p})" if " or " in p and not p.startswith(("(", "not (")) else p for p in parts]
    return " and ".join(parts) or None


def _static_text(body: Sequence[nodes.Node]) -> str | None:
    """The text of a `{% set x %}...{% endset %}` body if it is literal text only."""
    parts: list[str] = []
    for statement in body:
        if not isinstance(statement, nodes.Output):
            return None
        for child in statement.nodes:
            if isinstance(child, nodes.TemplateData):
                parts.append(child.data)
            elif isinstance(child, nodes.Const) and isinstance(child.value, str):
                parts.append(child.value)
            else:
                return None
    return "".join(parts)


@contextmanager
def _reached_through(
    statement: nodes.Node, verb: str, inner: Frame | None, display: str | None = None
) -> Iterator[None]:
    """Report a problem inside an included template at the statement that reached it."""
    try:
        yield
    except TemplateProblem as exc:
        where = display if display is not None else (inner.display if inner is not None else "?")
        message = f"in {where}, line {exc.line} (reached by {verb}): {exc.message}"
        raise TemplateProblem(exc.code, message, statement.lineno, timing=exc.timing) from None
