"""PDF documents (.pdf): the text of each page, in order; a finding names the page and the line in it.

A PDF without a text layer (a scanned image) or one that cannot be opened without a password cannot
be checked, and says so (SL01): nothing in it was verified, so it must not pass silently.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from scriptlint.markers import hookimpl
from scriptlint.model import Document, LineOrigin, UnreadableDocument, UnsafeDocument, check_extraction

# Pages beyond this are not read: a call script is a few pages, a 10,000-page PDF is an attack.
MAX_PAGES = 200


def _page_text(page: Any) -> str:
    """A page's text in layout mode, which keeps the blank lines between paragraphs (they end a labelled
    alternative, docs/documents.md); the plain mode when layout extraction fails on an odd page."""
    try:
        return str(page.extract_text(extraction_mode="layout") or "")
    except Exception:  # pypdf's layout mode is newer and stricter; the plain mode reads more files
        return str(page.extract_text() or "")


@hookimpl
def scriptlint_load_document(path: Path, data: bytes, deadline: float | None, max_chars: int) -> Document | None:
    """A .pdf file as text, page after page (stopped at the file's deadline and at the size limit; a page
    that never ends is stopped by the core's timer, docs/security.md)."""
    if path.suffix.lower() != ".pdf":
        return None
    try:
        from pypdf import PdfReader
        from pypdf import errors as pdf_errors
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise UnreadableDocument("pypdf is not installed: cannot read .pdf files") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("the PDF is encrypted: save an unprotected copy to check it")
        if len(reader.pages) > MAX_PAGES:
            raise UnreadableDocument(f"the PDF has {len(reader.pages):,} pages, over the limit of {MAX_PAGES}")
        pages: list[str] = []
        chars = 0
        for page in reader.pages:
            check_extraction(deadline, chars, max_chars)
            pages.append(_page_text(page))
            chars += len(pages[-1]) + 1
        check_extraction(deadline, chars, max_chars)
    except (UnreadableDocument, UnsafeDocument):
        raise
    except getattr(pdf_errors, "LimitReachedError", ()) as exc:  # pypdf's guard against decompression bombs
        raise UnsafeDocument(f"the PDF is over pypdf's limits (a decompression bomb?): {exc}") from None
    except Exception as exc:  # pypdf raises many kinds on broken or hostile files: none is our bug
        raise UnreadableDocument(f"cannot read the PDF: {type(exc).__name__}: {exc}") from None
    lines: list[str] = []
    origins: list[LineOrigin] = []
    for page_number, text in enumerate(pages, start=1):
        page_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        # A reader counts the lines of text on the page, not the blank lines layout extraction adds for spacing.
        shown = 0
        for line in page_lines:
            if not line.strip() and lines and not lines[-1]:
                continue  # layout mode spaces paragraphs with runs of blank lines: one keeps the break
            shown += 1 if line.strip() else 0
            lines.append(line.rstrip())
            origins.append(LineOrigin(len(lines), f"page {page_number}, line {max(shown, 1)}"))
        if page_number < len(pages) and lines:
            # A page break ends a labelled alternative, like a blank line (docs/conventions.md); the form
            # feed keeps every line where it was.
            lines[-1] += "\f"
    if not any(line.strip() for line in lines):
        raise UnreadableDocument("the PDF has no text layer (a scanned image?): run OCR on it before checking")
    return Document("\n".join(lines) + "\n", "plain", origins=tuple(origins))
