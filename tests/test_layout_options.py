"""Answer labels read in context (scriptlint.analysis.layout_options, label_groups): a survey's response
options, compact blocks of one-line labels, answer-word slogans, and a talent's casting line; each rule in
both directions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_layouts import MANIFEST_ORTIZ, findings

from scriptlint.analysis import layout

PAID = "This call is paid for by Ortiz for Congress."


@pytest.mark.parametrize(
    ("script", "want"),
    [
        # Response options with bracketed codes start no alternatives: the closing is said on every call.
        (f"Are you registered here?\nYES\nNO\n(DON'T KNOW)\n(REFUSED)\nThanks! {PAID}", []),
        (f"Are you registered here?\n1. Yes\n2. No\n3. Don't know (vol.)\nThanks! {PAID}", []),
        (
            "Will you vote for Ana? (DO NOT READ)\n(VOLUNTEERED) YES - LEANING\n(VOLUNTEERED) NO - LEANING\n"
            f"Thanks! {PAID}",
            [],
        ),
        # A bracketed label with the answer's words below it is an alternative still.
        (
            f"Can we count on your vote?\n[YES]\nWonderful! {PAID}\n[NO]\nOK, thanks.",
            [("PF01", "when the answer is NO")],
        ),
        # A compact block: the line after the last one-line label is the call resuming.
        (f"Can we count on your vote?\nYES: Wonderful!\nNO: OK.\nThanks! {PAID}", []),
        (f"Can we count on your vote?\nYES: Wonderful! {PAID}\nNO: OK.\nThanks!", [("PF01", "when the answer is NO")]),
        # A lone inline label inside a paragraph is its line alone ...
        (f"Can we count on your vote?\nIf yes: Wonderful!\nThanks! {PAID}", []),
        # ... but an answer whose words run on to the next label keeps them, and the last answer its paragraph.
        (
            f"Can we count on your vote?\nIf yes: Wonderful!\n{PAID}\nIf no: OK.\nThanks!",
            [("PF01", "when the answer is NO")],
        ),
        # Labels set apart by blank lines: the last answer's paragraph is its own.
        (f"Can we count on your vote?\n\nYES: Wonderful!\n\nNO: OK.\n{PAID}", [("PF01", "when the answer is YES")]),
        # An answer word after a statement is a slogan; after a question, or an instruction to ask one, an answer.
        (f"Please vote yes on Measure W.\nYES: clean water for all. {PAID}", []),
        (f"Will you vote yes on Measure W? [pause]\nYES: Great! {PAID}", [("PF01", "when the answer is not YES")]),
        (f"Ask if they will vote yes on Measure W.\nYES: Great! {PAID}", [("PF01", "when the answer is not YES")]),
    ],
)
def test_response_options_compact_labels_and_slogans(script: str, want: list[Any], tmp_path: Path) -> None:
    case = {
        "format": "txt",
        "manifest": MANIFEST_ORTIZ,
        "script": "Hi, this is [caller name] calling for Ana Ortiz.\n" + script + "\n",
        "select": ["PF01"],
    }
    assert findings(case, tmp_path) == want


@pytest.mark.parametrize(
    ("line", "heard"),
    [
        ("Talent: female, 35-50, warm and unhurried, no vocal fry.", False),
        ("Voice talent: Male voice, 40s, conversational; union member.", False),
        ("Casting: mature, authoritative, Southwestern accent welcome.", False),
        # What the talent reads, even when its first word describes something.
        ("Voice talent: Young voters, listen up: early voting starts Monday.", True),
        ("Talent: Warm greetings from your neighbours at the library, early voting starts Monday.", True),
    ],
)
def test_a_talents_casting_line_is_not_heard(line: str, heard: bool) -> None:
    text = line + "\n\nHi, this is a message from Friends of Dana Pruitt.\n"
    assert bool(layout.read(text).spoken[: len(line)].strip()) is heard
