"""Answer labels read in context (scriptlint.analysis.layout_options, label_groups): a survey's response
options, compact blocks of one-line labels, answer-word slogans, and a talent's casting line; each rule in
both directions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_layouts import ortiz_pf01, spoken_paths

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
        # Labels sharing one answer are labels, not response options: the gap on the other path is found.
        (
            f"Can we count on your vote?\n\n[YES]\nGreat! {PAID}\n\n[NO]\n[UNDECIDED]\nOkay, I understand.",
            [("PF01", "when the answer is NO"), ("PF01", "when the answer is UNDECIDED")],
        ),
        (
            f"Can we count on your vote?\nYES:\nGreat! {PAID}\nNO:\nUNDECIDED:\nOkay, I understand.",
            [("PF01", "when the answer is NO"), ("PF01", "when the answer is UNDECIDED")],
        ),
        # In a compact block, answers that end the call do not say what follows: only the one going on does.
        (
            "Can we count on your vote?\nYES: Great! Goodbye. [END CALL]\nNO: OK. Goodbye. [END CALL]\n"
            f"UNDECIDED: I understand.\n{PAID}",
            [("PF01", "when the answer is NO"), ("PF01", "when the answer is YES")],
        ),
        # The last answer's sentence runs on to the next line: that line is the answer's.
        (
            "Can we count on your vote?\nYES: Great! Goodbye.\nNO: OK. Just so you know, this call is\n"
            "paid for by Ortiz for Congress. Goodbye.",
            [("PF01", "when the answer is YES")],
        ),
        # Own-line labels, each answer one line under its label: the closing after the last is everyone's ...
        (f"Do you plan to vote?\n[IF YES]\nGreat!\n[IF NO]\nOK.\nThanks! {PAID}", []),
        # ... but when an answer takes two lines, the last answer keeps the rest of its paragraph.
        (
            f"Do you plan to vote?\n[IF YES]\nGreat!\nCan you drive a neighbour?\n[IF NO]\nOK.\nThanks! {PAID}",
            [("PF01", "when the answer is YES")],
        ),
        # A condition names the answer, not the direction that follows it in its brackets.
        (
            f"Can we count on your vote?\nYES: Thank you! {PAID}\nThanks.\n(If they say no, thank them and hang up.)",
            [("PF01", "when the answer is NO")],
        ),
        # A direction between one-line answers does not break the block.
        (f"Can we count on your vote?\nYES: Great!\n[Mark S in the sheet]\nNO: OK.\nThanks! {PAID}", []),
        # An answer word after a statement urging a vote is a slogan ...
        (f"Please vote yes on Measure W.\nYES: clean water for all. {PAID}", []),
        (f"On November 5th, vote Ana Ortiz.\nYES: to lower prices. {PAID}", []),
        # ... but after a question without its mark, or an indirect one, it is an answer.
        (
            f"Please let me know whether we can count on your vote.\nYES: Thank you! {PAID}\nHave a good night.",
            [("PF01", "when the answer is not YES")],
        ),
        (
            f"Can Ana count on your vote? It will be close.\nYES: Thank you! {PAID}\nHave a good night.",
            [("PF01", "when the answer is not YES")],
        ),
        (f"Will you vote yes on Measure W? [pause]\nYES: Great! {PAID}", [("PF01", "when the answer is not YES")]),
        (f"Ask if they will vote yes on Measure W.\nYES: Great! {PAID}", [("PF01", "when the answer is not YES")]),
    ],
)
def test_response_options_compact_labels_and_slogans(script: str, want: list[Any], tmp_path: Path) -> None:
    assert ortiz_pf01("Hi, this is [caller name] calling for Ana Ortiz.\n" + script + "\n", tmp_path) == want


@pytest.mark.parametrize(
    ("line", "heard"),
    [
        ("Talent: female, 35-50, warm and unhurried, no vocal fry.", False),
        ("Voice talent: Male voice, 40s, conversational; union member.", False),
        ("Casting: mature, authoritative, Southwestern accent welcome.", False),
        # What the talent reads, even when its first word describes something.
        ("Voice talent: Young voters, listen up: early voting starts Monday.", True),
        ("Talent: Warm greetings from your neighbours at the library, early voting starts Monday.", True),
        ("Talent: Warm, friendly, and always there for Arizona. Paid for by Ortiz for Congress.", True),
        ("Female, 35-50, warm, Midwestern; read at a relaxed pace.", False),
    ],
)
def test_a_talents_casting_line_is_not_heard(line: str, heard: bool) -> None:
    text = line + "\n\nHi, this is a message from Friends of Dana Pruitt.\n"
    assert bool(layout.read(text).spoken[: len(line)].strip()) is heard


@pytest.mark.parametrize(
    ("script", "heard"),
    [
        # A section of notes ends at the heading over the script, whatever its level.
        ("# GOTV\n\n## Production notes\n\nRecord at 150 words per minute.\n\n### Script\n\n{said}\n", True),
        # "## Talent" over what the announcer reads is the message; over a casting it is a note.
        ("# GOTV\n\n## Talent\n\n{said}\n", True),
        ("# GOTV\n\n## Talent\n\nFemale, 35-50, warm; relaxed pace.\n\n## Script\n\n{said}\n", True),
        ("# GOTV\n\n## Casting\n\n{said}\n", False),
    ],
)
def test_studio_sections_and_the_script_under_them(script: str, heard: bool) -> None:
    said = "This is a message from Friends of Dana Pruitt."
    spoken = layout.read(script.format(said=said)).spoken
    assert (said in spoken) is heard


EN = "Hi, this is Ana with the Ortiz campaign. Early voting starts Monday at the library."
ES = "Hola, soy Ana de la campaña de Ortiz. La votación anticipada empieza el lunes en la biblioteca."


@pytest.mark.parametrize(
    ("script", "conditions"),
    [
        # Two versions in different languages: one is read to each person called.
        (f"[EN]\n{EN}\n\n[ES]\n{ES}\n", ["when the English version is read", "when the Spanish version is read"]),
        (f"## English version\n\n{EN}\n\n## Versión en español\n\n{ES}\n", None),
        # What follows "[BOTH VERSIONS]" or a heading beside the versions' is said in both.
        (f"## English\n\n{EN}\n\n## Spanish\n\n{ES}\n\n## Closing for every call\n\nThanks! Gracias!\n", None),
        # One marker, markers of one language, a one-line aside, or audiences named by language: no choice.
        (f"[ES]\n{ES}\n", []),
        (f"{EN} {EN}\n[ES] Hola.\n[EN]\n{EN}\n", []),
        (f"{EN}\n\n[ES]\nHola, ¿prefiere hablar en español? Un momento.\n\n[EN]\nGreat, thank you. {EN}\n", []),
        (f"## English-speaking voters\n\n{EN}\n\n## Spanish-speaking voters\n\nOffer a Spanish speaker.\n", []),
        ("Spanish speakers: offer the Spanish line.\nHi, this is Ana.\n", []),
    ],
)
def test_language_versions_are_alternatives(script: str, conditions: list[str] | None, tmp_path: Path) -> None:
    found = [condition for condition, _ in spoken_paths({"script": script, "format": "md"}, tmp_path)]
    if conditions is None:
        assert len(found) == 2
    else:
        assert sorted(c for c in found if c) == conditions


def test_what_follows_both_versions_is_said_in_each(tmp_path: Path) -> None:
    script = f"[ENGLISH]\n{EN}\n\n[SPANISH]\n{ES}\n\n[BOTH VERSIONS]\nThanks! Gracias!\n"
    said = [spoken for _, spoken in spoken_paths({"script": script, "format": "txt"}, tmp_path)]
    assert len(said) == 2 and all(spoken.endswith("Thanks! Gracias!") for spoken in said)


@pytest.mark.parametrize("code", ["[FOLLOW UP]", "[CLARIFY]", "(PROBE)"])
def test_an_interviewers_follow_up_code_starts_no_alternative(code: str, tmp_path: Path) -> None:
    script = (
        f"Do you approve of the mayor?\n{code} Is that strongly or somewhat?\n1. Approve\n2. Disapprove\nThanks! {PAID}"
    )
    [(condition, spoken)] = spoken_paths({"script": script, "manifest": {}}, tmp_path)
    assert condition is None and "Is that strongly or somewhat?" in spoken
