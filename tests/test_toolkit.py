"""The bundled volunteer toolkit (fixtures/intake/volunteer_toolkit.md, .docx, .pdf): instructions, own-line
answer labels, a voicemail heading and merge fields read the same way in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli

from scriptlint.analysis.jinja import ConfinedLoader, make_environment
from scriptlint.analysis.paths import PathAnalysis
from scriptlint.analysis.spoken import SLOT
from scriptlint.intake.loaders import office, pdf
from scriptlint.model.manifest import validate

TOOLKIT = FIXTURES / "intake"
OPENING = "Hi {}, my name is {} and I'm a volunteer with Friends of Ana Ruiz."


def _paths(text: str) -> dict[str | None, str]:
    environment = make_environment(ConfinedLoader(TOOLKIT, 1_000_000), lambda env: None)
    analysis = PathAnalysis.of_text(environment, text, "toolkit")
    manifest, _ = validate({"sponsor": {"name": "Friends of Ana Ruiz", "authorized_by": "Ana Ruiz"}})
    analysis.filled(manifest)
    return {v.condition: " ".join(v.spoken.replace(SLOT, "{}").split()) for v in analysis.variants()}


def _text(suffix: str) -> str:
    path = TOOLKIT / f"volunteer_toolkit{suffix}"
    if suffix == ".md":
        return path.read_text(encoding="utf-8")
    loader = office if suffix == ".docx" else pdf
    document = loader.scriptlint_load_document(path=path, data=path.read_bytes(), deadline=None, max_chars=10**6)
    assert document is not None
    return document.text


@pytest.mark.parametrize("suffix", [".md", ".docx", ".pdf"])
def test_every_format_says_the_same_paths(suffix: str) -> None:
    closing = "Thank you for your time!"
    middle = (
        "Ana Ruiz is running for Congress to lower the cost of child care. Can we count on your vote on November 3rd?"
    )
    assert _paths(_text(suffix)) == {
        "when the call is answered and the answer is YES": (
            f"{OPENING} {middle} Wonderful, thank you! Your polling place is listed at anaruiz.example. {closing}"
        ),
        "when the call is answered and the answer is NO": (
            f"{OPENING} {middle} Thanks for listening, and have a good evening. {closing}"
        ),
        "when the call is answered and the answer is UNDECIDED": (
            f"{OPENING} {middle} That's fair. Could I send you Ana's plan for child care?"
            f" Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz. {closing}"
        ),
        "when the call reaches voicemail": (
            "Hi {}, this is {} with Friends of Ana Ruiz. Please vote for Ana Ruiz on November 3rd."
        ),
    }


def test_the_pdf_page_break_ends_the_last_answer() -> None:
    # Page 1 ends with the UNDECIDED answer and page 2 starts with the closing, with no blank line between:
    # without the page break the closing would be said only after UNDECIDED.
    text = _text(".pdf")
    assert "Ana Ruiz.\f\n" in text
    without_break = _paths(text.replace("\f", ""))
    assert not without_break["when the call is answered and the answer is YES"].endswith("Thank you for your time!")


def test_the_findings_agree_across_formats() -> None:
    result = run_cli(
        "check",
        "--no-cache",
        "--format",
        "json",
        *(str(TOOLKIT / f"volunteer_toolkit{s}") for s in (".md", ".docx", ".pdf")),
    )
    findings = json.loads(result.output)["findings"]
    by_format: dict[str, set[tuple[str, str | None]]] = {}
    for finding in findings:
        by_format.setdefault(Path(finding["path"]).suffix, set()).add((finding["code"], finding["path_condition"]))
    expected = {
        ("PF01", "when the call is answered and the answer is YES"),
        ("PF01", "when the call is answered and the answer is NO"),
        ("PF01", "when the call reaches voicemail"),
        ("SW04", None),  # information: Washington's pack has no rule for this call
    }
    assert by_format == {".md": expected, ".docx": expected, ".pdf": expected}
