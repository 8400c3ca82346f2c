"""Call scripts as paths, read by the layout grammar (docs/conventions.md, `layout.py`).

Answer labels (`[YES] - Great! ...`, `(If No)`, `### If NO`) start alternatives; consecutive labelled
alternatives form one choice. A voicemail section (`## Voicemail message`, `If you reach an answering
machine:`) is a separate path: the call that ends in a voicemail says only that section. Merge fields
become the names they stand for. The text is turned into an equivalent Jinja AST whose pieces carry their
spoken form, so the same path analysis and rules apply; `apply_to_template` does the same for the literal
text of templates, where `{{ expressions }}` inside an alternative stay in it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import field

import regex
from jinja2 import nodes

from scriptlint.analysis import layout, merge_fields, versions
from scriptlint.analysis.call_ends import after_endings, ends_call, every_call, mark_endings
from scriptlint.analysis.label_groups import label_group, question_before
from scriptlint.analysis.spoken import SLOT
from scriptlint.analysis.tree import walk
from scriptlint.model.records import record

ANSWER = "answer"


@record
class _Builder:
    """Turns ranges of the text into output nodes (for a plain document, slices of the document)."""

    text: str
    offsets: dict[int, int] = field(default_factory=dict)
    # Each choice tests its own name: two questions' answers are independent.
    choices: int = 0
    # Distinguishes the names of different templates' choices (a script and the partial it includes).
    scope: str = ""
    # The choices made, with their labels and the question asked before them (worded at the end).
    made: list[tuple[nodes.If, list[str], str | None]] = field(default_factory=list)
    _layout: layout.Layout | None = None
    # The merge fields said in the text, by the template name each stands for (their words as written).
    fields: dict[str, str] = field(default_factory=dict)
    _line_starts: list[int] | None = field(default=None, repr=False)
    # Every node given an offset, kept alive until the offsets are pruned to the finished tree: offsets are
    # keyed by address, and a node dropped on the way (a slice split at a merge field, a run left as parsed)
    # would free its address for a later node, which would then seem to have its offset.
    kept: list[nodes.Node] = field(default_factory=list, repr=False)

    @property
    def layout(self) -> layout.Layout:
        """The text's layout (which lines and parts of lines are said)."""
        if self._layout is None:
            self._layout = layout.read(self.text)
        return self._layout

    def data(self, start: int, end: int) -> nodes.Output:
        piece = nodes.TemplateData(self.text[start:end], lineno=self.line_at(start))
        piece.scriptlint_spoken = self.layout.spoken[start:end]  # type: ignore[attr-defined]
        self.note(piece, start)
        return nodes.Output(self.with_fields([piece]), lineno=piece.lineno)

    def note(self, node: nodes.Node, offset: int) -> None:
        """Record where a node made here comes from (keeping it alive while offsets are made)."""
        self.kept.append(node)
        self.offsets[id(node)] = offset

    def line_at(self, offset: int) -> int:
        """The 1-based line of an offset in the text (a search: counting from the start for every line of a
        long text is quadratic)."""
        if self._line_starts is None:
            self._line_starts = [0, *(match.end() for match in regex.finditer("\n", self.text))]
        return bisect.bisect_right(self._line_starts, offset)

    def with_fields(self, children: list[nodes.Node]) -> list[nodes.Node]:
        """The children with each spoken merge field in their text as the name it stands for, so that
        the manifest (or `vars`) can give the candidate's and the sponsor's (docs/conventions.md)."""
        result: list[nodes.Node] = []
        for child in children:
            said = getattr(child, "scriptlint_spoken", None)
            if not isinstance(child, nodes.TemplateData) or said is None or id(child) not in self.offsets:
                result.append(child)
                continue
            result.extend(self._split(child, said))
        return result

    def _split(self, child: nodes.TemplateData, said: str) -> list[nodes.Node]:
        origin, position = self.offsets[id(child)], 0
        parts: list[nodes.Node] = []
        # Line numbers are counted as the matches go (counting from the start each time is quadratic).
        line, counted = child.lineno, 0

        def line_at(offset: int) -> int:
            nonlocal line, counted
            line += child.data.count("\n", counted, offset)
            counted = offset
            return line

        for match in merge_fields.PATTERN.finditer(said):
            written = merge_fields.field_of(match)
            if not written or said[match.start() : match.end()] != child.data[match.start() : match.end()]:
                continue
            name = merge_fields.identifier(written)
            self.fields.setdefault(name, written)
            if position < match.start():
                parts.append(self._slice(child, said, position, match.start(), origin, line_at(position)))
            slot = nodes.Name(name, "load", lineno=line_at(match.start()))
            slot.scriptlint_written = match.group()  # type: ignore[attr-defined]
            self.note(slot, origin + match.start())
            parts.append(slot)
            position = match.end()
        if not parts:
            return [child]
        if position < len(child.data):
            parts.append(self._slice(child, said, position, len(child.data), origin, line_at(position)))
        return parts

    def _slice(
        self, child: nodes.TemplateData, said: str, start: int, end: int, origin: int, line: int
    ) -> nodes.TemplateData:
        piece = nodes.TemplateData(child.data[start:end], lineno=line)
        piece.scriptlint_spoken = said[start:end]  # type: ignore[attr-defined]
        self.note(piece, origin + start)
        return piece

    def word_choices(self) -> None:
        """Word every choice's conditions: with two or more questions, each names its question."""
        named = len(self.made) >= 2
        for node, labels, question in self.made:
            answer = f"the answer to '{question}'" if named and question else "the answer"
            if len(labels) == 1:
                words = [f"{answer} is {labels[0]}", f"{answer} is not {labels[0]}"]
            else:
                words = [f"{answer} is {label}" for label in labels]
            node.scriptlint_words = words  # type: ignore[attr-defined]


def plain_ast(
    text: str, *, conventions: bool = True, deadline: float | None = None
) -> tuple[nodes.Template, dict[int, int]]:
    """The text as a template: labelled alternatives as if/elif chains, voicemail sections as a branch,
    unspoken parts blanked in each piece's spoken form (without `conventions`, the whole text as one path)."""
    builder = _Builder(text)
    builder._layout = layout.read(text, deadline) if conventions else None
    if not conventions:
        return nodes.Template([builder.data(0, len(text))] if text else [], lineno=1), builder.offsets
    split = versions.segments(builder.layout.lines, text, builder.layout.spoken)
    if split is None:
        body = versions.with_voicemail(*_structure(builder, in_voicemail=False)[:2])
    else:
        # Two or more language versions: what comes before and after them is common, one version is read.
        common, parts, after = split
        body = _structure(builder, False, stop=common)[0]
        branches = [
            (name, versions.with_voicemail(*_structure(builder, False, start, stop)[:2])) for name, start, stop in parts
        ]
        body.append(versions.version_choice(branches))
        body += versions.with_voicemail(*_structure(builder, False, after)[:2])
    builder.word_choices()
    template = nodes.Template(body, lineno=1)
    template.scriptlint_fields = builder.fields  # type: ignore[attr-defined]
    _prune(builder.offsets, template)
    return template, builder.offsets


def has_conventions(text: str) -> bool:
    """Whether the layout of the text is more than plain speech: a label, a voicemail section, a heading,
    an instruction or markup that is not said."""
    return _more_than_speech(text, layout.read(text))


def _more_than_speech(text: str, read: layout.Layout) -> bool:
    return read.spoken != text or any(line.kind not in (layout.SPEECH, layout.BLANK) for line in read.lines)


def _structure(
    builder: _Builder, in_voicemail: bool, start: int = 0, stop: int | None = None
) -> tuple[list[nodes.Node], list[nodes.Node], bool]:
    """The builder's text (its lines from `start` to `stop`) as statements of the answered call and of the
    voicemail section (labelled alternatives as choices), and whether the text ends inside the voicemail section."""
    lines = builder.layout.lines[:stop]
    main: list[nodes.Node] = []
    voicemail: list[nodes.Node] = []
    target = voicemail if in_voicemail else main
    # Consecutive lines said on the same path are one output (one statement for the paths to walk, however
    # many lines of prose): the start and end of those not yet output.
    pending: list[int] = []
    # Where the statements after a choice with an answer that ends the call start, and the section's flag.
    ended: list[int] = []
    flag = ""

    def flush() -> None:
        if pending:
            target.append(builder.data(pending[0], pending[1]))
            pending.clear()

    index = start
    while index < len(lines):
        line = lines[index]
        if line.kind == layout.VOICEMAIL:
            flush()
            if line.own_line:
                target = voicemail
                index += 1
                continue
            # "VOICEMAIL: Hi, ..." on one line: the message is its paragraph.
            end = _paragraph_end(lines, index)
            voicemail.append(builder.data(line.start, lines[end - 1].end))
            index = end
            continue
        if target is voicemail and line.heading:
            flush()
            target = main
        if ended and ((line.heading and line.kind == layout.UNSPOKEN) or every_call(builder.text, line.start)):
            # A new section ("## Required disclosure") or a line for every call ("[ALL CALLS]") is read where it
            # says: answers that ended the call end only what their own section says after them.
            flush()
            main[:] = after_endings(main, ended, flag)
            ended.clear()
        if line.kind == layout.LABEL:
            flush()
            group, index = label_group(lines, index, builder.text)
            choice = _choice(builder, group, question_before(builder.layout.spoken, line.start))
            target.append(choice)
            ending = [ends_call(label, builder.text, s, e) for label, s, e in group]  # "IF NO: ... [END CALL]"
            flag = flag if ended else f"{ANSWER}_{builder.scope}{builder.choices}_ended"
            if target is main and mark_endings(choice, ending, flag):
                ended.append(len(main))
            continue
        pending[:] = [pending[0] if pending else line.start, line.end]
        index += 1
    flush()
    return after_endings(main, ended, flag), voicemail, target is voicemail


def _paragraph_end(lines: tuple[layout.Line, ...], index: int) -> int:
    """The index past the last line of the paragraph that line `index` starts."""
    index += 1
    while index < len(lines) and lines[index].kind not in (layout.BLANK, layout.BREAK, layout.LABEL, layout.VOICEMAIL):
        if lines[index].heading:
            break
        index += 1
    return index


@record
class _RunBuilder(_Builder):
    """For literal text inside a template: ranges of the run's text (its expressions stand as one SLOT
    character each) become outputs of slices of the original nodes, offsets kept for locations."""

    segments: list[tuple[int, int, nodes.Node]] = field(default_factory=list)
    line_of: Callable[[int], int] = lambda offset: 1

    def data(self, start: int, end: int) -> nodes.Output:
        children: list[nodes.Node] = []
        spoken = self.layout.spoken
        # Segments are in order: start from the last one beginning at or before `start` (a search, so that a
        # long run of text and expressions is not walked again for every line of it).
        first_segment = max(0, bisect.bisect_right(self.segments, (start, float("inf"))) - 1)
        for segment_start, segment_end, child in self.segments[first_segment:]:
            if segment_start >= end:
                break
            if segment_end <= start:
                continue
            if not isinstance(child, nodes.TemplateData):
                # An expression in an unspoken part (an instruction, the other party's line) is not said.
                if start <= segment_start and segment_end <= end and spoken[segment_start] == SLOT:
                    children.append(child)
                continue
            first, last = max(start, segment_start), min(end, segment_end)
            piece = nodes.TemplateData(child.data[first - segment_start : last - segment_start], lineno=child.lineno)
            piece.scriptlint_spoken = spoken[first:last]  # type: ignore[attr-defined]
            origin = self.offsets.get(id(child))
            if origin is not None:
                self.note(piece, origin + first - segment_start)
                piece.lineno = self.line_of(origin + first - segment_start)
            children.append(piece)
        children = self.with_fields(children)
        return nodes.Output(children, lineno=children[0].lineno if children else 1)


def apply_to_template(
    ast: nodes.Template,
    everything: Sequence[nodes.Node],
    offsets: dict[int, int],
    line_of: Callable[[int], int],
    scope: str = "",
) -> None:
    """Apply the conventions to the literal text of a template, run by run of consecutive outputs.

    A run whose layout is more than plain speech is replaced by the equivalent statements, its pieces
    carrying their spoken form; everything else is left as parsed. `everything` is the tree's nodes as
    parsed, in `find_all`'s order (scriptlint.analysis.tree.walk). `offsets` (node id -> source offset)
    gains the new text nodes and loses the ones replaced, so findings still point at the template's lines.
    """
    counter = _Builder("", scope=scope)
    for node in [ast, *(node for node in everything if isinstance(node, nodes.Stmt))]:
        for name, value in node.iter_fields():
            if isinstance(value, list) and any(isinstance(item, nodes.Output) for item in value):
                setattr(node, name, _rewrite_body(value, offsets, line_of, counter))
    counter.word_choices()
    ast.scriptlint_fields = counter.fields  # type: ignore[attr-defined]
    # Pruned while every replaced node is still alive (`everything` and the builders hold them).
    _prune(offsets, ast)


def _prune(offsets: dict[int, int], tree: nodes.Template) -> None:
    """Keep only the offsets of the finished tree's nodes: a node replaced or dropped on the way is freed
    after this, and a node made later could be given its address, and with it a wrong line."""
    in_tree = {id(node) for node in walk(tree)}
    for key in [key for key in offsets if key not in in_tree]:
        del offsets[key]


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
    return versions.with_voicemail(main, voicemail)


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
    read = layout.read(joined)
    if not _more_than_speech(joined, read) and not merge_fields.PATTERN.search(joined):
        return ([], list(run), True) if in_voicemail else (list(run), [], False)
    builder = _RunBuilder(
        joined,
        offsets,
        counter.choices,
        counter.scope,
        counter.made,
        read,
        counter.fields,
        segments=segments,
        line_of=line_of,
        kept=counter.kept,
    )
    statements = _structure(builder, in_voicemail)
    counter.choices = builder.choices
    return statements


def _choice(builder: _Builder, group: list[tuple[str, int, int]], question: str | None) -> nodes.If:
    """One choice between the labelled alternatives (exactly one of them is said)."""
    builder.choices += 1
    name = f"{ANSWER}_{builder.scope}{builder.choices}"

    def _is(label: str) -> nodes.Expr:
        return nodes.Compare(nodes.Name(name, "load"), [nodes.Operand("eq", nodes.Const(label))])

    labels = [item[0] for item in group]
    if len(group) == 1:
        label, start, end = group[0]
        alone = nodes.If(_is(label), [builder.data(start, end)], [], [], lineno=1)
        builder.made.append((alone, labels, question))
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
    builder.made.append((chain, labels, question))
    return chain
