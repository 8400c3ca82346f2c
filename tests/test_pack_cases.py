"""Runs fixtures/pack_cases/*.yml: a passing and a failing script for every rule of every bundled pack."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, assert_findings_match, assert_fully_checked

from scriptlint.host.manager import build_plugins
from scriptlint.lint import lint_paths
from scriptlint.packs.library import PackLibrary

CASE_FILES = sorted((FIXTURES / "pack_cases").glob("*.yml"))


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
    result = lint_paths(["script.j2"])
    findings = [f for f in result.findings if f.message.startswith(case["rule"] + ":")]
    assert_findings_match(findings, case["expect"])
    assert_fully_checked(result.findings)


def test_every_bundled_pack_rule_has_a_passing_and_a_failing_case() -> None:
    cases = [case for path in CASE_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    rules = _bundled_pack_rules()
    assert len(set(rules.values())) >= 20
    for rule_id in rules:
        mine = [case for case in cases if case["rule"] == rule_id]
        assert any(not case["expect"] for case in mine), f"{rule_id} has no passing case"
        assert any(case["expect"] for case in mine), f"{rule_id} has no failing case"
