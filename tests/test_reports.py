"""Every output format from the same findings; SARIF valid against the official schema; HTML in a browser."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, REPO, run_cli

from scriptlint.formatters.github import escape_data, escape_property
from scriptlint.formatters.sarif import line_hashes

SCHEMA = REPO / "tests" / "data" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
SCRIPTS = ["fixtures/scripts/prison_call.j2", "fixtures/scripts/push_poll_nh.j2", "fixtures/scripts/spanish_branch.j2",
           "fixtures/scripts/gotv_volunteer.j2"]  # fmt: skip


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def _json_codes() -> list[tuple[str, int, str]]:
    document = json.loads(run_cli("check", "--format", "json", *SCRIPTS).output)
    return sorted((f["path"], f["line"], f["code"]) for f in document["findings"])


def test_sarif_is_valid_and_has_the_same_findings(in_repo: None) -> None:
    result = run_cli("check", "--format", "sarif", *SCRIPTS)
    assert result.exit_code == 1
    log = json.loads(result.output)
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256  # the published schema, unmodified
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
    assert not errors, errors[0].message
    run = log["runs"][0]
    results = run["results"]
    got = sorted(
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["ruleId"],
        )
        for r in results
    )
    assert got == _json_codes()
    rules = run["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} >= {"PF01", "CO02", "SW04"}
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        assert re.fullmatch(r"[0-9a-f]+:\d+", item["partialFingerprints"]["primaryLocationLineHash"])
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")


def test_line_fingerprints_follow_content_not_position() -> None:
    hashes = line_hashes("alpha\nbeta\n  alpha\n\talpha")
    assert set(hashes) == {1, 2, 3, 4}
    assert hashes[1] != hashes[2]
    assert line_hashes("alpha\nbeta\n  alpha\n\talpha") == hashes  # deterministic
    moved = line_hashes("new line\nalpha\nbeta\n  alpha\n\talpha")
    assert moved[3] == hashes[2]  # "beta" keeps its fingerprint when a line is added above it


def test_github_annotations_are_escaped_ordered_and_summarised(in_repo: None, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    lines = run_cli("check", "--format", "github", *SCRIPTS).output.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == len(_json_codes())
    kinds = [line.split(" ", 1)[0] for line in annotations]
    assert kinds == sorted(kinds, key=lambda k: {"::error": 0, "::warning": 1, "::notice": 2}[k])
    assert lines[-1].startswith("Found ")
    assert "| fixtures/scripts/push_poll_nh.j2 |" in summary_file.read_text(encoding="utf-8")
    assert escape_data("100%\nnext") == "100%25%0Anext"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_junit_has_a_case_per_file_and_a_failure_per_finding(in_repo: None) -> None:
    from xml.etree import ElementTree as ET

    root = ET.fromstring(run_cli("check", "--format", "junit", *SCRIPTS).output)
    cases = root.findall(".//testcase")
    assert sorted(case.get("name") for case in cases) == sorted(SCRIPTS)
    failures = sorted((case.get("name"), failure.get("type")) for case in cases for failure in case.findall("failure"))
    assert failures == sorted((path, code) for path, _, code in _json_codes())


def test_output_file_for_every_format_keeps_the_exit_code(in_repo: None, tmp_path: Path) -> None:
    for name in ("text", "json", "sarif", "github", "junit", "html"):
        target = tmp_path / f"report.{name}"
        result = run_cli("check", "--format", name, "--output", str(target), *SCRIPTS)
        assert result.exit_code == 1, name
        assert target.stat().st_size > 0


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is installed by .ci/run")
def test_html_report_renders_in_a_real_browser(in_repo: None, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    assert run_cli("check", "--format", "html", "--output", str(report), *SCRIPTS).exit_code == 1
    browser = [
        str(_chromium()), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    shot = tmp_path / "report.png"
    subprocess.run([*browser, f"--screenshot={shot}", "--window-size=1200,1600", report.as_uri()],
                   capture_output=True, timeout=120, check=False)  # fmt: skip
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dom = subprocess.run([*browser, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120,
                         check=False).stdout  # fmt: skip
    rendered = sorted(re.findall(r'data-code="([A-Z]{2}\d{2})" data-line="(\d+)"', dom))
    assert rendered == sorted((code, str(line)) for _, line, code in _json_codes())
    assert "campaign policy (no statute); model: proposed Wis. Stat." in dom
    assert 'id="summary"' in dom and "fails" in dom


def test_every_bundled_fixture_yields_the_same_codes_in_every_format(in_repo: None) -> None:
    paths = sorted(str(p.relative_to(REPO)) for p in (FIXTURES / "scripts").glob("[!_]*.j2"))
    document = json.loads(run_cli("check", "--format", "json", *paths).output)
    sarif = json.loads(run_cli("check", "--format", "sarif", *paths).output)
    assert len(sarif["runs"][0]["results"]) == len(document["findings"])


@pytest.mark.skipif(_chromium() is None, reason="headless Chromium is installed by .ci/run")
def test_html_report_shows_documents_text_and_every_path_as_spoken(in_repo: None, tmp_path: Path) -> None:
    report = tmp_path / "paths.html"
    sources = ["fixtures/scripts/spanish_branch.j2", "fixtures/intake/vendor_script.docx"]
    assert run_cli("check", "--format", "html", "--output", str(report), *sources).exit_code == 1
    browser = [
        str(_chromium()), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
    ]  # fmt: skip
    dom = subprocess.run([*browser, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120,
                         check=False).stdout  # fmt: skip
    # The Word script's paragraphs are shown under their numbers, not empty rows.
    assert re.search(r'<span class="number">\d+</span><span>[^<]*Friends of Ana Ruiz', dom)
    # Each script's paths are a collapsible part, the disclaimer highlighted where a path says it.
    assert dom.count('<details class="paths">') == 2
    assert '<mark title="paid-for-by disclaimer">Paid for by</mark>' in dom
    assert "when language == 'es'" in dom and "when the call reaches voicemail" in dom
    assert '<span class="placeholder">voter_first_name</span>' in dom
