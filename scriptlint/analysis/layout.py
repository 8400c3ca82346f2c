"""The layout of a call script as a caller reads it aloud: which lines, and which parts of them, are said.

The grammar (docs/conventions.md): Markdown markup, headings, rules and page breaks are never said;
a preamble of instructions before the first spoken line, and sections under headings such as "Tips"
or "Before you call", are for the caller, not the callee; a speaker label ("Caller:", "NARRATOR:") is
not said, and the other party's lines in a dialogue ("Voter:") are not the caller's speech; a stage
direction in ( ) or [ ] standing at the start of a line, even over several lines, is not said; answer
labels and voicemail headings are not said and start alternatives (built by plain_text.py).
Every function keeps offsets: unspoken characters are blanked, never removed.
"""

from __future__ import annotations

import time

from scriptlint.analysis import layout_dialogue, layout_headings, layout_options, layout_tables, layout_words, versions
from scriptlint.analysis.compiled import kept
from scriptlint.analysis.layout_lines import (
    BLANK,
    BREAK,
    LABEL,
    LABEL_LEVEL,
    SPEECH,
    UNSPOKEN,
    VOICEMAIL,
    kind_of,
    spoken_line,
    words_of,
)
from scriptlint.analysis.markup import (
    FENCE,
    HTML_COMMENT,
    HTML_TAG,
    blanked,
    blanked_but_newlines,
    content,
    spaces,
)
from scriptlint.model.records import record

__all__ = [
    "BLANK",
    "BREAK",
    "LABEL",
    "LABEL_LEVEL",
    "SPEECH",
    "UNSPOKEN",
    "VOICEMAIL",
    "Layout",
    "Line",
    "OutOfTime",
    "read",
]


@record(frozen=True, slots=True)
class Line:
    """One line of the text: its kind, where its spoken part starts, and its answer label if any."""

    start: int
    end: int  # including the newline
    kind: str
    # 1-6 for a Markdown heading, LABEL_LEVEL for another heading form, 0 for no heading.
    heading: int = 0
    # LABEL lines: the answer ("YES", "THEY'RE UNSURE"); VOICEMAIL lines: "" when the message follows it.
    label: str | None = None
    # Whether a label or voicemail heading stands alone on its line (its text follows on the next lines).
    own_line: bool = False
    # Where the spoken part of the line starts (after a label), from the line's start.
    body: int = 0
    # Whether the line starts a list item ("- ", "3. "): an item ends an inline label's alternative.
    item: bool = False
    # A marker of a language version ("[ES]", "## Spanish version"): the language it names.
    version: str | None = None


@record(frozen=True)
class Layout:
    """The lines of a text and its spoken form (same length, unspoken characters blanked)."""

    lines: tuple[Line, ...]
    spoken: str


# Quotation marks around spoken lines: straight, curly, guillemets, Japanese corner brackets.
_QUOTE_SPAN = kept(r'"[^"]*"|\u201c[^\u201d]*\u201d|\u00ab[^\u00bb]*\u00bb|\u300c[^\u300d]*\u300d')
_OPEN_DIRECTION = layout_dialogue.OPEN_DIRECTION


class OutOfTime(Exception):
    """Reading the layout took longer than the file's time budget (a huge or hostile document)."""


def read(text: str, deadline: float | None = None) -> Layout:
    """The layout of `text` (a document, or a run of a template's literal text with SLOT characters);
    OutOfTime once time.monotonic() passes `deadline`."""
    # Web-page markup and HTML comments are not said, and no label hides behind them ("<p>YES: ...").
    text = HTML_COMMENT.sub(lambda m: blanked_but_newlines(m.group()), HTML_TAG.sub(spaces, text))
    raw = _lines(text)
    spoken = list(text)
    kinds: list[Line] = []
    index = 0
    in_response_table = False
    while index < len(raw):
        start, end, text_of_line = raw[index]
        if FENCE.match(text_of_line):
            kinds.append(Line(start, end, UNSPOKEN))
            index += 1
            continue
        continued = _direction_lines(raw, index)
        if continued:
            for offset in range(index, index + continued):
                kinds.append(Line(raw[offset][0], raw[offset][1], UNSPOKEN))
            index += continued
            continue
        kind = kind_of(text_of_line)
        # Under a response table's header ("| If the voter says... | You say... |"), every row is an answer the
        # person may give or a question they may ask, with the caller's reply: an alternative.
        if not text_of_line.lstrip().startswith("|"):
            in_response_table = False  # only a table's lines are asked about tables (most lines are not)
        elif layout_tables.table_row(text_of_line) == (None, len(text_of_line)):
            in_response_table = True
        elif in_response_table and kind[0] != LABEL and (reply := layout_tables.response_row(text_of_line)):
            kind = (LABEL, 0, reply[0], False, reply[1], False)
        if kind[0] == VOICEMAIL and not kind[1] and _instructs(raw, index, kind[4]):
            # "VM: don't leave a message", "If no answer: hang up and mark NA": a direction, no message.
            kind = (UNSPOKEN, 0, None, False, 0, False)
        version = versions.language_version(content(text_of_line)) if kind[0] == UNSPOKEN else None
        kinds.append(Line(start, end, *kind, version=version))
        index += 1
        if deadline is not None and index % 256 == 0 and time.monotonic() > deadline:
            raise OutOfTime
    for changed, kind_now in layout_options.demoted(kinds, raw):
        kinds[changed] = Line(kinds[changed].start, kinds[changed].end, kind_now)
    lines = _dialogue(_sections(_preamble(_before_marker(kinds, raw), raw), raw), raw)
    for item, (start, _, text_of_line) in zip(lines, raw, strict=True):
        _write(spoken, start, spoken_line(item.kind, item.body, text_of_line))
    for first, last in _guidance(lines, spoken):
        # Where the script's lines are quoted, what stands outside quotation marks is guidance.
        start, end = lines[first].start, lines[last - 1].end
        region = "".join(spoken[start:end])
        parts: list[str] = []
        outside = 0
        for match in _QUOTE_SPAN.finditer(region):
            parts += (blanked(region[outside : match.start()], returns=False), match.group())
            outside = match.end()
        # Guidance around quoted lines is blanked up to its line and page breaks (carriage returns too).
        parts.append(blanked(region[outside:], returns=False))
        _write(spoken, start, "".join(parts))
    return Layout(tuple(lines), "".join(spoken))


def _guidance(lines: list[Line], spoken: list[str]) -> list[tuple[int, int]]:
    """The spoken paragraphs of a script whose lines are written in quotation marks (three or more quotes
    each standing alone on its lines): what stands outside the quotes there is guidance for the caller."""
    text = "".join(spoken)
    alone = 0
    for match in _QUOTE_SPAN.finditer(text):
        before = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        after_end = text.find("\n", match.end())
        after = text[match.end() : after_end if after_end >= 0 else len(text)]
        alone += not before.strip() and not after.strip(" \t\f.,;:!?")
    if alone < 3:
        return []
    return _paragraphs(lines)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end including the newline, text without it) of every line."""
    found, start = [], 0
    for piece in text.splitlines(keepends=True):
        found.append((start, start + len(piece), piece.rstrip("\r\n")))
        start += len(piece)
    return found


def _write(target: list[str], start: int, text: str) -> None:
    target[start : start + len(text)] = list(text)


def _direction_lines(raw: list[tuple[int, int, str]], index: int) -> int:
    """How many lines a stage direction opened at the start of line `index` and closed on a later line
    spans (0 when there is none): all of it is unspoken, "(if the voter hesitates, remind them ... )"."""
    opened = _OPEN_DIRECTION.match(raw[index][2])
    if opened is None:
        return 0
    closing = ")" if opened.group(1) == "(" else "]"
    depth = 0
    for offset in range(index, min(len(raw), index + 12)):
        line = raw[offset][2]
        if offset > index and not line.strip():
            return 0
        for position, char in enumerate(line[opened.start(1) if offset == index else 0 :]):
            depth += char == opened.group(1)
            depth -= char == closing
            if depth == 0:
                rest = line[(opened.start(1) if offset == index else 0) + position + 1 :]
                # Closed on its first line: an ordinary direction (spoken.py) or "(555) 201-0100".
                return 0 if offset == index or rest.strip(" .,;:") else offset - index + 1
    return 0


def _paragraphs(lines: list[Line]) -> list[tuple[int, int]]:
    """(first, past-last) line indexes of each run of non-blank lines."""
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if lines[index].kind in (BLANK, BREAK):
            index += 1
            continue
        first = index
        while index < len(lines) and lines[index].kind not in (BLANK, BREAK):
            index += 1
        found.append((first, index))
    return found


def _preamble(lines: list[Line], raw: list[tuple[int, int, str]]) -> list[Line]:
    """Instructions for the caller before the first spoken line are not said (docs/conventions.md): the
    paragraphs before an opening ("Hi, ...", "This is ...") when they are instructions, metadata or
    titles and at least one is an instruction, or everything up to a line announcing the script."""
    instructed = titled = False
    end: int | None = None
    for first, last in _blocks(lines, raw):
        if {lines[i].kind for i in range(first, last)} & {LABEL, VOICEMAIL}:
            # Titles before a block that opens the call or starts the voicemail are not said, labels or not.
            head = lines[first]
            starts = head.kind == VOICEMAIL or (head.kind == SPEECH and words_of(raw[first][2]).opens_call)
            end = first if (instructed or (titled and starts)) and end is None else end
            break
        said = [words_of(raw[i][2]) for i in range(first, last) if lines[i].kind == SPEECH]
        if not said:
            continue
        texts = [words.text for words in said]
        if said[0].opens_call or layout_words.quoted(" ".join(texts)):
            end = first if instructed or end is None else end
            break
        if said[0].script_marker:
            instructed, end = True, last
            continue
        if layout_words.instruction(texts[0]):
            instructed = True
            continue
        if len(texts) == 1 and said[0].title:
            titled = True
            continue
        break
    if end is None:
        return lines
    unspoken = [Line(line.start, line.end, UNSPOKEN) if line.kind == SPEECH else line for line in lines[:end]]
    return unspoken + lines[end:]


def _before_marker(lines: list[Line], raw: list[tuple[int, int, str]]) -> list[Line]:
    """Everything up to a line announcing the script ("Here's a script to help you:") is for the caller,
    when nothing before it opens the call or starts an alternative."""
    for index, line in enumerate(lines):
        if line.kind in (LABEL, VOICEMAIL):
            return lines
        if line.kind != SPEECH:
            continue
        words = words_of(raw[index][2])
        if words.opens_call:
            return lines
        if words.script_marker:
            before = [
                Line(item.start, item.end, UNSPOKEN) if item.kind == SPEECH else item for item in lines[: index + 1]
            ]
            return before + lines[index + 1 :]
    return lines


def _blocks(lines: list[Line], raw: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Paragraphs, also split before a line that opens the call and after a line announcing the script
    (one paragraph per line in Word documents, where blank lines are rare)."""
    found: list[tuple[int, int]] = []
    for first, last in _paragraphs(lines):
        start = first
        for index in range(first, last):
            words = words_of(raw[index][2])
            if index > start and words.opens_call:
                found.append((start, index))
                start = index
            if words.script_marker or (words.title and index == start):
                found.append((start, index + 1))
                start = index + 1
        if start < last:
            found.append((start, last))
    return found


_GREETING = kept(r"(?i)\b(?:hi|hello|this\s+is|my\s+name\s+is|calling\s+(?:from|for|with|on))\b")
_HANG_UP = kept(r"(?i)^\W*(?:hang\s+up|do\s+not\s+leave|don'?t\s+leave|no\s+message|skip|move\s+on|end\s+the\s+call)\b")


def _instructs(raw: list[tuple[int, int, str]], index: int, body: int) -> bool:
    """Whether a voicemail label's words (on its line, else the next line's) tell the caller what to do
    rather than give a message: "hang up and mark NA", "don't leave a message"."""
    text = raw[index][2][body:]
    if not text.strip():
        text = _next_text(raw, index)
    words = content(text).strip()
    if not words or layout_words.opens_call(words) or words.endswith(":") or _GREETING.search(words):
        return False  # a message, or "Leave this message:" before it
    return _HANG_UP.match(words) is not None or layout_words.instruction(words)


# A rebuttal: what the person asks or says, then the caller's answer ("Who pays for this call? - We do."); an
# answers section goes on past a blank line while the next paragraph is one, so the script's closing is said.
_REBUTTAL = kept(r"(?i)\?|\s[-\u2013\u2014]\s|^\W*(?:if\s+they|they\s+say|q\s*:)")


def _next_line(raw: list[tuple[int, int, str]], index: int) -> int | None:
    """The index of the next line after `index` with words on it (None at the end), without copying the lines
    after it."""
    for position in range(index + 1, len(raw)):
        if raw[position][2].strip():
            return position
    return None


def _next_text(raw: list[tuple[int, int, str]], index: int) -> str:
    """The next line after `index` with words on it ("" at the end)."""
    position = _next_line(raw, index)
    return "" if position is None else raw[position][2]


def _sections(lines: list[Line], raw: list[tuple[int, int, str]]) -> list[Line]:
    """Sections under an instruction heading ("Tips", "Before you call", "Notes") are not said: a Markdown
    heading's section runs to the next heading of its level or above, another heading's to the end of
    the paragraph after it; either ends where the call itself resumes (a greeting, a label)."""
    result = list(lines)
    index = 0
    while index < len(result):
        line = result[index]
        if not (line.kind == UNSPOKEN and line.heading and layout_headings.instruction_heading(content(raw[index][2]))):
            index += 1
            continue
        level = line.heading
        # Answers kept for when the person asks run to the next heading, paragraph after paragraph.
        asked = level == LABEL_LEVEL and layout_headings.asked_heading(content(raw[index][2]))
        index += 1
        seen_text = False
        while index < len(result):
            current = result[index]
            if current.heading and ((level < LABEL_LEVEL and current.heading <= level) or level == LABEL_LEVEL):
                break
            if current.heading and layout_words.script_heading(content(raw[index][2])):
                break  # "### Script" under "## Production notes": the script itself, whatever its level
            if current.kind in (BLANK, BREAK):
                if level == LABEL_LEVEL and seen_text:
                    # An answers section goes on past blank lines while the next paragraph is a rebuttal: the
                    # next words are looked for once per run of blank lines (no rescanning: linear).
                    following = _next_line(raw, index)
                    if not asked or following is None or not _REBUTTAL.search(raw[following][2]):
                        break
                    index = following
                    continue
                index += 1
                continue
            if current.kind in (LABEL, VOICEMAIL) or words_of(raw[index][2]).opens_call:
                break  # the script itself resumes: an answer, a voicemail section, a greeting
            seen_text = True
            result[index] = Line(current.start, current.end, UNSPOKEN)
            index += 1
    return result


def _dialogue(lines: list[Line], raw: list[tuple[int, int, str]]) -> list[Line]:
    """The other party's turns in a dialogue are not the caller's speech (scriptlint.analysis.layout_dialogue)."""
    result = list(lines)
    for index in layout_dialogue.others_lines(lines, raw):
        result[index] = Line(lines[index].start, lines[index].end, UNSPOKEN)
    return result
