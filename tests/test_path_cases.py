"""Runs fixtures/paths/*.yml: one file per template construct, the variants or search answer expected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, analysis, write

from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.analysis.queries import phrases


def _cases() -> list[Any]:
    params = []
    for path in sorted((FIXTURES / "paths").glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            params.append(pytest.param(case, id=f"{path.stem}-{case['name']}"))
    return params


@pytest.mark.parametrize("case", _cases())
def test_path_case(case: dict[str, Any], tmp_path: Path) -> None:
    write(tmp_path, case.get("files", {}))
    states = tuple(case.get("target_states", ()))
    if "problem" in case:
        with pytest.raises(TemplateProblem) as raised:
            analysis(tmp_path, case["template"], case.get("vars"), states).check()
        want = case["problem"]
        assert raised.value.code == want["code"]
        assert raised.value.line == want["line"]
        assert want["message_contains"] in raised.value.message
        return
    paths = analysis(tmp_path, case["template"], case.get("vars"), states)
    if "variants" in case:
        got = sorted((" ".join(v.spoken.split()), v.condition) for v in paths.variants())
        want = sorted((v["text"], v["condition"]) for v in case["variants"])
        assert got == want
    if "search" in case:
        spec = case["search"]
        wanted = phrases(spec["phrases"])
        result = paths.search(wanted.pattern, wanted.max_chars)
        assert [m.condition for m in result.missing] == spec["missing"]
        if "latest_words" in spec:
            assert result.latest is not None
            assert result.latest.words_before == spec["latest_words"]
