"""Liveness: which template names a statement (with the macros, includes and blocks it reaches) can still
read, so that knowledge about dead names is dropped and paths merge."""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import nodes

from scriptlint.analysis.expressions import evaluate
from scriptlint.analysis.facts import names_in
from scriptlint.analysis.frames import Frame
from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.analysis.resolution import Resolver


class Liveness:
    """The names read from a point to the end of a body, computed once per node (per analysis)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.shared = resolver.shared
        self._names: dict[int, frozenset[str]] = {}

    def suffix_names(self, body: Sequence[nodes.Node], frame: Frame) -> list[frozenset[str]]:
        """For each position, the names read from there to the end of the body (macros and includes too)."""
        suffixes = [frozenset[str]()] * (len(body) + 1)
        for index in range(len(body) - 1, -1, -1):
            suffixes[index] = suffixes[index + 1] | self.names_of(body[index], frame)
        return suffixes

    def names_of(self, node: nodes.Node, frame: Frame) -> frozenset[str]:
        cached = self._names.get(id(node))
        if cached is not None:
            return cached
        self._names[id(node)] = frozenset()  # a recursive macro adds nothing new
        summary = self.shared.summary(node)
        found = set(summary.names)
        for call in summary.calls:
            if isinstance(call.node, nodes.Name) and call.node.name == "caller" and frame.caller is not None:
                found |= self.suffix_names(frame.caller[0].body, frame.caller[1])[0]
            macro = self._macro_for_names(call.node, frame)
            if macro is not None:
                found |= self.suffix_names(macro.body, frame)[0]
                found |= {name for default in macro.defaults for name in names_in(default)}
        for statement in summary.loads:
            found |= self._template_names(statement, frame)
        for block in summary.blocks:
            for override, owner in frame.blocks.get(block.name, []):
                found |= self.suffix_names(override.body, owner)[0]
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
