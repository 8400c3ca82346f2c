"""Plain-text call scripts (.txt, .md, vendor documents) as paths, following the conventions of DESIGN section 2.

A response label followed by spoken text (`[YES] - Great! ...`, `If NO: ...`) starts an alternative that
runs until the next label, a blank line or a heading; consecutive labelled alternatives form one choice.
A headed voicemail section (`VOICEMAIL MESSAGE SCRIPT:`, `IF VOICEMAIL:`) is a separate path: the call
that ends in a voicemail says only that section. The text is turned into an equivalent Jinja AST, so
the same path analysis and rules apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from jinja2 import nodes

_VOICEMAIL = regex.compile(r"(?i)^\s*(?:if\s+)?(?:voice\s*mail|answering machine)\b[\w\s]*:?\s*$")
_HEADING = regex.compile(r"^\s*[A-Z][A-Z0-9 ,'/&-]{2,60}:\s*$")
_LABEL = regex.compile(
    r"^\s*(?:[\[(]\s*(?:IF\s+)?(?P<bracketed>[A-Z][A-Z0-9 /'-]{0,30}?)\s*[\])]\s*[-\u2013\u2014:]?"
    r"|(?i:if)\s+(?P<prefixed>[A-Za-z][\w' ]{0,30}?)\s*:)\s*(?P<spoken>\S.*)$"
)
ANSWER = "answer"
VOICEMAIL = "voicemail"


@dataclass
class _Builder:
    text: str
    offsets: dict[int, int] = field(default_factory=dict)
    # Each choice tests its own name: two questions' answers are independent.
    choices: int = 0

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
    lines = _lines(text)
    main: list[nodes.Node] = []
    voicemail: list[nodes.Node] = []
    target = main
    index = 0
    while index < len(lines):
        start, end, line = lines[index]
        if _VOICEMAIL.match(line):
            target = voicemail
            index += 1
            continue
        if target is voicemail and _HEADING.match(line) and not _VOICEMAIL.match(line):
            target = main
        if _LABEL.match(line):
            group, index = _label_group(lines, index)
            target.append(_choice(builder, group))
            continue
        target.append(builder.data(start, end))
        index += 1
    body: list[nodes.Node] = main
    if voicemail:
        branch = nodes.If(nodes.Name(VOICEMAIL, "load"), voicemail, [], main, lineno=1)
        branch.scriptlint_words = ["the call reaches voicemail", "the call is answered"]  # type: ignore[attr-defined]
        body = [branch]
    return nodes.Template(body, lineno=1), builder.offsets


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
        match = _LABEL.match(line)
        if match is None:
            break
        label = (match.group("bracketed") or match.group("prefixed") or "").strip().upper()
        spoken_start = start + match.start("spoken")
        index += 1
        # The alternative runs on until a blank line, a heading or the next label.
        while index < len(lines):
            _, next_end, next_line = lines[index]
            if not next_line.strip() or _HEADING.match(next_line) or _LABEL.match(next_line):
                break
            end = next_end
            index += 1
        group.append((label, spoken_start, end))
    return group, index


def _choice(builder: _Builder, group: list[tuple[str, int, int]]) -> nodes.Node:
    """One choice between the labelled alternatives (exactly one of them is said)."""
    builder.choices += 1
    name = f"{ANSWER}_{builder.choices}"

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
