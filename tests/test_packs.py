"""Pack validation, `scriptlint packs` and `scriptlint explain RULE-ID`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, run_cli, write

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
    assert text.startswith("Confidence of each rule's source:") and "\nUS  United States (federal)" in text
    assert "NH-RSA-664:14-a" in text
    assert "[V] verified: read word for word" in text and "[M] missing: no source text was found" in text
    listed = json.loads(run_cli("packs", "--format", "json").output)
    jurisdictions = [pack["jurisdiction"] for pack in listed]
    assert len(jurisdictions) >= 28
    assert {"US", "CA", "FL", "NH", "VA", "ME", "IN", "MN", "OK", "NJ", "RI", "DC", "WA", "HI", "WI", "TX", "PR",
            "NC", "KY", "SC", "AR", "LA", "NY", "MI", "NV", "MS", "CT", "PA", "MT"} <= set(jurisdictions)  # fmt: skip
    rule = next(rule for pack in listed for rule in pack["rules"] if rule["id"] == "US-16CFR310.4(e)")
    assert set(rule) >= {"id", "code", "citation", "url", "confidence", "confidence_meaning", "severity", "applies_to",
                         "applies", "effective", "enacted", "amended", "checked"}  # fmt: skip
    assert rule["confidence"] == "M"
    assert rule["severity"] == "warning"
    assert rule["applies"] == {"call_types": ["charitable"], "purposes": ["solicitation"], "paid_callers": True}
    assert rule["applies_to"].startswith("charitable calls; made for soliciting (money")


def test_every_bundled_rule_has_a_citation_confidence_dates_and_its_check_date(workdir: Path) -> None:
    for pack in json.loads(run_cli("packs", "--format", "json").output):
        for rule in pack["rules"]:
            assert rule["citation"] and rule["confidence"] in "VQSM", rule["id"]
            assert rule["checked"], f"{rule['id']}: no date its text was checked"
            assert rule["applies_to"] and "{" not in rule["applies_to"], f"{rule['id']}: scope not in words"
            if rule["confidence"] in "SM":
                assert rule["severity"] != "error", f"{rule['id']}: an unverified rule must be a warning"


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
    assert "within the first 30 seconds" in explained.output
    # Both versions of the rule, by date, with the dates in words.
    assert "in force from 2025-01-01" in explained.output and "until 2025-01-01" in explained.output
    assert "Applies to: political calls; prerecorded or artificial-voice messages" in explained.output
    assert "[Q] quoted" in explained.output and "Confidence of each rule's source:" in explained.output
    assert run_cli("explain", "SW02").exit_code == 0
    assert run_cli("explain", "XX-NOPE").exit_code == 2


@pytest.mark.parametrize("typed", ["US-47CFR64.1200b1", "us-47cfr64.1200(b)(1)", "US-47CFR64.1200(b)(1)"])
def test_a_pack_rule_id_can_be_typed_without_parentheses_in_any_case(workdir: Path, typed: str) -> None:
    explained = run_cli("explain", typed)
    assert explained.exit_code == 0, explained.output
    assert explained.output.startswith("US-47CFR64.1200(b)(1) (United States (federal) pack")


def test_pack_rule_ids_stay_distinct_without_parentheses(workdir: Path) -> None:
    from scriptlint.packs.describe import normalise_id

    ids = {rule["id"] for pack in json.loads(run_cli("packs", "--format", "json").output) for rule in pack["rules"]}
    assert len({normalise_id(rule_id) for rule_id in ids}) == len(ids)


def test_explain_shows_scope_in_words_never_python_reprs(workdir: Path) -> None:
    for rule_id in ("CA-GC-84310", "WI-11.1303(2m)(b)", "FL-106.147(1)(a)", "US-47CFR64.1200(b)(3)-exempt"):
        text = run_cli("explain", rule_id).output
        assert "Applies to: " in text and "Dates: " in text and "Source: [" in text
        assert not any(mark in text for mark in ("{'", "['", "': ", "True", "None")), text
    pf01 = " ".join(run_cli("explain", "PF01").output.split())
    assert "Applies to: more than 500 calls" in pf01
    assert "either (paid for by a federal political committee (sponsor.federal_committee: true)) or" in pf01
    assert "(political calls; about a federal race; made for persuasion" in pf01 and "issue_advocacy" in pf01
    assert "not paid for by a nonprofit, a business or a government body; made for get-out-the-vote" in pf01
    assert "[V] verified" in pf01
    co02 = " ".join(run_cli("explain", "CO02").output.split())
    assert "Applies to: every call, whatever its type" in co02 and "campaign policy, not a statute" in co02


def test_an_example_names_the_manifest_value_it_lacks_in_words() -> None:
    from scriptlint.lint import lint_paths

    findings = lint_paths([str(REPO / "fixtures" / "scripts" / "push_poll_nh.j2")]).findings
    messages = [f.message for f in findings if f.code == "SW01" and "telephone number" in f.message]
    assert messages and "e.g. '<the sponsor's telephone number (manifest: sponsor.phone)>'" in messages[0]


def test_an_example_takes_the_first_phrase_the_manifest_can_fill(tmp_path: Path) -> None:
    """NH asks for "the candidate or organization the message calls on behalf of": the candidate when one
    authorized the call, else the sponsor's name, never a gap the manifest was not meant to fill."""
    from scriptlint.lint import lint_paths

    head = "---\ncall_type: political\nrace: state\ndelivery: prerecorded\nvolume: 900\ntarget_states: [NH]\n"
    body = "---\nHello, this is a message about Tuesday's election. Please vote.\n"
    for name, sponsor, shown in (
        ("pac.txt", "sponsor: {name: Granite Voters PAC, kind: pac}\n", "e.g. 'Granite Voters PAC'"),
        ("cand.txt", "sponsor: {name: Lee for Senate, authorized_by: Pat Lee}\n", "e.g. 'Pat Lee'"),
    ):
        (tmp_path / name).write_text(head + sponsor + body, encoding="utf-8")
        findings = lint_paths([str(tmp_path / name)], no_config=True).findings
        behalf = [f.message for f in findings if "calls on behalf of" in f.message]
        assert behalf and shown in behalf[0] and "manifest: sponsor.authorized_by" not in behalf[0], behalf


def test_shared_endings_match_as_the_plain_alternation() -> None:
    """`(?:a1|a2)E|b` for `a1E|a2E|b`: the ending written once per run, the same matches in the same order."""
    import regex

    from scriptlint.analysis.queries import shared_endings

    ending = r"\s*(?:(?:friends\s+of\s+ana)|(?-i:F\.?O\.?A\.?))"
    alternatives = [
        (r"paid\s+for\s+by", ending),
        (r"pagado\s+por", ending),
        (r"authorized\s+by\s*", ""),
        (r"paid\s+by", ending),
        (r"(?:)", ending),
    ]
    written = shared_endings(alternatives)
    assert written[0].count(ending) == 1 and len(written) == 3
    shared = regex.compile("|".join(written), regex.IGNORECASE)
    plain = regex.compile("|".join(start + end for start, end in alternatives), regex.IGNORECASE)
    texts = [
        "Paid for by Friends of Ana.",
        "pagado por F.O.A. y authorized by Ana",
        "paid by FOA, paid for by friends of ana",
        "our FOA volunteers",
        "authorized by nobody; paid for by someone else",
    ]
    for text in texts:
        assert [m.span() for m in shared.finditer(text)] == [m.span() for m in plain.finditer(text)]
