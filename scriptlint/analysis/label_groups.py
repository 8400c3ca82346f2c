"""Groups of labelled alternatives in a text's layout ("[YES] - ...", "If NO: ..."), and the question they answer
(worded in the conditions findings give: "when the answer to 'Can we count on your vote?' is NO")."""

from __future__ import annotations

import regex

from scriptlint.analysis import layout
from scriptlint.analysis.spoken import SLOT

# A sentence that ends in a question mark (the words after the last sentence end before it).
_QUESTION = regex.compile(r"[^.!?:;]*\?")


def label_group(lines: tuple[layout.Line, ...], index: int, text: str = "") -> tuple[list[tuple[str, int, int]], int]:
    """Consecutive labelled alternatives: (label, start of its spoken text, end) each. An inline label's
    alternative runs to the end of its paragraph or the next list item; an own-line label's is the paragraph after it (a
    Markdown heading's, its section); blank lines between the alternatives do not end the group. A compact block
    is read as documents without blank lines write it: after labels on consecutive lines, each answer one line
    (its label's, or the one under an own-line label; directions aside), the next line that is no label ends the
    group ("YES: Great!" / "NO: OK." / "Thanks. Paid for by ..."), and a lone inline label inside a paragraph,
    with no other label after it there, is its line alone; not when the last answer's sentence runs on to the
    next line. An answer that ends the call does not say what follows (scriptlint.analysis.call_ends). `text`
    is the document the lines are of."""
    group: list[tuple[str, int, int]] = []
    # Whether the labels so far stand on consecutive lines, each answer one line.
    compact = True
    while index < len(lines) and lines[index].kind == layout.LABEL:
        line, label_index = lines[index], index
        start, end = line.start + line.body, line.end
        section = line.own_line and 1 <= line.heading < layout.LABEL_LEVEL
        index += 1
        if line.own_line:
            while index < len(lines) and lines[index].kind == layout.BLANK:
                index += 1
        # The end of the answer's first line (the label's own, or the first said under an own-line label), the
        # index past it, and the end of its last line that is said (directions aside).
        first_end, first_past = (line.end, label_index + 1) if not line.own_line else (0, index)
        said_end = line.end
        while index < len(lines):
            current = lines[index]
            if current.kind in (layout.LABEL, layout.VOICEMAIL, layout.BREAK) or current.heading:
                break
            if (current.kind == layout.BLANK or current.item) and not section:
                break
            end = current.end
            if current.kind != layout.UNSPOKEN:
                said_end = end
                if not first_end:
                    first_end, first_past = end, index + 1
            index += 1
        one_line = not section and said_end == (first_end or line.end)
        if (
            not one_line
            and not section
            and first_end
            and _compact_end(lines, text, label_index, first_end, index, group, compact)
        ):
            group.append((line.label or "", min(start, first_end), first_end))
            return group, first_past
        group.append((line.label or "", min(start, end), end))
        after = index
        while after < len(lines) and lines[after].kind == layout.BLANK:
            after += 1
        if after >= len(lines) or lines[after].kind != layout.LABEL:
            break
        compact = compact and one_line and after == index
        index = after
    return group, index


# A line that ends its sentence (closing quotes, brackets and emphasis after the stop allowed), or ends in a
# direction in brackets ("Thanks for your time. [END CALL]").
_SENTENCE_END = regex.compile(r"(?:[.!?\u2026\u3002][\s\"'\u201d\u2019)\]*_]*|\[[^\]\n]*\][\s*_]*)$")


def _compact_end(
    lines: tuple[layout.Line, ...],
    text: str,
    label: int,
    first_end: int,
    past: int,
    group: list[tuple[str, int, int]],
    compact: bool,
) -> bool:
    """Whether a label whose answer would run on past its first line (ending at `first_end`; the paragraph runs to
    `past`) is that line alone: the last of a compact run of labels, or a lone inline label inside a paragraph
    with no label after it there; never when that line's sentence goes on below it."""
    if text and not _SENTENCE_END.search(text, max(0, first_end - 200), first_end):
        return False  # "NO: ... this call was" / "paid for by ...": the answer goes on
    if group:
        return compact
    line = lines[label]
    before = lines[label - 1] if label > 0 else None
    inside = before is not None and before.kind not in (layout.BLANK, layout.BREAK) and not before.heading
    return not line.own_line and inside and (past >= len(lines) or lines[past].kind != layout.LABEL)


def question_before(spoken: str, before: int) -> str | None:
    """The question said last before `before` (the question a group of answer labels answers)."""
    window = " ".join(spoken[max(0, before - 600) : before].split()).replace(SLOT, "...")
    found = list(_QUESTION.finditer(window))
    if not found:
        return None
    question = found[-1].group().strip(" \"'\u201c\u201d")
    words = question.split()
    return question if len(words) <= 14 else "... " + " ".join(words[-12:])
