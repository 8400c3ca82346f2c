"""Decoding and front matter: line numbers stay exact whatever the encoding details."""

from __future__ import annotations

from pathlib import Path

from scriptlint.intake.front_matter import split_front_matter
from scriptlint.lint import lint_paths

BAD_AT_LINE_6 = "---\ncall_type: survey\norigin: {facility: call_center, state: NJ}\n---\nHello.\nHi {{ x ) }}\n"


def _sl02_line(path: Path) -> int:
    (finding,) = [f for f in lint_paths([path]).findings if f.code == "SL02"]
    return finding.line


def test_bom_crlf_and_cr_keep_line_numbers(workdir: Path) -> None:
    variants = {
        "lf.j2": BAD_AT_LINE_6.encode(),
        "crlf.j2": BAD_AT_LINE_6.replace("\n", "\r\n").encode(),
        "bom.j2": b"\xef\xbb\xbf" + BAD_AT_LINE_6.replace("\n", "\r\n").encode(),
        "cr.j2": BAD_AT_LINE_6.replace("\n", "\r").encode(),
        "mixed.j2": (
            b"---\r\ncall_type: survey\norigin: {facility: call_center, state: NJ}\r---\nHello.\r\nHi {{ x ) }}\n"
        ),
    }
    for name, data in variants.items():
        (workdir / name).write_bytes(data)
        assert _sl02_line(workdir / name) == 6, name


def test_front_matter_is_blanked_so_template_lines_are_exact() -> None:
    # Front matter is a manifest: a YAML block without any manifest key is read as the script.
    front, body = split_front_matter("---\ncall_type: survey\ntarget_states: [CA]\n---\nline five\n")
    assert front.data == {"call_type": "survey", "target_states": ["CA"]}
    assert front.key_lines == {("call_type",): 2, ("target_states",): 3}
    assert body.split("\n")[4] == "line five"
    assert front.line_count == 4


def test_no_front_matter_and_empty_file() -> None:
    front, body = split_front_matter("Hello\n---\n")
    assert front.data == {}
    assert body == "Hello\n---\n"
    front, body = split_front_matter("")
    assert body == ""


def test_empty_file_is_checked_without_crashing(workdir: Path) -> None:
    (workdir / "empty.j2").write_bytes(b"")
    codes = {f.code for f in lint_paths(["empty.j2"]).findings}
    assert codes == {"SL03", "CO01", "CO04", "SW04"}


def test_linting_never_writes_to_the_file(workdir: Path) -> None:
    path = workdir / "s.j2"
    data = b"\xef\xbb\xbf---\r\ncall_type: political\r\nrace: federal\r\n---\r\nHi.\r\n"
    path.write_bytes(data)
    lint_paths([path])
    assert path.read_bytes() == data
