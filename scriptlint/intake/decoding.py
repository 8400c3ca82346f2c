"""From bytes to text: UTF-8 decoding with clear errors, line endings, and the digests the result cache keys on."""

from __future__ import annotations

from pathlib import Path

from scriptlint.model import UnreadableDocument


def digest(data: bytes) -> str:
    """The SHA-256 of some bytes, in hex: how the result cache tells contents apart."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def file_digest(path: str | Path) -> str | None:
    """The digest of a file's bytes, or None when it does not exist (or cannot be read)."""
    try:
        with open(path, "rb") as handle:
            return digest(handle.read())
    except OSError:
        return None


# Office formats scriptlint does not read, told by their first bytes (a file's name may say .txt): what each
# is, so the message can say what to do instead of "binary file".
_OTHER_FORMATS = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office 97-2003 file (.doc, .xls)"),
    (b"{\\rtf", "a Rich Text Format (.rtf) document"),
    (b"PK\x03\x04", "a ZIP-based office file (OpenDocument .odt, Pages...)"),
)
SAVE_AS = "save it as .docx, .pdf or UTF-8 .txt, which scriptlint reads"


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) and normalise CRLF and CR to LF; raise UnreadableDocument."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableDocument("the file is UTF-16 text; save it as UTF-8")
    for magic, kind in _OTHER_FORMATS:
        if data.startswith(magic):
            raise UnreadableDocument(
                f"this is {kind}, a format scriptlint cannot read, so this script was not checked: {SAVE_AS}"
            )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise UnreadableDocument(f"binary file: NUL byte at line {line}; a call script must be UTF-8 text", line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        raise UnreadableDocument(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}, column {column} (save the file as UTF-8)",
            line,
            column,
        ) from None
    # Jinja counts \r\n, \r and \n as line breaks; so do we, so that line numbers agree.
    return text.replace("\r\n", "\n").replace("\r", "\n")
