"""What one line of a script is on its own: its kind (a heading, an answer label, a note, speech), the
words it says after a speaker label, and its spoken form once its kind is known (scriptlint.analysis.layout
decides kinds that depend on the lines around it). Each answer depends on the line's text alone, so it is
remembered: long documents and batches repeat their lines ("description: |-" 77 times in one real
template), and reading one line runs some thirty patterns."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple, ParamSpec, TypeVar

import regex

from scriptlint.analysis import layout_headings, layout_studio, layout_tables, layout_words
from scriptlint.analysis.compiled import kept
from scriptlint.analysis.markup import (
    BOLD_LINE,
    EMPHASIS,
    LINK,
    LIST_MARKER,
    MD_HEADING,
    RULE,
    blanked,
    content,
    spaces,
)

SPEECH, BLANK, UNSPOKEN, LABEL, VOICEMAIL, BREAK = "speech", "blank", "unspoken", "label", "voicemail", "break"
# A heading that is not a Markdown one (bold own line, "SOMETHING:" own line) ranks below all of them.
LABEL_LEVEL = 7

# The kind of a line on its own: (kind, heading level, answer label, label on its own line, where the
# spoken part starts, whether it starts a list item); the fields of layout.Line after its offsets.
Kind = tuple[str, int, "str | None", bool, int, bool]

# Lines up to this long are remembered, up to this many for each answer: what the process keeps stays a
# few megabytes whatever the files (at most about 30 MB of lines in four-byte characters); a longer line is
# read every time (such lines rarely repeat).
_REMEMBERED_LENGTH = 200
_REMEMBERED_LINES = 4096

_WORDY = kept(r"[\w\ue000]")  # a letter, digit or placeholder (asked of every line)
_CAPS_HEADING = kept(r"^\s*+[A-Z][A-Z0-9 ,'/&().-]{2,60}:\s*$")
# A line in capitals alone ("REBUTTALS"): a heading when it names a section not read on every call.
_BARE_CAPS = kept(r"^\s*+[A-Z][A-Z0-9 ,'/&().-]{2,60}$")
_TITLE_LINE = kept(r"^\s*+\p{Lu}[\w'/&()\u2019-]*(?: [\w'/&()\u2019-]+){0,7}$")
_TITLE_HEADING = kept(r"^\s*+[A-Z][\w'/&().-]*(?: [\w'/&().-]+){0,5}:\s*$")
# A speaker label: one to four words (or a bracketed name) and a colon at the start of a line.
_SPEAKER = kept(
    r"^(?P<lead>\s*+(?:\*\*|__)?)(?P<name>[\p{Lu}][\p{L}'\u2019.]*(?:[ -][\p{L}'\u2019.]+){0,3})"
    r"(?:\*\*|__)?\s*:(?:\*\*|__)?[ \t]+(?P<rest>\S.*)$"
)
_LEADING_DIRECTION = kept(r"^\s*+(?:\([^()\n]*\)|\[[^\[\]\n]*\])\s*")
# A direction that ends a spoken line, after its words: "Goodbye. [END CALL]", "Thanks! (hang up)", "[PAUSE]",
# "(wait for an answer)", "[TERMINATE]"; not a placeholder there ("Thanks, [Your Name]").
TRAILING_DIRECTION = kept(
    r"(?i)(?<=\S\s*)[\[(]\s*(?:end(?:\s+(?:of\s+)?(?:the\s+)?call)?|hang\s+up|terminate|disconnect|pause|beat|stop"
    r"|wait(?:\s+for\b[^\[\]()\n]{0,40})?|transfer(?:\s+to\b[^\[\]()\n]{0,40})?|(?:skip|go)\s+to\b[^\[\]()\n]{0,40}"
    r"|listen(?:\s+for\b[^\[\]()\n]{0,40})?|(?:mark|record|note)(?:\s*:|\s+(?:the\s+|their\s+|as\s+|down\s+)?"
    r"(?:response|answer|result|code|disposition|it|them|support)\b)[^\[\]()\n]{0,40})\s*[.!]?\s*[\])][\s*_]*$"
)
# A section label inside a spoken line: "... press 9. MIDDLE: our message ... END: Paid for by ...".
_INLINE_LABEL = kept(r"(?<=[.!?\]}\ue000]\s+)\p{Lu}{2,}(?: \p{Lu}{2,}){0,2}:(?=\s)")
# A direction alone on its line, also in emphasis ("*[Music out]*", "**(pause)**").
_WHOLE_DIRECTION = kept(
    r"^\s*+(?:[-*+]\s++)?(?:\*\*|__|\*|_)?(?:\[[^\]\n\ue000]*\]|\([^)\n\ue000]*\))(?:\*\*|__|\*|_)?\s*$"
)


P = ParamSpec("P")
R = TypeVar("R")


def _remembered(read: Callable[P, R]) -> Callable[P, R]:
    """`read` (whose last argument is the line), its answers remembered for lines up to
    _REMEMBERED_LENGTH characters; a longer line is read every time."""
    remembered: Callable[..., R] = functools.lru_cache(maxsize=_REMEMBERED_LINES)(read)

    @functools.wraps(read)
    def answer(*args: P.args, **kwargs: P.kwargs) -> R:
        line = args[-1]
        short = isinstance(line, str) and len(line) <= _REMEMBERED_LENGTH
        return remembered(*args, **kwargs) if short else read(*args, **kwargs)

    return answer


@_remembered
def kind_of(line: str) -> Kind:
    """The kind of one line on its own (sections, preamble and dialogue are decided later)."""
    if not line.strip():
        return (BREAK if "\f" in line else BLANK, 0, None, False, 0, False)
    if RULE.match(line):
        return (BREAK, 0, None, False, 0, False)
    if line.startswith("#jinja2:"):
        return (UNSPOKEN, 0, None, False, 0, False)  # Ansible's per-template settings line
    if not _WORDY.search(line):
        return (SPEECH, 0, None, False, 0, False)
    level = _heading_level(line)
    if level:
        words = content(line)
        if layout_words.voicemail_heading(words):
            return (VOICEMAIL, level, "", True, len(line), False)
        answer = layout_words.answer_label(words, heading=True)
        if answer is not None:
            return (LABEL, level, answer[0], True, len(line), False)
        return (UNSPOKEN, level, None, False, 0, False)
    voicemail = layout_words.voicemail_label(line)
    if voicemail is not None:
        return (VOICEMAIL, 0, "", voicemail >= len(line), voicemail, False)
    answer = layout_words.answer_label(line)
    if answer is not None:
        return (LABEL, 0, answer[0], answer[1] >= len(line), answer[1], False)
    conditioned = layout_words.speaker_condition(line)
    if conditioned is not None:
        if conditioned[2] == "other":
            return (UNSPOKEN, 0, None, False, 0, False)  # what the person called may answer ("VOTER (IF YES):")
        return (LABEL, 0, conditioned[0], conditioned[1] >= len(line), conditioned[1], False)
    row = layout_tables.table_row(line)
    if row is not None:
        if row[0] is None:
            return (UNSPOKEN, 0, None, False, 0, False)  # a response table's header
        return (LABEL, 0, row[0], False, row[1], False)
    words = content(line)
    if layout_headings.note_line(words) or layout_studio.studio_note(line) or _WHOLE_DIRECTION.match(line):
        return (UNSPOKEN, 0, None, False, 0, False)
    if layout_headings.conditional_direction(words):
        return (UNSPOKEN, 0, None, False, 0, False)  # "If yes, thank them warmly and say goodbye."
    return (SPEECH, 0, None, False, 0, LIST_MARKER.match(line) is not None)


def _heading_level(line: str) -> int:
    """1-6 for a Markdown heading, LABEL_LEVEL for a bold line or a short line ending in a colon, else 0."""
    found = MD_HEADING.match(line)
    if found:
        return len(found.group(1))
    if BOLD_LINE.match(line) or _CAPS_HEADING.match(line):
        return LABEL_LEVEL
    # A line alone naming a section not read on every call ("REBUTTALS", "Tips and Suggestions for Callers"): a
    # heading in capitals, or a short plain line (eight words at most, no sentence's end) naming the caller's side.
    bare = line.rstrip()
    if _BARE_CAPS.match(bare) and layout_headings.instruction_heading(line):
        return LABEL_LEVEL
    if _TITLE_LINE.match(bare) and layout_headings.caller_heading(line):
        return LABEL_LEVEL
    plain = LIST_MARKER.sub(r"\1", line)
    if _TITLE_HEADING.match(plain) and not regex.search(r"[.!?]\s*:?\s*$", plain.rstrip(": \t")):
        return LABEL_LEVEL
    return 0


class Words(NamedTuple):
    """A line's words after a speaker label ("LIVE: Hi, this is ..." says "Hi, this is ..."), and what
    they are as a preamble reads them."""

    text: str
    opens_call: bool  # "Hi", "Hello, my name is", "This is"
    script_marker: bool  # "Here's the script:"
    title: bool  # short, without sentence punctuation


@_remembered
def words_of(line: str) -> Words:
    """What a line says after its speaker label, and what those words are."""
    text = content(line[_after_speaker(line) :])
    return Words(text, layout_words.opens_call(text), layout_words.script_marker(text), layout_words.title(text))


@_remembered
def speaker(line: str) -> str | None:
    """The side of the speaker label that starts the line ("caller" or "other"), or None."""
    match = _SPEAKER.match(line)
    return layout_words.speaker_side(match.group("name")) if match else None


@_remembered
def speaker_name(line: str) -> str | None:
    """The name of the speaker label that starts the line, in lower case ("me", "voter"), or None."""
    match = _SPEAKER.match(line)
    return match.group("name").lower() if match and layout_words.speaker_side(match.group("name")) else None


# What the other party's line holds when the script leaves their words out: "[response]", "(answers)", "...".
_LEFT_OUT = kept(r"^\s*+(?:\[[^\[\]]*\]|\([^()]*\)|\{[^{}]*\}|<[^<>]*>|[._\u2026\s-]+)\s*+$")


def left_out(line: str) -> bool:
    """Whether a labelled line's words are only a placeholder for what the person says ("VOTER: [response]")."""
    return _LEFT_OUT.match(words_of(line).text) is not None


@_remembered
def spoken_line(kind: str, body: int, line: str) -> str:
    """The line as said (same length, unspoken characters blanked), once its kind is decided; `body` is where
    a label's spoken part starts."""
    if kind not in (SPEECH, LABEL, VOICEMAIL):
        return blanked(line)
    return _speech(line, _after_speaker(line) if kind == SPEECH else body)


def _after_speaker(line: str) -> int:
    """Where a line's words start after a speaker label ("LIVE: Hi, ..."), 0 without one."""
    match = _SPEAKER.match(line)
    return match.start("rest") if match and layout_words.speaker_side(match.group("name")) is not None else 0


def _speech(line: str, body: int) -> str:
    """A spoken line with its label (before `body`), markup and leading stage direction blanked."""
    head, rest = " " * body, line[body:]
    if body == 0:
        marker = LIST_MARKER.match(rest)
        if marker:
            rest = " " * marker.end() + rest[marker.end() :]
        heading = MD_HEADING.match(rest)
        if heading:
            rest = " " * heading.start(2) + rest[heading.start(2) :]
    direction = _LEADING_DIRECTION.match(rest)
    if direction and direction.end() < len(rest.rstrip()) and layout_words.direction(direction.group(), body > 0):
        rest = " " * direction.end() + rest[direction.end() :]
    if rest.rstrip(" \t\r\n*_").endswith(("]", ")")):
        rest = TRAILING_DIRECTION.sub(spaces, rest)
    rest = _INLINE_LABEL.sub(spaces, rest)
    rest = LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group()) - len(m.group(1)) - 1), rest)
    rest = EMPHASIS.sub(spaces, rest)
    return head + rest
