"""Runs every case in fixtures/rules/CODE.yml: a script on disk, linted through the public API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, TEST_PLUGINS, assert_findings_match, assert_fully_checked, write

from scriptlint.host.manager import build_plugins
from scriptlint.lint import lint_paths
from scriptlint.model.settings import Options

CASE_FILES = sorted((FIXTURES / "rules").glob("*.yml"))


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["rule"] == path.stem, f"{path} holds cases for {data['rule']}"
    return data


def _cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        data = _load(path)
        for case in data["cases"]:
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}"))
    return params


def _script_bytes(case: dict[str, Any]) -> bytes:
    if "script_bytes" in case:
        # YAML escapes such as "\xe9" and "\0" stand for single bytes.
        return (
            str(case["script_bytes"]).encode("latin-1")
            if "\ufeff" not in case["script_bytes"]
            else str(case["script_bytes"]).encode("utf-8")
        )
    if "script_repeat" in case:
        spec = case["script_repeat"]
        return (spec["head"] + spec["unit"] * spec["count"] + spec["tail"]).encode("utf-8")
    return str(case["script"]).encode("utf-8")


def _options(case: dict[str, Any]) -> Options:
    given = dict(case.get("options", {}))
    for key in ("select", "ignore", "states"):
        if key in given:
            given[key] = tuple(given[key])
    if "as_of" in given:
        import datetime

        given["as_of"] = datetime.date.fromisoformat(given["as_of"])
    return Options(**given)


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any], workdir: Path) -> None:
    write(workdir, case.get("files", {}))
    if "config" in case:
        write(workdir, {"setup.cfg": case["config"]})
    script = workdir / case.get("filename", "script.j2")
    script.write_bytes(_script_bytes(case))
    plugins = [(name, TEST_PLUGINS[name]) for name in case.get("plugins", [])]

    result = lint_paths([script.name], options=_options(case), plugins=plugins)

    found = [finding for finding in result.findings if finding.code == code]
    assert_findings_match(found, case["expect"])
    assert_fully_checked(result.findings, allowed=[code, *case.get("allow", [])])


def test_every_rule_has_cases_in_both_directions() -> None:
    """Every rule has cases where it applies and must fire, where it applies and must stay silent, and (for the
    rules that check calls: PF, CO, SW) where its scope excludes the call and it must stay silent."""
    codes = set(build_plugins().rules)
    files = {path.stem for path in CASE_FILES}
    assert codes <= files, f"rules without a fixtures/rules/CODE.yml: {sorted(codes - files)}"
    for path in CASE_FILES:
        cases = _load(path)["cases"]
        for case in cases:
            assert case.get("scope", "in") in ("in", "out"), f"{path.name}: {case['name']}: scope is in or out"
            assert not (case.get("scope") == "out" and case["expect"]), (
                f"{path.name}: out-of-scope cases expect nothing"
            )
        # Rule issues ask for at least three passing and three failing cases for the PF and CO rules.
        least = 3 if path.stem.startswith(("PF", "CO")) else 1
        assert sum(1 for case in cases if not case["expect"]) >= least, f"{path.name}: too few passing cases"
        assert sum(1 for case in cases if case["expect"]) >= least, f"{path.name}: too few failing cases"
        if path.stem.startswith(("PF", "CO", "SW")):
            assert any(case.get("scope") == "out" for case in cases), f"{path.name}: no out-of-scope case"
