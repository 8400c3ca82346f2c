"""Abstract interpretation of a parsed template: every path at once, merging paths that cannot differ.

The interpreter walks the Jinja AST (never rendering it), which for a structured template is its
control-flow graph: branches split at `if`/`for` and join at their end, includes, macros and blocks are
followed where they are used. It carries a set of path states, a forward dataflow: a state holds what
its path knows (values set, conditions taken), what a collector has gathered so far (for the searches,
every question's answer at once), and its trail (the branches taken, turned into conditions only when
an answer needs them). Conditions it can decide prune branches; others split the state. After each
statement, knowledge about names no longer used is dropped and states with equal keys are merged, so
the number of states stays small for templates with many independent branches.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, nodes

from scriptlint.analysis.expressions import UNKNOWN, describe, evaluate, static_text, unknown_arguments
from scriptlint.analysis.facts import (
    decide,
    known_values,
    learn,
)
from scriptlint.analysis.frames import Frame, Macro, PathState, assign_name, define, pop, push, reached_through
from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.analysis.liveness import Either, Liveness
from scriptlint.analysis.resolution import Resolver
from scriptlint.analysis.shared import SharedCache
from scriptlint.analysis.spoken import Piece
from scriptlint.analysis.states import StateSet

if TYPE_CHECKING:
    from scriptlint.analysis.collectors import Collector
    from scriptlint.analysis.conditions import ChoiceTable, Element
    from scriptlint.analysis.facts import (
        Facts,
    )
    from scriptlint.analysis.jinja import ParsedTemplate
    from scriptlint.analysis.liveness import Names

MAX_CALL_DEPTH = 50
# A loop over a known list longer than this is followed as "zero or one time", like an unknown one.
MAX_LOOP_ITEMS = 20


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
        split_above: int | None = None,
    ) -> None:
        self.environment = environment
        # time.monotonic() after which the analysis of this file stops (SL04): the per-file budget.
        self.deadline = deadline
        self.collector = collector
        self.table = table
        self.display_of = display_of
        # Shared by the analyses of one script: parsed includes and node summaries do not change.
        self.shared = shared if shared is not None else SharedCache()
        self.resolver = Resolver(environment, self.shared, display_of)
        self.liveness = Liveness(self.resolver)
        self.states = StateSet(collector, split_above)
        # Set when knowledge had to be dropped to keep the number of states bounded.
        self.approximate = False

    def run(self, parsed: ParsedTemplate, display: str, base: Mapping[str, Any], facts: Facts) -> list[PathState]:
        """The final states of every path; raise TemplateProblem for what cannot be followed."""
        frame = Frame(parsed, display, (), base, stack=(parsed.name,))
        states = [self.states.start(facts)]
        return self._merge(self._template(parsed.ast, frame, states, frozenset()), frozenset())

    # --- bookkeeping -------------------------------------------------------------------------

    def _merge(self, states: list[PathState], live: Names) -> list[PathState]:
        merged = self.states.merge(states, live)
        self.approximate = self.approximate or self.states.approximate
        return merged

    def _feed(self, states: list[PathState], piece: Piece) -> list[PathState]:
        return self.states.feed(states, piece)

    def _taking(self, state: PathState, element: Element) -> PathState:
        return self.states.taking(state, element)

    def _known(self, state: PathState, frame: Frame) -> dict[str, Any]:
        return known_values(frame.base, state.facts)

    # --- statements ---------------------------------------------------------------------------

    def _template(self, ast: nodes.Template, frame: Frame, states: list[PathState], live: Names) -> Any:
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
        states = self._body(ast.body[:position], frame, states, Either(live, self.liveness.names_of(ast, frame)))
        for node in ast.body[position + 1 :]:
            if isinstance(node, (nodes.Assign, nodes.Import, nodes.FromImport, nodes.Macro)):
                states = self._statement(node, frame, states, live)
        for block in self.shared.find_all(ast, nodes.Block):
            # Most-derived first: a grandchild's blocks were added before this child's.
            frame.blocks.setdefault(block.name, []).append((block, frame))
        parent, parent_frame = self.resolver.load(extends.template, extends, frame, "extends")
        if parent is None:
            return states
        parent_frame.blocks = frame.blocks
        with reached_through(extends, "extends", parent_frame):
            return self._template(parent.ast, parent_frame, states, live)

    def _body(self, body: Sequence[nodes.Node], frame: Frame, states: list[PathState], live: Names) -> list[PathState]:
        for index, node in enumerate(body):
            self._check_deadline(node)
            after = self.liveness.after(body, index, frame, live)
            states = self._merge(self._statement(node, frame, states, after), after)
            if not states:
                break
        return states

    def _check_deadline(self, node: nodes.Node) -> None:
        """Stop (SL04) once the file's time budget has run out; checked inside long statements too."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TemplateProblem(
                "SL04", "the analysis of this file took longer than its time budget", node.lineno, timing=True
            )

    def _statement(self, node: nodes.Node, frame: Frame, states: list[PathState], live: Names) -> Any:
        if isinstance(node, nodes.Output):
            return self._output(node, frame, states, live)
        if isinstance(node, nodes.If):
            return self._if(node, frame, states, live)
        if isinstance(node, nodes.For):
            return self._for(node, frame, states, live)
        if isinstance(node, nodes.Assign):
            return [assign_name(s, node.target, evaluate(node.node, self._known(s, frame))) for s in states]
        if isinstance(node, nodes.AssignBlock):
            value = static_text(node.body)
            return [assign_name(s, node.target, UNKNOWN if value is None else value) for s in states]
        if isinstance(node, nodes.With):
            inner = push(states)
            for target, expression in zip(node.targets, node.values, strict=True):
                inner = [assign_name(s, target, evaluate(expression, self._known(s, frame))) for s in inner]
            return pop(self._body(node.body, frame, inner, live))
        if isinstance(node, nodes.Macro):
            define(frame.macros, node.name, Macro(node, frame), node)
            return states
        if isinstance(node, nodes.CallBlock):
            called = self._call(node.call, frame, states, live, caller=(node, frame))
            return states if called is None else called
        if isinstance(node, nodes.Include):
            return self._include(node, frame, states, live)
        if isinstance(node, (nodes.Import, nodes.FromImport)):
            return self.resolver.imported(node, frame, states)
        if isinstance(node, nodes.Block):
            return self._block_chain([*frame.blocks.get(node.name, []), (node, frame)], 0, states, live)
        if isinstance(node, nodes.Scope):
            return pop(self._body(node.body, frame, push(states), live))
        if isinstance(node, (nodes.FilterBlock, nodes.ScopedEvalContextModifier, nodes.EvalContextModifier)):
            return self._body(getattr(node, "body", []), frame, states, live)
        return states

    def _output(self, node: nodes.Output, frame: Frame, states: list[PathState], live: Names) -> Any:
        template = frame.template
        for position, child in enumerate(node.nodes):
            if position % 64 == 63:
                self._check_deadline(child)  # one line can hold thousands of expressions
            offset = template.offset_of(child)
            line, column = template.line_column(offset) if offset is not None else (child.lineno, 1)
            if isinstance(child, nodes.TemplateData):
                if child.data:
                    key = (id(child), frame.display, frame.via)
                    piece = self.shared.pieces.get(key)
                    if piece is None:
                        said = getattr(child, "scriptlint_spoken", None)  # the layout's (plain_text.py)
                        piece = Piece.of_text(child.data, frame.display, line, column, frame.via, layout=said)
                        self.shared.pieces[key] = piece
                    states = self._feed(states, piece)
                continue
            if isinstance(child, nodes.Call):
                # What the rest of this output reads stays alive through the call.
                rest = self.liveness.after(node.nodes, position, frame, live)
                called = self._call(child, frame, states, rest, caller=None)
                if called is not None:
                    states = called
                    continue
            fed = []
            feed = self.collector.feed
            for state in states:
                value = evaluate(child, self._known(state, frame))
                if value is None or value == "":
                    fed.append(state)
                    continue
                piece = self._value_piece(child, value, frame, line, column)
                fed.append(PathState(state.facts, state.scopes, feed(state.collected, piece, state.trail), state.trail))
            states = fed
        return states

    def _value_piece(self, child: nodes.Node, value: Any, frame: Frame, line: int, column: int) -> Piece:
        """The piece an output expression says: its value, or a placeholder for it (one per value, kept)."""
        slot = value is UNKNOWN or isinstance(value, (dict, list, tuple))
        key = (id(child), frame.display, frame.via, None if slot else str(value))
        piece = self.shared.values.get(key)
        if piece is None:
            if slot:
                # A merge field is shown as written ("[your name]"), an expression as the template has it.
                shown = getattr(child, "scriptlint_written", None) or describe(child)
                piece = Piece.of_slot(shown, frame.display, line, column, frame.via)
            else:
                piece = Piece.of_text(str(value), frame.display, line, column, frame.via, verbatim=False)
            self.shared.values[key] = piece
        return piece

    def _if(self, node: nodes.If, frame: Frame, states: list[PathState], live: Names) -> Any:
        tests = [node.test, *(branch.test for branch in node.elif_)]
        bodies = [node.body, *(branch.body for branch in node.elif_), node.else_]
        # The choice is numbered before any branch is walked (choices inside come after it), but
        # described only if some path splits here.
        choice = self.table.reserve()
        described: list[bool] = []

        def take(state: PathState, index: int, split: bool) -> PathState:
            if not split:
                return state
            if not described:
                # Plain-text scripts give their own words ("the answer is NO", "the call reaches voicemail").
                own_words = getattr(node, "scriptlint_words", None)
                if own_words:
                    self.table.describe(choice, own_words)
                else:
                    self.table.describe_chain(choice, tests)
                described.append(True)
            return self._taking(state, (choice, index))

        # Test by test, each branch walked as soon as its paths are known: only one branch's entering
        # states are alive at a time (a 2,000-arm chain would otherwise hold 2,000 sets of facts).
        results: list[PathState] = []
        pending = [(state, False) for state in states]
        for index, test in enumerate(tests):
            self._check_deadline(test)
            arrived: list[PathState] = []
            remaining: list[tuple[PathState, bool]] = []
            for current, split in pending:
                decided = decide(test, frame.base, current.facts)
                if decided is True:
                    arrived.append(take(current, index, split))
                elif decided is False:
                    remaining.append((current, split))
                else:
                    yes, no = learn(test, True, current.facts), learn(test, False, current.facts)
                    if yes is not None:
                        arrived.append(take(replace(current, facts=yes), index, True))
                    if no is not None:
                        remaining.append((replace(current, facts=no), True))
            if arrived:
                results.extend(self._body(bodies[index], frame, arrived, live))
            pending = remaining
            if not pending:
                return results
        results.extend(self._body(node.else_, frame, [take(s, len(tests), split) for s, split in pending], live))
        return results

    def _for(self, node: nodes.For, frame: Frame, states: list[PathState], live: Names) -> Any:
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
                looping = Either(live, self.liveness.names_of(node, frame))
                for item in sequence:
                    inner = [assign_name(s, node.target, item) for s in push(current)]
                    current = pop(self._body(node.body, frame, inner, looping))
                results.extend(current)
            else:
                unknown.append(state)
        if unknown:
            name = describe(node.iter)
            choice = self.table.new_choice([f"{name} has items", f"{name} is empty"])
            once = [assign_name(self._taking(s, (choice, 0)), node.target, UNKNOWN) for s in push(unknown)]
            results.extend(pop(self._body(node.body, frame, once, live)))
            never = [self._taking(s, (choice, 1)) for s in unknown]
            results.extend(self._body(node.else_, frame, never, live))
        return results

    def _call(
        self,
        call: nodes.Call,
        frame: Frame,
        states: list[PathState],
        live: Names,
        caller: tuple[nodes.CallBlock, Frame] | None,
    ) -> list[PathState] | None:
        """Expand a call to a macro, `caller()` or `super()`; None if it is none of these."""
        target = call.node
        macro: Macro | None = None
        if isinstance(target, nodes.Name):
            if target.name == "super" and frame.super_block is not None:
                chain, index = frame.super_block
                return self._block_chain(chain, index, states, live)
            if target.name == "caller" and frame.caller is not None:
                block, caller_frame = frame.caller
                bound = self._bind(block.args, block.defaults, call, frame, caller_frame, push(states))
                return pop(self._body(block.body, caller_frame, bound, live))
            macro = frame.macros.get(target.name)
        elif isinstance(target, nodes.Getattr) and isinstance(target.node, nodes.Name):
            macro = frame.namespaces.get(target.node.name, {}).get(target.attr)
        if macro is None or (
            f"macro {macro.node.name}" in frame.stack
            and unknown_arguments(call, [self._known(state, frame) for state in states])
        ):
            return None  # recursion over unknown data: what the nested call says is unknown text
        if len(frame.stack) > MAX_CALL_DEPTH:
            raise TemplateProblem("SL04", f"macro {macro.node.name!r} calls itself too deeply", call.lineno)
        inner_frame = replace(macro.frame, caller=caller, stack=(*frame.stack, f"macro {macro.node.name}"))
        bound = self._bind(macro.node.args, macro.node.defaults, call, frame, macro.frame, push(states))
        return pop(self._body(macro.node.body, inner_frame, bound, live))

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
                state = assign_name(state, parameter, value)
            bound.append(state)
        return bound

    def _block_chain(
        self, chain: list[tuple[nodes.Block, Frame]], index: int, states: list[PathState], live: Names
    ) -> list[PathState]:
        """A block's most-derived body; `super()` anywhere inside renders the next one up the chain."""
        block, owner = chain[index]
        inner = replace(owner, super_block=(chain, index + 1) if index + 1 < len(chain) else None)
        return pop(self._body(block.body, inner, push(states), live))

    def _include(self, node: nodes.Include, frame: Frame, states: list[PathState], live: Names) -> Any:
        parsed, inner = self.resolver.load(node.template, node, frame, "include", node.ignore_missing)
        if parsed is None:
            return states
        if not node.with_context:
            inner.base = {}
        with reached_through(node, "include", inner):
            entered = push(states, isolated=not node.with_context)
            return pop(self._template(parsed.ast, inner, entered, live))
