"""Sandboxed Jinja2 parsing: the confined loader, syntax diagnostics and the source offsets of the AST."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, TemplateNotFound, TemplateSyntaxError, nodes
from jinja2.lexer import TokenStream
from jinja2.sandbox import ImmutableSandboxedEnvironment

from scriptlint.analysis.plain_text import apply_to_template
from scriptlint.analysis.sandbox import SandboxViolation, check_sandbox
from scriptlint.analysis.token_scan import NestedTooDeep, TokenScan, scan_alone
from scriptlint.analysis.tree import walk
from scriptlint.intake.decoding import decode, digest
from scriptlint.intake.files import Refused, read_file, state_of
from scriptlint.intake.front_matter import split_front_matter
from scriptlint.intake.kept_data import kept_front_matter
from scriptlint.model import UnreadableDocument
from scriptlint.model.records import record


class TemplateProblem(Exception):
    """A template cannot be analysed: SL02 (syntax, unresolvable include) or SL04 (unsafe, over limits)."""

    def __init__(
        self, code: str, message: str, line: int, column: int = 1, path: str | None = None, *, timing: bool = False
    ) -> None:
        super().__init__(message)
        # The problem depends on the machine's speed (the time budget), not only on the file: not cached.
        self.timing = timing
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        # The file the problem is in when it is not the linted file itself (an included template).
        self.path = path


class RefusedTemplate(TemplateNotFound):
    """An include, import or extends names a file that is not read: its real path leaves the script root,
    it is not a regular file, it is over the size limit, or it has several names (SL04)."""


# Only partials this small are remembered across files, and only this many (the oldest forgotten first):
# bounding the memory a batch, or a session checking text after text, can take.
_REMEMBERED_SOURCE_BYTES = 20_000
_REMEMBERED_TEMPLATES = 256


class ConfinedLoader(BaseLoader):
    """Loads templates by name from under one root directory, refusing anything that resolves outside it.

    A name is resolved (real path) and checked against the root before the file is opened; only regular
    files within the size limit are read (scriptlint.intake.files), so a refused name is never opened.
    """

    def __init__(self, root: Path, max_bytes: int, follow_links: bool = False) -> None:
        self.root = Path(os.path.realpath(root))
        self.max_bytes = max_bytes
        # Files with several names (hard links) are read only when the run follows links.
        self.follow_links = follow_links
        # What `parse` produced in this environment, by (name, source): partials are shared by scripts.
        self.parsed: dict[tuple[str, str], ParsedTemplate] = {}
        # The SHA-256 of the bytes last read for each template name (the result cache's dependencies).
        self.read_digests: dict[str, str] = {}

    def digest_of(self, name: str) -> str | None:
        """What the file `name` stands for under the root is now (see scriptlint.intake.files.state_of):
        a refused name is never opened or hashed."""
        if not name or os.path.isabs(name) or name.startswith(("/", "\\")):
            return "refused: not a name under the root"
        path = os.path.join(self.root, name)
        return state_of(path, self.max_bytes, roots=[self.root], single_link=not self.follow_links)

    def resolve(self, name: str) -> Path:
        """The real path of template `name`; raise RefusedTemplate or TemplateNotFound (nothing is opened)."""
        if not name or "\x00" in name:
            raise TemplateNotFound(name, f"{name!r} is not a template name")
        if os.path.isabs(name) or name.startswith(("/", "\\")):
            raise RefusedTemplate(name, f"{name!r} is an absolute name; includes must be relative to the script root")
        real = Path(os.path.realpath(self.root / name))
        if real != self.root and self.root not in real.parents:
            raise RefusedTemplate(name, f"{name!r} resolves outside the script root {self.root}")
        return real

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """Read an included template as text, its front matter blanked out like the linted file's."""
        path = self.resolve(template)
        try:
            data = read_file(path, self.max_bytes, roots=[self.root], single_link=not self.follow_links)
        except Refused as exc:
            if exc.state == "missing":
                message = f"{template!r} does not exist under the script root {self.root}"
                raise TemplateNotFound(template, message) from None
            if exc.code == "SL04" or exc.state not in ("unreadable", "invalid name"):
                raise RefusedTemplate(template, f"{template!r}: {exc.message}") from None
            raise TemplateNotFound(template, f"{template!r}: {exc.message}") from None
        self.read_digests[template] = digest(data)
        try:
            text = decode(data)
        except UnreadableDocument as exc:
            raise TemplateNotFound(template, f"{template!r} cannot be read: {exc.message}") from None
        _, body = split_front_matter(text, kept_front_matter)
        return body, str(path), lambda: False


class MemoryLoader(BaseLoader):
    """Loads templates from an archive's members in memory: names resolve inside the archive only."""

    def __init__(self, members: Mapping[str, bytes], prefix: str, max_bytes: int, base: str = "") -> None:
        self.members = members
        # The including member's directory: names are looked up there first, then from the top.
        self.base = base
        # Template file names are shown as ARCHIVE!MEMBER.
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.parsed: dict[tuple[str, str], ParsedTemplate] = {}

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """An included member as text, its front matter blanked out like the linted file's."""
        if not template or "\x00" in template:
            raise TemplateNotFound(template, f"{template!r} is not a template name")
        if os.path.isabs(template) or template.startswith(("/", "\\")) or ".." in template.split("/"):
            raise RefusedTemplate(template, f"{template!r} leaves the archive; includes must name members of it")
        name = f"{self.base}/{template}" if self.base and f"{self.base}/{template}" in self.members else template
        data = self.members.get(name)
        if data is None:
            raise TemplateNotFound(template, f"{template!r} is not a member of the archive")
        if len(data) > self.max_bytes:
            size = f"{len(data):,} bytes, over the {self.max_bytes:,}-byte limit"
            raise RefusedTemplate(template, f"{template!r} is {size}")
        try:
            text = decode(data)
        except UnreadableDocument as exc:
            raise TemplateNotFound(template, f"{template!r} cannot be read: {exc.message}") from None
        _, body = split_front_matter(text, kept_front_matter)
        return body, f"{self.prefix}!{name}", lambda: True


@record
class ParsedTemplate:
    """A parsed template with the source offset of every piece of literal text and every `{{ }}`."""

    name: str
    source: str
    ast: nodes.Template
    offsets: dict[int, int] = field(default_factory=dict)
    line_starts: list[int] = field(default_factory=list)
    # (line, column) of every Jinja comment's `{#`: only real comments can hold directives.
    comments: frozenset[tuple[int, int]] = frozenset()
    # ("filter" or "test", name, line) of every filter and test Jinja itself does not define: a
    # vendor's renderer defines its own (Ansible's `bool`); their values are unknown text.
    unknown_names: tuple[tuple[str, str, int], ...] = ()

    def offset_of(self, node: nodes.Node) -> int | None:
        """Where a TemplateData node or an output expression starts in the source."""
        return self.offsets.get(id(node))

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a source offset."""
        import bisect

        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1


def parse(environment: Environment, source: str, name: str, *, remember: bool = False) -> ParsedTemplate:
    """Parse without rendering; raise TemplateProblem with the line of the problem.

    With `remember` (includes, imports, extends), the environment's ConfinedLoader keeps the result by
    name and source, so a partial shared by a thousand scripts is parsed once per run (the analysis
    never changes an AST).
    """
    loader = environment.loader
    remembered = loader.parsed if remember and isinstance(loader, (ConfinedLoader, MemoryLoader)) else None
    if remembered is not None and (name, source) in remembered:
        return remembered[(name, source)]
    parsed = _parse(environment, source, name)
    if remembered is not None and len(source) < _REMEMBERED_SOURCE_BYTES:
        if len(remembered) >= _REMEMBERED_TEMPLATES:
            del remembered[next(iter(remembered))]
        remembered[(name, source)] = parsed
    return parsed


def _parse(environment: Environment, source: str, name: str) -> ParsedTemplate:
    line_starts = _line_starts(source)
    scanning = environment if isinstance(environment, ScanningEnvironment) else None
    # Elsewhere the scan lexes on its own, first, so that too deep a nesting never reaches the parser.
    tokens = TokenScan(source, line_starts) if scanning else _scan_alone(environment, source, name, line_starts)
    try:
        if scanning:
            scanning.pending_scan = tokens
        ast = environment.parse(source, name=name)
    except TemplateSyntaxError as exc:
        # What the scan refuses comes first, wherever it is (a lexing error, too deep a nesting), as when the
        # scan lexes on its own: the rest of the text is scanned before the parser's error is reported.
        tokens = tokens if tokens.complete else _scan_alone(environment, source, name, line_starts)
        line = exc.lineno or 1
        message = exc.message or "syntax error"
        if message.startswith("Unexpected end of template") and tokens.open_blocks:
            tag, line, column = tokens.open_blocks[-1]
            raise TemplateProblem(
                "SL02",
                f"'{tag}' block opened here is never closed: Jinja reached the end of the template"
                f" looking for 'end{tag}'",
                line,
                column,
            ) from None
        raise TemplateProblem("SL02", f"template syntax error: {message}", line) from None
    except NestedTooDeep as exc:
        raise TemplateProblem("SL04", str(exc), exc.line, exc.column) from None
    except RecursionError:
        if not tokens.complete:
            _scan_alone(environment, source, name, line_starts)  # for what it refuses: it raises first
        raise TemplateProblem("SL04", "template is nested too deeply to parse", 1) from None
    finally:
        if scanning:
            scanning.pending_scan = None
    if not tokens.complete:
        # The parser's tokens did not pass through the scan (an extension's preprocessing changed the text).
        tokens = _scan_alone(environment, source, name, line_starts)
    everything = walk(ast)  # one walk for the checks below (the tree changes after them)
    unknown = _check_names(environment, everything)
    parsed = ParsedTemplate(
        name=name,
        source=source,
        ast=ast,
        line_starts=line_starts,
        comments=frozenset(tokens.comments),
        unknown_names=unknown,
    )
    _attach_offsets(parsed, tokens, everything)
    # Response labels and voicemail sections in the template's own text are paths too (docs/documents.md).
    scope = digest(name.encode("utf-8", "surrogatepass"))[:8] + "_"
    apply_to_template(ast, everything, parsed.offsets, lambda offset: parsed.line_column(offset)[0], scope)
    return parsed


def _scan_alone(environment: Environment, source: str, name: str, line_starts: list[int]) -> TokenScan:
    """The scan by a lexing of its own, the lexer's refusals and too deep a nesting as problems."""
    try:
        return scan_alone(environment, source, name, line_starts)
    except TemplateSyntaxError as exc:
        raise TemplateProblem("SL02", f"template syntax error: {exc.message}", exc.lineno or 1) from None
    except NestedTooDeep as exc:
        raise TemplateProblem("SL04", str(exc), exc.line, exc.column) from None


def _check_names(environment: Environment, everything: list[nodes.Node]) -> tuple[tuple[str, str, int], ...]:
    """What Jinja would refuse when compiling (duplicate blocks) and sandbox escapes; returns the filters
    and tests Jinja does not define (a vendor's renderer defines its own: their values are unknown)."""
    unknown: list[tuple[str, str, int]] = []
    for node in _of(everything, (nodes.Filter, nodes.Test)):
        known = environment.filters if isinstance(node, nodes.Filter) else environment.tests
        if node.name not in known:
            unknown.append(("filter" if isinstance(node, nodes.Filter) else "test", node.name, node.lineno))
    seen: set[str] = set()
    for block in _of(everything, nodes.Block):
        if block.name in seen:
            raise TemplateProblem("SL02", f"block {block.name!r} defined twice", block.lineno)
        seen.add(block.name)
    try:
        check_sandbox(everything)
    except SandboxViolation as exc:
        raise TemplateProblem("SL04", exc.message, exc.line) from None
    return tuple(unknown)


def _line_starts(source: str) -> list[int]:
    starts = [0]
    index = source.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = source.find("\n", index + 1)
    return starts


def _of(everything: list[nodes.Node], kind: type[Any] | tuple[type[Any], ...]) -> Iterator[Any]:
    return (node for node in everything if isinstance(node, kind))


def _attach_offsets(parsed: ParsedTemplate, tokens: TokenScan, everything: list[nodes.Node]) -> None:
    """Pair AST nodes with token offsets; both are in source order (a pre-order walk of the AST)."""
    data = iter(tokens.data)
    variables = iter(tokens.variables)
    for output in _of(everything, nodes.Output):
        for child in output.nodes:
            if isinstance(child, nodes.TemplateData):
                for start, value in data:
                    if value == child.data:
                        parsed.offsets[id(child)] = start
                        break
            else:
                variable_start = next(variables, None)
                if variable_start is not None:
                    parsed.offsets[id(child)] = variable_start


class ScanningEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, whose parser's tokens pass through the scan on their way (a template is
    lexed once: scriptlint.analysis.token_scan)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The scan the next parse's tokens pass through, set by `parse` for its call only (one parse at a
        # time per environment, as its loader's memory of parsed partials already assumes).
        self.pending_scan: TokenScan | None = None

    def _tokenize(
        self, source: str, name: str | None, filename: str | None = None, state: str | None = None
    ) -> TokenStream:
        """Jinja's own steps (`Environment._tokenize`: preprocess, lex, the extensions' filters), with the
        pending scan between the lexer and the parser when the text it scans is the text lexed."""
        scan, self.pending_scan = self.pending_scan, None
        if scan is None or state is not None:
            return super()._tokenize(source, name, filename, state)
        text = self.preprocess(source, name, filename)
        # Text an extension's preprocessing changed is scanned again after the parse (its offsets are not the
        # template's); its tokens pass through a scan of their own for the nesting limit alone.
        scanned = scan if text == scan.source else TokenScan(text, _line_starts(text))
        tokens = scanned.passing(self.lexer.tokeniter(text, name, filename))
        stream = TokenStream(self.lexer.wrap(tokens, name, filename), name, filename)
        for extension in self.iter_extensions():
            filtered = extension.filter_stream(stream)
            stream = filtered if isinstance(filtered, TokenStream) else TokenStream(filtered, name, filename)
        return stream


def make_environment(loader: BaseLoader, configure: Callable[[ImmutableSandboxedEnvironment], None]) -> Environment:
    """The only environment templates ever see: immutable sandbox, no autoescape, plugins' set-up applied."""
    environment = ScanningEnvironment(loader=loader, autoescape=False, keep_trailing_newline=True)
    configure(environment)
    if not isinstance(environment, ImmutableSandboxedEnvironment):  # pragma: no cover - defensive
        raise TypeError("the template environment must stay sandboxed")
    return environment
