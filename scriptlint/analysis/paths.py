"""The paths of one script, as rules query them: searches answered over all paths, and variants.

The searches ("is this said on every path, how early at the latest, which paths lack it?") are answered
together: the questions the rules will ask are gathered first (see scriptlint.analysis.recording) and
answered in one pass of the interpreter over the template (scriptlint.analysis.tracking), one pass per
target state only when the template reads `target_state`. A question asked later gets a pass of its
own. Every answer is exact, and cheap for templates with many independent branches. Variants (the
whole text of each path) are for small templates and for tests.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field, replace
from typing import TYPE_CHECKING, Any

import regex
from jinja2 import Environment, nodes

from scriptlint.analysis.answering import answer, every_occurrence
from scriptlint.analysis.collectors import TextCollector
from scriptlint.analysis.conditions import ChoiceTable
from scriptlint.analysis.expressions import evaluate
from scriptlint.analysis.facts import NO_FACTS, Fact, freeze
from scriptlint.analysis.frames import Frame
from scriptlint.analysis.interpreter import Interpreter
from scriptlint.analysis.jinja import ParsedTemplate, TemplateProblem
from scriptlint.analysis.layout import OutOfTime
from scriptlint.analysis.merge_fields import merge_names, role_of, role_values
from scriptlint.analysis.plain_text import plain_ast
from scriptlint.analysis.prefilter import Fragments, cannot_say, fragments
from scriptlint.analysis.questions import Question
from scriptlint.analysis.resolution import Resolver
from scriptlint.analysis.shared import SharedCache
from scriptlint.analysis.spoken import Variant
from scriptlint.analysis.states import TooManyStates, without_cycle_collection
from scriptlint.analysis.tracking import Tracker
from scriptlint.analysis.trails import ConditionBuilder
from scriptlint.analysis.tree import find_nodes
from scriptlint.model import DEFAULT_WORDS_PER_MINUTE
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.collectors import TextState
    from scriptlint.analysis.facts import Facts
    from scriptlint.analysis.frames import PathState
    from scriptlint.analysis.profile import Profile
    from scriptlint.model.answers import Occurrence, PathSearch
    from scriptlint.model.manifest import Manifest

TARGET_STATE = "target_state"
_LOADS = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
# A pass for several questions keeping more states apart (their answers interact) is redone one by one.
SPLIT_ABOVE = 1024


@record
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
    _answers: dict[tuple[Any, ...], PathSearch] = field(default_factory=dict, repr=False)
    _every: dict[tuple[Any, ...], tuple[Occurrence, ...]] = field(default_factory=dict, repr=False)
    _sayable: dict[str, bool] = field(default_factory=dict, repr=False)
    # What every spoken character comes from (False when the templates can make up words).
    _fragments: Fragments | bool | None = field(default=None, repr=False)
    _shared: SharedCache = field(default_factory=SharedCache, repr=False)
    # Whether a fuzzy pattern's search ran out of time in some search (answers then are not cached).
    timed_out: bool = field(default=False, repr=False)
    # Whether the templates read `target_state` (else every target state has the same paths).
    _reads_target_state: bool | None = field(default=None, repr=False)
    # This template and every one it loads, once looked for.
    _loaded: list[ParsedTemplate] | None = field(default=None, repr=False)
    # Whether a pass has walked every path (and so found anything that cannot be followed).
    _walked: bool = field(default=False, repr=False)
    # How many passes were run (for tests and benchmarks).
    passes: int = field(default=0, repr=False)
    # Questions learnt ahead but left to the real run (costly ones): answered with a question it asks that
    # is matched the same way (two rules asking for the same near misses, one by language: one pass).
    _later: list[Question] = field(default_factory=list, repr=False)

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
        """Walk every path once (unless a pass already has); raise TemplateProblem for includes, cycles
        or limits it cannot follow."""
        if not self._walked:
            self._pass([], None)

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
        question = Question(pattern, max_chars, after, within, target_state, timeout, literals)
        question = replace(question, required=required, profile=profile)
        self.prepare([question])
        return self._answers[question.key]

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
        what its path says next."""
        question = Question(pattern, max_chars, after, timeout=timeout, required=required, every=True)
        self.prepare([question])
        return self._every[question.key]

    def may_say(self, phrase: str) -> bool:
        """Whether some path may say every word of this phrase (True when the templates can make up words)."""
        if phrase not in self._sayable:
            self._sayable[phrase] = not self._cannot_say((phrase,))
        return self._sayable[phrase]

    def sayable_letters(self) -> frozenset[str] | None:
        """Every character some path may say (None when the templates can make up words): a phrase with a
        word of other letters cannot be said, which wording tables test for thousands of phrases at once."""
        known = self._known_fragments()
        return known.letters if isinstance(known, Fragments) else None

    def _cannot_say(self, literals: tuple[str, ...]) -> bool:
        """Whether no path can say any of these phrases (see scriptlint.analysis.prefilter)."""
        known = self._known_fragments()
        return isinstance(known, Fragments) and cannot_say(known, literals)

    def _known_fragments(self) -> Fragments | bool:
        if self._fragments is None:
            self._reachable()  # every template loaded is in the shared cache: their text counts
            templates = [self.template, *self._shared.templates.values()]
            known = {**self.base, TARGET_STATE: " ".join(self.target_states)}
            try:
                self._fragments = fragments((t.ast for t in templates), known) or False
            except RecursionError:
                raise _too_deep() from None
        return self._fragments

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
        question = Question(
            pattern, max_chars, target_state=target_state, literals=literals, last=last, opening=opening
        )
        self.prepare([question])
        return self._answers[question.key]

    def keep_for_later(self, questions: Iterable[Question]) -> None:
        """Questions the rules will likely ask but that are costly on every path: each is answered only with
        a question the real run asks that is matched the same way."""
        self._later.extend(questions)

    def prepare(self, questions: Iterable[Question]) -> None:
        """Answer these questions (those not answered yet) together: one pass over the paths for all of
        them, or one per target state when the template reads it."""
        by_state: dict[str | None, dict[tuple[Any, ...], Question]] = {}
        asked: dict[tuple[Any, ...], Question] = {}
        for question in questions:
            answered = self._every if question.every else self._answers
            if question.key not in answered and question.key not in asked:
                asked[question.key] = question
        matched = {question.matching for question in asked.values()}
        for later in self._later:
            answered = self._every if later.every else self._answers
            if later.matching in matched and later.key not in answered and later.key not in asked:
                asked[later.key] = later
        if not asked:
            return
        self._check_deadline()  # parsing (which cannot be interrupted) may have used the budget up
        if self._reads_target_state is None:
            self._reads_target_state = self._template_reads(TARGET_STATE)
        effective: dict[tuple[Any, ...], Question] = {}
        for key, original in asked.items():
            question = original if self._reads_target_state else replace(original, target_state=None)
            effective[key] = question
            by_state.setdefault(question.target_state, {})[question.key] = question
        for target_state, group in by_state.items():
            unanswered = [q for q in group.values() if q.key not in (self._every if q.every else self._answers)]
            if unanswered:
                self._pass(unanswered, target_state)
        for key, question in effective.items():
            if question.every:
                self._every[key] = self._every[question.key]
            else:
                self._answers[key] = self._answers[question.key]

    def _pass(self, questions: list[Question], target_state: str | None) -> None:
        """One walk of every path for these questions (one by one if together they keep too many apart)."""
        tracker = Tracker(questions, self.deadline)
        table = ChoiceTable()
        interpreter = Interpreter(
            self.environment, tracker, table, self.display_of, self.deadline, self._shared,
            split_above=SPLIT_ABOVE if len(questions) > 1 else None,
        )  # fmt: skip
        base, facts = self._knowledge(target_state)
        self.passes += 1
        # Paused for the walk and the reading of its answers; what the walk made is dropped before it resumes.
        try:
            with without_cycle_collection():
                try:
                    states = interpreter.run(self.template, self.display, base, facts)
                except RecursionError:
                    raise _too_deep() from None
                self._walked = True
                self.timed_out = self.timed_out or tracker.timed_out
                tracker.finish([(state.collected, state.trail) for state in states])
                builder = ConditionBuilder(table, self._check_deadline)
                for index, question in enumerate(questions):
                    if question.every:
                        self._every[question.key] = every_occurrence(tracker, index, self.words_per_minute)
                        continue
                    found = answer(tracker, index, builder, self.words_per_minute)
                    approximate = interpreter.approximate or tracker.approximate(index)
                    self._answers[question.key] = replace(found, approximate=approximate)
                del tracker, table, interpreter, builder, states
        except TooManyStates:  # raised by the walk only, before anything is answered
            for question in questions:
                self._pass([question], target_state)

    def _template_reads(self, name: str) -> bool:
        """Whether the templates (with everything they include, import or extend, as far as their names are
        known) use this name anywhere."""
        if name in self.base:
            return False
        return any(name in self._shared.summary(template.ast).names for template in self._reachable())

    def _reachable(self) -> list[ParsedTemplate]:
        """This template and every one it includes, imports or extends (as far as their names are known),
        loaded on the way as the walk would: every one of them, since what a script may say is read from all."""
        if self._loaded is not None:
            return self._loaded
        resolver = Resolver(self.environment, self._shared, self.display_of)
        frame = Frame(self.template, self.display, (), self.base, stack=(self.template.name,))
        seen: dict[str, ParsedTemplate] = {}
        pending = [self.template]
        while pending:
            self._check_deadline()
            template = pending.pop()
            if template.name in seen:
                continue
            seen[template.name] = template
            statement: nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends
            for statement in find_nodes(template.ast, _LOADS):
                value = evaluate(statement.template, self.base)
                for loaded in value if isinstance(value, (list, tuple)) else [value]:
                    if not isinstance(loaded, str):
                        continue
                    try:
                        parsed = resolver.parse_named(loaded, statement, frame, "include", True)
                    except TemplateProblem:
                        continue  # reported when the walk meets the statement
                    if parsed is not None:
                        pending.append(parsed)
        self._loaded = list(seen.values())
        return self._loaded

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

    def _run(self, collector: Any, target_state: str | None, table: ChoiceTable) -> list[PathState]:
        base, facts = self._knowledge(target_state)
        interpreter = Interpreter(self.environment, collector, table, self.display_of, self.deadline, self._shared)
        try:
            states = interpreter.run(self.template, self.display, base, facts)
        except RecursionError:
            raise _too_deep() from None
        self._walked = True
        return states

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

    def _check_deadline(self) -> None:
        """Stop (SL04) once the file's time budget has run out."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TemplateProblem("SL04", "the analysis of this file took longer than its time budget", 1, timing=True)


def _too_deep() -> TemplateProblem:
    """A template nested too deeply for Python's stack is SL04 here, so that a RecursionError a rule meets
    is the rule's own (SL06)."""
    return TemplateProblem("SL04", "the template is nested too deeply to follow", 1)
