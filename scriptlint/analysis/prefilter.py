"""Which literal phrases a script cannot say at all: a cheap test that spares a search of every path.

Every spoken character comes from a fragment: a piece of the templates' literal text, a string
constant, a manifest value, or what the expression evaluator renders (case changes and joins of those;
booleans and None as words; scriptlint.analysis.expressions). A word of a phrase can be said only if it lies
inside one fragment or is spread over consecutive fragments (`Pa{{ x }}` with x = "id"), each piece a
suffix, whole fragments, then a prefix. A phrase with a word that can be made in neither way is said
on no path, and its answer is the same as for a pattern that never matches. Text is compared after
full case folding, as the patterns match (IGNORECASE with full folding). A `replace` filter can make
up words, so templates using it are always searched in full; digits are never excluded (arithmetic
makes numbers).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import Any

import regex
from jinja2 import nodes

from scriptlint.analysis.spoken import normalise
from scriptlint.analysis.tree import find_nodes
from scriptlint.model.records import record

_WORD = regex.compile(r"\w+")
_TRAILING = regex.compile(r"\w+$")
_LEADING = regex.compile(r"^\w+")
# Filters that can produce words not in their input (the evaluator's others only change case or trim).
_GENERATIVE_FILTERS = frozenset({"replace"})
# Endings and beginnings of fragments are indexed up to this length (a phrase's words are shorter; a
# longer word is assumed sayable): one long word in a script must not cost time or memory squared.
MAX_INDEXED = 64
# How the evaluator renders booleans and None: words that need not appear in any source.
_RENDERED = ("true", "false", "none")


def fold(text: str) -> str:
    """Text as the comparison sees it: normalised as the spoken text is (scriptlint.analysis.spoken), full
    case folding."""
    return normalise(text).casefold()


@record(frozen=True)
class Fragments:
    """The folded fragments every spoken character of a script comes from, indexed for word lookups."""

    joined: str
    # Every ending of a fragment's trailing word characters, every beginning of its leading ones, and the
    # fragments made of word characters only (which can sit inside a word spread over fragments).
    endings: frozenset[str]
    beginnings: frozenset[str]
    inner: frozenset[str]
    letters: frozenset[str]
    _said: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, pieces: Iterable[str]) -> Fragments:
        """Index folded fragments."""
        folded = sorted({fold(piece) for piece in pieces if piece})
        endings: set[str] = set()
        beginnings: set[str] = set()
        inner: set[str] = set()
        for piece in folded:
            tail = _TRAILING.search(piece)
            head = _LEADING.match(piece)
            if tail is not None:
                run = tail.group()
                endings.update(run[index:] for index in range(max(0, len(run) - MAX_INDEXED), len(run)))
            if head is not None:
                run = head.group()
                beginnings.update(run[:index] for index in range(1, min(len(run), MAX_INDEXED) + 1))
                if len(run) == len(piece) and len(piece) <= MAX_INDEXED:
                    inner.add(piece)
        joined = "\n".join(folded)
        return cls(joined, frozenset(endings), frozenset(beginnings), frozenset(inner), frozenset(joined))

    def can_say(self, word: str) -> bool:
        """Whether the (folded) word can appear in what some path says (remembered: tables of many phrases
        ask about the same words)."""
        known = self._said.get(word)
        if known is None:
            # A letter no fragment holds rules the word out at once (most words of other languages).
            known = len(word) > MAX_INDEXED or (
                self.letters.issuperset(word)
                and (
                    word in self.joined
                    or any(word[:cut] in self.endings and self._begins(word[cut:], 0) for cut in range(1, len(word)))
                )
            )
            self._said[word] = known
        return known

    def _begins(self, rest: str, depth: int) -> bool:
        """Whether fragments said one after the other can begin with `rest`."""
        if rest in self.beginnings:
            return True
        if depth > 8:
            return True  # a long chain of word-only fragments: assume it can be said
        # Each beginning of `rest` that is a whole fragment (looked up, not searched for among them all).
        return any(rest[:end] in self.inner and self._begins(rest[end:], depth + 1) for end in range(1, len(rest)))


def fragments(templates: Iterable[nodes.Template], base: Mapping[str, Any]) -> Fragments | None:
    """The fragments of these templates and manifest values, or None when the templates can make up words."""
    pieces: set[str] = set(_RENDERED)
    for ast in templates:
        if any(node.name in _GENERATIVE_FILTERS for node in find_nodes(ast, nodes.Filter)):
            return None
        pieces.update(node.data for node in find_nodes(ast, nodes.TemplateData))
        pieces.update(node.value for node in find_nodes(ast, nodes.Const) if isinstance(node.value, str))
    pieces.update(_scalars(base))
    return Fragments.of(pieces)


def cannot_say(known: Fragments, literals: Iterable[str]) -> bool:
    """Whether none of the phrases can be said: each has a word (not a number) that cannot be made."""
    for literal in literals:
        words = _words(literal)
        if not words or all(map(known.can_say, words)):
            return False
    return True


@functools.lru_cache(maxsize=8192)
def _words(literal: str) -> tuple[str, ...]:
    """A phrase's folded words, numbers left out (wording tables ask about the same phrases per script)."""
    return tuple(word for word in _WORD.findall(fold(literal)) if not word.isdigit())


def _scalars(value: Any) -> Iterable[str]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _scalars(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _scalars(item)
    elif value is not None:
        yield str(value)


@functools.lru_cache(maxsize=8192)
def needed_letters(literal: str) -> frozenset[str]:
    """The characters a script must be able to say for this phrase to be sayable: those of its words that
    `can_say` tests letter by letter (a word too long to index is assumed sayable)."""
    return frozenset().union(*(word for word in _words(literal) if len(word) <= MAX_INDEXED))
