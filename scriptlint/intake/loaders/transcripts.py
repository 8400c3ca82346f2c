"""Timed call transcripts, WebVTT (.vtt) and SubRip (.srt): what was said on a recorded call, and when.

The text is the cues' text in order (voice and styling tags removed), one line per cue line; each line
keeps its cue's start and end, so "within the first 30 seconds" is checked against the recording, a
word's time being interpolated by its position in its cue. Findings point at the cue's line in the
transcript file and name the cue and its start time.
"""

from __future__ import annotations

import re
from pathlib import Path

from scriptlint.intake.decoding import decode
from scriptlint.markers import hookimpl
from scriptlint.model import Cue, Document, LineOrigin, UnreadableDocument, check_extraction
from scriptlint.model.records import record

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
# A tag holds no '<' (so a line of a thousand '<' is read in one pass, not one pass per '<').
_TAG = re.compile(r"<[^<>\n]*>")
_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]")


@record
class _Cue:
    number: int
    start: float
    end: float
    lines: list[tuple[int, str]]


@hookimpl
def scriptlint_load_document(path: Path, data: bytes, deadline: float | None) -> Document | None:
    """A .vtt or .srt transcript as its cues' text, with their times."""
    suffix = path.suffix.lower()
    if suffix not in (".vtt", ".srt"):
        return None
    text = decode(data)
    lines = text.split("\n")
    if suffix == ".vtt" and not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        raise UnreadableDocument("not a WebVTT file: the first line must start with WEBVTT")
    cues = _cues(lines, deadline)
    if not cues:
        raise UnreadableDocument("the transcript has no cues (no 'start --> end' timing lines)")
    if not any(cue.lines for cue in cues):
        raise UnreadableDocument("the transcript's cues hold no text: nothing said could be checked")
    return _document(cues)


def _cues(lines: list[str], deadline: float | None) -> list[_Cue]:
    """Every cue: its timing line's times and the text lines after it, up to a blank line."""
    import html

    cues: list[_Cue] = []
    current: _Cue | None = None
    for index, line in enumerate(lines):
        if index % 1024 == 0:
            check_extraction(deadline)
        timing = _TIMING.match(line)
        if timing is not None:
            start, end = _seconds(timing.groups()[:4]), _seconds(timing.groups()[4:])
            if end < start:
                raise UnreadableDocument(f"cue timing ends before it starts: {line.strip()!r}", index + 1)
            current = _Cue(len(cues) + 1, start, end, [])
            cues.append(current)
        elif not line.strip():
            current = None
        elif current is not None:
            # An encoded line break (&#10;) must not become a line of its own: lines map to cues.
            spoken = _BREAKS.sub(" ", html.unescape(_TAG.sub("", line))).strip()
            if spoken:
                current.lines.append((index + 1, spoken))
    return cues


def _document(cues: list[_Cue]) -> Document:
    texts: list[str] = []
    origins: list[LineOrigin] = []
    timings: list[Cue | None] = []
    for cue in cues:
        length = sum(len(text) + 1 for _, text in cue.lines)
        offset = 0
        for line, text in cue.lines:
            texts.append(text)
            origins.append(LineOrigin(line, f"cue {cue.number} at {_clock(cue.start)}"))
            timings.append(Cue(cue.start, cue.end, offset, length))
            offset += len(text) + 1
    return Document("\n".join(texts) + "\n", "transcript", origins=tuple(origins), cues=tuple(timings))


def _seconds(parts: tuple[str | None, ...]) -> float:
    hours, minutes, seconds, fraction = parts
    return (
        int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + int(seconds or 0)
        + int((fraction or "0").ljust(3, "0")) / 1000
    )


def _clock(seconds: float) -> str:
    hours, rest = divmod(round(seconds * 1000), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
