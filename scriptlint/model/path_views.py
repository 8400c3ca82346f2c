"""What `scriptlint paths` and the HTML report show of a script: each distinct path as spoken, with the
disclosures said on it (values; computed by scriptlint.run.paths_view)."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Any, Literal

from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.model.findings import Finding

SegmentKind = Literal["spoken", "unspoken", "placeholder"]


@record(frozen=True)
class Segment:
    """A run of one path's text: said aloud, not said (a stage direction, a comment), or a placeholder."""

    kind: SegmentKind
    text: str
    # The disclosure this run of text says (the first one, where two overlap), for highlighting.
    disclosure: str | None = None


@record(frozen=True)
class Said:
    """Where a path says one disclosure: its name, the word it starts at (1-based), when, and the words."""

    name: str
    word: int
    seconds: float
    text: str


@record(frozen=True)
class PathView:
    """One distinct path of a script as spoken."""

    condition: str | None
    segments: tuple[Segment, ...]
    words: int
    seconds: float
    disclosures: tuple[Said, ...]

    @property
    def text(self) -> str:
        """The path's text with unspoken parts in ⟦ ⟧ and placeholders in ⟨ ⟩."""
        marks = {"spoken": ("", ""), "unspoken": ("⟦", "⟧"), "placeholder": ("⟨", "⟩")}
        return "".join(marks[s.kind][0] + s.text + marks[s.kind][1] for s in self.segments)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of one path."""
        return {
            "condition": self.condition,
            "text": self.text,
            "segments": [{"kind": s.kind, "text": s.text, "disclosure": s.disclosure} for s in self.segments],
            "words": self.words,
            "seconds": round(self.seconds, 1),
            "disclosures": [
                {"name": d.name, "word": d.word, "seconds": round(d.seconds, 1), "text": d.text}
                for d in self.disclosures
            ],
        }


@record(frozen=True)
class ScriptView:
    """The paths of one script (the first `limit` of them, `more` not listed), or why they cannot be shown."""

    path: str
    paths: tuple[PathView, ...] = ()
    more: int = 0
    problems: tuple[Finding, ...] = field(default=())
    # The document's text as findings number its lines: (line number, text), several text lines sharing a
    # number where one paragraph of a Word file was extracted as several lines.
    lines: tuple[tuple[int, str], ...] = ()

    def as_text(self) -> str:
        """The text shape: each path's heading, its lines (`|`), and the disclosures said on it (`+`)."""
        out = [self.path]
        out += [f"  {problem.code} line {problem.line}: {problem.message}" for problem in self.problems]
        for number, path in enumerate(self.paths, start=1):
            out.append(
                f"  path {number}: {path.condition or 'every call'} ({path.words} words, about {path.seconds:.0f} s)"
            )
            out += [f"    | {line.rstrip()}" for line in path.text.strip().splitlines() if line.strip()]
            out += [f"    + {s.name}: word {s.word} (about {s.seconds:.0f} s): '{s.text}'" for s in path.disclosures]
            if not path.disclosures:
                out.append("    + no disclosure the rules look for is said on this path")
        if self.more:
            out.append(f"  ... and {self.more} more path(s) not shown (use --limit)")
        return "\n".join(out) + "\n"

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of one script."""
        return {
            "path": self.path,
            "paths": [path.as_dict() for path in self.paths],
            "more_paths": self.more,
            "problems": [problem.as_dict() for problem in self.problems],
        }
