"""The bundled example scripts give exactly the findings recorded in fixtures/expected-findings.out."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, REPO

from scriptlint.lint import lint_paths

EXPECTED = FIXTURES / "expected-findings.out"


def test_bundled_fixtures_give_the_recorded_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = lint_paths(["fixtures/"])
    got = [f"{f.path}:{f.line}:{f.column}: {f.code}" + (f" ({f.path_condition})" if f.path_condition else "")
           for f in result.findings]  # fmt: skip
    expected = [line for line in EXPECTED.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert got == expected, "update fixtures/expected-findings.out if the change is intended:\n" + "\n".join(got)
    assert result.exit_code == 1
    assert result.files >= 10


def test_the_2019_reconstruction_passes_pf01_but_declares_its_prison_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = lint_paths(["fixtures/scripts/prison_call.j2"])
    codes = {f.code for f in result.findings}
    assert "PF01" not in codes  # "paid for by" at the very end satisfies the federal disclaimer
    assert "CO01" not in codes  # the manifest declares the correctional facility in Taft, OK
