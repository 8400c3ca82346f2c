"""The command line as a user runs it: exit codes, formats, options and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import run_cli, write

from scriptlint import __version__

POLITICAL_NO_DISCLAIMER = """---
call_type: political
race: federal
sponsor: {name: Friends of Ana Ruiz, authorized_by: Ana Ruiz}
origin: {facility: call_center, state: NJ}
target_states: [OH]
---
Hi {{ voter }}, this is {{ caller }} calling for Ana Ruiz.
{% if lang == 'es' %}
Gracias.
{% else %}
Paid for by Friends of Ana Ruiz.
{% endif %}
"""
CLEAN_SURVEY = """---
call_type: survey
origin: {facility: call_center, state: NJ}
target_states: [OH]
---
{# scriptlint: disable=SW04 -- this test has no NJ pack on purpose #}
Hello, this is {{ caller }} with a short survey.
"""


def test_findings_exit_1_with_path_line_column_code(workdir: Path) -> None:
    write(workdir, {"bad.j2": POLITICAL_NO_DISCLAIMER})
    result = run_cli("check", "bad.j2")
    assert result.exit_code == 1
    assert "bad.j2:10:1: PF01 this path of the call never says who paid for it" in result.output
    assert "(when lang == 'es')" in result.output
    assert "[52 U.S.C. 30120(a); 11 CFR 110.11(b)]" in result.output
    assert "Found 2 findings (1 error, 1 warning) in 1 file." in result.output


def test_clean_file_exits_0(workdir: Path) -> None:
    write(workdir, {"ok.j2": CLEAN_SURVEY})
    result = run_cli("check", "ok.j2")
    assert result.exit_code == 0, result.output
    assert result.output == "No findings in 1 file.\n"


def test_missing_path_exits_2(workdir: Path) -> None:
    result = run_cli("check", "nowhere.j2")
    assert result.exit_code == 2
    assert "nowhere.j2: no such file or directory" in result.output


def test_json_output_shape_and_order(workdir: Path) -> None:
    write(workdir, {"b.j2": POLITICAL_NO_DISCLAIMER, "a.j2": "---\ncall_type: survey\n---\nHi {% if %}\n"})
    result = run_cli("check", "--format", "json", ".")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["scriptlint"] == __version__
    assert document["files"] == 2
    keys = [(f["path"], f["line"], f["column"], f["code"]) for f in document["findings"]]
    assert keys == sorted(keys)
    assert set(document["findings"][0]) == {
        "path", "line", "column", "end_line", "end_column", "code", "name", "severity",
        "message", "ref", "url", "path_condition", "jurisdiction", "location",
    }  # fmt: skip
    assert [f["code"] for f in document["findings"]] == ["SL02", "SW04", "PF01"]
    assert document["findings"][0]["severity"] == "error"


def test_directory_search_uses_include_globs_and_skips_partials_rules(workdir: Path) -> None:
    write(
        workdir,
        {
            "scripts/a.j2": POLITICAL_NO_DISCLAIMER,
            "scripts/_partial.j2": "Hello, no manifest here.\n",
            "scripts/notes.rst": "Not a script.\n",
            "scripts/README.md": "Not a script either.\n",
            ".hidden/b.j2": POLITICAL_NO_DISCLAIMER,
        },
    )
    result = run_cli("check", "--format", "json", "scripts")
    document = json.loads(result.output)
    assert document["files"] == 2
    assert {f["path"] for f in document["findings"]} == {"scripts/a.j2"}


def test_bad_files_do_not_stop_the_others(workdir: Path) -> None:
    write(
        workdir, {"a_bad.j2": b"\xff\xfe\x00", "b_bad.j2": "---\ncall_type: [\n---\n", "c.j2": POLITICAL_NO_DISCLAIMER}
    )
    result = run_cli("check", "--format", "json", ".")
    codes = [(f["path"], f["code"]) for f in json.loads(result.output)["findings"]]
    assert ("a_bad.j2", "SL01") in codes
    assert ("b_bad.j2", "SL03") in codes
    assert ("c.j2", "PF01") in codes
    assert result.exit_code == 1


def test_select_ignore_fail_on_and_exit_zero(workdir: Path) -> None:
    write(workdir, {"bad.j2": POLITICAL_NO_DISCLAIMER})
    assert "SW04" not in run_cli("check", "--select", "PF", "bad.j2").output
    assert "PF01" not in run_cli("check", "--ignore", "PF01", "bad.j2").output
    only_warning = run_cli("check", "--ignore", "PF01", "--fail-on", "error", "bad.j2")
    assert only_warning.exit_code == 0
    assert "SW04" in only_warning.output
    assert run_cli("check", "--exit-zero", "bad.j2").exit_code == 0


def test_unknown_selector_is_a_usage_error(workdir: Path) -> None:
    write(workdir, {"bad.j2": POLITICAL_NO_DISCLAIMER})
    result = run_cli("check", "--select", "QQ", "bad.j2")
    assert result.exit_code == 2
    assert "no rule code starts with 'QQ'" in result.output
    bad_code = run_cli("check", "--select", "pf-1", "bad.j2")
    assert bad_code.exit_code == 2


def test_state_and_var_override_the_manifest(workdir: Path) -> None:
    write(workdir, {"bad.j2": POLITICAL_NO_DISCLAIMER})
    result = run_cli("check", "--format", "json", "--state", "WY,VT", "--var", "lang=en", "bad.j2")
    findings = json.loads(result.output)["findings"]
    assert [(f["code"], f["jurisdiction"]) for f in findings] == [("SW04", "VT"), ("SW04", "WY")]
    assert run_cli("check", "--state", "ZZ", "bad.j2").exit_code == 2


def test_output_file_keeps_the_exit_code(workdir: Path) -> None:
    write(workdir, {"bad.j2": POLITICAL_NO_DISCLAIMER})
    result = run_cli("check", "--format", "json", "--output", "report.json", "bad.j2")
    assert result.exit_code == 1
    assert result.output == ""
    assert json.loads((workdir / "report.json").read_text())["files"] == 1


def test_unknown_format_exits_2(workdir: Path) -> None:
    write(workdir, {"bad.j2": POLITICAL_NO_DISCLAIMER})
    result = run_cli("check", "--format", "yaml", "bad.j2")
    assert result.exit_code == 2
    assert "choose from github, html, json, junit, sarif, text" in result.output


def test_quiet_prints_findings_only(workdir: Path) -> None:
    write(workdir, {"bad.j2": POLITICAL_NO_DISCLAIMER})
    lines = run_cli("check", "-q", "bad.j2").output.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("bad.j2:") for line in lines)


def test_version_rules_and_explain(workdir: Path) -> None:
    assert run_cli("--version").output.strip() == f"scriptlint {__version__}"
    table = run_cli("rules").output
    for code in ("SL01", "SL02", "SL03", "SL04", "SL05", "SL06", "PF01", "CO01", "SW04"):
        assert f"\n{code} " in table
    assert "paid_for_by" in table
    explained = run_cli("explain", "pf01")
    assert explained.exit_code == 0
    assert "PF01 (paid-for-by-missing), error by default" in explained.output
    assert "Citation: 52 U.S.C. 30120(a); 11 CFR 110.11(b)" in explained.output
    unknown = run_cli("explain", "XX99")
    assert unknown.exit_code == 2
    assert "unknown rule 'XX99'" in unknown.output


def test_console_script_runs_without_traceback(workdir: Path) -> None:
    write(workdir, {"bad.j2": POLITICAL_NO_DISCLAIMER, "setup.cfg": "[tool:scriptlint]\nfail-on = sometimes\n"})
    completed = subprocess.run(
        [sys.executable, "-m", "scriptlint", "check", "bad.j2"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert "setup.cfg:2: fail-on: expected one of error, warning, info" in completed.stderr


SOLICITATION_CALL = """---
call_type: charitable
purpose: solicitation
caller: {paid: true}
sponsor: {name: Veterans Aid Fund}
origin: {facility: call_center, state: NC}
target_states: [NC, SC]
---
{# scriptlint: disable=NC-131F-17(a)(1) -- NC's registration covers this campaign's disclosure in writing #}
Hi, I'm calling for Veterans Aid Fund. Would you donate $25 today?
"""


def test_a_directive_naming_a_pack_rule_silences_that_rule_alone(workdir: Path) -> None:
    write(workdir, {"ask.j2": SOLICITATION_CALL})
    result = run_cli("check", "--select", "SW,SL05", "ask.j2")
    # North Carolina's rule is silenced; South Carolina's, reported by the same code SW01, is not.
    assert "NC-131F-17(a)(1)" not in result.output and "SL05" not in result.output, result.output
    assert "SW01 SC-33-56-90(A):" in result.output and result.exit_code == 1
    # The id as `explain` takes it (any case, no parentheses) names the same rule.
    write(workdir, {"ask.j2": SOLICITATION_CALL.replace("NC-131F-17(a)(1)", "nc-131f-17a1")})
    assert "NC-131F-17(a)(1)" not in run_cli("check", "--select", "SW,SL05", "ask.j2").output
    # Without the directive both are reported.
    plain = SOLICITATION_CALL.replace("{# scriptlint: disable=NC-131F-17(a)(1)", "{# not a directive")
    write(workdir, {"ask.j2": plain})
    both = run_cli("check", "--select", "SW,SL05", "ask.j2").output
    assert "SW01 NC-131F-17(a)(1):" in both and "SW01 SC-33-56-90(A):" in both


def test_a_pack_rule_directive_that_names_no_rule_or_silences_nothing_is_reported(workdir: Path) -> None:
    unknown = SOLICITATION_CALL.replace("NC-131F-17(a)(1)", "NC-999")
    write(workdir, {"ask.j2": unknown})
    result = run_cli("check", "--select", "SW,SL05", "ask.j2")
    assert "SL05 NC-999 is not a known pack rule id ('scriptlint packs' lists them)" in result.output
    # A rule of a state not called (here Washington's) silences nothing in this call.
    write(workdir, {"ask.j2": SOLICITATION_CALL.replace("NC-131F-17(a)(1)", "WA-RCW-80.36.390(4)")})
    result = run_cli("check", "--select", "SW,SL05", "ask.j2")
    assert "SL05 suppression of WA-RCW-80.36.390(4) suppressed nothing: remove it" in result.output
    # What `unsuppressible` locks cannot be silenced by a pack rule's id either.
    write(workdir, {"ask.j2": SOLICITATION_CALL, "setup.cfg": "[tool:scriptlint]\nunsuppressible = SW\n"})
    result = run_cli("check", "--select", "SW,SL05", "ask.j2")
    assert "SW01 NC-131F-17(a)(1):" in result.output and "NC-131F-17(a)(1) cannot be suppressed" in result.output
