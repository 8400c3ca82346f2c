"""The questions rules ask of a script's paths, and how each is matched across piece boundaries.

A question is a pattern searched for on every path ("paid for by", within the first 30 words, with the
80 characters after it). Along a path, only a small canonical part of the past can matter for a match
that ends in what comes next: its *tail*. For literal phrases that is the longest suffix that could
begin one of them (an Aho-Corasick state) plus the kinds of the two characters before it (for word
boundaries); for other patterns, the text from the first place where a partial match could still begin,
with the characters before it that look-behinds can see (one character, as a representative of its kind,
for patterns that look behind one character only). A tail records how many of its characters are such
context, so that a match may start right after them. Two paths with equal tails are interchangeable for
the question, whatever they said earlier, so they merge. A step (a tail and the next piece's text, to
the new tail or a match) depends on nothing else, so it is computed once per pair and reused by every
path, loop iteration and macro call that meets it again.
"""

from __future__ import annotations

import functools
from dataclasses import field
from typing import Any

import regex

from scriptlint.analysis.collectors import out_of_time, search_time
from scriptlint.analysis.prefilter import fold
from scriptlint.analysis.spoken import WORD_START, is_word_char
from scriptlint.model.records import record

# Characters kept before a possible match start, for patterns that look behind ("not authorized by").
_LOOKBEHIND = 8


@record(frozen=True)
class Question:
    """One search: the first occurrence of `pattern` (at most `max_chars` long, whitespace folded) on every path.

    `after` asks for that many characters of what follows each path's match; `within` counts only matches
    starting within the first that many spoken words; `literals` are the phrases when the pattern is
    just their alternation (whole words, any whitespace between words, any case). With `last`, the question
    is instead whether each path says it within its last `last` spoken words (or, with `opening`, within
    its first `opening` words): "at the end", "at the beginning or end". With `every`, it asks for every
    occurrence on any path instead of each path's first. `required` are phrases one of which a match must
    say (all its words); with a `profile` (scriptlint.analysis.profile), the paths that lack the pattern
    are told apart by their profile's label.
    """

    pattern: regex.Pattern[str]
    max_chars: int
    after: int = 0
    within: int | None = None
    target_state: str | None = None
    timeout: float | None = None
    literals: tuple[str, ...] | None = field(default=None, compare=False)
    last: int | None = None
    opening: int | None = None
    required: tuple[str, ...] | None = field(default=None, compare=False)
    profile: Any = None
    every: bool = False

    @property
    def key(self) -> tuple[Any, ...]:
        """What identifies the answer (the same question asked twice is answered once)."""
        pattern = (self.pattern.pattern, self.pattern.flags, self.max_chars)
        if self.every:
            return (*pattern, "every", self.after)
        if self.last is not None:
            return (*pattern, "closing", self.last, self.opening, self.target_state)
        return (*pattern, self.after, self.within, self.target_state, profile_key(self.profile))

    @property
    def matching(self) -> tuple[Any, ...]:
        """What decides how the pattern is matched (questions that share it share their steps)."""
        return (self.pattern.pattern, self.pattern.flags, self.max_chars, self.timeout, self.literals, self.required)


def profile_key(profile: Any) -> tuple[Any, ...] | None:
    """What identifies a profile (scriptlint.analysis.profile.Profile)."""
    return None if profile is None else (profile.pattern.pattern, profile.pattern.flags, profile.within)


# A tail: how many of its first characters are context only (no match starts there), and its text.
Tail = tuple[int, str]
START: Tail = (0, "")


@record(frozen=True, slots=True)
class EndStep:
    """What a closing question sees when a path with tail T says F: the new tail, and for the matches that use
    F (if any) the first one's word index from F's first word (negative: it began in T) and how many words F
    says after the last one ends."""

    tail: Tail
    first: int | None = None
    after_last: int = 0


@record(frozen=True, slots=True)
class EveryStep:
    """What an every-occurrence question sees when a path with tail T says F: the new tail, and each match
    that uses F as (start, end, text, word index from F's first word; negative when it began in T)."""

    tail: Tail
    matches: tuple[tuple[int, int, str, int], ...] = ()


@record(frozen=True, slots=True)
class Step:
    """What a question sees when a path with tail T says the text F.

    Positions are in T + F. Without a match, `tail` is the new tail. With one, `match` is (start, end,
    text) and `words` the match's word index counted from the first word of F (negative when the match
    began in T: that many words of T are part of it).
    """

    tail: Tail
    match: tuple[int, int, str] | None = None
    words: int = 0


class Matcher:
    """One question's steps, memoised (they depend only on the tail and the text said)."""

    def __init__(self, question: Question, deadline: float | None = None) -> None:
        self.question = question
        # time.monotonic() when the file's time budget runs out: no regex search runs past it.
        self.deadline = deadline
        self.pattern = question.pattern
        # Two more characters decide word boundaries and word starts at the window's edge.
        self.window = question.max_chars + 2
        self.timeout = question.timeout
        literals = question.literals
        self.literal = literals is not None
        self._prefixes, self._firsts, self._longest, self._needles = _literal_index(literals or ())
        if not self.literal and question.required is not None:
            # A pattern that says one of these phrases: their words are its needles too.
            self._needles = _literal_index(tuple(question.required))[3]
        # Set when a regex search ran out of time (its answer then depends on the machine's speed).
        self.timed_out = False
        self._steps: dict[tuple[Tail, str], Step] = {}
        self._end_steps: dict[tuple[Tail, str], EndStep] = {}
        self._every_steps: dict[tuple[Tail, str], EveryStep] = {}
        # For patterns whose look-behinds each see one character: the character classes they test.
        self._behind = _one_character_look_behinds(question.pattern)
        self._representatives: dict[str, str] = {}

    def _limit(self) -> float | None:
        """Seconds the next regex search may take (its own timeout, what is left of the file's budget)."""
        return search_time(self.timeout, self.deadline)

    @property
    def longest_tail(self) -> int:
        """The longest tail this question can keep (how much of a path's recent text may be looked up)."""
        return self.window + _LOOKBEHIND + 2

    def step(self, tail: Tail, folded: str) -> Step:
        """The step for a path whose tail is `tail` saying `folded` (whitespace folded)."""
        key = (tail, folded)
        found = self._steps.get(key)
        if found is None:
            found = self._steps[key] = self._step(tail, folded)
        return found

    def _step(self, tail: Tail, folded: str) -> Step:
        position, kept = tail
        text = kept + folded
        boundary = len(kept)
        start_from = self._needle_start(kept, folded, position)
        if start_from is None:
            return Step(self._tail(text))
        match = self._match_ending_after(text, boundary, start_from)
        if match is None:
            return Step(self._tail(text))
        start = match.start()
        if start >= boundary:
            starts = [m.start() for m in WORD_START.finditer(text, boundary, start)]
            words = len(starts)
        else:
            # The match began inside the tail: count back the words that start at or after it.
            words = -sum(1 for _ in WORD_START.finditer(text, start, boundary))
        return Step(START, (start, match.end(), match.group()), words)

    def _needle_start(self, kept: str, folded: str, position: int) -> int | None:
        """Where to start searching kept + folded: None when it holds none of the needles (every match holds
        one), else no earlier than a match's length before the first needle (when case folding keeps the
        text's length)."""
        if not self._needles:
            return position
        folded_text = _casefold(kept) + _casefold(folded)
        found = [at for at in (folded_text.find(needle) for needle in self._needles) if at >= 0]
        if not found:
            return None
        if len(folded_text) == len(kept) + len(folded):
            return max(position, min(found) - self.window - 1)
        return position

    def every_step(self, tail: Tail, folded: str) -> EveryStep:
        """The step of an every-occurrence question: each match that uses the new text, none overlapping."""
        key = (tail, folded)
        found = self._every_steps.get(key)
        if found is None:
            found = self._every_steps[key] = self._every_step(tail, folded)
        return found

    def _every_step(self, tail: Tail, folded: str) -> EveryStep:
        position, kept = tail
        text = kept + folded
        boundary = len(kept)
        start_from = self._needle_start(kept, folded, position)
        if start_from is None:
            return EveryStep(self._tail(text))
        matches = []
        try:
            while (match := self.pattern.search(text, start_from, timeout=self._limit())) is not None:
                if match.end() > boundary and match.end() > match.start():
                    start = match.start()
                    if start >= boundary:
                        words = sum(1 for _ in WORD_START.finditer(text, boundary, start))
                    else:
                        words = -sum(1 for _ in WORD_START.finditer(text, start, boundary))
                    matches.append((start, match.end(), match.group(), words))
                    start_from = match.end()
                else:
                    start_from = match.start() + 1
        except TimeoutError:
            out_of_time(self.deadline)
            self.timed_out = True
        return EveryStep(self._tail(text), tuple(matches))

    def end_step(self, tail: Tail, folded: str) -> EndStep:
        """The step of a closing question (every match that uses the new text counts)."""
        key = (tail, folded)
        found = self._end_steps.get(key)
        if found is None:
            found = self._end_steps[key] = self._end_step(tail, folded)
        return found

    def _end_step(self, tail: Tail, folded: str) -> EndStep:
        position, kept = tail
        text = kept + folded
        boundary = len(kept)
        if self._needle_start(kept, folded, position) is None:
            return EndStep(self._tail(text))
        matches = []
        try:
            for match in self.pattern.finditer(text, position, timeout=self._limit()):
                if match.end() > boundary:
                    matches.append(match)
        except TimeoutError:
            out_of_time(self.deadline)
            self.timed_out = True
        if not matches:
            return EndStep(self._tail(text))
        start = matches[0].start()
        if start >= boundary:
            first = sum(1 for _ in WORD_START.finditer(text, boundary, start))
        else:
            first = -sum(1 for _ in WORD_START.finditer(text, start, boundary))
        last_end = matches[-1].end()
        after_last = sum(1 for m in WORD_START.finditer(text, boundary) if m.start() >= last_end)
        return EndStep(self._tail(text), first, after_last)

    def _match_ending_after(self, text: str, boundary: int, position: int) -> regex.Match[str] | None:
        """The first match from `position` that uses new text (the kept tail alone held none)."""
        try:
            while (match := self.pattern.search(text, position, timeout=self._limit())) is not None:
                if match.end() > boundary:
                    return match
                position = match.start() + 1
        except TimeoutError:
            out_of_time(self.deadline)
            self.timed_out = True
            return None
        return None

    def _tail(self, text: str) -> Tail:
        """The part of a path's past kept for later matches: for literal phrases the longest suffix that
        could begin one of them (after two characters that stand for their kind), else the text from the
        first place a partial match could begin, with the characters before it look-behinds can see."""
        cut = max(0, len(text) - self.window)
        if not self.literal:
            start = self._first_partial(text, cut)
            if self._behind is None:
                keep = max(cut, start - _LOOKBEHIND)
                return start - keep, text[keep:start] + text[start:]
            context = self._representative(text[start - 1]) if start > 0 else ""
            return len(context), context + text[start:]
        lowered = text.lower()
        # A suffix longer than the longest phrase begins none of them.
        first = max(cut, len(text) - self._longest)
        start = len(text)
        if self._firsts is not None:
            for candidate in self._firsts.finditer(lowered, first):
                if lowered[candidate.start() :] in self._prefixes:
                    start = candidate.start()
                    break
        # Two characters before it decide the word boundary and word starts; only their kind matters,
        # so they are kept as a representative of it (paths whose pasts differ there merge).
        context = "".join(kind_of(char) for char in text[max(0, start - 2) : start])
        return len(context), context + text[start:]

    def _representative(self, char: str) -> str:
        """A character the look-behinds cannot tell from `char` (so paths whose pasts differ there merge)."""
        known = self._representatives.get(char)
        if known is None:
            known = self._representatives[char] = self._find_representative(char)
        return known

    def _find_representative(self, char: str) -> str:
        assert self._behind is not None
        seen = tuple(test.fullmatch(char) is not None for test in self._behind)
        for probe in _PROBES:
            if tuple(test.fullmatch(probe) is not None for test in self._behind) == seen:
                return probe
        return char

    def _first_partial(self, text: str, start: int) -> int:
        """The first position from `start` where a match could begin that runs to the end of the text (a
        partial match), or the text's length."""
        position = start
        try:
            while (match := self.pattern.search(text, position, partial=True, timeout=self._limit())) is not None:
                if match.partial:
                    return match.start()
                position = match.start() + 1
        except TimeoutError:
            out_of_time(self.deadline)
            self.timed_out = True
            return position
        return len(text)


# Representatives tried for a context character: a space, a letter, a digit, punctuation, a placeholder.
_PROBES = (" ", "a", "0", ".", "\ue000", "'", "-", "_")
# A look-behind that sees one character: a class, an escape, or a property (`(?<!\w)`, `(?<![\w.])`).
_ONE_CHARACTER = regex.compile(r"\(\?<[!=](\\[wdsWDS]|\\p\{[^}]+\}|\[(?:\\.|[^\]\\])*\])\)")


def _one_character_look_behinds(pattern: regex.Pattern[str]) -> tuple[regex.Pattern[str], ...] | None:
    """The character classes a pattern's look-behinds test, when each sees one character only (and word
    boundaries, which look at one character too); None when some look-behind may see more."""
    return _look_behinds(pattern.pattern, pattern.flags)


@functools.lru_cache(maxsize=512)
def _look_behinds(source: str, pattern_flags: int) -> tuple[regex.Pattern[str], ...] | None:
    """The same, once per pattern in a process (every pass asks its questions' patterns again)."""
    classes = [match.group(1) for match in _ONE_CHARACTER.finditer(source)]
    if source.count("(?<") != len(classes) or "\\G" in source or "\\m" in source or "\\M" in source:
        return None
    if "\\b" in source or "\\B" in source:
        classes.append("\\w")
    flags = pattern_flags & (regex.IGNORECASE | regex.VERSION1 | regex.FULLCASE | regex.ASCII | regex.UNICODE)
    try:
        return tuple(regex.compile(f"(?:{chars})", flags) for chars in dict.fromkeys(classes))
    except regex.error:
        return None


@functools.lru_cache(maxsize=256)
def _literal_index(
    literals: tuple[str, ...],
) -> tuple[frozenset[str], regex.Pattern[str] | None, int, tuple[str, ...]]:
    """What matching literal phrases needs, built once per set of phrases in a run: every beginning of a
    phrase (a kept suffix must be one), where such a beginning may start (a phrase's first character),
    the longest phrase, and one word of each phrase (its longest, case-folded) for the needle test."""
    prefixes = frozenset(lit[:end] for lit in literals for end in range(1, len(lit) + 1))
    firsts = sorted({lit[:1] for lit in literals if lit})
    starts = regex.compile("[" + "".join(regex.escape(char) for char in firsts) + "]") if firsts else None
    longest = max((len(lit) for lit in literals), default=0)
    needles = tuple(sorted({fold(max(lit.split(), key=len)) for lit in literals if lit.split()}))
    return prefixes, starts, longest, needles


@functools.lru_cache(maxsize=1024)
def _casefold(text: str) -> str:
    """Case-folded text (the pieces of a script are folded once for all its questions)."""
    return text.casefold()


def kind_of(char: str) -> str:
    """A representative of what a character means for word boundaries: a word character, a joiner, other."""
    if is_word_char(char):
        return "a"
    return char if char in "'\u2019-" else " "
