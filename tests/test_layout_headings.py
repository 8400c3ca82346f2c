"""Headings and directions addressed to the caller (scriptlint.analysis.layout_headings, layout_lines): sections
of advice in English, Spanish and French, plain title-case headings, and directions ending a spoken line."""

from __future__ import annotations

import pytest

from scriptlint.analysis import layout
from scriptlint.analysis.layout_headings import instruction_heading


@pytest.mark.parametrize(
    ("heading", "instructs"),
    [
        ("Tips", True),
        ("Tips before you call", True),
        ("Tips and Suggestions for Phone Callers", True),
        ("Notes while calling", True),
        ("Consejos antes de llamar", True),
        ("Instrucciones para voluntarios", True),
        ("Preguntas frecuentes", True),
        ("Conseils avant d'appeler", True),
        ("Consignes", True),
        # Headings of the script itself, or words a caller says.
        ("Why this matters to Ohio families", False),
        ("Thank you for calling", False),
        ("Nota importante del candidato", False),
        ("Mensaje de la candidata", False),
    ],
)
def test_which_headings_address_the_caller(heading: str, instructs: bool) -> None:
    assert instruction_heading(heading) is instructs


def _kinds(text: str) -> list[tuple[str, str]]:
    read = layout.read(text)
    return [(line.kind, text[line.start : line.end].strip()) for line in read.lines if line.kind != layout.BLANK]


def test_a_plain_title_case_line_naming_advice_heads_a_section_not_said() -> None:
    text = "Thanks, goodbye!\n\nTips and Suggestions for Phone Callers\n- Smile.\n- Say it is paid for by X if asked.\n"
    assert _kinds(text) == [
        (layout.SPEECH, "Thanks, goodbye!"),
        (layout.UNSPOKEN, "Tips and Suggestions for Phone Callers"),
        (layout.UNSPOKEN, "- Smile."),
        (layout.UNSPOKEN, "- Say it is paid for by X if asked."),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Clean Water for Every Family",
        # Headings of words read to the person called: advice for voting, background on the candidate.
        "How to Vote Early in Ohio",
        "Tips for Voting by Mail",
        "Instrucciones para votar por correo",
        "Conseils pour voter par correspondance",
        "Background",
        "Overview",
    ],
)
def test_a_plain_line_that_is_no_advice_to_the_caller_is_said(title: str) -> None:
    text = f"Hi, this is Sam with Vote Yes.\n\n{title}\nMeasure W fixes our pipes.\n"
    assert [kind for kind, _ in _kinds(text)] == [layout.SPEECH, layout.SPEECH, layout.SPEECH]


@pytest.mark.parametrize("title", ["Tips", "Consejos", "Notes for volunteers", "Tips before you call"])
def test_a_plain_line_naming_advice_to_the_caller_heads_a_section_not_said(title: str) -> None:
    text = f"Hi, this is Sam with Vote Yes.\n\n{title}\nSmile while you talk.\n"
    assert [kind for kind, _ in _kinds(text)] == [layout.SPEECH, layout.UNSPOKEN, layout.UNSPOKEN]


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Okay, thanks for your time. [END CALL]", "Okay, thanks for your time."),
        ("Goodbye! (hang up)", "Goodbye!"),
        ("Thank you for voting. [TERMINATE]", "Thank you for voting."),
        ("Do you have a plan to vote? (wait for an answer)", "Do you have a plan to vote?"),
        # A placeholder at the end of a line is said (it stands for a name, a date, a place).
        ("Thanks again, this is [Your Name].", "Thanks again, this is [Your Name]."),
        ("Early voting runs through [END DATE]", "Early voting runs through [END DATE]"),
        ("The shuttle leaves from [STOP LOCATION]", "The shuttle leaves from [STOP LOCATION]"),
        ("The wait is about [WAIT TIME]", "The wait is about [WAIT TIME]"),
        ("To stop these calls, dial [TRANSFER NUMBER]", "To stop these calls, dial [TRANSFER NUMBER]"),
        ("Have a good night, [Voter First Name]", "Have a good night, [Voter First Name]"),
    ],
)
def test_a_direction_ending_a_spoken_line_is_not_said(line: str, said: str) -> None:
    text = f"Hi, this is Sam with Vote Yes.\n{line}\n"
    spoken = layout.read(text).spoken
    assert " ".join(spoken.split()) == f"Hi, this is Sam with Vote Yes. {said}"


def test_notes_before_a_sentence_handing_over_to_the_words_to_say_are_not_said() -> None:
    text = (
        "Outreach to Union Locals\n\n"
        "Get to know the secretary at the union hall; they can set up appointments.\n\n"
        "If you know someone at the local, ask for them; otherwise this works for a cold call:\n\n"
        "Hello, this is ____ and I'm calling from the Move to Amend affiliate.\n"
    )
    kinds = _kinds(text)
    assert [kind for kind, _ in kinds] == [layout.UNSPOKEN] * 3 + [layout.SPEECH]


def test_a_spoken_line_ending_in_a_colon_without_handing_over_is_said() -> None:
    text = "We have two things to share with you tonight:\n\nHello, this is Sam with Vote Yes on 5.\n"
    assert [kind for kind, _ in _kinds(text)] == [layout.SPEECH, layout.SPEECH]


def test_two_underscores_alone_are_a_blank_for_a_name_but_around_a_word_are_emphasis() -> None:
    from scriptlint.analysis import merge_fields

    text = "Hi, it's __ from the Libertarian Party. __Vote__ on Tuesday.\n"
    spoken = layout.read(text).spoken
    assert spoken.startswith("Hi, it's __ from") and "  Vote  " in spoken
    assert [m.group() for m in merge_fields.PATTERN.finditer(spoken)] == ["__"]


@pytest.mark.parametrize(
    ("label", "said"),
    [("Male voice-over", False), ("Female VO", False), ("Voice over", False), ("Our promise", True)],
)
def test_a_recorded_voice_label_is_not_said(label: str, said: bool) -> None:
    text = f"Hi, this is Pat Lee.\n{label}: Paid for by Lee for Iowa.\n"
    spoken = " ".join(layout.read(text).spoken.split())
    assert (label in spoken) is said
    assert spoken.endswith("Paid for by Lee for Iowa.")


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("If yes, thank them warmly, ask if they would like to volunteer, and say goodbye.", False),
        ("If no, ask what worries them and try to answer it.", False),
        ("If they say maybe, then tell them about early voting.", False),
        # Said to the person called.
        ("If not, thank you anyway for your time.", True),
        ("If so, ask your neighbors to vote too!", True),
        ("If you have questions, call us at 555-0100.", True),
        # A direction passing on words to say keeps them said (a claim or a disclaimer in them counts).
        ("If yes, thank them and tell them we're all volunteers here.", True),
        ("If no, thank them warmly and say this call was paid for by Ruiz for Congress.", True),
    ],
)
def test_a_conditional_direction_in_the_third_person_is_not_said(line: str, said: bool) -> None:
    text = f"Hi, this is Sam with Vote Yes. Can we count on you?\n{line}\n"
    kinds = _kinds(text)
    assert kinds[-1] == ((layout.SPEECH if said else layout.UNSPOKEN), line)
