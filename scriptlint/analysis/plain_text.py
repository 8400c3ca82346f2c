"""Plain-text call scripts (.txt, .md, vendor documents) as paths, following the conventions in docs/documents.md.

A response label followed by spoken text (`[YES] - Great! ...`, `If NO: ...`) starts an alternative that
runs until the next label, a blank line or a heading; consecutive labelled alternatives form one choice.
A headed voicemail section (`VOICEMAIL MESSAGE SCRIPT:`, `IF VOICEMAIL:`) is a separate path: the call
that ends in a voicemail says only that section. The text is turned into an equivalent Jinja AST, so
the same path analysis and rules apply. The same conventions apply to the literal text of templates
(`apply_to_template`), where `{{ expressions }}` inside an alternative stay in it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex
from jinja2 import nodes

from scriptlint.analysis.spoken import SLOT

_VOICEMAIL = regex.compile(r"(?i)^\s*(?:if\s+)?(?:voice\s*mail|answering machine)\b[\w\s]*:?\s*$")
_HEADING = regex.compile(r"^\s*[A-Z][A-Z0-9 ,'/&-]{2,60}:\s*$")
_LABEL_LINE = regex.compile(
    r"^\s*(?:[\[(]\s*(?:IF\s+)?(?P<bracketed>[A-Z][A-Z0-9 /'-]{0,30}?)\s*[\])]\s*[-\u2013\u2014:]?"
    r"|(?i:if)\s+(?P<prefixed>[A-Za-z][\w' ]{0,30}?)\s*:)\s*(?P<spoken>\S.*)$"
)
# A lowercase "If ...:" is a response label only when it names an answer ("If no:", "If they say
# yes:"); "If you have questions: ..." is a sentence the caller says. Capitalised labels ("If YES:") are.
_ANSWER_WORDS = regex.compile(
    r"(?i)(?:they say |the voter says |voter says |(?:the )?answer is |response is )?"
    r"(?:yes|no|undecided|unsure|not sure|maybe|supporter|supportive|opposed|leaning \w+|busy|refused|refuses"
    r"|wrong number|no answer|not home|not available|moved|deceased|hostile|other)"
)


# First words of bracketed stage directions that may stand before spoken text on the same line.
_STAGE_WORDS = frozenset(
    "PAUSE WAIT BEAT NOTE READ RECORD SMILE STOP LISTEN TRANSFER HANG END SAY ASK INSERT LEAVE SKIP GO DIAL"
    " CALLER VOTER NAME SLOWLY CLEARLY OPTIONAL".split()
)


def _label(line: str) -> regex.Match[str] | None:
    """The response label a line starts with, spoken text after it, or None."""
    found = _LABEL_LINE.match(line)
    if found is None:
        return None
    bracketed, prefixed = found.group("bracketed"), found.group("prefixed")
    if bracketed is not None:
        # "[PAUSE] Hi there": a stage direction before the line, not an answer that starts a path.
        return None if bracketed.split()[:1] and bracketed.split()[0] in _STAGE_WORDS else found
    label = prefixed.strip()
    return found if label.isupper() or _ANSWER_WORDS.fullmatch(label) else None


ANSWER = "answer"
VOICEMAIL = "voicemail"


@dataclass
class _Builder:
    """Turns ranges of the text into output nodes (for a plain document, slices of the document)."""

    text: str
    offsets: dict[int, int] = field(default_factory=dict)
    # Each choice tests its own name: two questions' answers are independent.
    choices: int = 0
    # Distinguishes the names of different templates' choices (a script and the partial it includes).
    scope: str = ""

    def data(self, start: int, end: int) -> nodes.Output:
        piece = nodes.TemplateData(self.text[start:end], lineno=self.text.count("\n", 0, start) + 1)
        self.offsets[id(piece)] = start
        return nodes.Output([piece], lineno=piece.lineno)


def plain_ast(text: str, *, conventions: bool = True) -> tuple[nodes.Template, dict[int, int]]:
    """The text as a template: labelled alternatives as if/elif chains, voicemail sections as a branch
    (without `conventions`, the whole text as one path)."""
    builder = _Builder(text)
    if not conventions:
        return nodes.Template([builder.data(0, len(text))] if text else [], lineno=1), builder.offsets
    main, voicemail, _ = _structure(builder, in_voicemail=False)
    return nodes.Template(_with_voicemail(main, voicemail), lineno=1), builder.offsets


def _with_voicemail(main: list[nodes.Node], voicemail: list[nodes.Node]) -> list[nodes.Node]:
    """The statements of a body with a voicemail section: that section alone when the call reaches voicemail."""
    if not voicemail:
        return main
    branch = nodes.If(nodes.Name(VOICEMAIL, "load"), voicemail, [], main, lineno=1)
    branch.scriptlint_words = ["the call reaches voicemail", "the call is answered"]  # type: ignore[attr-defined]
    return [branch]


def has_conventions(text: str) -> bool:
    """Whether some line of the text starts a labelled alternative or a voicemail section."""
    return any(_label(line) or _VOICEMAIL.match(line) for line in text.split("\n"))


def _structure(builder: _Builder, in_voicemail: bool) -> tuple[list[nodes.Node], list[nodes.Node], bool]:
    """The builder's text as statements of the answered call and of the voicemail section (labelled
    alternatives as choices), and whether the text ends inside the voicemail section."""
    lines = _lines(builder.text)
    main: list[nodes.Node] = []
    voicemail: list[nodes.Node] = []
    target = voicemail if in_voicemail else main
    index = 0
    while index < len(lines):
        start, end, line = lines[index]
        if _VOICEMAIL.match(line):
            target = voicemail
            index += 1
            continue
        if target is voicemail and _HEADING.match(line) and not _VOICEMAIL.match(line):
            target = main
        if _label(line):
            group, index = _label_group(lines, index)
            target.append(_choice(builder, group))
            continue
        target.append(builder.data(start, end))
        index += 1
    return main, voicemail, target is voicemail


@dataclass
class _RunBuilder(_Builder):
    """For literal text inside a template: ranges of the run's text (its expressions stand as one SLOT
    character each) become outputs of slices of the original nodes, offsets kept for locations."""

    segments: list[tuple[int, int, nodes.Node]] = field(default_factory=list)
    line_of: Callable[[int], int] = lambda offset: 1

    def data(self, start: int, end: int) -> nodes.Output:
        children: list[nodes.Node] = []
        for segment_start, segment_end, child in self.segments:
            if segment_end <= start or segment_start >= end:
                continue
            if not isinstance(child, nodes.TemplateData):
                if start <= segment_start and segment_end <= end:
                    children.append(child)
                continue
            first, last = max(start, segment_start), min(end, segment_end)
            piece = nodes.TemplateData(child.data[first - segment_start : last - segment_start], lineno=child.lineno)
            origin = self.offsets.get(id(child))
            if origin is not None:
                self.offsets[id(piece)] = origin + first - segment_start
                piece.lineno = self.line_of(origin + first - segment_start)
            children.append(piece)
        return nodes.Output(children, lineno=children[0].lineno if children else 1)


def apply_to_template(
    ast: nodes.Template, offsets: dict[int, int], line_of: Callable[[int], int], scope: str = ""
) -> None:
    """Apply the conventions to the literal text of a template, run by run of consecutive outputs.

    A run whose text holds a response label or a voicemail heading is replaced by the equivalent
    statements; everything else is left as parsed. `offsets` (node id -> source offset) gains the
    new text nodes, so findings still point at the template's lines.
    """
    counter = _Builder("", scope=scope)
    for node in [ast, *ast.find_all(nodes.Stmt)]:
        for name, value in node.iter_fields():
            if isinstance(value, list) and any(isinstance(item, nodes.Output) for item in value):
                setattr(node, name, _rewrite_body(value, offsets, line_of, counter))


def _rewrite_body(
    body: list[nodes.Node], offsets: dict[int, int], line_of: Callable[[int], int], counter: _Builder
) -> list[nodes.Node]:
    """A body with its runs of literal text rewritten; a voicemail section runs on across statements
    until a heading, and is then the only thing said when the call reaches voicemail."""
    main: list[nodes.Node] = []
    voicemail: list[nodes.Node] = []
    in_voicemail = False
    run: list[nodes.Output] = []
    for node in [*body, None]:
        if isinstance(node, nodes.Output):
            run.append(node)
            continue
        if run:
            run_main, run_voicemail, in_voicemail = _rewrite_run(run, offsets, line_of, counter, in_voicemail)
            main.extend(run_main)
            voicemail.extend(run_voicemail)
            run = []
        if node is not None:
            (voicemail if in_voicemail else main).append(node)
    return _with_voicemail(main, voicemail)


def _rewrite_run(
    run: list[nodes.Output],
    offsets: dict[int, int],
    line_of: Callable[[int], int],
    counter: _Builder,
    in_voicemail: bool,
) -> tuple[list[nodes.Node], list[nodes.Node], bool]:
    text: list[str] = []
    segments: list[tuple[int, int, nodes.Node]] = []
    length = 0
    for output in run:
        for child in output.nodes:
            part = child.data if isinstance(child, nodes.TemplateData) else SLOT
            segments.append((length, length + len(part), child))
            text.append(part)
            length += len(part)
    joined = "".join(text)
    if not has_conventions(joined):
        return ([], list(run), True) if in_voicemail else (list(run), [], False)
    builder = _RunBuilder(joined, offsets, counter.choices, counter.scope, segments, line_of)
    statements = _structure(builder, in_voicemail)
    counter.choices = builder.choices
    return statements


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end including the newline, text) of every line."""
    found, start = [], 0
    for piece in text.splitlines(keepends=True):
        found.append((start, start + len(piece), piece.rstrip("\n")))
        start += len(piece)
    return found


def _label_group(lines: list[tuple[int, int, str]], index: int) -> tuple[list[tuple[str, int, int]], int]:
    """Consecutive labelled alternatives: (label, start of its spoken text, end) each."""
    group: list[tuple[str, int, int]] = []
    while index < len(lines):
        start, end, line = lines[index]
        match = _label(line)
        if match is None:
            break
        label = (match.group("bracketed") or match.group("prefixed") or "").strip().upper()
        spoken_start = start + match.start("spoken")
        index += 1
        # The alternative runs on until a blank line, a heading or the next label.
        while index < len(lines):
            _, next_end, next_line = lines[index]
            if not next_line.strip() or _HEADING.match(next_line) or _label(next_line):
                break
            end = next_end
            index += 1
        group.append((label, spoken_start, end))
    return group, index


def _choice(builder: _Builder, group: list[tuple[str, int, int]]) -> nodes.Node:
    """One choice between the labelled alternatives (exactly one of them is said)."""
    builder.choices += 1
    name = f"{ANSWER}_{builder.scope}{builder.choices}"

    def _is(label: str) -> nodes.Expr:
        return nodes.Compare(nodes.Name(name, "load"), [nodes.Operand("eq", nodes.Const(label))])

    if len(group) == 1:
        label, start, end = group[0]
        alone = nodes.If(_is(label), [builder.data(start, end)], [], [], lineno=1)
        alone.scriptlint_words = [f"the answer is {label}", f"the answer is not {label}"]  # type: ignore[attr-defined]
        return alone
    *first, (_, last_start, last_end) = group
    (label, start, end), *middle = first
    chain = nodes.If(
        _is(label),
        [builder.data(start, end)],
        [nodes.If(_is(other), [builder.data(s, e)], [], [], lineno=1) for other, s, e in middle],
        [builder.data(last_start, last_end)],
        lineno=1,
    )
    chain.scriptlint_words = [f"the answer is {item[0]}" for item in group]  # type: ignore[attr-defined]
    return chain
