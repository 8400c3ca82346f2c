"""The reliability sweep's reproducers at full size, each run by the real command and measured (wall time and
peak memory of the run and its workers), then all of them in one folder with good scripts beside them.

Run with `python -m pytest -m reliability_long` (a few minutes); the normal suite has a small version of each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import write
from documents import docx_with_paragraphs, pdf_reusing_one_stream, vtt, zip_bytes

pytestmark = pytest.mark.reliability_long

HEAD = "---\ncall_type: political\nrace: federal\nsponsor: {name: Pat Lee for Congress}\n---\n"
GOOD = {
    "good_call.j2": HEAD + "Hi, I'm Sam calling for Pat Lee. Paid for by Pat Lee for Congress.\n",
    "good_notes.txt": HEAD + "Hello, this is Ana with Pat Lee for Congress.\n[YES] - Thanks!\n[NO] - Bye.\n",
}
# The default time limit (10 s), the timer's grace and the supervisor's: no file may take longer than this.
FILE_SECONDS = 10 + 1 + 5 + 5
# The default memory budget (2 GiB of address space per file) plus the run itself.
PEAK_BYTES = 2.5 * 1024**3


def reproducers(folder: Path) -> dict[str, str]:
    """Write each reproducer of the sweep at full size; return file name -> what it reproduces."""
    write(
        folder,
        {
            "manifest_value.j2": "---\ncall_type: political\nsponsor: {name: " + "x" * 100_000 + "}\n---\nHello.\n",
            "one_word.txt": HEAD + "a" * 1_000_000 + "\n",
            "branches.j2": HEAD
            + "".join(f"{{% if c{i} %}}a{i}\n{{% else %}}b{i}\n{{% endif %}}" for i in range(11_000)),
            "lines.txt": HEAD + "".join(f"w{i % 10}.\n" for i in range(100_000)),
            "cue.vtt": vtt([(0.0, 5.0, "<" * 100_000)]),
            "zero.j2": HEAD + "{% include '/dev/zero' %}\n",
            "sidecar.docx.scriptlint.yml": "call_type: political\n" + "# padding\n" * 5_500_000,
        },
    )
    docx_with_paragraphs(folder / "paragraphs.docx", 160_000)
    docx_with_paragraphs(folder / "sidecar.docx", 3)
    # Under pypdf's own limits (10,000 entries, 75 MB decompressed), which would refuse it at once (SL04).
    (folder / "reused.pdf").write_bytes(pdf_reusing_one_stream(3_000, 400))
    return {
        "manifest_value.j2": "a 100 KB manifest value",
        "one_word.txt": "a 1 MB single word",
        "branches.j2": "11,000 sequential if/else",
        "lines.txt": "100,000 short lines of plain text",
        "cue.vtt": "a WebVTT cue of 100 KB of '<'",
        "zero.j2": "an include of /dev/zero",
        "sidecar.docx.scriptlint.yml": "a 52 MB sidecar",
        "paragraphs.docx": "a Word file of 160,000 paragraphs",
        "reused.pdf": "a PDF of one content stream drawn 3,000 times",
    }


# Starts the run from a small process and reports its peak memory: a process forked from this test run would
# count this run's own memory before it became scriptlint. The run reaps its workers, so its figure covers
# theirs (Linux reports the largest resident size of a process and of the children it waited for).
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "scriptlint", *sys.argv[2:]])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def measured(arguments: list[str], cwd: Path) -> tuple[float, int, int, str, str]:
    """Wall seconds, peak resident bytes (the run and its workers), exit status, stdout and stderr."""
    figures = cwd.parent / f"{cwd.name}-figures.txt"
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, str(figures), *arguments], cwd=cwd, capture_output=True, check=False
    )
    elapsed = time.monotonic() - started
    status, peak = (int(part) for part in figures.read_text(encoding="utf-8").split())
    return elapsed, peak * 1024, status, completed.stdout.decode(), completed.stderr.decode()


@pytest.mark.parametrize(
    "name",
    [
        "manifest_value.j2",
        "one_word.txt",
        "branches.j2",
        "lines.txt",
        "cue.vtt",
        "zero.j2",
        "sidecar.docx",
        "paragraphs.docx",
        "reused.pdf",
    ],
)
def test_each_reproducer_is_a_finding_within_the_time_and_memory_bounds(tmp_path: Path, name: str) -> None:
    what = reproducers(tmp_path)
    elapsed, peak, status, output, errors = measured(
        ["check", "--no-config", "--no-cache", "--format", "json", name], tmp_path
    )
    assert status in (1, 2), errors
    assert "Traceback" not in errors
    findings = json.loads(output)["findings"]
    assert findings, what.get(name, name)
    if name == "reused.pdf":
        assert "time budget" in findings[0]["message"]  # stopped while extracting, not refused by pypdf
    assert elapsed < FILE_SECONDS, (name, elapsed)
    assert peak < PEAK_BYTES, (name, peak)
    print(f"{name}: {elapsed:.1f} s, {peak / 1024**2:.0f} MB, codes {sorted({f['code'] for f in findings})}")


def test_a_folder_mixing_every_bad_input_gives_a_finding_each_and_full_results_for_the_good_ones(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    good_only = tmp_path_factory.mktemp("good")
    write(good_only, GOOD)
    mixed = tmp_path / "mixed"
    what = reproducers(mixed)
    write(mixed, GOOD)
    outside = tmp_path / "outside"
    write(outside, {"secret.j2": "OUTSIDE SECRET\n"})
    (mixed / "link_out.j2").symlink_to(outside / "secret.j2")
    os.link(outside / "secret.j2", mixed / "hard_link.j2")
    (mixed / "loop.j2").symlink_to("loop.j2")
    os.mkfifo(mixed / "fifo.j2")
    write(mixed, {"bad_name\n.j2": GOOD["good_call.j2"], "nul_include.j2": HEAD + "{% include 'a\\x00' %}\n"})
    (mixed / "latin1.txt").write_bytes(HEAD.encode() + "caf\xe9\n".encode("latin-1"))
    (mixed / "batch.zip").write_bytes(zip_bytes({f"m{i:04d}.txt": f"Hello {i}.\n" for i in range(2000)}))
    what.update(
        {
            "link_out.j2": "a link out of the folder",
            "hard_link.j2": "a hard link",
            "loop.j2": "a link to itself",
            "fifo.j2": "a FIFO",
            "nul_include.j2": "an include name with NUL",
            "latin1.txt": "a Latin-1 file",
        }
    )
    expected_good = json.loads(measured(["check", "--no-config", "--no-cache", "--format", "json", "."], good_only)[3])
    elapsed, peak, status, output, errors = measured(
        ["check", "--no-config", "--no-cache", "--jobs", "2", "--format", "json", "."], mixed
    )
    assert status in (1, 2), errors
    report = json.loads(output)
    by_path: dict[str, list[dict[str, object]]] = {}
    for finding in report["findings"]:
        by_path.setdefault(str(finding["path"]), []).append(finding)
    for name, reproduces in what.items():
        assert by_path.get(name), f"no finding for {reproduces} ({name})"
    for name in GOOD:
        assert by_path[name] == [f for f in expected_good["findings"] if f["path"] == name], name
    assert "OUTSIDE SECRET" not in output
    assert elapsed < FILE_SECONDS * 6, elapsed  # the slow files run two at a time; the others take moments
    assert peak < PEAK_BYTES
    print(f"mixed folder: {len(what) + len(GOOD)} files, {elapsed:.1f} s, {peak / 1024**2:.0f} MB")


def test_ten_thousand_files_are_all_checked(tmp_path: Path) -> None:
    write(tmp_path, {f"batch/{i // 100:03d}/{i:05d}.txt": f"Hello number {i}.\n" for i in range(10_000)})
    arguments = ["check", "--no-config", "--no-cache", "--format", "json", "batch"]
    elapsed, peak, _, output, errors = measured(arguments, tmp_path)
    report = json.loads(output)
    assert report["files"] == 10_000, errors
    assert {f["path"] for f in report["findings"]} == {f"batch/{i // 100:03d}/{i:05d}.txt" for i in range(10_000)}
    print(f"10,000 files: {elapsed:.1f} s, {peak / 1024**2:.0f} MB")


def test_a_folder_deeper_than_the_longest_path_is_a_finding(tmp_path: Path) -> None:
    levels = 2500  # "d/" each: past PATH_MAX (4096), so built and removed one level at a time from inside
    here = os.open(".", os.O_RDONLY)
    try:
        os.chdir(tmp_path)
        for _ in range(levels):
            os.mkdir("d")
            os.chdir("d")
        os.fchdir(here)
        _, _, status, output, errors = measured(
            ["check", "--no-config", "--no-cache", "--format", "json", "d"], tmp_path
        )
        assert status == 1, errors
        findings = json.loads(output)["findings"]
        assert [f["code"] for f in findings] == ["SL01"] and "File name too long" in findings[0]["message"]
    finally:
        os.chdir(tmp_path)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
        os.fchdir(here)
        os.close(here)
