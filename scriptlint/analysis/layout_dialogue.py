"""Whose turn each line of a dialogue is: the other party's lines ("Voter:", "Staff member:") are not the
caller's speech, and an unlabelled line continues the turn above it in its paragraph (docs/conventions.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.layout_lines import BLANK, BREAK, SPEECH, left_out, speaker, speaker_name, words_of
from scriptlint.analysis.markup import LIST_MARKER

# A stage direction opened at the start of a line ("(if they hesitate, ...", "- [pause]").
OPEN_DIRECTION = kept(r"^\s*+(?:[-*+]\s++)?([(\[])")
# Labels whose side depends on who wrote the dialogue: a caller's notes or a recipient's write-up.
_ME_THEM = ("me", "them", "they")


class _Line(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def heading(self) -> int: ...


def others_lines(lines: Sequence[_Line], raw: Sequence[tuple[int, int, str]]) -> list[int]:
    """The indexes of the spoken lines that are the other party's: their labelled lines and the lines that
    continue them, unless their line only stands for their words ("VOTER: [response]": the next line is the
    caller's again). In a `Me:`/`Them:` dialogue the side that opens the call is the caller."""
    found: list[int] = []
    other = False
    opener = _opener(raw)
    for index, (line, (_, _, text)) in enumerate(zip(lines, raw, strict=True)):
        if line.kind in (BLANK, BREAK) or line.heading:
            other = False
            continue
        side = speaker(text)
        if side is not None:
            name = speaker_name(text) if opener else None
            if name in _ME_THEM:
                side = "caller" if name == opener else "other"
            other = side == "other"
            if other and left_out(text):
                found.append(index)
                # The lines below the placeholder are the caller's again, unless the caller's own label comes
                # later in the paragraph: then they are the person's words, written out.
                other = _caller_label_follows(lines, raw, index)
                continue
        elif LIST_MARKER.match(text) or OPEN_DIRECTION.match(text):
            # A list item or a direction is no continuation of the other party's turn.
            other = False
        if other and line.kind == SPEECH:
            found.append(index)
    return found


def _caller_label_follows(lines: Sequence[_Line], raw: Sequence[tuple[int, int, str]], index: int) -> bool:
    """Whether the next labelled line after `index` in its paragraph is the caller's (or a side not known)."""
    for position in range(index + 1, len(lines)):
        if lines[position].kind in (BLANK, BREAK) or lines[position].heading:
            return False
        side = speaker(raw[position][2])
        if side is not None:
            return side != "other"
    return False


# An introduction: who is calling and for whom ("my name is Chris", "this is Chris with ...", "calling for").
_INTRODUCES = kept(
    r"(?i)\b(?:calling|my\s+name(?:'s|\s+is)|(?:this\s+is|i'?m|i\s+am|it'?s)\s+[^.?!]{1,40}?\s+(?:from|with|for|on\s+behalf)\b)"
)
# How many `Me:`/`Them:` lines are looked at for the introduction (it comes in the first turns).
_OPENING_TURNS = 12


def _opener(raw: Sequence[tuple[int, int, str]]) -> str | None:
    """In a dialogue written as `Me:` and `Them:`, the label of the first line that introduces the caller (the
    person called may speak first: "Them: Hello?"), or None when none of the first turns does: a caller's
    notes say `Me: Hi, my name is ...`, a recipient's write-up `Them: Hi, this is ... with ...`."""
    turns = 0
    for _, _, text in raw:
        name = speaker_name(text) if text[:1].isalpha() else None
        if name not in _ME_THEM:
            continue
        if _INTRODUCES.search(words_of(text).text):
            return name
        turns += 1
        if turns >= _OPENING_TURNS:
            break
    return None
