"""Liveness: which template names a statement (with the macros, includes and blocks it reaches) can still
read, so that knowledge about dead names is dropped and paths merge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import nodes

from scriptlint.analysis.expressions import evaluate
from scriptlint.analysis.facts import names_in
from scriptlint.analysis.frames import Frame
from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.analysis.resolution import Resolver


class Live:
    """The names that code still to come can read: those read after a position in a body, then those live
    after that body, up the bodies being walked. No set of every later name is ever built (for a body of
    thousands of statements, one set per position would take quadratic time and memory)."""

    __slots__ = ("_last", "_names", "_outer", "_position")

    def __init__(
        self,
        names: frozenset[str] = frozenset(),
        outer: Live | None = None,
        last: Mapping[str, int] | None = None,
        position: int = 0,
    ) -> None:
        self._names = names
        self._outer = outer
        # For each name the body reads, the last position that reads it; live when that is at or after `position`.
        self._last = last or {}
        self._position = position

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        current: Live | None = self
        while current is not None:
            if name in current._names or current._last.get(name, -1) >= current._position:
                return True
            current = current._outer
        return False

    def __or__(self, names: frozenset[str]) -> Live:
        return Live(names, self) if names else self


NOTHING_LIVE = Live()


class Liveness:
    """The names read from a point to the end of a body, computed once per node (per analysis)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.shared = resolver.shared
        self._names: dict[int, frozenset[str]] = {}
        self._last: dict[tuple[int, int, int], dict[str, int]] = {}
        self._index: dict[int, dict[tuple[str, str], list[Any]]] = {}

    def after(self, body: Sequence[nodes.Node], position: int, frame: Frame, outer: Live) -> Live:
        """The names live after `position` of a body (macros, includes and blocks it reaches too), then `outer`."""
        return Live(outer=outer, last=self.last_uses(body, frame), position=position)

    def last_uses(self, body: Sequence[nodes.Node], frame: Frame) -> dict[str, int]:
        """For each name a body reads, the last position that reads it (computed once per body)."""
        if not body:
            return {}
        # Bodies are often slices made on the fly; their first and last nodes live as long as the template.
        key = (id(body[0]), id(body[-1]), len(body))
        known = self._last.get(key)
        if known is None:
            known = self._last[key] = {}
            for index, node in enumerate(body):
                for name in self.names_of(node, frame):
                    known[name] = index
        return known

    def _by_name(self, ast: nodes.Template) -> dict[tuple[str, str], list[Any]]:
        """A template's macros, imports and from-imports by the name they define (built once per template:
        a call looks its macro up instead of scanning every definition)."""
        known = self._index.get(id(ast))
        if known is None:
            known = self._index[id(ast)] = {}
            for macro in self.shared.find_all(ast, nodes.Macro):
                known.setdefault(("macro", macro.name), []).append(macro)
            for imported in self.shared.find_all(ast, nodes.Import):
                known.setdefault(("import", imported.target), []).append(imported)
            for statement in self.shared.find_all(ast, nodes.FromImport):
                for entry in statement.names:
                    alias = entry if isinstance(entry, str) else entry[-1]
                    known.setdefault(("from", alias), []).append(statement)
        return known

    def body_names(self, body: Sequence[nodes.Node], frame: Frame) -> frozenset[str]:
        """Every name a body reads."""
        return frozenset(self.last_uses(body, frame))

    def names_of(self, node: nodes.Node, frame: Frame) -> frozenset[str]:
        cached = self._names.get(id(node))
        if cached is not None:
            return cached
        self._names[id(node)] = frozenset()  # a recursive macro adds nothing new
        summary = self.shared.summary(node)
        found = set(summary.names)
        for call in summary.calls:
            if isinstance(call.node, nodes.Name) and call.node.name == "caller" and frame.caller is not None:
                found |= self.body_names(frame.caller[0].body, frame.caller[1])
            macro = self._macro_for_names(call.node, frame)
            if macro is not None:
                found |= self.body_names(macro.body, frame)
                found |= {name for default in macro.defaults for name in names_in(default)}
        for statement in summary.loads:
            found |= self._template_names(statement, frame)
        for block in summary.blocks:
            for override, owner in frame.blocks.get(block.name, []):
                found |= self.body_names(override.body, owner)
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
            sources: list[nodes.Import | nodes.FromImport] = list(
                self._by_name(frame.template.ast).get(("import", target.node.name), ())
            )
        elif isinstance(target, nodes.Name):
            if target.name in frame.macros:
                return frame.macros[target.name].node
            wanted = target.name
            local: list[nodes.Macro] = self._by_name(frame.template.ast).get(("macro", wanted), [])
            if local:
                return local[0]
            sources = list(self._by_name(frame.template.ast).get(("from", wanted), ()))
        else:
            return None
        for statement in sources:
            value = evaluate(statement.template, frame.base)
            if isinstance(value, str):
                try:
                    parsed = self.resolver.parse_named(value, statement, frame, "import", True)
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
                parsed = self.resolver.parse_named(name, statement, frame, "include", True)
            except TemplateProblem:
                continue  # reported when the statement itself runs
            if parsed is not None and parsed.name not in frame.stack:
                # Through nested includes too (the recursion guard in _names_of stops cycles).
                found |= self.names_of(parsed.ast, frame)
        return frozenset(found)
