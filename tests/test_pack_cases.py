"""Runs fixtures/packs/*.yml: a passing and a failing script for every rule of every bundled pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES

from scriptlint.lint import lint_paths
from scriptlint.manager import build_plugins
from scriptlint.packs import PackLibrary

CASE_FILES = sorted((FIXTURES / "packs").glob("*.yml"))


def _cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            params.append(pytest.param(case, id=f"{case['rule']}-{case['name']}"))
    return params


def _bundled_pack_rules() -> dict[str, str]:
    plugins = build_plugins()
    sources = [Path(p) for provided in plugins.manager.hook.scriptlint_packs() for p in provided]
    return {rule.id: pack.jurisdiction for pack in PackLibrary(sources).by_jurisdiction.values() for rule in pack.rules}


@pytest.mark.parametrize("case", _cases())
def test_pack_case(case: dict[str, Any], workdir: Path) -> None:
    (workdir / "script.j2").write_text(case["script"], encoding="utf-8")
    findings = [f for f in lint_paths(["script.j2"]).findings if f.message.startswith(case["rule"] + ":")]
    shown = "\n".join(
        f"{f.line}:{f.column} {f.code} {f.severity.label} {f.message} ({f.path_condition})" for f in findings
    )
    assert len(findings) == len(case["expect"]), shown
    for finding, want in zip(findings, case["expect"], strict=True):
        for key, value in want.items():
            if key == "message_contains":
                assert value in finding.message, shown
            elif key == "severity":
                assert finding.severity.label == value, shown
            else:
                assert getattr(finding, key) == value, shown


def test_every_bundled_pack_rule_has_a_passing_and_a_failing_case() -> None:
    cases = [case for path in CASE_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    rules = _bundled_pack_rules()
    assert len(set(rules.values())) >= 20
    for rule_id in rules:
        mine = [case for case in cases if case["rule"] == rule_id]
        assert any(not case["expect"] for case in mine), f"{rule_id} has no passing case"
        assert any(case["expect"] for case in mine), f"{rule_id} has no failing case"
