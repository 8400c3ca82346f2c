"""Following includes, imports and extends: template names resolved, loaded, parsed once per script, and
the bytes behind every name looked up remembered for the result cache."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, TemplateNotFound, nodes

from scriptlint.analysis.expressions import UNKNOWN, describe, evaluate
from scriptlint.analysis.frames import Frame, Macro, assign_name, define, reached_through
from scriptlint.analysis.jinja import ConfinedLoader, RefusedTemplate, TemplateProblem, parse
from scriptlint.model.answers import Hop

if TYPE_CHECKING:
    from scriptlint.analysis.frames import PathState
    from scriptlint.analysis.jinja import ParsedTemplate
    from scriptlint.analysis.shared import SharedCache

MAX_INCLUDE_DEPTH = 20


class Resolver:
    """Loads the templates a template names, under the environment's confined loader."""

    def __init__(self, environment: Environment, shared: SharedCache, display_of: Callable[[str], str]) -> None:
        self.environment = environment
        self.shared = shared
        self.display_of = display_of

    def load(
        self, name_node: nodes.Node, statement: nodes.Node, frame: Frame, verb: str, ignore_missing: bool = False
    ) -> tuple[ParsedTemplate | None, Frame]:
        value = evaluate(name_node, frame.base)
        names = list(value) if isinstance(value, (list, tuple)) else [value]
        if isinstance(name_node, (nodes.List, nodes.Tuple)):
            # `{% include [computed, 'fallback.j2'] %}`: the first name that exists is rendered; a name
            # computed from unknown values cannot be looked up, so the constant ones are followed.
            names = [item for item in (evaluate(i, frame.base) for i in name_node.items) if isinstance(item, str)]
            value = names if names else UNKNOWN
        if value is UNKNOWN or not names or not all(isinstance(name, str) for name in names):
            raise TemplateProblem(
                "SL04",
                f"{verb} of {describe(name_node)}: the template name is not a constant, so it cannot be"
                " followed (give the variable a value in the manifest's vars)",
                statement.lineno,
            )
        for position, name in enumerate(names):
            parsed = self.parse_named(name, statement, frame, verb, ignore_missing or position < len(names) - 1)
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

    def parse_named(
        self, name: str, statement: nodes.Node, frame: Frame, verb: str, may_be_missing: bool
    ) -> ParsedTemplate | None:
        loaded = self.shared.loaded.get(name)
        if loaded is None:
            loader = self.environment.loader
            assert loader is not None
            try:
                source, filename, _ = loader.get_source(self.environment, name)
            except RefusedTemplate as exc:
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
        if filename not in self.shared.templates:
            with reached_through(statement, verb, None, self.display_of(filename)):
                self.shared.templates[filename] = parse(self.environment, source, filename, remember=True)
        return self.shared.templates[filename]

    def imported(self, node: nodes.Import | nodes.FromImport, frame: Frame, states: list[PathState]) -> Any:
        """The states after an import: its macros bound in the frame, its variables on every path."""
        parsed, inner = self.load(node.template, node, frame, "import")
        if parsed is None:
            return states
        exported, values = self.exports(parsed, inner)
        if isinstance(node, nodes.Import):
            define(frame.namespaces, node.target, exported, node)
            return [assign_name(state, nodes.Name(node.target, "store"), values) for state in states]
        for entry in node.names:
            name, alias = entry if isinstance(entry, tuple) else (entry, entry)
            if name in exported:
                define(frame.macros, alias, exported[name], node)
            elif name in values:
                states = [assign_name(state, nodes.Name(alias, "store"), values[name]) for state in states]
        return states

    def exports(self, parsed: ParsedTemplate, inner: Frame) -> tuple[dict[str, Macro], dict[str, Any]]:
        """What an imported template exports: its macros, and the values its top-level `set`s give
        (`{% import 'campaign.j2' as c %}{{ c.committee }}`), unknown where they depend on the call."""
        exported = {m.name: Macro(m, inner) for m in parsed.ast.body if isinstance(m, nodes.Macro)}
        inner.macros.update(exported)
        values: dict[str, Any] = {}
        for statement in parsed.ast.body:
            if isinstance(statement, nodes.Assign) and isinstance(statement.target, nodes.Name):
                values[statement.target.name] = evaluate(statement.node, {**inner.base, **values})
            elif isinstance(statement, nodes.AssignBlock) and isinstance(statement.target, nodes.Name):
                values[statement.target.name] = UNKNOWN
        return exported, values

    def _remember_digest(self, name: str, read: bool) -> None:
        """Note the bytes behind a template name (on disk only: an archive's bytes key its whole result)."""
        loader = self.environment.loader
        if not isinstance(loader, ConfinedLoader):
            return
        digests = loader.read_digests
        self.shared.digests[name] = digests[name] if read and name in digests else loader.digest_of(name)

    # --- liveness -----------------------------------------------------------------------------
