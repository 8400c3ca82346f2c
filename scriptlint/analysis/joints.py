"""What one piece of text does to every question of a pass at once, for a path whose tails, context and
ending space are given: computed once per such combination and reused by every path, loop iteration and
macro call that meets it again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import regex

from scriptlint.analysis.questions import kind_of
from scriptlint.analysis.said import Said
from scriptlint.analysis.spoken import WORD_START
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.questions import EndStep, EveryStep, Matcher, Step, Tail
    from scriptlint.analysis.spoken import Piece

# Where the last word starts (searching backwards from the end).
_LAST_WORD_START = regex.compile(WORD_START.pattern, WORD_START.flags | regex.REVERSE)


@record(frozen=True, slots=True)
class Joint:
    """What one piece does to a track's questions, whatever the path's word counts and sources."""

    tails: tuple[Tail | None, ...]
    # The questions that found their first match in the piece.
    events: tuple[tuple[int, Step], ...]
    # Per closing question and per every-occurrence question (in the tracker's orders): its step, if open.
    end_steps: tuple[EndStep | None, ...]
    every_steps: tuple[EveryStep | None, ...]
    words: int
    last_word: int | None
    context: str
    fold: Said


class Joints:
    """The joint steps of one pass's questions, memoised."""

    def __init__(self, matchers: Sequence[Matcher], ended: dict[int, int], every: dict[int, int]) -> None:
        self.matchers = matchers
        # Question index -> position among the closing questions, among the every-occurrence questions.
        self._ended = ended
        self._every = every
        self._joints: dict[tuple[Any, ...], Joint | None] = {}
        self._folds: dict[tuple[int, bool], Said] = {}

    def joint(self, tails: tuple[Tail | None, ...], context: str, space: bool, piece: Piece) -> Joint | None:
        """What `piece` does to every open question of a path with these tails and context (None: the piece
        says nothing once folded)."""
        key = (tails, context, id(piece), space)
        if key in self._joints:
            return self._joints[key]
        fold = self.fold(piece, space)
        folded = fold.text
        if not folded:
            self._joints[key] = None
            return None
        changed = list(tails)
        events = []
        end_steps: list[EndStep | None] = [None for _ in self._ended]
        every_steps: list[EveryStep | None] = [None for _ in self._every]
        for index, tail in enumerate(tails):
            if tail is None:
                continue
            matcher = self.matchers[index]
            if (position := self._ended.get(index)) is not None:
                end_steps[position] = end_step = matcher.end_step(tail, folded)
                changed[index] = end_step.tail
            elif (position := self._every.get(index)) is not None:
                every_steps[position] = every_step = matcher.every_step(tail, folded)
                changed[index] = every_step.tail
            else:
                step = matcher.step(tail, folded)
                changed[index] = step.tail if step.match is None else None
                if step.match is not None:
                    events.append((index, step))
        text = context + folded
        begin = len(context)
        words = len(WORD_START.findall(text, begin))
        last = _LAST_WORD_START.search(text, begin) if words else None
        kinds = "".join(kind_of(char) for char in text[-2:])
        joint = Joint(tuple(changed), tuple(events), tuple(end_steps), tuple(every_steps), words,
                      None if last is None else last.start() - begin, kinds, fold)  # fmt: skip
        self._joints[key] = joint
        return joint

    def fold(self, piece: Piece, space: bool) -> Said:
        """The piece as said after a path that ends with a space (its leading space dropped) or not."""
        key = (id(piece), space)
        said = self._folds.get(key)
        if said is None:
            text = piece.folded_text()
            cut = 1 if space and text.startswith(" ") else 0
            # The piece is kept with its fold, so that its id stays its own while the pass runs.
            said = self._folds[key] = Said(piece, text[cut:], cut)
        return said
