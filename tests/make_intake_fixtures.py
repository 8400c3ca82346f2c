"""Regenerate the vendor-intake fixtures in fixtures/intake/ (Word, PDF, ZIP; the text files are kept by hand).

Run: python tests/make_intake_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

from documents import pdf_bytes, write_docx, zip_bytes

INTAKE = Path(__file__).resolve().parent.parent / "fixtures" / "intake"


def main() -> None:
    """Write the binary fixtures from the plain-text volunteer script beside them."""
    script = (INTAKE / "volunteer_script.txt").read_text(encoding="utf-8").splitlines()
    sidecar = (INTAKE / "volunteer_script.txt.scriptlint.yml").read_text(encoding="utf-8")
    # The Word version: the same script, and the objection answers in a table.
    write_docx(
        INTAKE / "vendor_script.docx",
        script,
        table=[["If they ask", "Say"], ["Who is paying for this call?", "Friends of Ana Ruiz pays for these calls."]],
    )
    (INTAKE / "vendor_script.docx.scriptlint.yml").write_text(sidecar, encoding="utf-8")
    # The PDF version, over two pages.
    (INTAKE / "vendor_script.pdf").write_bytes(pdf_bytes([script[:7], script[7:]]))
    (INTAKE / "vendor_script.pdf.scriptlint.yml").write_text(sidecar, encoding="utf-8")
    # The volunteer toolkit (instructions, own-line answer labels, a voicemail heading, merge fields) as
    # Word and PDF: the same paragraphs without the Markdown marks.
    toolkit = [_unmarked(line) for line in (INTAKE / "volunteer_toolkit.md").read_text(encoding="utf-8").splitlines()]
    toolkit_sidecar = (INTAKE / "volunteer_toolkit.md.scriptlint.yml").read_text(encoding="utf-8")
    write_docx(INTAKE / "volunteer_toolkit.docx", toolkit)
    (INTAKE / "volunteer_toolkit.docx.scriptlint.yml").write_text(toolkit_sidecar, encoding="utf-8")
    # The PDF's first page ends right after the UNDECIDED answer, with no blank line: the page break ends it.
    undecided = toolkit.index("Paid for by Friends of Ana Ruiz, authorized by Ana Ruiz.") + 1
    rest = toolkit[undecided:]
    while rest and not rest[0]:
        rest = rest[1:]
    (INTAKE / "volunteer_toolkit.pdf").write_bytes(pdf_bytes([toolkit[:undecided], rest]))
    (INTAKE / "volunteer_toolkit.pdf.scriptlint.yml").write_text(toolkit_sidecar, encoding="utf-8")
    # A vendor's zipped batch: a template with its partial, and a script escaping the archive.
    template = (INTAKE / "batch_template.j2.in").read_text(encoding="utf-8")
    batch = {
        "scripts/gotv.j2": template,
        "scripts/_closing.j2": "Thank you for your time.\n",
        "../outside.j2": "Hi.\n",
    }
    (INTAKE / "vendor_batch.zip").write_bytes(zip_bytes(batch))


def _unmarked(line: str) -> str:
    """A Markdown line as a Word or PDF paragraph: heading marks and bold markers removed."""
    return line.lstrip("#").strip().replace("**", "")


if __name__ == "__main__":
    main()
