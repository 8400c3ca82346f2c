"""Following includes, imports and extends: template names resolved, loaded, parsed once per script, and
the bytes behind every name looked up remembered for the result cache."""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import Environment, TemplateNotFound, nodes

from scriptlint.analysis.expressions import UNKNOWN, describe, evaluate
from scriptlint.analysis.frames import Frame, reached_through
from scriptlint.analysis.jinja import ConfinedLoader, OutsideRoot, ParsedTemplate, TemplateProblem, parse
from scriptlint.analysis.shared import SharedCache
from scriptlint.model.answers import Hop

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
        if filename not in self.shared.templates:
            with reached_through(statement, verb, None, self.display_of(filename)):
                self.shared.templates[filename] = parse(self.environment, source, filename, remember=True)
        return self.shared.templates[filename]

    def _remember_digest(self, name: str, read: bool) -> None:
        """Note the bytes behind a template name (on disk only: an archive's bytes key its whole result)."""
        loader = self.environment.loader
        if not isinstance(loader, ConfinedLoader):
            return
        digests = loader.read_digests
        self.shared.digests[name] = digests[name] if read and name in digests else loader.digest_of(name)

    # --- liveness -----------------------------------------------------------------------------
