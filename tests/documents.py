"""Real vendor documents written by the tests: Word (python-docx), PDF (by hand), ZIP, WebVTT and SubRip."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path


def write_docx(
    path: Path, paragraphs: Sequence[str], table: Sequence[Sequence[str]] = (), headings: Sequence[int] = ()
) -> Path:
    """A Word document: the paragraphs (those whose index is in `headings` in Word's "Heading 1" style),
    then (if given) a table of the cells' text."""
    import docx

    document = docx.Document()
    for index, text in enumerate(paragraphs):
        if index in headings:
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for row_number, row in enumerate(table):
            for cell_number, text in enumerate(row):
                grid.cell(row_number, cell_number).text = text
    document.save(str(path))
    return path


def pdf_bytes(pages: Sequence[Sequence[str]]) -> bytes:
    """A minimal PDF, one text line per entry of each page (Helvetica, standard encoding)."""
    objects: list[bytes] = []
    page_ids = [3 + 2 * index for index in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for index, lines in enumerate(pages):
        content_id = page_ids[index] + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R"
            f" /Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        commands = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            commands.append(f"({escaped}) Tj T*")
        commands.append("ET")
        stream = "\n".join(commands).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return _pdf_file(objects)


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    """A ZIP archive of the members (text is UTF-8 encoded), deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()


def vtt(cues: Sequence[tuple[float, float, str]]) -> str:
    """A WebVTT transcript of (start, end, text) cues."""
    blocks = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        blocks += [str(number), f"{_time(start, '.')} --> {_time(end, '.')}", text, ""]
    return "\n".join(blocks)


def srt(cues: Sequence[tuple[float, float, str]]) -> str:
    """A SubRip transcript of (start, end, text) cues."""
    blocks = []
    for number, (start, end, text) in enumerate(cues, start=1):
        blocks += [str(number), f"{_time(start, ',')} --> {_time(end, ',')}", text, ""]
    return "\n".join(blocks)


def _time(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}{separator}{millis % 1000:03d}"


def docx_with_paragraphs(path: Path, count: int, text: str = "") -> Path:
    """A Word document of `count` paragraphs (the body written directly: python-docx would take minutes)."""
    import re

    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(write_docx(path, ["placeholder"])) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" if text else "<w:p/>"
                body = paragraph * count
                data = re.sub(rb"<w:body>.*?<w:sectPr", b"<w:body>" + body.encode() + b"<w:sectPr", data, flags=re.S)
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())
    return path


def pdf_reusing_one_stream(repeats: int, lines: int) -> bytes:
    """A small PDF whose one page draws the same compressed content stream `repeats` times: cheap to store,
    very long to extract (the stream holds `lines` text lines)."""
    import zlib

    commands = ["BT", "/F1 11 Tf", "14 TL", "72 720 Td"] + ["(Paid for by nobody at all) Tj T*"] * lines + ["ET"]
    stream = zlib.compress("\n".join(commands).encode("latin-1"), 9)
    contents = " ".join(["4 0 R"] * repeats)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [{contents}]"
        " /Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of these numbered objects (1 is the catalogue), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()
