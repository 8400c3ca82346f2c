"""Hostile vendor templates: the corpus in tests/hostile/ and a fuzzer. Findings, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptlint.lint import lint_text
from scriptlint.model import Finding

CORPUS = REPO / "tests" / "hostile"


def test_the_hostile_corpus_gives_findings_and_touches_nothing_outside(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path / "submission"
    shutil.copytree(CORPUS, root)
    outside = tmp_path / "outside-secret.txt"
    outside.write_text("TOP SECRET\n", encoding="utf-8")
    (root / "link_outside.txt").symlink_to(outside)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    cache = tmp_path_factory.mktemp("cache")
    completed = subprocess.run(
        # The result cache goes elsewhere: every file under tmp_path must be left as it was.
        [sys.executable, "-m", "scriptlint", "check", "--format", "json", "--cache-dir", str(cache), "."],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode in (1, 2), completed.stderr
    assert "Traceback" not in completed.stderr + completed.stdout
    assert "TOP SECRET" not in completed.stdout
    import json

    codes: dict[str, set[str]] = {}
    for finding in json.loads(completed.stdout)["findings"]:
        codes.setdefault(finding["path"], set()).add(finding["code"])
    expected = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))
    for name, wanted in expected.items():
        assert set(wanted) <= codes.get(name, set()), f"{name}: expected {wanted}, got {codes.get(name)}"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before, "scriptlint created or removed files"
    assert not Path("/tmp/scriptlint-pwned").exists()


def test_a_file_over_its_time_budget_is_sl04_and_the_run_goes_on(workdir: Path) -> None:
    # Five nested loops over known twenty-item lists: 3.2 million walks of the innermost body.
    items = "[" + ", ".join(f"'i{n}'" for n in range(20)) + "]"
    loops = "".join(f"{{% for x{depth} in {items} %}}" for depth in range(5))
    slow = "---\ncall_type: political\n---\n" + loops + "{% if c %}Word.{% endif %}" + "{% endfor %}" * 5 + "Paid."
    write(workdir, {"setup.cfg": "[tool:scriptlint]\ntime-limit = 1\n", "a_slow.j2": slow, "b_fine.j2": "Hi.\n"})
    from scriptlint.lint import lint_paths

    started = time.monotonic()
    result = lint_paths(["a_slow.j2", "b_fine.j2"])
    elapsed = time.monotonic() - started
    slow_codes = {f.code for f in result.findings if f.path == "a_slow.j2"}
    assert "SL04" in slow_codes, [f.message for f in result.findings]
    assert any("time budget" in f.message for f in result.findings)
    assert any(f.path == "b_fine.j2" for f in result.findings)  # the other file was still checked
    assert elapsed < 20


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_GARBAGE = st.sampled_from(
    ["{%", "%}", "{{", "}}", "{#", "#}", "{% endif %}", "{% else %}", "'", '"', "\x00", "\r", "---"]
)


def _templates() -> st.SearchStrategy[str]:
    leaf = st.one_of(_TEXT, _GARBAGE, st.sampled_from(["{{ x }}", "{{ x|upper }}", "{% set x = 'a' %}", "{{ m() }}"]))

    def nest(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        body = st.lists(inner, max_size=3).map("".join)
        return st.one_of(
            body.map(lambda b: "{% if a %}" + b + "{% else %}" + b + "{% endif %}"),
            body.map(lambda b: "{% for i in items %}" + b + "{% endfor %}"),
            body.map(lambda b: "{% macro m() %}" + b + "{% endmacro %}"),
            body.map(lambda b: "{% include 'p.j2' %}" + b),
            body.map(lambda b: "{% extends 'base.j2' %}{% block b %}" + b + "{% endblock %}"),
            body,
        )

    front = st.one_of(
        st.just(""),
        st.sampled_from(
            ["---\ncall_type: political\nrace: federal\n---\n", "---\n- a\n---\n", "---\nvolume: [\n---\n", "---\n"]
        ),
        _TEXT.map(lambda t: f"---\n{t}\n---\n"),
    )
    return st.tuples(front, st.recursive(leaf, nest, max_leaves=12)).map("".join)


@settings(
    max_examples=int(os.environ.get("SCRIPTLINT_FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(template=_templates())
def test_fuzzed_templates_give_findings_never_exceptions(tmp_path_factory, template: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("fuzz")
    write(root, {"p.j2": "{% if b %}partial{% endif %}", "base.j2": "A {% block b %}B{% endblock %} C"})
    findings = lint_text(template, path="fuzzed.j2", root=root, no_config=True)
    assert isinstance(findings, list)
    assert all(isinstance(finding, Finding) for finding in findings)


def _seed_documents() -> dict[str, bytes]:
    """One valid document of each kind, for the mutation fuzzer below."""
    import io

    import docx
    from documents import pdf_bytes, vtt, zip_bytes

    word = docx.Document()
    for text in ("Hi, this is Sam.", "[YES] - Paid for by us."):
        word.add_paragraph(text)
    word.add_table(rows=1, cols=2).cell(0, 1).text = "b"
    buffer = io.BytesIO()
    word.save(buffer)
    return {
        ".docx": buffer.getvalue(),
        ".pdf": pdf_bytes([["Hi, this is Sam.", "Paid for by us."]]),
        ".zip": zip_bytes({"a.txt": "Hi.\n", "b/c.j2": "{% include 'a.txt' %}\n", "a.txt.scriptlint.yml": "x: 1\n"}),
        ".vtt": vtt([(0.0, 2.0, "Hi, <v A>this is Sam.</v>"), (2.0, 4.0, "Paid for by us &amp; them.")]).encode(),
        ".srt": b"1\n00:00:00,000 --> 00:00:02,000\nHi.\n",
    }


_SEEDS = _seed_documents()


@st.composite
def _mutated_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(st.sampled_from(sorted(_SEEDS)))
    data = bytearray(_SEEDS[suffix])
    for _ in range(draw(st.integers(0, 6))):
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return suffix, bytes(data)


@settings(
    max_examples=int(os.environ.get("SCRIPTLINT_FUZZ_EXAMPLES", "300")) // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(document=_mutated_documents())
def test_damaged_documents_give_findings_never_exceptions_or_plugin_blame(tmp_path_factory, document) -> None:  # type: ignore[no-untyped-def]
    suffix, data = document
    root = tmp_path_factory.mktemp("documents")
    (root / f"doc{suffix}").write_bytes(data)
    from scriptlint.lint import lint_paths

    result = lint_paths([root / f"doc{suffix}"], no_config=True)
    # A loader's failure on hostile bytes is SL01/SL04 on the file, never SL06 (a plugin bug) or a crash.
    assert not [f for f in result.findings if f.code == "SL06"], result.findings
    assert sorted(p.name for p in root.iterdir()) == [f"doc{suffix}"], "nothing may be extracted"


@pytest.mark.parametrize(
    "body",
    [
        # A table cell of 80,000 characters without its closing pipe (the row pattern once backtracked on it).
        "| a |" + "x " * 40_000 + "\n",
        # Rebuttals 100,000 blank lines apart (the answers section once looked ahead at every blank line).
        "REBUTTALS\n\nWho pays? - We do.\n" + "\n" * 100_000 + "Who is this? - Sam.\n",
        # Many voicemail labels, each looking ahead for its message.
        "VM:\n\n" * 20_000,
    ],
)
def test_long_layouts_are_read_within_the_time_budget(body: str, workdir: Path) -> None:
    write(workdir, {"call.txt": "Hi, this is Sam calling for Pat Lee. Paid for by Pat Lee for Congress.\n\n" + body})
    write(workdir, {"call.txt.scriptlint.yml": "call_type: survey\n"})
    findings = lint_text_file(workdir / "call.txt")
    assert "SL04" not in {finding.code for finding in findings}, [f.message for f in findings if f.code == "SL04"]


def lint_text_file(path: Path) -> list[Finding]:
    from scriptlint.lint import lint_paths

    return lint_paths([str(path)], no_config=True).findings
