"""Real-world script layouts (fixtures/layouts/*.yml, each modelled on a published script's layout and
written in our own words): the text a caller says on each path, and the findings a reviewer expects."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES

from scriptlint.analysis.jinja import ConfinedLoader, make_environment
from scriptlint.analysis.paths import PathAnalysis
from scriptlint.analysis.spoken import SLOT
from scriptlint.lint import lint_paths
from scriptlint.model.manifest import validate
from scriptlint.model.settings import Options

# The rules a layout decides: the disclaimer and its parts, the caller's identification, misleading claims.
SELECT = ("PF01", "PF03", "PF04", "PF06", "CO03", "CO04")
CASES = sorted((FIXTURES / "layouts").glob("*.yml"))


def _load(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return case


def _write(case: dict[str, Any], directory: Path) -> Path:
    script = directory / f"script.{case.get('format', 'md')}"
    script.write_text(case["script"], encoding="utf-8")
    manifest = {"call_type": "political", **case.get("manifest", {})}
    (directory / f"{script.name}.scriptlint.yml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    return script


def spoken_paths(case: dict[str, Any], directory: Path) -> list[tuple[str | None, str]]:
    """(condition, spoken text) of every path, placeholders written {} and whitespace folded."""
    environment = make_environment(ConfinedLoader(directory, 1_000_000), lambda env: None)
    analysis = PathAnalysis.of_text(environment, case["script"], "script")
    manifest, problems = validate({"call_type": "political", **case.get("manifest", {})})
    assert not problems, problems
    analysis.filled(manifest)
    return sorted(
        (variant.condition, " ".join(variant.spoken.replace(SLOT, "{}").split())) for variant in analysis.variants()
    )


def findings(case: dict[str, Any], directory: Path) -> list[tuple[str, str | None]]:
    """(code, path condition) of the findings of the selected rules."""
    script = _write(case, directory)
    select = tuple(case.get("select", SELECT))
    result = lint_paths([str(script)], options=Options(select=select), no_config=True)
    return sorted((f.code, f.path_condition) for f in result.findings)


@pytest.mark.parametrize("path", CASES, ids=[path.stem for path in CASES])
def test_layout_case(path: Path, tmp_path: Path) -> None:
    case = _load(path)
    want_paths = sorted((item.get("condition"), " ".join(item["spoken"].split())) for item in case["paths"])
    assert spoken_paths(case, tmp_path) == want_paths
    want = sorted((item["code"], item.get("condition")) for item in case["findings"])
    assert findings(case, tmp_path) == want


def test_at_least_25_real_world_layouts() -> None:
    assert len(CASES) >= 25
    assert all(_load(path).get("modelled_on") for path in CASES), "say which published layout each case follows"


def test_reading_a_huge_layout_stays_within_the_time_budget(tmp_path: Path) -> None:
    """Reading a long, dense document's layout is checked against the file's time budget (SL04, never a hang)."""
    unit = "## If NO\n[a](b) %%f%% Caller: (x) Hi [name]\nVoter: no\n(if they\nhesitate)\n**If yes:** ok\n\n"
    (tmp_path / "huge.txt").write_text(unit * (1_000_000 // len(unit)), encoding="utf-8")
    (tmp_path / "setup.cfg").write_text("[tool:scriptlint]\ncall_type = survey\ntime-limit = 1\n", encoding="utf-8")
    started = time.monotonic()
    result = lint_paths([str(tmp_path / "huge.txt")], options=Options(select=("SL04",)))
    assert [(f.code, "time budget" in f.message) for f in result.findings] == [("SL04", True)]
    assert time.monotonic() - started < 15


@pytest.mark.parametrize(
    ("group", "directs"),
    [
        ("[PAUSE] ", True),
        ("(smiling) ", True),
        ("[GO] ", True),
        ("(If asked) ", True),
        ("[ES] ", True),
        # A word that only starts like a stage word is no direction: the boundary holds for every word.
        ("[Golden State PAC] ", False),
        ("[Democrats for Ortiz] ", False),
        ("[Endorsement] ", False),
        ("[Yours] ", False),
    ],
)
def test_a_leading_bracket_directs_only_when_it_starts_with_a_whole_stage_word(group: str, directs: bool) -> None:
    from scriptlint.analysis import layout_words

    assert layout_words.direction(group) is directs


def test_a_bracketed_name_before_a_line_is_said(tmp_path: Path) -> None:
    case = {
        "script": "Hi, this is Dana.\n[Golden State PAC] paid for this call.\n[PAUSE] Thanks for your time.\n",
        "manifest": {"sponsor": {"name": "Golden State PAC"}},
    }
    [(condition, spoken)] = spoken_paths(case, tmp_path)
    assert condition is None
    assert spoken == "Hi, this is Dana. Golden State PAC paid for this call. Thanks for your time."


def test_the_same_line_is_said_or_not_as_its_place_decides() -> None:
    # Lines are read once and remembered (layout_lines); what the lines around one decide must not be.
    from scriptlint.analysis import layout

    line = "Thank them for their time."
    text = f"## Tips\n{line}\n\n## Script\nHi, this is Ana with Vote Yes.\n{line}\n\nVoter: {line}\nCaller: {line}\n"
    read = layout.read(text)
    said = [read.spoken[start:end].strip() for start, end in _offsets(text, line)]
    assert said == ["", line, "", line]  # a tip, the script, the other party, the caller


def test_a_long_line_reads_as_a_short_one() -> None:
    # Only lines up to a length are remembered; longer ones are read every time, the same way.
    from scriptlint.analysis import layout, layout_lines

    long_answer = "YES: " + "Thank you so much, that means a lot to all of us. " * 6
    short_answer = "YES: Thank you so much."
    assert len(long_answer) > layout_lines._REMEMBERED_LENGTH >= len(short_answer)
    for answer in (long_answer, short_answer):
        [label] = [line for line in layout.read(f"Will you vote?\n{answer}\n").lines if line.kind == layout.LABEL]
        assert (label.label, label.body) == ("YES", 5)


def _offsets(text: str, part: str) -> list[tuple[int, int]]:
    found, start = [], text.find(part)
    while start >= 0:
        found.append((start, start + len(part)))
        start = text.find(part, start + 1)
    return found


def _call(sponsor: dict[str, Any], state: str, **fields: Any) -> dict[str, Any]:
    """A manifest for a case: the sponsor, calls placed from a call center in `state` to `state`, and `fields`."""
    return {
        **fields,
        "sponsor": sponsor,
        "origin": {"facility": "call_center", "state": state},
        "target_states": [state],
    }


def test_a_disclaimer_on_a_callers_line_kept_for_when_asked_is_not_said_on_every_call(tmp_path: Path) -> None:
    case = {
        "format": "txt",
        "manifest": _call(
            {"name": "Lopez Victory Committee", "authorized_by": "Ana Lopez"}, "LA", race="federal", volume=5000
        ),
        "script": (
            "Caller: Hi, this is [caller name] with the Lopez Victory Committee. Can we count on you to vote early?\n"
            "Voter: Who paid for this call?\n"
            "Caller: (If asked) This call was paid for by the Lopez Victory Committee.\n"
        ),
        "select": ["PF01"],
    }
    found = findings(case, tmp_path)
    # Said only on the path where the person asks: the other path lacks it.
    assert [code for code, _ in found] == ["PF01"] and found[0][1] is not None and "not ASKED" in found[0][1]
    # Without the condition, the line is said on every call.
    case["script"] = str(case["script"]).replace("(If asked) ", "")
    (tmp_path / "plain").mkdir()
    assert findings(case, tmp_path / "plain") == []


@pytest.mark.parametrize("label", ["Supporter", "Homeowner", "Household", "Alum", "Parent"])
def test_the_person_calleds_label_is_not_the_callers_words(label: str, tmp_path: Path) -> None:
    case = {
        "format": "txt",
        "manifest": _call({"name": "Carpenters Local 118 PAC"}, "OR", race="local", volume=300),
        "script": (
            f"Caller: Hi, is this Jordan?\n{label}: Yeah, this is Jordan.\n"
            "Caller: Great! I'm calling for Carpenters Local 118 PAC about Tuesday's vote.\n"
        ),
        "select": ["CO04"],
    }
    # The person called gives a name; the caller never does.
    assert [code for code, _ in findings(case, tmp_path)] == ["CO04"]


@pytest.mark.parametrize("label", ["TALENT", "VOICE TALENT", "Voice talent"])
def test_what_the_voice_talent_reads_is_the_message_and_a_note_to_it_is_not(label: str, tmp_path: Path) -> None:
    message = (
        "This message is paid for by Harbor Families PAC and not authorized by any candidate or candidate's"
        " committee. Tomorrow is Election Day. To stop these calls, press 2. To reach us, call 775-555-0190."
    )
    case = {
        "manifest": _call(
            {"name": "Harbor Families PAC", "kind": "pac", "phone": "775-555-0190"},
            "NV",
            race="federal",
            volume=9000,
            delivery="prerecorded",
        ),
        "script": f"# Election Eve Robocall\n\n{label}: {message}\n",
        "select": ["PF01", "PF06"],
    }
    assert findings(case, tmp_path) == []
    # Set apart in emphasis before the message, the talent's directions are not its first words.
    note = (
        "warm and unhurried, a short pause after the first sentence, the whole read under thirty seconds,"
        " one take for live answers and one for answering machines, please."
    )
    case["script"] = f"*{label}: {note}*\n\n{message}\n"
    (tmp_path / "note").mkdir()
    assert findings(case, tmp_path / "note") == []


@pytest.mark.parametrize(
    "first_column", [("I.", "II.", "III."), ("No. 1", "No. 2", "No. 3"), ("Hello?", "Ask", "Close")]
)
def test_a_step_table_is_read_in_order_whatever_its_first_column(first_column: tuple[str, ...], tmp_path: Path) -> None:
    one, two, three = first_column
    case = {
        "manifest": _call(
            {"name": "Okafor for Senate", "authorized_by": "Grace Okafor"}, "MI", race="federal", volume=6000
        ),
        "script": (
            "| Step | What to say |\n|---|---|\n"
            f"| {one} | Hello, this is [caller name], calling for Grace Okafor. |\n"
            f"| {two} | Can Grace count on your vote on November 5th? |\n"
            f"| {three} | Thank you! This call is paid for by Okafor for Senate. |\n"
        ),
        "select": ["PF01"],
    }
    # No header naming what the person says: the rows are steps, all said, the disclaimer last.
    assert findings(case, tmp_path) == []


@pytest.mark.parametrize(
    ("yes", "no", "inline"),
    [
        ("(Yes)", "(No)", False),
        ("YES:", "NO:", False),
        ("IF LEANING YES", "IF LEANING NO", False),
        ("IF STRONG SUPPORT", "IF STRONG NO", False),
        ("SÍ:", "NO:", True),
        ("CALLER: (YES)", "CALLER: (NO)", True),
        ("CALLER: IF YES -", "CALLER: IF NO -", True),
        ("CALLER (YES):", "CALLER (NO):", True),
    ],
)
def test_answer_labels_as_call_sheets_write_them(yes: str, no: str, inline: bool, tmp_path: Path) -> None:
    thanks = "Wonderful, thank you! This call was paid for by Reyes for Senate."
    sorry = "I understand. Thanks for your time tonight."
    rows = f"{yes} {thanks}\n{no} {sorry}\n" if inline else f"{yes}\n{thanks}\n\n{no}\n{sorry}\n"
    case = {
        "format": "txt",
        "manifest": _call(
            {"name": "Reyes for Senate", "authorized_by": "Carmen Reyes"}, "NV", race="federal", volume=9000
        ),
        "script": f"Hi, this is [caller name] calling for Carmen Reyes. Can Carmen count on your vote?\n\n{rows}",
        "select": ["PF01"],
    }
    # The disclaimer is said after the first answer only: the other answer's path lacks it.
    (found,) = findings(case, tmp_path)
    assert found[0] == "PF01" and found[1] is not None and "NO" in found[1], found


MANIFEST_ORTIZ = {
    "race": "federal",
    "volume": 9000,
    "sponsor": {"name": "Ortiz for Congress", "authorized_by": "Ana Ortiz"},
    "origin": {"facility": "call_center", "state": "NV"},
    "target_states": ["NV"],
}


def ortiz_pf01(script: str, directory: Path, fmt: str = "txt") -> list[tuple[str, str | None]]:
    """PF01's findings on a script of the Ortiz campaign's federal call (the manifest above)."""
    return findings({"format": fmt, "manifest": MANIFEST_ORTIZ, "script": script, "select": ["PF01"]}, directory)


@pytest.mark.parametrize("label", ["If no answer:", "NO ANSWER:", "Message (if no answer):"])
def test_a_no_answer_label_starts_the_voicemail(label: str, tmp_path: Path) -> None:
    script = (
        "Hi, this is [caller name] calling for Ana Ortiz. Can we count on your vote?\n"
        "Thank you! This call is paid for by Ortiz for Congress.\n\n"
        f"{label}\nHi, this is [caller name] with the Ortiz campaign. Please vote on Tuesday!\n"
    )
    assert ortiz_pf01(script, tmp_path) == [("PF01", "when the call reaches voicemail")]


@pytest.mark.parametrize("tag", ["[LEGAL DISCLAIMER]", "[ALL CALLS]", "(MUST READ)", "[CLOSE]", "[FEC DISCLAIMER]"])
def test_a_tag_naming_a_part_of_the_script_is_a_direction_not_an_answer(tag: str, tmp_path: Path) -> None:
    script = (
        "Hi, this is [caller name] calling for Ana Ortiz. Can we count on your vote?\n\n"
        f"{tag} Thank you! This call is paid for by Ortiz for Congress.\n"
    )
    assert ortiz_pf01(script, tmp_path) == []


@pytest.mark.parametrize(
    "script",
    [
        # Answer options listed under a question are what the person may say, not labels of alternatives.
        "Can we count on your vote?\nYES\nNO\nThank you! This call is paid for by Ortiz for Congress.\n",
        # An instruction in capitals is no condition.
        "CALLER: IF YOU HAVE A MINUTE - Can we count on your vote?\n"
        "Thank you! This call is paid for by Ortiz for Congress.\n",
        # A voicemail label whose words tell the caller what to do starts no message.
        "Can we count on your vote? Thank you! This call is paid for by Ortiz for Congress.\n\n"
        "If no answer: hang up and mark NA.\n",
        "Can we count on your vote? Thank you! This call is paid for by Ortiz for Congress.\n\n"
        "VM: don't leave a message.\n",
        # A bold label before what the voice talent reads is a speaker label, not a studio note.
        "**Voice talent:** Hi, this call is paid for by Ortiz for Congress. Please vote for Ana Ortiz on Tuesday.\n",
        # After a REBUTTALS block the script's closing is said again.
        "Can we count on your vote?\n\nREBUTTALS\n\nWho is calling? - A volunteer with the Ortiz campaign.\n\n"
        "Thank you for your time! This call is paid for by Ortiz for Congress.\n",
    ],
)
def test_ordinary_lines_near_the_new_labels_stay_what_they_are(script: str, tmp_path: Path) -> None:
    fmt = "md" if script.startswith("**") else "txt"
    assert ortiz_pf01("Hi, this is [caller name] calling for Ana Ortiz.\n" + script, tmp_path, fmt) == []


def test_an_objection_table_is_a_response_table(tmp_path: Path) -> None:
    case = {
        "format": "md",
        "manifest": _call({"name": "Okafor for Senate", "authorized_by": "Grace Okafor"}, "MI", race="federal"),
        "script": (
            "Hello, this is [caller name], calling for Grace Okafor. Can Grace count on your vote?\n\n"
            "| Objection | Response |\n|---|---|\n"
            "| Asks who is paying for the call | This call is paid for by Okafor for Senate. |\n"
            "| Says they already voted | Thank you for voting! |\n"
        ),
        "select": ["PF01"],
    }
    # The disclaimer is in one row only: the other row's path lacks it.
    assert findings(case, tmp_path) == [("PF01", "when the answer is SAYS THEY ALREADY VOTED")]
