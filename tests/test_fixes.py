"""`scriptlint check --fix` and `--diff`: safe fixes from the rules, applied once, never breaking a file."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli, write
from documents import write_docx

from scriptlint import hookimpl
from scriptlint.lint import open_session
from scriptlint.model import Finding, Rule, RunContext, Script, Severity
from scriptlint.model.fixes import Edit, Fix

MANIFEST = """---
call_type: political
race: federal
volume: 5000
sponsor: {name: Friends of Ana Ruiz, authorized_by: Ana Ruiz}
origin: {facility: call_center, state: NV}
target_states: [NV]
---
"""
INTRO = "Hi, my name is {{ caller_first_name }}, calling for Friends of Ana Ruiz.\n"


def _fix(*paths: str) -> str:
    result = run_cli("check", "--fix", "--ignore", "SW04", *paths)
    return result.output


def _diff(*paths: str) -> tuple[int, str]:
    result = run_cli("check", "--diff", "--ignore", "SW04", *paths)
    return result.exit_code, result.output


def test_a_near_miss_becomes_the_exact_wording_and_a_second_run_changes_nothing(workdir: Path) -> None:
    write(workdir, {"call.j2": MANIFEST + INTRO + "Thanks! Payed for by Friends of Ana Ruiz.\n"})
    output = _fix("call.j2")
    assert "fixed call.j2:10: PF05 replace 'Payed for by' with 'Paid for by'" in output
    assert (workdir / "call.j2").read_text(encoding="utf-8").endswith("Thanks! Paid for by Friends of Ana Ruiz.\n")
    assert _diff("call.j2") == (0, "0 fix(es) would change 0 file(s); 0 finding(s) have no safe fix\n")


def test_the_disclaimer_is_added_inside_each_branch_that_lacks_it(workdir: Path) -> None:
    body = "{% if language == 'es' %}Gracias por su tiempo.{% else %}Thank you!{% endif %}\n"
    write(workdir, {"call.j2": MANIFEST + INTRO + body})
    _fix("call.j2")
    fixed = (workdir / "call.j2").read_text(encoding="utf-8")
    assert fixed.endswith(
        "{% if language == 'es' %}Gracias por su tiempo. Paid for by Friends of Ana Ruiz.{% else %}"
        "Thank you! Paid for by Friends of Ana Ruiz.{% endif %}\n"
    )
    result = run_cli("check", "--ignore", "SW04", "--format", "json", "call.j2")
    assert '"PF01"' not in result.output and result.exit_code == 0  # the fixed template is checked again


def test_once_at_the_end_when_the_single_path_lacks_it_and_a_new_line_keeps_the_indentation(workdir: Path) -> None:
    write(workdir, {"call.j2": MANIFEST + INTRO + "  Can we count on your vote?\n"})
    _fix("call.j2")
    lines = (workdir / "call.j2").read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ["  Can we count on your vote?", "  Paid for by Friends of Ana Ruiz."]


def test_an_introduction_is_added_with_the_scripts_own_placeholder(workdir: Path) -> None:
    body = "Hello {{ voter }}! Can we count on your vote?\n{# caller: {{ caller_first_name }} #}\n"
    write(workdir, {"call.j2": MANIFEST + body + "Paid for by Friends of Ana Ruiz.\n"})
    output = _fix("call.j2")
    assert "CO04" in output
    fixed = (workdir / "call.j2").read_text(encoding="utf-8")
    # The sponsor is named within the opening already: only the caller's name is added.
    assert "---\nHi, my name is {{ caller_first_name }}.\nHello" in fixed


def test_diff_shows_the_change_and_writes_nothing(workdir: Path) -> None:
    original = MANIFEST + INTRO + "Thanks! Payed for by Friends of Ana Ruiz.\n"
    write(workdir, {"call.j2": original})
    code, output = _diff("call.j2")
    assert code == 1
    assert "--- a/call.j2\n+++ b/call.j2\n" in output
    assert "-Thanks! Payed for by Friends of Ana Ruiz.\n+Thanks! Paid for by Friends of Ana Ruiz.\n" in output
    assert (workdir / "call.j2").read_text(encoding="utf-8") == original


def test_a_file_with_an_sl_finding_is_never_touched(workdir: Path) -> None:
    original = MANIFEST + INTRO + "Payed for by Friends of Ana Ruiz. {% if x %}\n"
    write(workdir, {"call.j2": original})
    output = _fix("call.j2")
    assert "could not be fully read or checked" in output or "SL02" in output
    assert (workdir / "call.j2").read_text(encoding="utf-8") == original


def test_word_documents_are_reported_never_edited(workdir: Path) -> None:
    write_docx(
        workdir / "call.docx", ["Hi, this is Sam with Friends of Ana Ruiz.", "Payed for by Friends of Ana Ruiz."]
    )
    write(workdir, {"call.docx.scriptlint.yml": MANIFEST.strip("-\n") + "\n"})
    before = (workdir / "call.docx").read_bytes()
    output = _fix("call.docx")
    assert "never edited" in output
    assert (workdir / "call.docx").read_bytes() == before


def test_line_endings_and_byte_order_mark_are_kept(workdir: Path) -> None:
    text = MANIFEST + INTRO + "Thanks! Payed for by Friends of Ana Ruiz.\n"
    (workdir / "call.j2").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    _fix("call.j2")
    data = (workdir / "call.j2").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"Paid for by" in data and data.count(b"\r\n") == text.count("\n")


class _NoShoutingPlugin:
    """A third-party rule with its own fix, through the same hook as the bundled ones."""

    @hookimpl
    def scriptlint_rules(self) -> list[Rule]:
        return [Rule("ZZ02", "no-shouting", "SHOUTING.", Severity.WARNING, check=_check)]

    @hookimpl
    def scriptlint_fix(self, finding: Finding, script: Script, context: RunContext) -> Fix | None:
        if finding.code != "ZZ02":
            return None
        edit = Edit(finding.line, finding.column, finding.line, finding.column + 5, "hello")
        return Fix("lower case", (edit,))


def _check(rule: Rule, script: Script, context: RunContext) -> list[Finding]:
    lines = script.source.split("\n")
    return [rule.finding(script, "shouting", line=i + 1, column=line.index("HELLO") + 1)
            for i, line in enumerate(lines) if "HELLO" in line]  # fmt: skip


def test_a_third_party_rule_offers_fixes_through_the_hook(workdir: Path) -> None:
    write(workdir, {"call.txt": "HELLO, this is Sam.\n", "call.txt.scriptlint.yml": "call_type: survey\n"})
    session = open_session(no_config=True, plugins=[("shouting", _NoShoutingPlugin())])
    (outcome,) = session.fix(["call.txt"], write=True)
    assert [finding.code for finding, _ in outcome.applied] == ["ZZ02"]
    assert (workdir / "call.txt").read_text(encoding="utf-8") == "hello, this is Sam.\n"


class _BadFixPlugin:
    """A third-party rule whose fix writes something its own check does not accept (it adds "HI"): checked
    again, the finding is still there."""

    @hookimpl
    def scriptlint_rules(self) -> list[Rule]:
        return [Rule("ZZ03", "say-hello", "Say hello.", Severity.WARNING, check=_no_hello)]

    @hookimpl
    def scriptlint_fix(self, finding: Finding, script: Script, context: RunContext) -> Fix | None:
        if finding.code != "ZZ03":
            return None
        return Fix("greet", (Edit(1, 1, 1, 1, "HI, "),))


def _no_hello(rule: Rule, script: Script, context: RunContext) -> list[Finding]:
    return [] if "hello" in script.source.lower() else [rule.finding(script, "no hello", line=1, column=1)]


def test_a_fix_that_does_not_cure_its_finding_is_not_applied_and_says_so(workdir: Path) -> None:
    write(workdir, {"call.txt": "HELLO, this is Sam.\n", "call.txt.scriptlint.yml": "call_type: survey\n"})
    write(workdir, {"quiet.txt": "This is Sam.\n", "quiet.txt.scriptlint.yml": "call_type: survey\n"})
    plugins = [("shouting", _NoShoutingPlugin()), ("greeting", _BadFixPlugin())]
    session = open_session(no_config=True, plugins=plugins)
    (outcome,) = session.fix(["quiet.txt"], write=True)
    # Adding "HI, " leaves ZZ03 in place: running --fix again would add it again and again.
    assert not outcome.applied and not outcome.changed
    reasons = {f.code: reason for f, reason in outcome.unfixed}
    assert reasons["ZZ03"].startswith("its fix did not cure it (checked again, the finding was still there)")
    assert (workdir / "quiet.txt").read_text(encoding="utf-8") == "This is Sam.\n"
    # Beside it, a fix that does cure its finding is applied.
    (outcome,) = session.fix(["call.txt"], write=True)
    assert [finding.code for finding, _ in outcome.applied] == ["ZZ02"]
    assert (workdir / "call.txt").read_text(encoding="utf-8") == "hello, this is Sam.\n"


ROBOCALL = """---
call_type: political
race: federal
volume: 5000
delivery: prerecorded
sponsor: {name: Sam Ortiz for Congress, authorized_by: Sam Ortiz, phone: 555-201-3344}
origin: {facility: call_center, state: NV}
target_states: [NV]
---
Hello! Election day is Tuesday. Please vote for Sam Ortiz. Call 555-201-3344 with questions.
"""


def test_a_recorded_message_gets_the_disclaimer_at_its_start_which_cures_pf06_too(workdir: Path) -> None:
    write(workdir, {"robocall.txt": ROBOCALL})
    shown = run_cli("check", "--diff", "--ignore", "SW04", "--select", "PF01,PF06", "robocall.txt")
    assert shown.exit_code == 1 and "+Paid for by Sam Ortiz for Congress.\n Hello!" in shown.output
    assert "1 fix(es) (1 more cured by them)" in shown.output and "0 finding(s) have no safe fix" in shown.output
    output = _fix("--select", "PF01,PF06", "robocall.txt")
    assert "fixed robocall.txt:10: PF01" in output and "cured robocall.txt:10: PF06" in output
    assert "not fixed" not in output
    text = (workdir / "robocall.txt").read_text(encoding="utf-8")
    assert text.startswith(ROBOCALL[: ROBOCALL.index("Hello!")] + "Paid for by Sam Ortiz for Congress.\nHello!")


PAC_CALL = """---
call_type: political
race: federal
volume: 5000
sponsor: {name: Harbor Families PAC, kind: pac, authorized_by: null, url: harborfamilies.org}
origin: {facility: call_center, state: NV}
target_states: [NV]
---
Hi, my name is {{ caller_first_name }}, calling for Harbor Families PAC. Election Day is Tuesday. Thanks!
"""


def test_a_suggested_wording_with_an_apostrophe_is_written_whole(workdir: Path) -> None:
    write(workdir, {"pac.txt": PAC_CALL})
    output = _fix("--select", "PF01,PF03", "pac.txt")
    assert "fixed pac.txt:9: PF01" in output and "not fixed" not in output, output
    text = (workdir / "pac.txt").read_text(encoding="utf-8")
    said = "Paid for by Harbor Families PAC and not authorized by any candidate or candidate's committee."
    assert text.endswith(f"Thanks!\n{said}\n")
    # Checked again, nothing is left to fix: a second run changes nothing.
    assert "Fixed 0 finding(s) in 0 file(s)." in _fix("--select", "PF01,PF03", "pac.txt")
    assert (workdir / "pac.txt").read_text(encoding="utf-8") == text


TABLE = (
    MANIFEST
    + """Hi, my name is [your name], calling for Friends of Ana Ruiz. Can we count on your vote?

| If the voter says... | You say... |
|---|---|
| Yes | Wonderful! Paid for by Friends of Ana Ruiz. |
| No | Thanks for your time. |
| Undecided | Ana will fight for our schools. Paid for by Friends of Ana Ruiz. |
"""
)


def test_a_response_table_reply_gets_the_disclaimer_inside_its_cell_and_the_table_stays_whole(workdir: Path) -> None:
    write(workdir, {"call.md": TABLE})
    output = _fix("call.md")
    assert (
        "fixed call.md:14: PF01 add 'Paid for by Friends of Ana Ruiz.' where the path (when the answer is NO)" in output
    )
    fixed = (workdir / "call.md").read_text(encoding="utf-8")
    # The reply's cell says it, and no line breaks the table between its rows.
    assert fixed == TABLE.replace(
        "| No | Thanks for your time. |", "| No | Thanks for your time. Paid for by Friends of Ana Ruiz. |"
    )
    assert _diff("call.md") == (0, "0 fix(es) would change 0 file(s); 0 finding(s) have no safe fix\n")


class _RestructuringFixPlugin:
    """A third-party rule whose fix cures its own finding by adding an answer label: checked again, the script
    has paths it did not have, and a finding on one of them."""

    @hookimpl
    def scriptlint_rules(self) -> list[Rule]:
        return [Rule("ZZ04", "say-bye", "Say bye.", Severity.WARNING, check=_no_bye)]

    @hookimpl
    def scriptlint_fix(self, finding: Finding, script: Script, context: RunContext) -> Fix | None:
        if finding.code != "ZZ04" or finding.path_condition is not None:
            return None
        line = script.source.count("\n") + 1
        return Fix("add a goodbye", (Edit(line, 1, line, 1, "\nIF NO: bye.\n"),))


def _no_bye(rule: Rule, script: Script, context: RunContext) -> list[Finding]:
    found = [] if "bye" in script.source else [rule.finding(script, "no bye", line=1, column=1)]
    # One finding per answer label, on its path (as path-sensitive rules give them).
    lines = script.source.split("\n")
    return found + [rule.finding(script, "label", line=i + 1, path_condition="when the answer is NO")
                    for i, line in enumerate(lines) if line.startswith("IF NO:")]  # fmt: skip


def test_fixes_that_change_how_the_script_reads_are_not_applied(workdir: Path) -> None:
    write(workdir, {"call.txt": "Hi, this is Sam.\n", "call.txt.scriptlint.yml": "call_type: survey\n"})
    session = open_session(no_config=True, plugins=[("bye", _RestructuringFixPlugin())])
    (outcome,) = session.fix(["call.txt"], write=True)
    # The fix did remove "no bye", but a finding on a new path appeared: "cured" would only mean "moved".
    assert not outcome.applied and not outcome.changed
    reasons = {f.code: reason for f, reason in outcome.unfixed}
    assert reasons["ZZ04"].startswith("the fixes would change how the script reads (checked again, 1 finding(s)")
    assert "such as ZZ04 (when the answer is NO)" in reasons["ZZ04"]
    assert (workdir / "call.txt").read_text(encoding="utf-8") == "Hi, this is Sam.\n"


def test_the_disclaimer_goes_before_a_direction_that_ends_the_call(workdir: Path) -> None:
    body = (
        "Can we count on your vote?\nYES: Great! Thank you. Goodbye. [END CALL]\nNO: Can I ask why?\n"
        "Thanks for your time. Paid for by Friends of Ana Ruiz.\n"
    )
    write(workdir, {"call.txt": MANIFEST + INTRO.replace("{{ caller_first_name }}", "[your name]") + body})
    output = _fix("call.txt")
    assert "PF01 add 'Paid for by Friends of Ana Ruiz.' where the path (when the answer is YES) ends" in output
    fixed = (workdir / "call.txt").read_text(encoding="utf-8")
    assert "YES: Great! Thank you. Goodbye. Paid for by Friends of Ana Ruiz. [END CALL]\n" in fixed
    assert _diff("call.txt") == (0, "0 fix(es) would change 0 file(s); 0 finding(s) have no safe fix\n")


def test_in_a_template_the_disclaimer_goes_after_an_expression_and_its_stop_before_the_end(workdir: Path) -> None:
    body = "Can we count on your vote?\n\nIF NO: Thanks for your time, {{ voter_first_name }}. [END CALL]\n"
    write(workdir, {"call.j2": MANIFEST + INTRO + body})
    _fix("call.j2")
    fixed = (workdir / "call.j2").read_text(encoding="utf-8")
    assert "{{ voter_first_name }}. Paid for by Friends of Ana Ruiz. [END CALL]\n" in fixed
