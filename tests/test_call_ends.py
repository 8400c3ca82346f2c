"""Answers that end the call (scriptlint.analysis.call_ends): what the script says after their choice is not said
on their paths; words that deny the end, and answers that reach nobody, keep the earlier reading."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scriptlint.analysis.call_ends import ends_call
from scriptlint.lint import lint_paths
from scriptlint.model.settings import Options


@pytest.mark.parametrize(
    ("label", "answer", "ends"),
    [
        ("NO", "Thanks for your time. [END CALL]", True),
        ("YES", "Great! Drop it off by Tuesday. [End]", True),
        ("NO", "Thank them and hang up.", True),
        ("NOT INTERESTED", "Thank them politely and end the call.", True),
        ("NO - TERMINATE", "", True),
        ("NO", "(END OF CALL)", True),
        ("NO", "Gracias por su tiempo. [TERMINAR LLAMADA]", True),
        ("NON", "Merci, bonne soirée. Raccrochez.", True),
        # Denied or put off: the call goes on.
        ("NO", "Don't hang up yet: ask if they have questions.", False),
        ("NO", "Before you hang up, ask about a yard sign.", False),
        ("NO", "Do not end the call until you have read the disclaimer.", False),
        ("NO", "No cuelgue todavía: pregunte si tiene preguntas.", False),
        ("NO", "Ne raccrochez pas encore.", False),
        # Nothing about ending; "[End]" only as a whole bracket.
        ("NO", "OK, thanks. Let me tell you about the weekend events.", False),
        ("UNDECIDED", "Here is what Dana will do for our schools.", False),
        # Nobody the call is for was reached: no message was given.
        ("WRONG NUMBER", "Sorry to bother you. Hang up.", False),
        ("NOT HOME", "Ask when they will be home. [END CALL]", False),
        ("MOVED", "Thank them and end the call.", False),
        ("THEY HANG UP", "Mark them as refused.", False),
        ("BUSY", "Ask for a better time to call back. [END CALL]", False),
        ("NÚMERO EQUIVOCADO", "Disculpe la molestia. [TERMINAR LLAMADA]", False),
        ("THEY WANT TO END THE CALL", "Offer to call back later.", False),
        ("REFUSED", "Thank and terminate.", False),
        # A label naming a situation, not an answer to what was asked.
        ("AT WORK", "Ask when to call back. [END CALL]", False),
        ("SPANISH SPEAKER", "Thank them and hang up.", False),
        # An IVR's keypress answers are answers.
        ("PRESS 2", "Thank you for voting! Goodbye. (hang up)", True),
        # The closing first, or an end that is conditional or left to the person called.
        ("YES", "Fantastic! Read the closing below, then hang up.", False),
        ("NO", "Thank them and end the call after reading the disclaimer below.", False),
        ("NO", "Thank you! End the call politely after the closing line.", False),
        ("NO", "Mark 5 and continue. Only end the call if they ask you to.", False),
        ("NO", "Thank them. If they want to end the call, let them go.", False),
        ("NO", "Never hang up on a voter; let them end the call.", False),
        ("SÍ", "¡Gracias! Lea el cierre y luego cuelgue.", False),
        ("NO", "Gracias por su tiempo. Lea el cierre antes de colgar.", False),
        ("NON", "Merci. Lisez la conclusion avant de raccrocher.", False),
        ("NO", "Thanks for your time. (If they say no, end the call politely.)", False),
        ("NO", "Thanks for your time. [GO TO CLOSING, THEN END CALL]", False),
    ],
)
def test_which_answers_end_the_call(label: str, answer: str, ends: bool) -> None:
    assert ends_call(label, answer, 0, len(answer)) is ends


_MANIFEST = {
    "call_type": "political",
    "delivery": "live",
    "race": "federal",
    "volume": 5000,
    "sponsor": {"name": "Friends of Dana Ruiz", "authorized_by": "Dana Ruiz", "federal_committee": True},
    "origin": {"facility": "volunteer_home", "state": "CA"},
    "target_states": ["CA"],
}


def _pf01(tmp_path: Path, name: str, script: str) -> list[tuple[int, str | None]]:
    path = tmp_path / name
    path.write_text(script, encoding="utf-8")
    (tmp_path / f"{name}.scriptlint.yml").write_text(yaml.safe_dump(_MANIFEST), encoding="utf-8")
    result = lint_paths([str(path)], options=Options(select=("PF01",)), no_config=True)
    return [(f.line, f.path_condition) for f in result.findings]


_TEMPLATE = """Hi, may I speak with {{ first_name }}? I'm {{ caller_name }}, a volunteer with Friends of Dana Ruiz.

Will you be voting for Dana Ruiz this November?

IF YES: Great, thank you!%s

IF NO: Thanks for your time.%s

Paid for by Friends of Dana Ruiz.
"""


def test_a_disclaimer_after_answers_that_all_end_the_call_is_said_on_no_path_of_a_template(tmp_path: Path) -> None:
    # The labels are in a Jinja template's literal text, with expressions in the same run.
    script = _TEMPLATE % (" [END CALL]", " [END CALL]")
    [(_, condition)] = _pf01(tmp_path, "ended.j2", script)
    assert condition is None  # the whole call: no path says it


def test_a_disclaimer_after_answers_that_go_on_is_said_on_every_path_of_a_template(tmp_path: Path) -> None:
    assert _pf01(tmp_path, "going_on.j2", _TEMPLATE % ("", "")) == []


def test_only_the_answer_that_ends_the_call_misses_what_follows(tmp_path: Path) -> None:
    assert _pf01(tmp_path, "one_ends.j2", _TEMPLATE % ("", " (Hang up.)")) == [(7, "when the answer is NO")]


def test_a_spanish_answer_that_ends_the_call_misses_the_closing(tmp_path: Path) -> None:
    script = (
        "Hola, ¿hablo con {{ first_name }}? Me llamo {{ caller_name }} y soy voluntaria de Friends of Dana Ruiz.\n\n"
        "¿Podemos contar con su voto por Dana Ruiz?\n\n"
        "[SI SÍ] ¡Muchas gracias!\n\n"
        "[SI NO] Gracias por su tiempo. [TERMINAR LLAMADA]\n\n"
        "Pagado por Friends of Dana Ruiz.\n"
    )
    findings = _pf01(tmp_path, "es.j2", script)
    assert [condition for _, condition in findings] == ["when the answer is NO"]


def test_a_line_marked_for_every_call_or_a_new_section_is_said_after_answers_that_end(tmp_path: Path) -> None:
    ask = "Hi, I'm {{ caller_name }}, a volunteer with Friends of Dana Ruiz. Can we count on your vote?\n\n"
    answers = "[IF YES] Great! [End]\n\n[IF NO] Thanks for listening. [End]\n\n"
    for closing in (
        "[ALL CALLS] Paid for by Friends of Dana Ruiz.\n",
        "## Required disclosure\n\nPaid for by Friends of Dana Ruiz.\n",
        "FOR ALL CALLS: Paid for by Friends of Dana Ruiz.\n",
        "DISCLAIMER: Paid for by Friends of Dana Ruiz.\n",
        "Required disclaimer, read on every call: Paid for by Friends of Dana Ruiz.\n",
        "Closing for All Calls\n\nPaid for by Friends of Dana Ruiz.\n",
        "Before ending any call, say: Paid for by Friends of Dana Ruiz.\n",
        "PARA TODAS LAS LLAMADAS: Paid for by Friends of Dana Ruiz.\n",
    ):
        assert _pf01(tmp_path, "marked.j2", ask + answers + closing) == []
    assert [c for _, c in _pf01(tmp_path, "plain.j2", ask + answers + "Paid for by Friends of Dana Ruiz.\n")] == [None]


def test_many_answers_that_end_the_call_nest_nothing(tmp_path: Path) -> None:
    """Each stretch after such a choice is tested on its own: 400 of them stay far from any depth limit."""
    unit = "Can we count on you?\n\nIF YES: Great! [END CALL]\n\nIF NO: Okay.\n\n"
    script = (
        "Hi, I'm {{ caller_name }} with Friends of Dana Ruiz.\n\n" + unit * 400 + "Paid for by Friends of Dana Ruiz.\n"
    )
    path = tmp_path / "many.j2"
    path.write_text(script, encoding="utf-8")
    (tmp_path / "many.j2.scriptlint.yml").write_text(yaml.safe_dump(_MANIFEST), encoding="utf-8")
    result = lint_paths([str(path)], options=Options(select=("PF01", "SL")), no_config=True)
    codes = [f.code for f in result.findings]
    assert codes == ["PF01"], [f.message for f in result.findings]
