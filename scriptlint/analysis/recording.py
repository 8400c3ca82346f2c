"""Learning which questions the rules will ask of a script, so that one pass answers them all.

Rules ask their questions one at a time, and some depend on earlier answers ("if the disclaimer is not on
every path, where are the near misses?"). Before the rules run for real, they run once against this
stand-in, which records every question and answers it as "said on some paths but not all, at the very
start": the answer that leads a rule to ask all its follow-up questions. The recorded questions are then
answered in one pass (PathAnalysis.prepare), and the real run reads its answers from there; a question
the dry run did not foresee (one whose words depend on a real answer, such as "within the words before
the first question") simply gets a pass of its own, and so does a costly one the dry run asked only because
of its conservative answer (a fuzzy pattern, with a `timeout`, is left to the real run). Nothing the dry
run produces is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import regex

from scriptlint.analysis.questions import Question
from scriptlint.model.answers import MissingPath, Occurrence, PathSearch

if TYPE_CHECKING:
    from scriptlint.model.script import SpokenPath

# Found at the start of some paths, missing on another: every follow-up question is asked.
_SOME_PATHS = PathSearch(
    earliest=Occurrence(0, 0.0, None, ""),
    latest=Occurrence(0, 0.0, None, ""),
    missing=(MissingPath(None, None),),
)


class RecordingQueries:
    """Answers rules' questions conservatively and remembers them (implements PathQueries); what a script
    may say is the real analysis's answer (rules build their patterns from it)."""

    def __init__(self, may_say: Callable[[str], bool]) -> None:
        self.questions: list[Question] = []
        # The real analysis's answer (cheap, and rules build their patterns from it); the same callable, so
        # that what is worked out from it is shared with the real run.
        self.may_say = may_say

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
        profile: Any = None,
    ) -> PathSearch:
        """Record the question; answer "on some paths, at the start"."""
        question = Question(pattern, max_chars, after, within, target_state, timeout, literals)
        self.questions.append(replace(question, required=required, profile=profile))
        return _SOME_PATHS

    def search_all(
        self,
        pattern: regex.Pattern[str],
        max_chars: int,
        *,
        after: int = 0,
        timeout: float | None = None,
        required: tuple[str, ...] | None = None,
    ) -> tuple[Occurrence, ...]:
        """Record the question; answer "nowhere" (a claim's follow-ups are about its occurrences)."""
        self.questions.append(Question(pattern, max_chars, after, timeout=timeout, required=required, every=True))
        return ()

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
        """Record the question; answer "on some paths"."""
        question = Question(
            pattern, max_chars, target_state=target_state, literals=literals, last=last, opening=opening
        )
        self.questions.append(question)
        return _SOME_PATHS

    def variants(self, *, target_state: str | None = None) -> Sequence[SpokenPath]:
        """No paths (variants are read for real when a rule asks)."""
        return ()
