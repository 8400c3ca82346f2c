"""Liveness: which template names a statement (with the macros, includes and blocks it reaches) can still
read, so that knowledge about dead names is dropped and paths merge.

What is still read after a statement of a body is answered from the last statement that reads each name
(one pass over the body), not from a set per statement: a body of 10,000 statements reading 10,000 names
would otherwise build 10,000 sets of up to 10,000 names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from jinja2 import nodes

from scriptlint.analysis.expressions import evaluate
from scriptlint.analysis.facts import liveness_names, names_in
from scriptlint.analysis.jinja import TemplateProblem

if TYPE_CHECKING:
    from scriptlint.analysis.frames import Frame
    from scriptlint.analysis.resolution import Resolver


class Names(Protocol):
    """A set of names as liveness answers it: only asked whether it holds a name."""

    def __contains__(self, name: object) -> bool:
        """Whether the name is (still) read."""


class After:
    """The names read after a position of a body (by the last position reading each), or in `outer`."""

    __slots__ = ("_index", "_last", "_outer")

    def __init__(self, last: Mapping[str, int], index: int, outer: Names) -> None:
        self._last, self._index, self._outer = last, index, outer

    def __contains__(self, name: object) -> bool:
        return self._last.get(name, -1) > self._index or name in self._outer  # type: ignore[call-overload]


class Either:
    """The names in either of two sets."""

    __slots__ = ("_first", "_second")

    def __init__(self, first: Names, second: Names) -> None:
        self._first, self._second = first, second

    def __contains__(self, name: object) -> bool:
        return name in self._first or name in self._second


class Liveness:
    """The names read from a point to the end of a body, computed once per node (per analysis)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.shared = resolver.shared
        self._names: dict[int, frozenset[str]] = {}
        self._last: dict[tuple[int, int, int], dict[str, int]] = {}
        self._index: dict[int, dict[tuple[str, str], list[Any]]] = {}

    def last_uses(self, body: Sequence[nodes.Node], frame: Frame) -> Mapping[str, int]:
        """For each name read in the body (macros and includes too), the last position that reads it
        (computed once per body)."""
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

    def after(self, body: Sequence[nodes.Node], index: int, frame: Frame, outer: Names) -> After:
        """The names read after position `index` of the body, or in `outer`."""
        return After(self.last_uses(body, frame), index, outer)

    def body_names(self, body: Sequence[nodes.Node], frame: Frame) -> frozenset[str]:
        """Every name the body reads."""
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
                for default in macro.defaults:
                    found |= names_in(default) | liveness_names(default)
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
