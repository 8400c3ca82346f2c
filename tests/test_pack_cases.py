"""Runs fixtures/pack_cases/*.yml: a passing and a failing script for every rule of every bundled pack."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, assert_findings_match, assert_fully_checked

from scriptlint.host.manager import build_plugins
from scriptlint.lint import lint_paths
from scriptlint.model.settings import Options
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
    as_of = case.get("as_of")
    options = Options(as_of=datetime.date.fromisoformat(str(as_of))) if as_of else None
    result = lint_paths(["script.j2"], options=options)
    findings = [f for f in result.findings if f.message.startswith(case["rule"] + ":")]
    assert_findings_match(findings, case["expect"])
    # A case never passes because the file was not checked.
    assert_fully_checked(result.findings, allowed=case.get("allow", []))
    # Nor because its manifest is broken (SL03) or leaves the rules undecided (SL07).
    unsure = [f for f in result.findings if f.code in ("SL03", "SL07") and f.code not in case.get("allow", [])]
    assert not unsure, "the case's manifest: " + "; ".join(f"{f.code} {f.message}" for f in unsure)


def test_every_bundled_pack_rule_has_cases_in_both_directions() -> None:
    """A failing case, a passing case where the rule applies, and an out-of-scope case (`scope: out`) for every
    rule of every bundled pack; a rule that checks nothing a script can show needs only the silent cases."""
    cases = [case for path in CASE_FILES for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    rules = _bundled_pack_rules()
    assert len(set(rules.values())) >= 28
    checks = _rules_that_check()
    for rule_id in rules:
        mine = [case for case in cases if case["rule"] == rule_id]
        assert any(not case["expect"] and case.get("scope", "in") == "in" for case in mine), (
            f"{rule_id}: no passing case"
        )
        assert any(case.get("scope") == "out" and not case["expect"] for case in mine), (
            f"{rule_id}: no out-of-scope case"
        )
        if rule_id in checks:
            assert any(case["expect"] for case in mine), f"{rule_id} has no failing case"
    unknown = {case["rule"] for case in cases} - set(rules)
    assert not unknown, f"cases for rules no bundled pack has: {sorted(unknown)}"


def _rules_that_check() -> set[str]:
    plugins = build_plugins()
    sources = [Path(p) for provided in plugins.manager.hook.scriptlint_packs() for p in provided]
    packs = PackLibrary(sources).by_jurisdiction.values()
    return {rule.id for pack in packs for rule in pack.rules if rule.checks}
