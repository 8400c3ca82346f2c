"""The paths of one script, as rules query them: searches answered over all paths, and variants.

A search ("is this said on every path, how early at the latest, which paths lack it?") runs the
interpreter with a collector that keeps only what the answer needs, so it stays exact and cheap for
templates with many independent branches. Variants (the whole text of each path) are for small
templates and for tests.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import regex
from jinja2 import Environment

from scriptlint.analysis.closing import ClosingCollector, ClosingState
from scriptlint.analysis.collectors import SearchCollector, SearchState, TextCollector, TextState
from scriptlint.analysis.conditions import ChoiceTable
from scriptlint.analysis.facts import NO_FACTS, Fact, Facts, freeze
from scriptlint.analysis.frames import PathState
from scriptlint.analysis.interpreter import Interpreter
from scriptlint.analysis.jinja import ParsedTemplate, TemplateProblem
from scriptlint.analysis.plain_text import plain_ast
from scriptlint.analysis.prefilter import Fragments, cannot_say, fragments
from scriptlint.analysis.profile import Paired, Profile, ProfileCollector
from scriptlint.analysis.shared import SharedCache
from scriptlint.analysis.spoken import Variant
from scriptlint.analysis.trails import ConditionBuilder
from scriptlint.model import DEFAULT_WORDS_PER_MINUTE
from scriptlint.model.answers import Location, MissingPath, Occurrence, PathSearch
from scriptlint.model.manifest import Manifest

TARGET_STATE = "target_state"
# A pattern that never matches: its search tells only where each path ends.
_NEVER = regex.compile(r"(?!)")
_OVER_TIME = "the analysis of this file took longer than its time budget"


class _Nothing:
    """A collector that gathers nothing: one walk to find what cannot be followed, before any rule runs."""

    def start(self) -> None:
        return None

    def feed(self, state: None, piece: Any) -> None:
        return None

    def key(self, state: None) -> Hashable:
        return None

    def merge(self, first: None, second: None) -> None:
        return None

    def settled(self, state: None) -> bool:
        return False


@dataclass
class PathAnalysis:
    """Every path of one script for one run; searches are computed on demand and cached."""

    environment: Environment
    template: ParsedTemplate
    display: str
    base: Mapping[str, Any]
    display_of: Callable[[str], str]
    target_states: tuple[str, ...] = ()
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE
    # time.monotonic() after which every analysis of this script stops with SL04 (the per-file budget).
    deadline: float | None = None
    _searches: dict[tuple[Any, ...], PathSearch] = field(default_factory=dict, repr=False)
    _every: dict[tuple[Any, ...], tuple[Occurrence, ...]] = field(default_factory=dict, repr=False)
    _sayable: dict[str, bool] = field(default_factory=dict, repr=False)
    _shared: SharedCache = field(default_factory=SharedCache, repr=False)
    # Whether a fuzzy pattern's search ran out of time in some search (answers then are not cached).
    timed_out: bool = field(default=False, repr=False)
    # What every spoken character comes from (False when the templates can make up words).
    _fragments: Fragments | bool | None = field(default=None, repr=False)

    @classmethod
    def of_text(
        cls, environment: Environment, text: str, display: str, *, conventions: bool = True, **kwargs: Any
    ) -> PathAnalysis:
        """The paths of a plain-text document (not a template): response labels and voicemail sections
        start alternatives (docs/documents.md) unless `conventions` is off (a transcript: one path)."""
        # The document's end ends its last line (for stage directions standing on it).
        text = text if text.endswith("\n") or not text else text + "\n"
        try:
            ast, offsets = plain_ast(text, conventions=conventions, deadline=kwargs.get("deadline"))
        except OutOfTime:
            raise TemplateProblem(
                "SL04", "the analysis of this file took longer than its time budget", 1, timing=True
            ) from None
        line_starts = [0, *(i + 1 for i, char in enumerate(text) if char == "\n")]
        parsed = ParsedTemplate(name=display, source=text, ast=ast, offsets=offsets, line_starts=line_starts)
        return cls(environment, parsed, display, {}, lambda path: path, **kwargs)

    def dependencies(self) -> dict[str, str | None]:
        """The templates the analyses looked up (as written under the root, so a repointed symbolic link
        counts) with the SHA-256 of their bytes when read, None for those that did not exist."""
        root = getattr(self.environment.loader, "root", None)
        if root is None:
            return {}
        return {os.path.join(root, name): digest for name, digest in self._shared.digests.items()}

    def filled(self, manifest: Manifest, declared: Mapping[str, tuple[str, ...]] | None = None) -> PathAnalysis:
        """This analysis with the merge fields that name the candidate or the sponsor ("(name of
        candidate)", "%%committee_name%%") given the manifest's names; values from `vars` win. Call before
        any search."""
        fields: Mapping[str, str] = getattr(self.template.ast, "scriptlint_fields", {})
        roles = {name: role for name, written in fields.items() if (role := role_of(written, declared))}
        self.base = {**role_values(roles, *merge_names(manifest)), **self.base}
        return self

    def unknown_names(self) -> list[tuple[str, str, str, int]]:
        """(kind, name, file shown, line) of each filter and test Jinja does not define, first use only, in
        this template and in those the walk reached (call `check` first)."""
        found: dict[tuple[str, str], tuple[str, str, str, int]] = {}
        for parsed in [self.template, *self._shared.templates.values()]:
            shown = self.display if parsed is self.template else self.display_of(parsed.name)
            for kind, name, line in parsed.unknown_names:
                found.setdefault((kind, name), (kind, name, shown, line))
        return list(found.values())

    def unknown_names_note(self, filters: tuple[str, ...], tests: tuple[str, ...]) -> tuple[int, str] | None:
        """The line and message of the note naming the filters and tests not declared (`jinja-filters`,
        `jinja-tests`) that Jinja does not define, or None."""
        declared = {"filter": filters, "test": tests}
        unknown = [item for item in self.unknown_names() if item[1] not in declared[item[0]]]
        if not unknown:
            return None
        named = ", ".join(
            f"{kind} {name!r} (line {line})" if shown == self.display else f"{kind} {name!r} ({shown}, line {line})"
            for kind, name, shown, line in unknown
        )
        first = next((line for _, _, shown, line in unknown if shown == self.display), 1)
        return first, (
            f"Jinja does not define {named}: the renderer's own, so their values were taken as unknown text"
            " (declare them with 'jinja-filters' or 'jinja-tests' in the configuration)"
        )

    def check(self) -> None:
        """Walk every path once; raise TemplateProblem for includes, cycles or limits it cannot follow."""
        self._run(_Nothing(), None)

    def search(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        *,
        after: int = 0,
        within: int | None = None,
        target_state: str | None = None,
        timeout: float | None = None,
        literals: tuple[str, ...] | None = None,
        required: tuple[str, ...] | None = None,
        profile: Profile | None = None,
    ) -> PathSearch:
        """First occurrence of `pattern` (matches at most `max_chars` long) on every path.

        `after` asks for that many characters of what each path says right after its match;
        `within` counts only matches that start within the first that many spoken words (a path
        without one is "missing", ending where its opening ends). With a `profile`, the paths that
        lack the pattern are told apart by it (each missing path names its label).
        """
        key = (pattern.pattern, pattern.flags, max_chars, after, within, target_state, _profile_key(profile))
        sayable = literals if literals is not None else required
        if key not in self._searches and sayable is not None and self._cannot_say(sayable):
            self._searches[key] = self._never_said(within, target_state, profile)
        if key not in self._searches:
            table = ChoiceTable()
            collector = SearchCollector(pattern, max_chars, after, within, timeout, literals, self.deadline)
            profiler = ProfileCollector(profile, self.deadline) if profile is not None else None
            interpreter = self._interpreter(Paired(collector, profiler) if profiler else collector, table)
            states = self._walk(interpreter, target_state)
            self.timed_out = self.timed_out or collector.timed_out
            answer = self._answer(states, table, profiler)
            self._searches[key] = replace(answer, approximate=interpreter.approximate)
        return self._searches[key]

    def search_closing(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        *,
        last: int,
        opening: int | None = None,
        target_state: str | None = None,
        literals: tuple[str, ...] | None = None,
    ) -> PathSearch:
        """Whether every path says `pattern` within its last `last` spoken words (or, with `opening`, within
        its first `opening` words instead); the paths that do not are "missing", ending where they end."""
        if literals is not None and self._cannot_say(literals):
            return self._never_said(None, target_state, None)
        key = ("closing", pattern.pattern, pattern.flags, max_chars, last, opening, target_state)
        if key not in self._searches:
            table = ChoiceTable()
            collector = ClosingCollector(pattern, max_chars, last, opening, literals, self.deadline)
            interpreter = self._interpreter(collector, table)
            states = self._walk(interpreter, target_state)
            self.timed_out = self.timed_out or collector.timed_out
            passing = [state for state in states if collector.passes(state.collected)]
            failing = [state for state in states if not collector.passes(state.collected)]
            # A path that says it: the answer's "found" (its place is not what this question asks).
            said = Occurrence(0, 0.0, None, "") if passing else None
            missing, truncated = _missing_paths(failing, table, None, False) if failing else ([], False)
            answer = PathSearch(said, said, tuple(missing), truncated, approximate=interpreter.approximate)
            self._searches[key] = answer
        return self._searches[key]

    def search_all(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        *,
        after: int = 0,
        timeout: float | None = None,
        required: tuple[str, ...] | None = None,
    ) -> tuple[Occurrence, ...]:
        """Every occurrence of `pattern` on any path, in source order, each with up to `after` characters of
        what its path says next (see scriptlint.analysis.occurrences)."""
        key = ("every", pattern.pattern, pattern.flags, max_chars, after)
        if key not in self._every:
            if required is not None and self._cannot_say(required):
                self._every[key] = ()
                return ()
            collector = EveryCollector(pattern, max_chars, after, timeout, self.deadline)
            states = self._walk(self._interpreter(collector, ChoiceTable()), None)
            for state in states:
                collector.finish(state.collected)
            self.timed_out = self.timed_out or collector.timed_out
            found = [
                replace(o, seconds=o.words_before * 60.0 / self.words_per_minute) for o in collector.found.values()
            ]
            found.sort(key=lambda o: (o.in_linted_file(), o.words_before, o.text))
            self._every[key] = tuple(found)
        return self._every[key]

    def may_say(self, phrase: str) -> bool:
        """Whether some path may say every word of this phrase (True when the templates can make up words)."""
        if phrase not in self._sayable:
            self._sayable[phrase] = not self._cannot_say((phrase,))
        return self._sayable[phrase]

    def _cannot_say(self, literals: tuple[str, ...]) -> bool:
        """Whether no path can say any of these phrases (see scriptlint.analysis.prefilter)."""
        if self._fragments is None:
            templates = [self.template, *self._shared.templates.values()]
            known = {**self.base, TARGET_STATE: " ".join(self.target_states)}
            try:
                self._fragments = fragments((t.ast for t in templates), known) or False
            except RecursionError:
                raise TemplateProblem("SL04", "the template is nested too deeply to follow", 1) from None
        return isinstance(self._fragments, Fragments) and cannot_say(self._fragments, literals)

    def _never_said(self, within: int | None, target_state: str | None, profile: Profile | None) -> PathSearch:
        """The answer for a pattern no path says: every path missing, each ending where it ends."""
        key = ("never said", within, target_state, _profile_key(profile))
        if key not in self._searches:
            self._searches[key] = self.search(
                _NEVER, 1, within=within, target_state=target_state, literals=None, profile=profile
            )
        return self._searches[key]

    def variants(self, *, target_state: str | None = None) -> tuple[Variant, ...]:
        """The whole text of every distinct path (raises TemplateProblem beyond the state limit)."""
        table = ChoiceTable()
        variants = []
        states = self._run(TextCollector(), target_state, table)
        builder = ConditionBuilder(table, self._check_deadline)
        for state in states:
            collected: TextState = state.collected
            conditions = list(builder.conditions(state.trail).describe(table))
            condition = None if None in conditions else ", or ".join(c for c in conditions if c)
            variants.append(Variant(collected.pieces, condition, self.words_per_minute))
        return tuple(sorted(variants, key=lambda v: (v.condition or "", v.text)))

    def _run(self, collector: Any, target_state: str | None, table: ChoiceTable | None = None) -> list[PathState]:
        return self._walk(self._interpreter(collector, table or ChoiceTable()), target_state)

    def _walk(self, interpreter: Interpreter, target_state: str | None) -> list[PathState]:
        """Every path's final state; a template nested too deeply for Python's stack is SL04 here, so that
        a RecursionError a rule meets is the rule's own (SL06)."""
        base, facts = self._knowledge(target_state)
        try:
            return interpreter.run(self.template, self.display, base, facts)
        except RecursionError:
            raise TemplateProblem("SL04", "the template is nested too deeply to follow", 1) from None

    def _interpreter(self, collector: Any, table: ChoiceTable) -> Interpreter:
        return Interpreter(self.environment, collector, table, self.display_of, self.deadline, self._shared)

    def _knowledge(self, target_state: str | None) -> tuple[dict[str, Any], Facts]:
        """Manifest values, plus `target_state`: the one asked for, the only one, or one of several."""
        base = dict(self.base)
        if TARGET_STATE in base:
            return base, NO_FACTS
        states = (target_state,) if target_state else self.target_states
        if len(states) == 1:
            base[TARGET_STATE] = states[0]
            return base, NO_FACTS
        if states:
            return base, freeze({TARGET_STATE: Fact(among=frozenset(states))})
        return base, NO_FACTS

    def _answer(self, states: list[PathState], table: ChoiceTable, profiler: ProfileCollector | None) -> PathSearch:
        occurrences: list[tuple[Occurrence, Occurrence]] = []
        open_states: dict[str | None, list[PathState]] = {}
        for state in states:
            collected: SearchState = state.collected[0] if profiler else state.collected
            if collected.earliest is not None and collected.latest is not None:
                occurrences.append(
                    (self._occurrence(collected.earliest, collected), self._occurrence(collected.latest, collected))
                )
            else:
                label = profiler.label(state.collected[1]) if profiler else None
                open_states.setdefault(label, []).append(state)
        earliest = min((pair[0] for pair in occurrences), key=lambda o: o.words_before, default=None)
        latest = max((pair[1] for pair in occurrences), key=lambda o: o.words_before, default=None)
        distinct = tuple(sorted((pair[1] for pair in occurrences), key=lambda o: (o.words_before, o.text, o.after)))
        if not open_states:
            return (), False
        # At the end of the template what a path said last no longer matters: join the open paths, so
        # that a choice whose every branch lacks the pattern drops out of the condition.
        builder = ConditionBuilder(table, self._check_deadline)
        owns = [builder.conditions(state.trail) for state in open_states]
        joined = owns[0]
        for own in owns[1:]:
            joined = builder.join_conditions([joined, own])
        missing = []
        for alternative, words in zip(joined.ordered(), joined.describe(table), strict=True):
            ends = [
                _end(state) for state, own in zip(open_states, owns, strict=True)
                if any(alternative <= alternatives for alternatives in own.alternatives)
            ]  # fmt: skip
            known_ends = [end for end in ends if end is not None]
            end = max(known_ends, key=lambda loc: (loc.in_linted_file(), loc.line, loc.column), default=None)
            missing.append(MissingPath(words, end))
        missing.sort(key=lambda m: (m.end.in_linted_file() if m.end else (0, 0), m.condition or ""))
        return PathSearch(earliest, latest, tuple(missing), truncated, distinct)

    def _check_deadline(self) -> None:
        """Stop (SL04) once the file's time budget has run out."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TemplateProblem("SL04", "the analysis of this file took longer than its time budget", 1, timing=True)

    def _occurrence(self, mark: Any, collected: SearchState) -> Occurrence:
        seconds = mark.words_before * 60.0 / self.words_per_minute
        return Occurrence(
            mark.words_before, seconds, mark.location, collected.matched_text, collected.after, collected.slots
        )


def _missing_paths(
    states: list[PathState], table: ChoiceTable, label: str | None, paired: bool
) -> tuple[list[MissingPath], bool]:
    """The paths (of one profile) that lack the pattern, by condition, each with where it ends."""
    # At the end of the template what a path said last no longer matters: join the open paths, so
    # that a choice whose every branch lacks the pattern drops out of the condition.
    joined = states[0].conditions
    for state in states[1:]:
        joined = joined.join(state.conditions, table)
    missing = []
    for alternative, words in zip(joined.ordered(), joined.describe(table), strict=True):
        ends = [
            _end(state, paired) for state in states
            if any(alternative <= own for own in state.conditions.alternatives)
        ]  # fmt: skip
        known_ends = [end for end in ends if end is not None]
        end = max(known_ends, key=lambda loc: (loc.in_linted_file(), loc.line, loc.column), default=None)
        missing.append(MissingPath(words, end, label))
    return missing, joined.truncated


def _profile_key(profile: Profile | None) -> tuple[Any, ...] | None:
    return None if profile is None else (profile.pattern.pattern, profile.pattern.flags, profile.within)


def _end(state: PathState, paired: bool = False) -> Location | None:
    """Where the last spoken word of an open search path comes from."""
    collected: SearchState | ClosingState = state.collected[0] if paired else state.collected
    if collected.last_word is None:
        return None
    piece, offset = collected.last_word
    return piece.location(offset)
