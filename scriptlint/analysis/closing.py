"""Closing questions in the one pass: is a phrase said within the last N spoken words of every path (or within
its first M words), for laws that place a statement "at the end" or "at the beginning or end"?

Such a question is never settled while a path goes on (a later match may still come), and what decides it
differs from path to path: how many words each has said since its latest match, and whether a match came
in its opening. A state keeps its paths' trails by those two numbers (`Ends`), so that, like a `within`
question's word counts, they split no state; a match or the end of the template sorts the paths out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptlint.analysis.trails import Trail, joined, taking
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.conditions import Element
    from scriptlint.analysis.questions import EndStep

# The paths of one state for one closing question, by (how many fewer words than the state's most the path
# has said, while that still decides whether a match is in the opening, else None; the words said since
# the latest match ended, capped at last + 1, None before any match).
Ends = dict[tuple[int | None, int | None], Trail]


@record(frozen=True)
class EndQuestion:
    """A closing question's place among the pass's questions, and its spans in words."""

    index: int
    last: int
    opening: int | None

    def start(self) -> Ends:
        """Before anything is said."""
        return {(0 if self.opening else None, None): None}

    def advance(self, ends: Ends, words: int, said: int, step: EndStep) -> tuple[Ends | None, bool]:
        """After a piece of `said` words on paths whose most words before it were `words`: the paths that
        still depend on what follows (None if none), and whether some path said it in its opening."""
        updated: Ends = {}
        early = False
        for (deficit, since), trail in ends.items():
            after = since
            if step.first is not None:
                opening = self.opening
                if deficit is not None and opening is not None and words - deficit + step.first < opening:
                    early = True  # said in its opening: this path has it, whatever follows
                    continue
                after = step.after_last
            elif after is not None:
                after += said
            if after is not None:
                after = min(after, self.last + 1)
            behind = deficit
            if behind is not None and self.opening is not None and words + said - behind >= self.opening:
                behind = None
            key = (behind, after)
            updated[key] = trail if key not in updated else joined((updated[key], trail))
        return updated or None, early

    def passing(self, ends: Ends) -> tuple[list[Trail], list[Trail]]:
        """At the end of the template: the trails of the paths that said it within their last words, and of
        those that did not."""
        passed: list[Trail] = []
        failed: list[Trail] = []
        for (_, since), trail in ends.items():
            (passed if since is not None and since <= self.last else failed).append(trail)
        return passed, failed


def branch(ends: Ends, element: Element) -> Ends:
    """The paths that take a branch."""
    return {key: taking(trail, element) for key, trail in ends.items()}


def merge(longer: Ends, shorter: Ends, behind: int, record: bool = True) -> Ends:
    """The paths of two merged states (the shorter one's `behind` words behind the longer); without `record`,
    where both have paths the longer one's trail stands for both."""
    merged = dict(longer)
    for (deficit, since), trail in shorter.items():
        key = (None if deficit is None else deficit + behind, since)
        if key not in merged:
            merged[key] = trail
        elif record:
            merged[key] = joined((merged[key], trail))
    return merged
