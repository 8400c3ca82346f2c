"""Every distinct path of a script as the caller would speak it, with the disclosures said on it (`scriptlint paths`).

A compliance reviewer reading a vendor's template cannot see what a caller will say on each branch; this
shows it: the path's condition in the words findings use, the text with what is not spoken and the
placeholders marked, its length in words and seconds, and where each statement the rules look for is said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from scriptlint.analysis.jinja import TemplateProblem
from scriptlint.analysis.queries import blank_run_end
from scriptlint.model import RunContext
from scriptlint.model.path_views import PathView, Said, ScriptView, Segment
from scriptlint.run.guard import limited
from scriptlint.run.parallel import Job
from scriptlint.run.scripts import load_scripts

if TYPE_CHECKING:
    from scriptlint.model import Finding, Script, SpokenPath
    from scriptlint.model.disclosures import Disclosure
    from scriptlint.model.path_views import SegmentKind
    from scriptlint.model.settings import Settings
    from scriptlint.run.context import Run
    from scriptlint.run.results import Watch

# Paths listed per script by default; the rest are counted.
DEFAULT_LIMIT = 20
SLOT = "\ue000"


def view_job(limit: int = DEFAULT_LIMIT) -> Job[list[ScriptView]]:
    """Showing the paths of each file, as a job for the supervised workers (scriptlint.run.parallel): within the
    file's limits, a file that cannot be shown gets a view holding the finding that says why."""

    def work(run: Run, path: Path, settings: Settings, watch: Watch) -> list[ScriptView]:
        return limited(run, path, settings, watch, lambda: view_file(run, path, settings, watch, limit), shown)

    def shown(finding: Finding) -> list[ScriptView]:
        return [ScriptView(finding.path, problems=(finding,))]

    return Job(work, lambda run, path, finding: shown(finding))


def view_file(run: Run, path: Path, settings: Settings, watch: Watch, limit: int = DEFAULT_LIMIT) -> list[ScriptView]:
    """The path views of one file on disk (an archive: one view per member)."""
    views = []
    for loaded in load_scripts(run, path, settings, watch):
        if loaded.script is None:
            views.append(ScriptView(loaded.display, problems=loaded.problems, lines=loaded.lines))
            continue
        watch.enter("listing the paths of the script")
        context = RunContext(settings, lambda: run.packs)
        disclosures = run.plugins.disclosures(script=loaded.script, context=context)
        try:
            view = view_script(loaded.script, disclosures, limit, loaded.problems)
            views.append(replace(view, lines=loaded.lines))
        except TemplateProblem as exc:
            problem = run.rules[exc.code].at(loaded.display, exc.message, line=exc.line, column=exc.column)
            views.append(ScriptView(loaded.display, problems=(*loaded.problems, problem), lines=loaded.lines))
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
    marks: list[tuple[int, int, str]] = []
    for disclosure in disclosures:
        match = disclosure.pattern.search(variant.spoken)
        if match is None:
            continue
        word = _word_index(variant, match.start()) + 1
        text = " ".join(_shown(variant, match.start(), match.end()).split())
        said.append(Said(disclosure.name, word, (word - 1) * 60.0 / words_per_minute, text))
        marks.append((match.start(), match.end(), disclosure.name))
    said.sort(key=lambda s: (s.word, s.name))
    segments = _segments(variant, sorted(marks))
    return PathView(variant.condition, segments, words, words * 60.0 / words_per_minute, tuple(said))


def _shown(variant: SpokenPath, start: int, end: int) -> str:
    """The text of a span, placeholders shown by their expression."""
    return "".join(
        f"⟨{variant.slot_at(offset) or '…'}⟩" if variant.spoken[offset] == SLOT else variant.text[offset]
        for offset in range(start, end)
    )


def _word_index(variant: SpokenPath, offset: int) -> int:
    return sum(1 for start, _ in variant.words if start < offset)


def _segments(variant: SpokenPath, marks: Sequence[tuple[int, int, str]] = ()) -> tuple[Segment, ...]:
    """The path's text cut where it changes between spoken, unspoken and placeholder (unspoken text and
    placeholders are blanked in the spoken form, a placeholder keeping one marker character), and where a
    disclosure (`marks`: start, end, name, in spoken offsets) begins or ends."""
    text, spoken = variant.text, variant.spoken
    segments: list[Segment] = []
    position = 0
    while position < len(text):
        mark = _mark_at(marks, position)
        if spoken[position] == SLOT or (spoken[position] == " " and not text[position].isspace()):
            end = blank_run_end(text, spoken, position + 1)
            slot = variant.slot_at(position) if spoken[position] == SLOT else None
            kind: SegmentKind = "placeholder" if spoken[position] == SLOT else "unspoken"
            segments.append(Segment(kind, slot if slot is not None else text[position:end], mark))
            position = end
            continue
        end = position + 1
        while (
            end < len(text)
            and spoken[end] != SLOT
            and not (spoken[end] == " " and not text[end].isspace())
            and _mark_at(marks, end) == mark
        ):
            end += 1
        segments.append(Segment("spoken", text[position:end], mark))
        position = end
    return tuple(segments)


def _mark_at(marks: Sequence[tuple[int, int, str]], offset: int) -> str | None:
    """The first disclosure whose span holds `offset`."""
    return next((name for start, end, name in marks if start <= offset < end), None)
