"""Word documents (.docx): paragraphs and table cells in reading order, one line per paragraph.

A finding's line is the paragraph's number (1 for the first paragraph of the body); paragraphs inside
tables say so ("paragraph 12, table 1 row 2 cell 3"). Headers, footers and comments are not the call
and are left out. The package is a ZIP file, so the archive limits apply before python-docx reads it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scriptlint.intake.loaders.archive import check_limits
from scriptlint.markers import hookimpl
from scriptlint.model import Document, LineOrigin, UnreadableDocument, UnsafeDocument, check_extraction

# Characters Word uses inside a paragraph for a line break, a tab or a page break: spoken as a space.
_BREAKS = str.maketrans({"\n": " ", "\v": " ", "\t": " ", "\f": " ", "\r": " "})


@hookimpl
def scriptlint_load_document(path: Path, data: bytes, deadline: float | None, max_chars: int) -> Document | None:
    """A .docx file as text: one line per paragraph, in reading order (stopped at the file's deadline and at
    the size limit: a small package can hold a huge document)."""
    if path.suffix.lower() != ".docx":
        return None
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            check_limits(package)
    except UnsafeDocument:
        raise
    except Exception:  # a damaged package: BadZipFile, but also IndexError, struct.error...
        raise UnreadableDocument("not a Word document: the .docx file is not a readable ZIP package") from None
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise UnreadableDocument("python-docx is not installed: cannot read .docx files") from None
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = []
        chars = 0
        for paragraph in _paragraphs(document):
            paragraphs.append(paragraph)
            chars += len(paragraph[0]) + 1
            if len(paragraphs) % 256 == 0 or chars > max_chars:
                check_extraction(deadline, chars, max_chars)
        check_extraction(deadline, chars, max_chars)
    except UnsafeDocument:
        raise
    except Exception as exc:  # python-docx and lxml raise many kinds for broken or hostile packages
        raise UnreadableDocument(f"cannot read the Word document: {type(exc).__name__}: {exc}") from None
    lines = [text.translate(_BREAKS).rstrip() for text, _ in paragraphs]
    origins = tuple(
        LineOrigin(number, f"paragraph {number}" + (f", {where}" if where else ""))
        for number, (_, where) in enumerate(paragraphs, start=1)
    )
    return Document("\n".join(lines) + "\n", "plain", origins=origins)


def _paragraphs(container: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(text, place) of every paragraph of a document or table cell, tables cell by cell, in order."""
    from docx.table import Table

    tables = 0
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            # A merged cell appears once per grid position it spans: read it once. The cell elements
            # themselves are kept alive (lxml proxies that die free their ids for reuse), so ids are safe.
            kept: list[Any] = []
            seen: set[int] = set()
            for row_number, row in enumerate(block.rows, start=1):
                for cell_number, cell in enumerate(row.cells, start=1):
                    if id(cell._tc) in seen:
                        continue
                    kept.append(cell._tc)
                    seen.add(id(cell._tc))
                    place = f"table {tables} row {row_number} cell {cell_number}"
                    yield from _paragraphs(cell, f"{where} > {place}" if where else place)
        else:
            yield _heading_mark(block) + _visible_text(block), where


def _heading_mark(paragraph: Any) -> str:
    """ "# " (one "#" per level) for a paragraph in Word's Title or Heading styles: a heading, as in Markdown,
    which the layout reads as a heading (never said), not as the call's first words."""
    style = getattr(getattr(paragraph, "style", None), "name", "") or ""
    found = re.fullmatch(r"(?i)(title|heading\s*([1-6]))", style.strip())
    if found is None:
        return ""
    return "#" * (int(found.group(2)) if found.group(2) else 1) + " "


def _visible_text(paragraph: Any) -> str:
    """The paragraph's text without hidden runs (Word's "hidden" font): what the caller is shown."""
    from docx.text.run import Run

    parts: list[str] = []
    for item in paragraph.iter_inner_content():
        runs = [item] if isinstance(item, Run) else list(getattr(item, "runs", []))
        parts.extend(run.text for run in runs if not run.font.hidden)
    return "".join(parts)
