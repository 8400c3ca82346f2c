"""Scripts' manifests and the phrase books' indexes kept between runs (scriptlint.intake.kept_data): a script
whose body changed but not its manifest is checked without reading YAML, with the same findings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, run_cli

from scriptlint.analysis.phrasing import PhraseBook, Writing, book
from scriptlint.intake.front_matter import FrontMatter, read_front_matter, read_yaml_file, split_front_matter
from scriptlint.intake.kept_data import DataStore, keep_in, kept_front_matter, kept_manifest

SECRET = "c0de" * 16


def _check(cache: Path, *paths: Path) -> Any:
    result = run_cli("check", "--no-config", "--format", "json", "--cache-dir", str(cache), *map(str, paths))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


def test_kept_manifests_answer_the_same_and_are_read_back_not_rewritten(tmp_path: Path) -> None:
    # Scripts with front matter (one with misspelt keys and bad values among them) and documents with sidecar manifests.
    scripts, intake = tmp_path / "scripts", tmp_path / "intake"
    shutil.copytree(FIXTURES / "scripts", scripts)
    shutil.copytree(FIXTURES / "intake", intake)
    cold_cache = tmp_path / "cold"
    cold = _check(cold_cache, scripts, intake)
    kept = sorted((cold_cache / "manifests").glob("*.json"))
    sidecars = {path.read_bytes() for path in intake.glob("*.scriptlint.yml")}
    fronts = {path.read_bytes() for path in scripts.glob("*.j2") if path.read_bytes().startswith(b"---\n")}
    assert len(sidecars) >= 3 and len(fronts) >= 8
    # Every manifest YAML reads (misspelt keys included) is kept once, the vendor batch's scripts' too.
    assert len(kept) >= len(fronts) + len(sidecars)
    kept_only = tmp_path / "kept"
    shutil.copytree(cold_cache / "manifests", kept_only / "manifests")
    inodes = {path.name: path.stat().st_ino for path in (kept_only / "manifests").glob("*.json")}
    assert len(inodes) == len(kept)
    assert _check(kept_only, scripts, intake) == cold
    # Every entry was read back, none written again (one parsed afresh would be replaced).
    assert {path.name: path.stat().st_ino for path in (kept_only / "manifests").glob("*.json")} == inodes
    assert _check(tmp_path / "again", scripts, intake) == cold


def test_a_changed_body_under_the_same_manifest_is_checked_without_yaml(tmp_path: Path) -> None:
    script = tmp_path / "call.j2"
    # A partial with a front matter of its own is read as the script's is.
    (tmp_path / "_thanks.j2").write_text("---\ncall_type: political\n---\nThank you.\n", encoding="utf-8")
    original = (FIXTURES / "scripts" / "prison_call.j2").read_text(encoding="utf-8") + '{% include "_thanks.j2" %}\n'
    cache = tmp_path / "cache"
    # Each run in a process of its own, as pre-commit starts them (this process may hold the data files
    # parsed already, and then a run here would keep none of them), the file checked there (not in a
    # worker) so that its modules can be seen.
    program = textwrap.dedent(f"""
        import json, sys
        from scriptlint.lint import open_session
        result = open_session(no_config=True).lint([{str(script)!r}], cache_dir={str(cache)!r}, isolate=False)
        print(json.dumps(["yaml" in sys.modules, [(f.code, f.line) for f in result.findings]]))
    """)
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-c", program]
    runs = []
    for text in (original, original + "Thank you for your time.\n"):
        script.write_text(text, encoding="utf-8")
        done = subprocess.run(command, check=False, capture_output=True, text=True, env=environment, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        runs.append(json.loads(done.stdout))
    expected = run_cli("check", "--no-config", "--format", "json", "--no-cache", str(script))
    (first_imported, _), (yaml_imported, findings) = runs
    assert first_imported, "the first run read no YAML: nothing to compare with"
    assert not yaml_imported
    assert findings == [[f["code"], f["line"]] for f in json.loads(expected.output)["findings"]]


def test_a_kept_front_matter_is_the_parsed_one_and_a_broken_one_is_parsed_every_time(tmp_path: Path) -> None:
    from scriptlint.intake import kept_data

    text = "---\ncall_type: political\nsponsor:\n  name: Friends of Ana\n  committee_id: C001\nvars: {a: 1}\n---\nHi\n"
    expected, _ = split_front_matter(text)
    store = DataStore(tmp_path, SECRET)
    parses: list[int] = []

    def reading(yaml_text: str) -> FrontMatter:
        def parse() -> FrontMatter:
            parses.append(1)
            return read_front_matter(yaml_text)

        return store.front_matter(yaml_text.encode(), "front matter", parse)

    for _ in range(3):
        assert split_front_matter(text, reading) == (expected, split_front_matter(text)[1])
    assert len(parses) == 1 and expected.key_lines[("sponsor", "name")] == 4
    broken = "---\ncall_type: political\ncall_type: survey\n---\nHi\n"
    assert split_front_matter(broken)[0].errors
    for _ in range(2):
        assert split_front_matter(broken, reading) == split_front_matter(broken)
    assert len(parses) == 3
    # Outside a run nothing is kept: the default reader parses.
    assert kept_data._STORES["manifests"]._folder is None
    assert kept_front_matter("a: 1") == read_front_matter("a: 1")


def test_a_runs_front_matter_reader_keeps_what_it_parses(tmp_path: Path, monkeypatch: Any) -> None:
    from scriptlint.intake import kept_data

    text = "---\ncall_type: political\nsponsor: {name: Friends of Ana}\n---\nHi\n"
    expected = split_front_matter(text)
    keep_in("manifests", tmp_path, SECRET)
    try:
        assert split_front_matter(text, kept_front_matter) == expected
        assert len(list(tmp_path.glob("*.json"))) == 1
        with monkeypatch.context() as patched:
            patched.setattr(kept_data, "read_front_matter", lambda yaml_text: pytest.fail("parsed again"))
            assert split_front_matter(text, kept_front_matter) == expected
        # A sidecar of the same bytes is another entry (its lines count from 1).
        data = b"call_type: political\nsponsor: {name: Friends of Ana}\n"
        sidecar = kept_manifest(data, "sidecar manifest", lambda: read_yaml_file(data, "sidecar manifest"))
        assert sidecar.key_lines[("sponsor",)] == 2 and expected[0].key_lines[("sponsor",)] == 3
        assert len(list(tmp_path.glob("*.json"))) == 2
    finally:
        keep_in("manifests", None)


@pytest.mark.parametrize(
    "yaml_text",
    [
        "call_type: political\nvars:\n  note: " + "x" * 70_000 + "\n",  # one long value
        # Aliases that expand a short value far past the size of an entry.
        "call_type: political\nvars:\n  a: &a " + "y" * 2_000 + "\n  b: [" + ", ".join(["*a"] * 40) + "]\n",
    ],
)
def test_a_manifest_larger_than_an_entry_may_be_is_parsed_every_time(tmp_path: Path, yaml_text: str) -> None:
    # Scripts are untrusted: what their manifests make the cache folder hold is bounded by entry and by count.
    from scriptlint.intake.kept_data import MAX_MANIFEST_BYTES

    expected = read_front_matter(yaml_text)
    assert not expected.errors
    keep_in("manifests", tmp_path, SECRET)
    try:
        for _ in range(2):
            assert kept_front_matter(yaml_text) == expected
        small = "call_type: political\n"
        assert kept_front_matter(small) == read_front_matter(small)
    finally:
        keep_in("manifests", None)
    assert [path.stat().st_size < MAX_MANIFEST_BYTES for path in tmp_path.glob("*.json")] == [True]


def test_a_process_writes_at_most_the_folders_cap_of_manifests(tmp_path: Path) -> None:
    store = DataStore(tmp_path, SECRET, max_entries=3)
    for index in range(5):
        data = f"call_type: political\nn: {index}\n".encode()
        front = store.front_matter(data, "front matter", lambda data=data: read_front_matter(data.decode()))
        assert front.data["n"] == index
    assert len(list(tmp_path.glob("*.json"))) == 3


@pytest.mark.parametrize(
    "writing",
    [Writing(), Writing(spaced=False), Writing(loose_spacing=True), Writing(equivalents=("её", "ея"))],
)
def test_a_phrase_books_index_read_back_is_the_one_built(tmp_path: Path, writing: Writing, monkeypatch: Any) -> None:
    pairs = [("xx", "paid for by {org}"), ("xx", "ещё раз"), ("xx", "{org}에서 지불"), ("xx", "a fellow {demonym}")]
    other = Writing(spaced=not writing.spaced, loose_spacing=not writing.loose_spacing)
    swapped = [("xx", "calling from {place}"), *pairs[1:]]
    built, built_other = book(pairs, {"xx": writing})._index, book(pairs, {"xx": other})._index
    built_swapped = book(swapped, {"xx": writing})._index
    assert built_swapped[0][0] != built[0][0]
    keep_in("values", tmp_path, SECRET)
    try:
        assert book(pairs, {"xx": writing})._index == built
        with monkeypatch.context() as patched:
            patched.setattr(PhraseBook, "_index_as_json", lambda self: pytest.fail("built again"))
            assert book(pairs, {"xx": writing})._index == built
        # Another writing, other phrases (as many), fewer phrases: another entry, whatever the first holds.
        assert book(pairs, {"xx": other})._index == built_other
        assert book(swapped, {"xx": writing})._index == built_swapped
        assert book(pairs[:2], {"xx": writing})._index == (built[0][:2], _grouped(built[0][:2], built[1]))
    finally:
        keep_in("values", None)


def _grouped(tests: Any, by_letters: dict[Any, list[int]]) -> dict[Any, list[int]]:
    """The letters index of the first entries only (what a book of those entries builds)."""
    grouped: dict[Any, list[int]] = {}
    for need, group in by_letters.items():
        kept = [index for index in group if index < len(tests)]
        if kept:
            grouped[need] = kept
    return grouped


def test_a_value_larger_than_an_entry_may_be_is_computed_every_time(tmp_path: Path) -> None:
    # A phrase book built from what a manifest names (an origin's city) is as large as the manifest makes it.
    from scriptlint.intake.kept_data import MAX_VALUE_BYTES, kept_value

    computed: list[int] = []

    def compute(size: int) -> Any:
        def run() -> Any:
            computed.append(size)
            return ["x" * size]

        return run

    keep_in("values", tmp_path, SECRET)
    try:
        for _ in range(2):
            assert kept_value("large", "one", compute(MAX_VALUE_BYTES)) == ["x" * MAX_VALUE_BYTES]
            assert kept_value("small", "one", compute(10)) == ["x" * 10]
    finally:
        keep_in("values", None)
    assert computed == [MAX_VALUE_BYTES, 10, MAX_VALUE_BYTES]
    assert len(list(tmp_path.glob("*.json"))) == 1
