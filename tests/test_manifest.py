"""Manifest mistakes: one clear finding per broken key, no cascade of findings about it; state names understood."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from scriptlint.lint import lint_paths

BODY = "Hi, my name is Ana, calling for Friends of Ana Ruiz.\nCan we count on your vote?\n"


def _codes(workdir: Path, manifest: str) -> list[tuple[int, str, str]]:
    write(workdir, {"call.j2": f"---\n{manifest}---\n{BODY}"})
    return [(f.line, f.code, f.message) for f in lint_paths(["call.j2"]).findings]


def test_a_misspelt_sponsor_gives_one_finding_and_no_cascade(workdir: Path) -> None:
    manifest = (
        "call_type: political\nrace: federal\nvolume: 5000\nsponser: {name: Friends of Ana Ruiz}\n"
        "origin: {facility: call_center, state: NV}\ntarget_states: [NV]\n"
    )
    found = _codes(workdir, manifest)
    sl03 = [f for f in found if f[1] == "SL03"]
    assert len(sl03) == 1
    assert "did you mean 'sponsor'" in sl03[0][2] and "were not run on this file: CO04, PF01" in sl03[0][2]
    # Nothing about the sponsor the typo hid: no disclaimer, authorization or contact findings.
    assert not [f for f in found if f[1].startswith(("PF", "CO04"))], found


def test_rules_that_do_not_read_the_broken_key_still_run(workdir: Path) -> None:
    found = _codes(workdir, "call_type: political\nsponser: {name: Friends of Ana Ruiz}\n")
    assert any(code == "CO01" for _, code, _ in found)  # the origin is undeclared: still reported


def test_a_partly_invalid_list_keeps_its_valid_entries(workdir: Path) -> None:
    found = _codes(workdir, "call_type: survey\ntarget_states: [IL, XX]\n")
    assert [code for _, code, _ in found].count("SL03") == 1
    assert any(code == "SW04" and "IL" in message for _, code, message in found)


@pytest.mark.parametrize("states", ["[California, N.H.]", "[Calif., NH]", "[ca, 'New Hampshire']"])
def test_state_names_and_abbreviations_are_understood(workdir: Path, states: str) -> None:
    found = _codes(workdir, f"call_type: survey\ntarget_states: {states}\n")
    assert not [f for f in found if f[1] == "SL03"], found


def test_a_misspelt_state_name_is_answered_with_the_code(workdir: Path) -> None:
    found = _codes(workdir, "call_type: survey\ntarget_states: [Californa]\n")
    (message,) = [m for _, code, m in found if code == "SL03"]
    assert "did you mean CA, California?" in message


def test_a_states_english_name_is_the_first_of_its_names() -> None:
    """The origin is worded from the English name alone (without reading any language's names for it)."""
    from scriptlint_plugins.call_origin.wording import OriginWording

    from scriptlint.model.values import STATE_CODES

    gazetteer = OriginWording().gazetteer
    for code in sorted(STATE_CODES):
        assert gazetteer.state_name(code) == gazetteer.state_names(code)[0], code
