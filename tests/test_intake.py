"""Vendor intake: Word, PDF, ZIP and transcripts, written here for real, checked like the equivalent templates."""

from __future__ import annotations

import json
import sys
import time
import zipfile
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO, run_cli, write
from documents import pdf_bytes, srt, vtt, write_docx, zip_bytes

from scriptlint.lint import lint_paths

SIDECAR = """call_type: political
race: federal
delivery: live
sponsor:
  name: Friends of Ana Ruiz
  authorized_by: Ana Ruiz
caller:
  paid: false
origin:
  facility: volunteer_home
  state: NV
target_states: [NV]
"""
# A volunteer script as campaigns publish them: placeholders, response labels, a voicemail section.
VOLUNTEER = [
    "VOLUNTEER PHONE SCRIPT",
    "Hi, may I speak with [voter name]?",
    "Hi [voter name], my name is [your name] and I'm a volunteer with Friends of Ana Ruiz.",
    "Can we count on you to vote for Ana Ruiz on November 3rd?",
    "[YES] - Great! Thank you for your support.",
    "[NO] - Thanks for your time, have a good evening.",
    "",
    "Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz.",
    "",
    "VOICEMAIL MESSAGE SCRIPT:",
    "Hi, this is [your name] with Friends of Ana Ruiz. Please vote for Ana Ruiz on November 3rd.",
    "Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz.",
]
# The same script with its disclaimer said only after YES, and nowhere in the voicemail.
ONLY_AFTER_YES = [
    *VOLUNTEER[:4],
    "[YES] - Great! Thank you for your support. Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz.",
    VOLUNTEER[5],
    "",
    *VOLUNTEER[9:11],
]
TELEMARKETING = SIDECAR.replace("political", "telemarketing").replace("authorized_by: Ana Ruiz", "phone: 555-201-0100")
TELEMARKETING = TELEMARKETING.replace("Friends of Ana Ruiz", "Sunshine Solar").replace("NV", "FL")
TELEMARKETING = TELEMARKETING.replace("paid: false", "paid: true").replace("volunteer_home", "call_center")
# The caller's name and the business come 12 seconds in: too late for Florida's 10 seconds, though the
# words-per-minute estimate (2 words in) would let it pass.
LATE_CUES = [
    (0.0, 2.0, "Hello?"),
    (2.0, 11.5, "[the line is silent while the call connects]"),
    (12.0, 15.0, "Hi, my name is Dana Price with Sunshine Solar."),
    (15.0, 25.0, "I'm calling to offer you a free solar estimate; the purpose of this call is to sell solar panels."),
    (25.0, 30.0, "You can reach us at 555-201-0100."),
]


def _findings(*paths: str) -> list[dict[str, object]]:
    result = run_cli("check", "--no-cache", "--format", "json", "--ignore", "SW04", *paths)
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, object]] = json.loads(result.output)["findings"]
    return findings


def _codes(findings: list[dict[str, object]]) -> list[tuple[object, object]]:
    return sorted((f["code"], f["path_condition"]) for f in findings)


def test_a_word_script_is_checked_paragraph_by_paragraph(workdir: Path) -> None:
    write_docx(workdir / "vendor.docx", ONLY_AFTER_YES)
    write(workdir, {"vendor.docx.scriptlint.yml": SIDECAR})
    findings = _findings("vendor.docx")
    pf01 = {str(f["path_condition"]): f for f in findings if f["code"] == "PF01"}
    assert set(pf01) == {"when the call is answered and the answer is NO", "when the call reaches voicemail"}
    # The voicemail path ends in paragraph 9 (a finding's line is the paragraph number), and says so.
    voicemail = pf01["when the call reaches voicemail"]
    assert voicemail["line"] == 9 and voicemail["location"] == "paragraph 9"
    # "my name is [your name]" identifies the caller: the placeholder stands for a spoken name.
    assert not [f for f in findings if f["code"] == "CO04"]
    # The same text as a plain-text script gives the same problems on the same paths.
    write(workdir, {"same.txt": "\n".join(ONLY_AFTER_YES) + "\n", "same.txt.scriptlint.yml": SIDECAR})
    assert _codes(findings) == _codes(_findings("same.txt"))


def test_a_compliant_word_script_passes_and_table_cells_are_read(workdir: Path) -> None:
    write_docx(
        workdir / "vendor.docx",
        VOLUNTEER[:4],
        table=[["Then say"], ["Thank you! Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz."]],
    )
    write(workdir, {"vendor.docx.scriptlint.yml": SIDECAR})
    assert _findings("vendor.docx") == []


ROBOCALL_SIDECAR = """call_type: political
race: federal
volume: 9000
delivery: prerecorded
sponsor: {name: Whitaker for Senate, authorized_by: Joan Whitaker, phone: 919-555-0133}
origin: {facility: call_center, state: NC}
target_states: [NC]
"""
ROBOCALL_WORDS = [
    "Whitaker for Senate: seniors robocall (45 seconds)",
    "Did you know your prescription costs went up again this year? Joan Whitaker has a plan to cap what seniors"
    " pay at the pharmacy, and she will fight for it in Washington. On November 5th, vote Joan Whitaker for"
    " Senate. Paid for by Whitaker for Senate. To be removed from our list, call 919-555-0133.",
]


def test_a_word_heading_is_not_a_recorded_messages_first_words(workdir: Path) -> None:
    # In Word's Heading style, the title naming the sponsor is a heading: the listener first hears it at the end.
    write_docx(workdir / "robocall.docx", ROBOCALL_WORDS, headings=[0])
    write(workdir, {"robocall.docx.scriptlint.yml": ROBOCALL_SIDECAR})
    late = [f for f in _findings("robocall.docx") if f["code"] == "PF06"]
    assert len(late) == 1 and "first named at word" in str(late[0]["message"]), late
    # Said first in the message itself, the sponsor is named at its beginning.
    said_first = [ROBOCALL_WORDS[0], "Paid for by Whitaker for Senate. " + ROBOCALL_WORDS[1]]
    write_docx(workdir / "first.docx", said_first, headings=[0])
    write(workdir, {"first.docx.scriptlint.yml": ROBOCALL_SIDECAR})
    assert [f for f in _findings("first.docx") if f["code"] == "PF06"] == []


def test_a_word_script_can_carry_front_matter_in_its_first_paragraphs(workdir: Path) -> None:
    write_docx(workdir / "vendor.docx", ["---", *SIDECAR.splitlines(), "---", *VOLUNTEER])
    assert _findings("vendor.docx") == []
    broken = ["---", "call_type: politicl", "---", *VOLUNTEER]
    write_docx(workdir / "broken.docx", broken)
    (finding,) = [f for f in _findings("broken.docx") if f["code"] == "SL03"]
    assert finding["line"] == 2 and finding["location"] == "paragraph 2"


def test_pdf_findings_name_the_page_and_line(workdir: Path) -> None:
    text = ONLY_AFTER_YES
    (workdir / "script.pdf").write_bytes(pdf_bytes([text[:5], text[5:]]))
    write(workdir, {"script.pdf.scriptlint.yml": SIDECAR})
    findings = _findings("script.pdf")
    voicemail = next(f for f in findings if f["code"] == "PF01" and "voicemail" in str(f["path_condition"]))
    assert str(voicemail["location"]).startswith("page 2, line ")
    # The same script as a template gives the same problems on the same paths.
    write(workdir, {"same.txt": "\n".join(text) + "\n", "same.txt.scriptlint.yml": SIDECAR})
    assert _codes(findings) == _codes(_findings("same.txt"))


def test_a_pdf_without_text_or_a_broken_pdf_is_unreadable_not_passed(workdir: Path) -> None:
    (workdir / "scan.pdf").write_bytes(pdf_bytes([[]]))
    (workdir / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a PDF body\n")
    findings = {f["path"]: f for f in _findings("scan.pdf", "broken.pdf")}
    assert findings["scan.pdf"]["code"] == "SL01" and "no text layer" in str(findings["scan.pdf"]["message"])
    assert findings["broken.pdf"]["code"] == "SL01"


def test_a_zip_submission_is_linted_in_memory_member_by_member(workdir: Path) -> None:
    template = (
        "---\n" + SIDECAR + "---\nHi, this is {{ caller }} with Friends of Ana Ruiz.\n{% include 'scripts/_end.j2' %}\n"
    )
    members: dict[str, bytes | str] = {
        "scripts/good.j2": template,
        "scripts/_end.j2": "Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz.\n",
        "scripts/bad.j2": template.replace("{% include 'scripts/_end.j2' %}", "Thanks!"),
        "../escape.j2": "Hi.\n",
        "docs/volunteer.txt": "\n".join(VOLUNTEER) + "\n",
        "docs/volunteer.txt.scriptlint.yml": SIDECAR,
        "docs/README.md": "not a script",
    }
    (workdir / "submission.zip").write_bytes(zip_bytes(members))
    before = sorted(p.name for p in workdir.rglob("*"))
    findings = _findings("submission.zip")
    by_path = {str(f["path"]): f["code"] for f in findings}
    assert by_path == {"submission.zip!scripts/bad.j2": "PF01", "submission.zip!../escape.j2": "SL04"}
    assert sorted(p.name for p in workdir.rglob("*")) == before, "nothing may be extracted to disk"


def test_a_zip_bomb_is_sl04_quickly(workdir: Path) -> None:
    bomb = workdir / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("script.txt", b"\0" * 60_000_000)
    assert bomb.stat().st_size < 200_000
    started = time.monotonic()
    (finding,) = _findings("bomb.zip")
    assert finding["code"] == "SL04" and "zip bomb" in str(finding["message"])
    assert time.monotonic() - started < 30


def test_nested_archives_are_opened_one_level_deep(workdir: Path) -> None:
    inner = zip_bytes({"call.txt": "Hi, this is Sam.\n", "call.txt.scriptlint.yml": SIDECAR})
    middle = zip_bytes({"inner.zip": inner})
    (workdir / "once.zip").write_bytes(middle)
    (workdir / "twice.zip").write_bytes(zip_bytes({"middle.zip": middle}))
    findings = _findings("once.zip", "twice.zip")
    assert ("once.zip!inner.zip!call.txt", "PF01") in {(f["path"], f["code"]) for f in findings}
    assert ("twice.zip!middle.zip!inner.zip", "SL04") in {(f["path"], f["code"]) for f in findings}


@pytest.mark.parametrize("kind", ["vtt", "srt"])
def test_transcript_times_replace_the_words_per_minute_estimate(workdir: Path, kind: str) -> None:
    (workdir / f"call.{kind}").write_text(vtt(LATE_CUES) if kind == "vtt" else srt(LATE_CUES), encoding="utf-8")
    write(workdir, {f"call.{kind}.scriptlint.yml": TELEMARKETING})
    write(workdir, {"same.txt": "\n".join(text for _, _, text in LATE_CUES) + "\n"})
    write(workdir, {"same.txt.scriptlint.yml": TELEMARKETING})
    late = [f for f in _findings(f"call.{kind}") if f["code"] == "SW02" and str(f["jurisdiction"]) == "FL"]
    assert len(late) == 2, late
    assert {f["location"] for f in late} == {"cue 3 at 00:00:12.000"}
    # Reported at the cue's text line in the transcript file itself.
    source_lines = (workdir / f"call.{kind}").read_text(encoding="utf-8").splitlines()
    assert all(source_lines[int(str(f["line"])) - 1].startswith("Hi, my name is") for f in late)
    # The words-per-minute estimate on the same words puts the name within 10 seconds.
    assert not [f for f in _findings("same.txt") if f["code"] == "SW02"]


def test_a_timely_transcript_passes(workdir: Path) -> None:
    cues = [(0.0, 3.0, "Hi, my name is Dana Price with Sunshine Solar."), *LATE_CUES[3:]]
    (workdir / "call.vtt").write_text(vtt(cues), encoding="utf-8")
    write(workdir, {"call.vtt.scriptlint.yml": TELEMARKETING})
    assert not [f for f in _findings("call.vtt") if f["code"] in ("SW01", "SW02")]


def test_a_broken_transcript_is_unreadable(workdir: Path) -> None:
    write(
        workdir,
        {"a.vtt": "not webvtt\n", "b.srt": "1\nno timing here\n", "c.vtt": "WEBVTT\n\n00:05.000 --> 00:01.000\nx\n"},
    )
    codes = {f["path"]: (f["code"], f["line"]) for f in _findings("a.vtt", "b.srt", "c.vtt")}
    assert codes == {"a.vtt": ("SL01", 1), "b.srt": ("SL01", 1), "c.vtt": ("SL01", 3)}


def test_sidecar_problems_are_reported_in_the_sidecar(workdir: Path) -> None:
    write(workdir, {"call.txt": "\n".join(VOLUNTEER) + "\n", "call.txt.scriptlint.yml": SIDECAR + "colour: blue\n"})
    (finding,) = [f for f in _findings("call.txt") if f["code"] == "SL03"]
    assert finding["path"] == "call.txt.scriptlint.yml" and finding["line"] == 13


def test_a_sidecar_is_never_linted_and_naming_it_lints_its_document(workdir: Path) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\ninclude = *.txt, *.yml\n", ".git/.keep": ""})
    write(workdir, {"call.txt": "Hi, this is Sam.\n", "call.txt.scriptlint.yml": SIDECAR})
    walked = lint_paths(["."])
    assert walked.paths == ("call.txt",)
    named = lint_paths(["call.txt.scriptlint.yml"])
    assert named.paths == ("call.txt",) and {f.code for f in named.findings} >= {"PF01"}


def test_changing_a_sidecar_invalidates_the_cached_result(workdir: Path) -> None:
    write(workdir, {"call.txt": "\n".join(VOLUNTEER) + "\n", "call.txt.scriptlint.yml": SIDECAR})
    assert run_cli("check", "--ignore", "SW04", "call.txt").exit_code == 0
    write(workdir, {"call.txt.scriptlint.yml": SIDECAR.replace("Friends of Ana Ruiz", "Ruiz Victory Fund")})
    assert "PF02" in run_cli("check", "--ignore", "SW04", "call.txt").output


def test_every_format_shows_document_locations(workdir: Path) -> None:
    text = ONLY_AFTER_YES
    (workdir / "script.pdf").write_bytes(pdf_bytes([text[:5], text[5:]]))
    write(workdir, {"script.pdf.scriptlint.yml": SIDECAR})
    (workdir / "batch.zip").write_bytes(zip_bytes({"a.txt": "Hi.\n", "a.txt.scriptlint.yml": SIDECAR}))
    paths = ("--ignore", "SW04", "script.pdf", "batch.zip")
    assert "(at page 2, line " in run_cli("check", *paths).output
    sarif = json.loads(run_cli("check", "--format", "sarif", *paths).output)
    schema = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    member = next(r for r in results if "a.txt, line" in r["message"]["text"])
    assert member["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "batch.zip"
    assert any("(at page 2, line" in r["message"]["text"] for r in results)
    github = run_cli("check", "--format", "github", *paths).output
    assert "file=batch.zip,title=PF01" in github and "a.txt, line 1:" in github
    assert "(at page 2, line" in github
    junit = run_cli("check", "--format", "junit", *paths).output
    assert "location: page 2, line" in junit
    html = run_cli("check", "--format", "html", *paths).output
    assert "page 2, line" in html and "%PDF" not in html


def test_the_loaders_are_plugins_and_load_only_when_needed(workdir: Path) -> None:
    import subprocess

    write(workdir, {"call.j2": "---\n" + SIDECAR + "---\nPaid for by Friends of Ana Ruiz.\n"})
    probe = (
        "import sys\nfrom scriptlint.lint import lint_paths\nlint_paths(['call.j2'])\n"
        "print(sorted(m for m in ('docx', 'pypdf', 'zipfile') if m in sys.modules))"
    )
    completed = subprocess.run([sys.executable, "-c", probe], cwd=workdir, capture_output=True, text=True, check=True)
    assert "docx" not in completed.stdout and "pypdf" not in completed.stdout
    listed = run_cli("rules").output
    assert "SL01" in listed


def test_every_cell_of_a_long_table_is_read(workdir: Path) -> None:
    rows = [[f"row {row} cell {cell}" for cell in range(4)] for row in range(60)]
    rows[59][3] = "Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz."
    write_docx(workdir / "table.docx", VOLUNTEER[:4], table=rows)
    write(workdir, {"table.docx.scriptlint.yml": SIDECAR})
    assert _findings("table.docx") == []
    from scriptlint.intake.loaders.office import scriptlint_load_document

    data = (workdir / "table.docx").read_bytes()
    document = scriptlint_load_document(path=workdir / "table.docx", data=data, deadline=None, max_chars=1_000_000)
    assert document is not None and len(document.text.splitlines()) == 4 + 240


def test_hidden_text_and_inline_directives_in_word_files_count_for_nothing(workdir: Path) -> None:
    import docx

    document = docx.Document()
    for text in VOLUNTEER[:4]:
        document.add_paragraph(text)
    hidden = document.add_paragraph().add_run("Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz.")
    hidden.font.hidden = True
    document.add_paragraph("{# scriptlint: disable=PF01 -- the vendor says so #}")
    document.save(str(workdir / "hidden.docx"))
    write(workdir, {"hidden.docx.scriptlint.yml": SIDECAR})
    assert "PF01" in {f["code"] for f in _findings("hidden.docx")}


def test_an_encoded_line_break_in_a_cue_keeps_later_lines_in_place(workdir: Path) -> None:
    cues = [(0.0, 2.0, "Hello&#10;there, this is Sam."), (2.0, 5.0, "Thanks, goodbye.")]
    (workdir / "call.vtt").write_text(vtt(cues), encoding="utf-8")
    write(workdir, {"call.vtt.scriptlint.yml": SIDECAR})
    (finding,) = [f for f in _findings("call.vtt") if f["code"] == "PF01"]
    lines = (workdir / "call.vtt").read_text(encoding="utf-8").splitlines()
    assert lines[int(str(finding["line"])) - 1] == "Thanks, goodbye." and finding["location"] == "cue 2 at 00:00:02.000"


def test_archive_members_corrupt_or_from_macos_and_odd_names(workdir: Path) -> None:
    good = "Hi, this is Sam. Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz.\n"
    data = bytearray(zip_bytes({"a.txt": good * 50, "b.txt": good, "b.txt.scriptlint.yml": SIDECAR}))
    # Corrupt a.txt's deflated data (it comes first, after its 30-byte header and name).
    start = 30 + len("a.txt")
    data[start : start + 8] = b"\xff" * 8
    (workdir / "corrupt.zip").write_bytes(bytes(data))
    findings = {(f["path"], f["code"]) for f in _findings("corrupt.zip")}
    assert ("corrupt.zip!a.txt", "SL04") in findings
    assert not {path for path, _ in findings} - {"corrupt.zip!a.txt", "corrupt.zip!a.txt.scriptlint.yml"}
    members: dict[str, bytes | str] = {
        "__MACOSX/batch/._call.docx": b"\x00\x05\x16\x07 not a document",
        "batch/._call.txt": b"\x00\x05\x16\x07",
        "./batch/call.txt": "Hi, this is Sam.\n{% include '_end.j2' %}\n",
        "batch\\call.txt.scriptlint.yml": SIDECAR,
        "batch/script.j2": "---\n" + SIDECAR + "---\nHi, this is {{ caller }}.\n{% include '_end.j2' %}\n",
        "batch/_end.j2": "Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz.\n",
    }
    (workdir / "mac.zip").write_bytes(zip_bytes(members))
    findings_by_path = {str(f["path"]): f["code"] for f in _findings("mac.zip")}
    # The sidecar is found under its normalised name; the template's include resolves beside it.
    assert findings_by_path == {"mac.zip!batch/call.txt": "PF01"}, findings_by_path


def test_requirement_and_licence_files_are_not_walked_into(workdir: Path) -> None:
    write(workdir, {"requirements.txt": "jinja2\n", "LICENSE.txt": "MIT\n", "call.txt": "Hi.\n"})
    assert lint_paths(["."]).paths == ("call.txt",)
    assert lint_paths(["requirements.txt"]).paths == ("requirements.txt",)


def test_a_bare_or_orphan_sidecar_named_checks_nothing(workdir: Path) -> None:
    write(workdir, {".scriptlint.yml": SIDECAR, "gone.docx.scriptlint.yml": SIDECAR})
    result = run_cli("check", ".scriptlint.yml", "gone.docx.scriptlint.yml")
    assert result.exit_code == 0 and "in 0 files" in result.output


def test_front_matter_in_a_document_wins_over_its_sidecar_key_by_key(workdir: Path) -> None:
    # The sidecar names another sponsor; the document's own front matter corrects it, the rest comes
    # from the sidecar (target_states: OH, so SW04 says OH's pack is missing).
    sidecar = SIDECAR.replace("Friends of Ana Ruiz", "Somebody Else PAC").replace("[NV]", "[OH]")
    write(workdir, {"call.txt.scriptlint.yml": sidecar})
    front = ["---", "sponsor:", "  name: Friends of Ana Ruiz", "  authorized_by: Ana Ruiz", "---"]
    write(workdir, {"call.txt": "\n".join([*front, *VOLUNTEER]) + "\n"})
    codes = {f["code"] for f in run_cli_json("call.txt")}
    assert "PF02" not in codes and "SW04" in codes


def test_an_encrypted_pdf_is_unreadable_not_passed(workdir: Path) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes([VOLUNTEER[:3]]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    (workdir / "locked.pdf").write_bytes(buffer.getvalue())
    (finding,) = _findings("locked.pdf")
    assert finding["code"] == "SL01" and "encrypted" in str(finding["message"])


def run_cli_json(*paths: str) -> list[dict[str, object]]:
    """Findings of `scriptlint check --format json` with every rule (SW04 included)."""
    result = run_cli("check", "--no-cache", "--format", "json", *paths)
    findings: list[dict[str, object]] = json.loads(result.output)["findings"]
    return findings


def test_pdf_line_labels_count_lines_of_text_not_layout_blank_lines(workdir: Path) -> None:
    lines = ["Hi, this is Ana with Friends of Ana Ruiz.", "", "", "", "", "Can we count on your vote?"]
    (workdir / "gap.pdf").write_bytes(pdf_bytes([lines]))
    write(workdir, {"gap.pdf.scriptlint.yml": SIDECAR})
    findings = _findings("gap.pdf")
    last = max(findings, key=lambda f: int(f["line"]))
    # The finding anchored at the last line names it as a reader counts it on the page.
    assert last["location"] == "page 1, line 2", findings
    # Runs of blank layout lines are one paragraph break in the extracted text.
    assert int(last["line"]) <= 3
