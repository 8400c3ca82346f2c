"""Every language's accepted and rejected samples (fixtures/languages/<code>.yml), linted as real files.

Each case is a call's text under one of the manifests of `contexts.yml`; it expects exactly the PF, CO
and LG codes it lists (SW findings are the packs' business). Every language has, for every wording rule,
a sample the rule accepts and a near-variant it rejects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, assert_fully_checked
from scriptlint_plugins.languages.catalogue import shared

from scriptlint.lint import lint_paths

CASES = FIXTURES / "languages"
CONTEXTS = yaml.safe_load((CASES / "contexts.yml").read_text(encoding="utf-8"))
LANGUAGE_FILES = sorted(path for path in CASES.glob("*.yml") if path.name != "contexts.yml")
# The rules whose wording is data in every language.
WORDING_RULES = ("PF01", "PF02", "PF03", "PF05", "CO02", "CO03", "CO04")
BASE = {"call_type": "political", "delivery": "live", "race": "federal", "volume": 12000}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["language"] == path.stem
    return data


def _cases() -> list[Any]:
    return [
        pytest.param(case, id=f"{path.stem}-{case['rule']}-{case['name']}")
        for path in LANGUAGE_FILES
        for case in _load(path)["cases"]
    ]


def _script(case: dict[str, Any]) -> str:
    manifest = {**BASE, **CONTEXTS[case.get("context", "A")], **case.get("manifest", {})}
    return "---\n" + yaml.safe_dump(manifest, allow_unicode=True) + "---\n" + case["text"].rstrip("\n") + "\n"


@pytest.mark.parametrize("case", _cases())
def test_language_case(case: dict[str, Any], workdir: Path) -> None:
    script = workdir / case.get("filename", "call.j2")
    script.write_text(_script(case), encoding="utf-8")
    result = lint_paths([script.name])
    found = sorted({f.code for f in result.findings if f.code.startswith(("PF", "CO", "LG"))})
    shown = "\n".join(f"{f.line}:{f.column} {f.code} {f.message}" for f in result.findings)
    assert found == sorted(case["expect"]), shown
    for wanted in case.get("message_contains", []):
        assert any(wanted in f.message for f in result.findings), shown
    assert_fully_checked(result.findings, allowed=[])


def test_every_language_has_accepted_and_rejected_samples_for_every_wording_rule() -> None:
    languages = {path.stem for path in LANGUAGE_FILES}
    assert languages == set(shared().languages), "a language without samples, or samples without a language"
    for path in LANGUAGE_FILES:
        cases = _load(path)["cases"]
        for rule in WORDING_RULES:
            mine = [case for case in cases if case["rule"] == rule]
            assert any(rule not in case["expect"] for case in mine), f"{path.name}: no accepted sample for {rule}"
            assert any(rule in case["expect"] for case in mine), f"{path.name}: no rejected sample for {rule}"


def test_every_phrase_compiles_and_has_a_note() -> None:
    from scriptlint.analysis.phrasing import compile_phrase
    from scriptlint.intake.kept_data import read_data_file

    catalogue = shared()
    for code, language in catalogue.languages.items():
        data = read_data_file(catalogue.directory / f"{code}.yml")
        for section, entries in data["phrases"].items():
            for entry in entries:
                assert str(entry.get("note", "")).strip(), f"{code}.{section}: {entry['phrase']!r} has no note"
                compile_phrase(str(entry["phrase"]), language.writing)
