"""Answer labels that are no alternatives in context: a survey's response options (`YES` / `NO` / `(DON'T
KNOW)`, the codes an interviewer marks) and an answer-word slogan after a line urging a vote (`SÍ: agua limpia
para todos.`), which scriptlint.analysis.layout reads back as text (docs/conventions.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from scriptlint.analysis import layout_words
from scriptlint.analysis.compiled import kept
from scriptlint.analysis.layout_lines import BLANK, BREAK, LABEL, SPEECH, UNSPOKEN
from scriptlint.analysis.markup import content


class _Line(Protocol):
    """What a layout line is to these passes (scriptlint.analysis.layout.Line)."""

    @property
    def kind(self) -> str: ...
    @property
    def heading(self) -> int: ...
    @property
    def own_line(self) -> bool: ...


# A list marker, a number or letter, or a box to tick before an option: "1. Yes", "b) No", "[ ] Yes", "☐ No".
_MARKER = kept(
    r"^\s*+(?:[-*+\u2022]\s++|\(?\d{1,2}[.)]\s*+|[a-zA-Z][.)]\s++|\[\s?[xX ]?\s?\]\s*+|[\u2610-\u2612\u25a1\u25cb]\s*+)"
)
# An option's words: an answer, with its strength ("Strongly support", "LEAN NO", "Somewhat oppose").
_OPTION = kept(
    r"(?i)(?:(?:strongly|somewhat|lean(?:ing|s)?|definitely|probably|very|not\s+very|not\s+at\s+all|mostly)\s+)*"
    r"(?:don'?t\s+know|dk|refused?|no\s+opinion|no\s+answer|other|none|n/?a|depends|prefer\s+not\s+to\s+say"
    r"|not\s+sure|unsure|undecided|yes|no|s[ií]|oui|non|maybe|support|oppose|favou?r|against|agree|disagree"
    r"|likely|unlikely|leaning)"
    # The interviewer's codes beside them: "(VOLUNTEERED) YES", "(DO NOT READ)", "OTHER (SPECIFY)".
    r"|(?i:volunteered|vol|do\s+not\s+read|don'?t\s+read|read(?:\s+list)?|specify|probe)"
)
_PARTS = kept(r"[\[\]()/:,\u2013\u2014]+|\s-\s|-$")
# A sentence ends inside the line ("No. Thanks"); "(vol.)" and a final stop do not.
_SENTENCE_END = kept(r"[!?]|\.\s+\p{L}")
_CONDITION = kept(r"(?i)^\W*(?:if|si)\b")
# A line urging a vote ("Vote SÍ on Measure W.", "On November 5th, vote Pat Lee.", "¡Vote sí!").
_URGES_VOTE = kept(r"(?i)\bvot(?:e|ar|en|ing)\b")
# Words that make a line ask something without a question mark ("Please let me know whether ...").
_ASKS = kept(r"(?i)\b(?:whether|if|ask\w*|know|find\s+out|tell\s+me|si|pregunt\w*)\b")


def demoted(lines: Sequence[_Line], raw: Sequence[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """(index, kind) of each answer label that is text here: in a run of two or more response options the
    labels are not said when wholly bracketed (codes, "(DON'T KNOW)") and said as text otherwise ("YES -
    LEANING"); a lone bare label after a line urging a vote ("Vote SÍ on W." / "SÍ: ...") is said as text."""
    found: list[tuple[int, str]] = []
    run: list[int] = []
    for index in [*range(len(lines)), len(lines)]:
        if index < len(lines) and _option(raw[index][2]):
            run.append(index)
            continue
        if len(run) >= 2 and _options_not_labels(lines, run, index):
            found += [(item, _option_kind(raw[item][2])) for item in run if lines[item].kind == LABEL]
        run = []
    options = {index for index, _ in found}
    for index, line in enumerate(lines):
        if line.kind == LABEL and index not in options and _slogan(lines, raw, index):
            found.append((index, SPEECH))
    return found


def _options_not_labels(lines: Sequence[_Line], run: list[int], after: int) -> bool:
    """Whether a run of option lines is a list of options rather than labels sharing one answer: it holds an
    option said as text ("YES" / "NO" / "(DON'T KNOW)"), or nothing is written right under it (codes: a blank
    line, a heading or the end follows); "[NO]" / "[UNDECIDED]" / "Okay, I understand. ..." are labels."""
    if any(lines[item].kind != LABEL for item in run):
        return True
    return after >= len(lines) or lines[after].kind in (BLANK, BREAK) or bool(lines[after].heading)


def _option(line: str) -> bool:
    """A response option alone on its line: "YES", "(DON'T KNOW)", "(VOLUNTEERED) NO - LEANING", "2. Strongly
    oppose" (no sentence, no condition, a few words, each part an answer or an interviewer's code)."""
    if len(line) > 200 or line.lstrip().startswith("|"):
        return False  # an option is a few words (and a long line is not read again for it)
    words = content(line).strip()
    words = _MARKER.sub("", words, count=1).strip()
    if not words or len(words) > 50 or _SENTENCE_END.search(words) or _CONDITION.match(words):
        return False
    parts = [part.strip(" .") for part in _PARTS.split(words) if part.strip(" .")]
    if not parts or sum(len(part.split()) for part in parts) > 5:
        return False
    return all(_OPTION.fullmatch(part) or layout_words.is_answer(part) for part in parts)


def _option_kind(line: str) -> str:
    """A wholly bracketed option is an interviewer's code, not said; another is said as written."""
    words = content(line).strip().rstrip(".")
    return UNSPOKEN if words[:1] in "[(" and words[-1:] in ")]" else SPEECH


def _slogan(lines: Sequence[_Line], raw: Sequence[tuple[int, int, str]], index: int) -> bool:
    """Whether an inline bare answer label ("SÍ: agua limpia ...") stands alone right after a line that urges a
    vote and asks nothing ("Vote SÍ on Measure W."): a slogan after the call to vote, no answer given."""
    line = lines[index]
    if line.own_line or line.heading or not layout_words.bare_answer(raw[index][2]):
        return False
    for step in (-1, 1):
        near = index + step
        while 0 <= near < len(lines) and lines[near].kind == BLANK:
            near += step
        if 0 <= near < len(lines) and lines[near].kind == LABEL:
            return False  # one of a group of answers
    before = index - 1
    while before >= 0 and lines[before].kind in (BLANK, UNSPOKEN) and not lines[before].heading:
        before -= 1
    if before < 0 or lines[before].kind != SPEECH:
        return False  # nothing said before it here (a template's literal text may start at it)
    said = raw[before][2]
    if len(said) > 400 or "?" in said or "\u00bf" in said or _ASKS.search(said):
        return False  # a question, an indirect one ("let me know whether ..."), or a line too long to be a slogan's
    return _URGES_VOTE.search(said) is not None
