"""Every distinct path of a script as the caller would speak it, with the disclosures said on it (`scriptlint paths`).

A compliance reviewer reading a vendor's template cannot see what a caller will say on each branch; this
shows it: the path's condition in the words findings use, the text with what is not spoken and the
placeholders marked, its length in words and seconds, and where each statement the rules look for is said.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.analysis.queries import blank_run_end
from scriptlint.model import Finding, RunContext, Script, SpokenPath
from scriptlint.model.disclosures import Disclosure
from scriptlint.model.settings import Settings
from scriptlint.run.context import Run
from scriptlint.run.one_file import load_scripts

# Paths listed per script by default; the rest are counted.
DEFAULT_LIMIT = 20
SLOT = "\ue000"

SegmentKind = Literal["spoken", "unspoken", "placeholder"]


@dataclass(frozen=True)
class Segment:
    """A run of one path's text: said aloud, not said (a stage direction, a comment), or a placeholder."""

    kind: SegmentKind
    text: str


@dataclass(frozen=True)
class Said:
    """Where a path says one disclosure: its name, the word it starts at (1-based), when, and the words."""

    name: str
    word: int
    seconds: float
    text: str


@dataclass(frozen=True)
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
            "segments": [{"kind": s.kind, "text": s.text} for s in self.segments],
            "words": self.words,
            "seconds": round(self.seconds, 1),
            "disclosures": [
                {"name": d.name, "word": d.word, "seconds": round(d.seconds, 1), "text": d.text}
                for d in self.disclosures
            ],
        }


@dataclass(frozen=True)
class ScriptView:
    """The paths of one script (the first `limit` of them, `more` not listed), or why they cannot be shown."""

    path: str
    paths: tuple[PathView, ...] = ()
    more: int = 0
    problems: tuple[Finding, ...] = field(default=())

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


def view_files(run: Run, files: Iterable[tuple[Path, Settings]], limit: int = DEFAULT_LIMIT) -> list[ScriptView]:
    """The path views of files on disk, each with its settings (archives: one view per member)."""
    views = []
    for path, settings in files:
        for loaded in load_scripts(run, path, settings):
            if loaded.script is None:
                views.append(ScriptView(loaded.display, problems=loaded.problems))
                continue
            hook = run.plugins.manager.hook.scriptlint_disclosures
            context = RunContext(settings, lambda: run.packs)
            disclosures = [disclosure for found in hook(script=loaded.script, context=context) for disclosure in found]
            try:
                views.append(view_script(loaded.script, disclosures, limit, loaded.problems))
            except TemplateProblem as exc:
                problem = run.rules[exc.code].at(loaded.display, exc.message, line=exc.line, column=exc.column)
                views.append(ScriptView(loaded.display, problems=(*loaded.problems, problem)))
    return views


def view_script(
    script: Script, disclosures: Sequence[Disclosure], limit: int = DEFAULT_LIMIT, problems: tuple[Finding, ...] = ()
) -> ScriptView:
    """One script's distinct paths (equal texts are one path), the first `limit` of them shown; raise
    TemplateProblem when the template has more distinct paths than the analysis lists."""
    variants = list(script.variants)
    words_per_minute = getattr(variants[0], "words_per_minute", 150) if variants else 150
    shown = tuple(_view(variant, disclosures, words_per_minute) for variant in variants[:limit])
    return ScriptView(script.path, shown, max(0, len(variants) - limit), problems)


def _view(variant: SpokenPath, disclosures: Sequence[Disclosure], words_per_minute: int) -> PathView:
    words = len(variant.words)
    said = []
    folded = variant.spoken
    for disclosure in disclosures:
        match = disclosure.pattern.search(folded)
        if match is None:
            continue
        word = _word_index(variant, match.start()) + 1
        text = " ".join(_shown(variant, match.start(), match.end()).split())
        said.append(Said(disclosure.name, word, (word - 1) * 60.0 / words_per_minute, text))
    said.sort(key=lambda s: (s.word, s.name))
    return PathView(variant.condition, _segments(variant), words, words * 60.0 / words_per_minute, tuple(said))


def _shown(variant: SpokenPath, start: int, end: int) -> str:
    """The text of a span, placeholders shown by their expression."""
    return "".join(
        f"⟨{variant.slot_at(offset) or '…'}⟩" if variant.spoken[offset] == SLOT else variant.text[offset]
        for offset in range(start, end)
    )


def _word_index(variant: SpokenPath, offset: int) -> int:
    return sum(1 for start, _ in variant.words if start < offset)


def _segments(variant: SpokenPath) -> tuple[Segment, ...]:
    """The path's text cut where it changes between spoken, unspoken and placeholder: unspoken text and
    placeholders are blanked in the spoken form (a placeholder keeps one marker character)."""
    text, spoken = variant.text, variant.spoken
    segments: list[Segment] = []
    position = 0
    while position < len(text):
        blanked = spoken[position] == " " and not text[position].isspace()
        if spoken[position] == SLOT or blanked:
            end = blank_run_end(text, spoken, position + 1)
            if spoken[position] != SLOT:
                segments.append(Segment("unspoken", text[position:end]))
            else:
                slot = variant.slot_at(position)
                segments.append(Segment("placeholder", slot if slot is not None else text[position:end]))
            position = end
            continue
        end = position + 1
        while end < len(text) and spoken[end] != SLOT and not (spoken[end] == " " and not text[end].isspace()):
            end += 1
        segments.append(Segment("spoken", text[position:end]))
        position = end
    return tuple(segments)
