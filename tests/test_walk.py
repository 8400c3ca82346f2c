"""Which files a run checks: exact well-known names only, templates always, links and special files kept out,
every folder reachable, and nothing passed over without the report saying so."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO, run_cli, write

from scriptlint.intake.sources import not_a_script
from scriptlint.lint import lint_paths

SCRIPT = "---\ncall_type: survey\norigin: {facility: call_center, state: NV}\ntarget_states: [NV]\n---\nHello.\n"
# Names a walk must check although they begin like the files every repository has (issue: dropped silently).
SCRIPTS_BY_PREFIX = [
    "notice_to_voters.txt",
    "changes_in_polling_places.md",
    "security_deposit_call.j2",
    "authors_of_the_bill.txt",
    "readme_first_script.md",
    "license_plate_survey.txt",
    "contributing_members_call.md",
]
# Templates are scripts whatever their name.
TEMPLATES = ["README.j2", "notice.jinja", "LICENSE.jinja2", "security.j2"]
WELL_KNOWN = [
    "README.md",
    "readme.txt",
    "LICENSE",
    "LICENSE.txt",
    "Licence.md",
    "COPYING.txt",
    "NOTICE",
    "AUTHORS.md",
    "CHANGELOG.md",
    "CHANGES.txt",
    "HISTORY.md",
    "CONTRIBUTING.md",
    "SECURITY.md",
    "CODE_OF_CONDUCT.md",
    "requirements.txt",
    "requirements-dev.txt",
    "constraints.txt",
]


def test_a_walk_checks_templates_and_prefixed_names_and_skips_exact_names_saying_so(workdir: Path) -> None:
    write(workdir, {f"scripts/{name}": SCRIPT for name in [*SCRIPTS_BY_PREFIX, *TEMPLATES, *WELL_KNOWN]})
    result = lint_paths(["scripts"], no_config=True)
    checked = {Path(path).name for path in result.paths}
    assert checked == {*SCRIPTS_BY_PREFIX, *TEMPLATES}
    skipped = {Path(item.path).name: item.reason for item in result.skipped}
    # LICENSE and NOTICE without an extension match no include glob: nothing to skip.
    assert set(skipped) == {name for name in WELL_KNOWN if name.endswith((".txt", ".md"))}
    assert all("not a call script by its name" in reason for reason in skipped.values())


def test_the_text_report_says_how_many_were_skipped_and_verbose_lists_them(workdir: Path) -> None:
    write(workdir, {"call.j2": SCRIPT, "README.md": "# About\n", "LICENSE.txt": "MIT\n", ".hidden/x.j2": SCRIPT})
    quiet = run_cli("check", "--no-config", ".")
    summary = [line for line in quiet.output.splitlines() if line.startswith("Skipped")]
    assert summary == [
        "Skipped 2 files and 1 folder: 1 hidden folder; 2 not a call script by its name (README, LICENSE,"
        " CHANGELOG...) (--verbose lists them)."
    ], quiet.output
    assert "README.md" not in quiet.output
    verbose = run_cli("check", "--no-config", "--verbose", ".")
    assert "skipped .hidden: hidden folder" in verbose.output
    assert "skipped LICENSE.txt: not a call script by its name" in verbose.output
    assert "skipped README.md: not a call script by its name" in verbose.output
    listed = json.loads(run_cli("check", "--no-config", "--format", "json", ".").output)["skipped"]
    assert {item["path"] for item in listed} == {".hidden", "LICENSE.txt", "README.md"}
    assert [item["folder"] for item in listed if item["path"] == ".hidden"] == [True]


def test_a_file_named_on_the_command_line_is_always_checked(workdir: Path) -> None:
    write(workdir, {"README.md": SCRIPT})
    result = lint_paths(["README.md"], no_config=True)
    assert result.paths == ("README.md",) and not result.skipped


def test_excluded_files_and_folders_are_reported_as_skipped(workdir: Path) -> None:
    write(
        workdir,
        {
            "setup.cfg": "[tool:scriptlint]\nexclude = old, draft_*.j2\n",
            "call.j2": SCRIPT,
            "draft_call.j2": SCRIPT,
            "old/legacy.j2": SCRIPT,
            "node_modules/pkg/readme_call.j2": SCRIPT,
        },
    )
    result = lint_paths(["."])
    assert result.paths == ("call.j2",)
    reasons = {item.path: item.reason for item in result.skipped}
    assert reasons["draft_call.j2"].startswith("excluded by configuration")
    assert reasons["old"].startswith("excluded by configuration")
    assert reasons["node_modules"].startswith("tooling folder")
    named = lint_paths(["draft_call.j2"])
    assert named.files == 0 and [item.path for item in named.skipped] == ["draft_call.j2"]


def test_version_control_and_cache_folders_are_passed_over_without_a_word(workdir: Path) -> None:
    write(workdir, {"call.j2": SCRIPT, ".git/HEAD.txt": "x", ".scriptlint_cache/a.txt": "x", "__pycache__/x.md": "x"})
    assert lint_paths(["."], no_config=True).skipped == ()


@pytest.mark.parametrize(
    "name",
    [*SCRIPTS_BY_PREFIX, *TEMPLATES, *WELL_KNOWN, "docs/README.md", "notes.txt", "x/requirements_prod.txt"],
)
def test_the_pre_commit_hook_excludes_exactly_what_walks_skip(name: str) -> None:
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    if not re.search(hook["files"], name):
        return  # the hook never sees it (no extension)
    assert bool(re.search(hook["exclude"], name)) == not_a_script(Path(name).name), name


def test_a_link_out_of_the_folder_is_not_followed_and_its_content_never_shown(workdir: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    write(outside, {"secret.j2": "TOP SECRET WORDS\n", "vault/leak.j2": "MORE SECRET WORDS\n"})
    write(workdir, {"vendor/call.j2": SCRIPT})
    (workdir / "vendor" / "x.j2").symlink_to(outside / "secret.j2")
    (workdir / "vendor" / "vault").symlink_to(outside / "vault")
    for output_format in ("text", "html", "json", "sarif"):
        result = run_cli("check", "--no-config", "--format", output_format, "vendor")
        assert "SECRET" not in result.output, output_format
    text = run_cli("check", "--no-config", "vendor").output
    assert "vendor/x.j2:1:1: SL04 symbolic link to a file outside the folder being checked" in text
    assert "vendor/vault:1:1: SL04 symbolic link to a folder outside the folder being checked" in text
    followed = lint_paths(["vendor"], no_config=True, options=_follow())
    assert {"vendor/x.j2", "vendor/vault/leak.j2"} <= set(followed.paths)


def test_links_inside_the_folder_are_followed_once_and_loops_end(workdir: Path) -> None:
    write(workdir, {"scripts/a.j2": SCRIPT, "scripts/sub/b.j2": SCRIPT})
    (workdir / "scripts" / "same.j2").symlink_to("a.j2")
    (workdir / "scripts" / "sub" / "up").symlink_to("..")  # a loop back to an ancestor
    (workdir / "scripts" / "self.j2").symlink_to("self.j2")  # a link to itself
    result = lint_paths(["scripts"], no_config=True)
    assert sorted(result.paths) == ["scripts/a.j2", "scripts/self.j2", "scripts/sub/b.j2"]
    (loop,) = [f for f in result.findings if f.path == "scripts/self.j2"]
    assert loop.code == "SL01" and "Too many levels of symbolic links" in loop.message


def test_a_file_with_several_names_is_not_read_from_a_walk(workdir: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    write(outside, {"original.j2": "HARD LINKED SECRET\n"})
    write(workdir, {"vendor/call.j2": SCRIPT})
    os.link(outside / "original.j2", workdir / "vendor" / "linked.j2")
    result = run_cli("check", "--no-config", "--format", "html", "vendor")
    assert "HARD LINKED SECRET" not in result.output
    text = run_cli("check", "--no-config", "vendor").output
    assert "vendor/linked.j2:1:1: SL04 the file has 2 names (hard links)" in text
    assert "--follow-links reads it" in text
    assert "vendor/linked.j2" in lint_paths(["vendor"], no_config=True, options=_follow()).paths


def test_special_files_are_findings_and_never_opened(workdir: Path) -> None:
    write(workdir, {"scripts/call.j2": SCRIPT})
    os.mkfifo(workdir / "scripts" / "pipe.j2")  # opening it would block until someone writes
    result = lint_paths(["scripts", "/dev/zero", "/dev/null"], no_config=True)
    by_path = {f.path: f for f in result.findings if f.code == "SL01"}
    assert "FIFO" in by_path["scripts/pipe.j2"].message
    assert "device" in by_path["/dev/zero"].message and "device" in by_path["/dev/null"].message
    assert any(f.path == "scripts/call.j2" for f in result.findings)


def test_proc_files_named_directly_are_read_within_the_limits(workdir: Path) -> None:
    result = lint_paths(["/proc/self/status", "/proc/self/mem"], no_config=True)
    assert result.files == 2
    (memory,) = [f for f in result.findings if f.path == "/proc/self/mem" and f.code == "SL01"]
    assert "cannot read the file" in memory.message


def test_a_folder_tree_deeper_than_python_recursion_is_walked(workdir: Path) -> None:
    deepest = workdir / "tree"
    deepest.mkdir()
    for _ in range(1500):  # deeper than Python's default recursion limit (1000)
        deepest = deepest / "d"
        deepest.mkdir()
    (deepest / "bottom.j2").write_text(SCRIPT, encoding="utf-8")
    try:
        result = lint_paths(["tree"], no_config=True)
        assert [Path(path).name for path in result.paths] == ["bottom.j2"]
    finally:
        # Removed from the bottom up: pytest's own clean-up (shutil.rmtree) recurses once per level.
        (deepest / "bottom.j2").unlink()
        while deepest != workdir:
            deepest.rmdir()
            deepest = deepest.parent


def test_names_with_newlines_escapes_and_bad_bytes_cannot_forge_lines(workdir: Path) -> None:
    names = ["evil\nforged.j2:1:1: PF01 fake.j2", "bell\x07\x1b[31mred.j2", "right\u202eto-left.j2"]
    write(workdir, dict.fromkeys(names, SCRIPT))
    (workdir / os.fsdecode(b"caf\xe9.j2")).write_text(SCRIPT, encoding="utf-8")
    text = run_cli("check", "--no-config", ".").output
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert not any(line.startswith("forged.j2") for line in text.splitlines())
    assert "evil\\nforged.j2" in text and "caf\\xe9.j2" in text and "right\\u202eto-left.j2" in text
    for output_format in ("json", "sarif"):
        json.loads(run_cli("check", "--no-config", "--format", output_format, ".").output)
    junit = run_cli("check", "--no-config", "--format", "junit", ".").output
    from xml.etree import ElementTree

    ElementTree.fromstring(junit.split("\n", 1)[1])
    for output_format in ("github", "html"):
        assert "\x1b" not in run_cli("check", "--no-config", "--format", output_format, ".").output


def test_hundreds_of_files_are_all_checked(workdir: Path) -> None:
    write(workdir, {f"batch/{index:04d}.txt": f"Hello number {index}.\n" for index in range(400)})
    result = lint_paths(["batch"], no_config=True, jobs=2)
    assert result.files == 400
    assert {f.path for f in result.findings} == set(result.paths)


def _follow():  # type: ignore[no-untyped-def]
    from scriptlint.model.settings import Options

    return Options(follow_links=True)


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40  # how every Word 97-2003 file begins


def test_a_folder_of_documents_scriptlint_cannot_read_is_findings_never_a_pass(workdir: Path) -> None:
    write(workdir, {"submission/call.j2": SCRIPT, "submission/voicemail.rtf": "{\\rtf1 Hello, paid for by X}"})
    (workdir / "submission" / "script.doc").write_bytes(OLE_MAGIC)
    result = lint_paths(["submission"])
    refused = {f.path: f for f in result.findings if f.code == "SL01"}
    assert set(refused) == {"submission/script.doc", "submission/voicemail.rtf"}
    assert all("save it as .docx, .pdf or UTF-8 .txt" in f.message for f in refused.values())
    assert result.exit_code == 1 and result.files == 3


def test_a_document_named_is_told_by_its_first_bytes(workdir: Path) -> None:
    (workdir / "script.doc").write_bytes(OLE_MAGIC)
    write(workdir, {"exported.txt": "{\\rtf1\\ansi Hi, this is Dana. Paid for by X.}"})
    messages = {f.path: f.message for f in lint_paths(["script.doc", "exported.txt"]).findings if f.code == "SL01"}
    assert "Office 97-2003" in messages["script.doc"] and "Rich Text Format" in messages["exported.txt"]


@pytest.mark.parametrize("content", [{}, {"notes.png": "x", "README.md": "# notes\n"}])
def test_a_folder_with_no_call_script_could_not_be_checked(workdir: Path, content: dict[str, str]) -> None:
    write(workdir, {"setup.cfg": "[tool:scriptlint]\n", **{f"vendor/{k}": v for k, v in content.items()}})
    (workdir / "vendor").mkdir(exist_ok=True)
    result = run_cli("check", "vendor")
    assert result.exit_code == 2
    assert "no call script found under vendor, so nothing was checked" in result.output
    if content:
        assert "README.md" in result.output  # what was passed over is named
