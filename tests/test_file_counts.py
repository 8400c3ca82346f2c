"""One count of files in every format: archive members are files, the archive itself is not a passing file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

from conftest import run_cli, write
from documents import zip_bytes

MANIFEST = "---\ncall_type: survey\norigin: {facility: call_center, state: NV}\ntarget_states: [NV]\n---\n"
GOOD = MANIFEST + "Hi, this is Sam with the Nevada Survey Center. Do you have a minute?\n"


def _batch(workdir: Path) -> list[str]:
    members = {"a.j2": GOOD, "b.j2": GOOD.replace("Sam", "Ana"), "README.txt": "not a script\n"}
    (workdir / "batch.zip").write_bytes(zip_bytes(members))
    write(workdir, {"single.j2": GOOD})
    return ["batch.zip", "single.j2"]


def test_every_format_counts_the_members_and_not_the_archive(workdir: Path) -> None:
    paths = _batch(workdir)
    expected = {"batch.zip!a.j2", "batch.zip!b.j2", "single.j2"}
    text = run_cli("check", "--ignore", "SW04", *paths).output
    assert re.search(r"in 3 files\.", text), text
    sarif = json.loads(run_cli("check", "--ignore", "SW04", "--format", "sarif", *paths).output)
    assert sarif["runs"][0]["results"] == []
    document = json.loads(run_cli("check", "--ignore", "SW04", "--format", "json", *paths).output)
    assert document["files"] == 3
    junit = ElementTree.fromstring(run_cli("check", "--ignore", "SW04", "--format", "junit", *paths).output)
    assert {case.get("name") for case in junit.iter("testcase")} == expected
    html = run_cli("check", "--ignore", "SW04", "--format", "html", *paths).output
    rows = set(re.findall(r'<tr><td><a href="#file-\d+">([^<]+)</a>', html))
    assert rows == expected
    assert "batch.zip</a>" not in html  # the archive is no row of its own, and never "passes"
    github = run_cli("check", "--ignore", "SW04", "--format", "github", *paths).output
    assert "in 3 files" in github


def test_an_archive_with_no_call_script_is_not_checked_silently(workdir: Path) -> None:
    (workdir / "notes.zip").write_bytes(zip_bytes({"README.txt": "x\n", "logo.png": "x"}))
    document = json.loads(run_cli("check", "--format", "json", "notes.zip").output)
    assert document["files"] == 1
    (finding,) = document["findings"]
    assert finding["code"] == "SL01" and "holds no call script" in finding["message"]
