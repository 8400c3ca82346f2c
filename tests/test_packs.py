"""Pack validation, `scriptlint packs` and `scriptlint explain RULE-ID`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli, write

GOOD_RULE = """  - id: AZ-OWN-1
    title: thanks
    citation: handbook
    confidence: V
    requires:
      - element: a thank-you
        any: [thank you]
"""
SCRIPT = "---\ncall_type: survey\ntarget_states: [AZ]\n---\nHi, this is Maria. Thank you!\n"


def _pack(workdir: Path, rules: str) -> None:
    write(
        workdir,
        {
            "setup.cfg": "[tool:scriptlint]\npacks = packs\n",
            "packs/AZ.yml": f"jurisdiction: AZ\nname: Arizona\nversion: '1'\nrules:\n{rules}",
            "call.j2": SCRIPT,
        },
    )


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (GOOD_RULE.replace("confidence: V", "confidence: X"), "confidence must be one of V, Q, S, M"),
        (GOOD_RULE.replace("    title: thanks\n", ""), "'title' is required"),
        (GOOD_RULE + "    colour: red\n", "unknown key(s) colour"),
        (GOOD_RULE.replace("any: [thank you]", "any: [thank you]\n        timing: soon"), "timing must be one of"),
        (
            GOOD_RULE.replace("      - element: a thank-you\n        any: [thank you]\n", "      - any: [x]\n"),
            "element",
        ),
        (GOOD_RULE + "    applies: {call_type: [survey]}\n", "applies: unknown key(s) call_type"),
        (GOOD_RULE + "    effective: someday\n", "effective must be a date"),
    ],
)
def test_a_bad_pack_stops_the_run_with_its_file_and_line(workdir: Path, rules: str, message: str) -> None:
    _pack(workdir, rules)
    result = run_cli("check", "call.j2")
    assert result.exit_code == 2
    assert "packs/AZ.yml:5: rule 'AZ-OWN-1'" in result.output or "packs/AZ.yml:" in result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_good_pack_replaces_nothing_and_checks(workdir: Path) -> None:
    _pack(workdir, GOOD_RULE)
    result = run_cli("check", "--format", "json", "--select", "SW", "call.j2")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["findings"] == []


def test_packs_lists_every_jurisdiction_as_text_and_json(workdir: Path) -> None:
    text = run_cli("packs").output
    assert text.startswith("US  United States (federal)")
    assert "NH-RSA-664:14-a" in text
    listed = json.loads(run_cli("packs", "--format", "json").output)
    jurisdictions = [pack["jurisdiction"] for pack in listed]
    assert len(jurisdictions) >= 22
    assert {"US", "CA", "FL", "NH", "VA", "ME", "IN", "MN", "OK", "NJ", "RI", "DC", "WA", "HI", "WI", "TX", "PR",
            "NC", "KY", "SC", "AR", "LA"} <= set(jurisdictions)  # fmt: skip
    rule = next(rule for pack in listed for rule in pack["rules"] if rule["id"] == "US-16CFR310.4(e)")
    assert set(rule) >= {"id", "code", "citation", "url", "confidence", "severity"}
    assert rule["confidence"] == "M"
    assert rule["severity"] == "warning"


def test_a_configured_pack_overrides_a_bundled_one(workdir: Path) -> None:
    write(
        workdir,
        {
            "setup.cfg": "[tool:scriptlint]\npacks = packs\n",
            "packs/NH.yml": (
                f"jurisdiction: NH\nname: New Hampshire (ours)\nversion: '9'\nrules:\n{GOOD_RULE.replace('AZ-', 'NH-')}"
            ),
        },
    )
    listed = json.loads(run_cli("packs", "--format", "json").output)
    nh = next(pack for pack in listed if pack["jurisdiction"] == "NH")
    assert nh["version"] == "9"
    assert [rule["id"] for rule in nh["rules"]] == ["NH-OWN-1"]


def test_explain_a_pack_rule_and_an_sw_code(workdir: Path) -> None:
    explained = run_cli("explain", "NH-RSA-664:14-a")
    assert explained.exit_code == 0
    assert "Citation: N.H. RSA 664:14-a, II" in explained.output
    assert "within 30 seconds" in explained.output
    assert run_cli("explain", "SW02").exit_code == 0
    assert run_cli("explain", "XX-NOPE").exit_code == 2
