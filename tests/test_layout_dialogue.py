"""Whose turn a dialogue's line is (scriptlint.analysis.layout_dialogue): a placeholder for the person's
words ends their turn, and in a `Me:`/`Them:` dialogue the side that opens the call is the caller; each
rule in both directions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_layouts import ortiz_pf01

PAID = "This call is paid for by Ortiz for Congress."
ASK = "CALLER: Hi, this is [name] calling for Ana Ortiz. Can we count on you?"


@pytest.mark.parametrize(
    ("script", "want"),
    [
        # The voter's line only stands for their answer: the closing below it is the caller's.
        (
            f"{ASK}\nVOTER: [response]\nThanks! {PAID}",
            [],
        ),
        (
            f"{ASK}\nVoter: (answers)\nThanks! {PAID}",
            [],
        ),
        (f"{ASK}\nVOTER: ...\nThanks! {PAID}", []),
        # The voter's own words go on on the next line: still the voter's, so the disclaimer there is not said.
        (
            f"{ASK}\nVOTER: Yes, I will.\n{PAID}",
            [("PF01", None)],
        ),
        # A placeholder, then the person's own words written out before the caller's next label: still theirs.
        (
            f"CALLER: Hello, may I speak with Dana?\nVOTER: (answers)\nThis is Dana. {PAID}\n"
            "CALLER: My name is Chris, calling for Ana Ortiz.",
            [("PF01", None)],
        ),
        # The person called may speak first: the side that introduces the caller is the caller.
        (f"Them: Hello?\nMe: Hi, my name is Chris, calling for Ana Ortiz.\nThem: Sure.\nMe: Thanks! {PAID}", []),
        # A caller's notes: `Me:` opens the call and is the caller.
        (f"Me: Hi, this is Chris calling for Ana Ortiz. Can we count on you?\nThem: Sure.\nMe: Thanks! {PAID}", []),
        # A recipient's write-up: `Them:` opens the call; what `Me:` says is not the caller's.
        (
            "Them: Hi, this is Chris calling for Ana Ortiz. Can we count on you?\n"
            f"Me: Who pays for this? I hope {PAID}\nThem: Thanks, bye!",
            [("PF01", None)],
        ),
    ],
)
def test_whose_turn_a_line_is(script: str, want: list[Any], tmp_path: Path) -> None:
    assert ortiz_pf01(script + "\n", tmp_path) == want
