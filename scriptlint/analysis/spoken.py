"""Pieces of spoken text mapped back to their source, and variants: the whole text of one path.

The spoken-text model (docs/documents.md) is applied piece by piece, so that the path analysis and the
variants agree: Jinja comments and stage directions standing on their own line are not spoken
(blanked, so offsets do not move); a bracketed placeholder inside a sentence, or a blank `____`,
stands for one spoken value, like a template variable.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING

import regex

from scriptlint.analysis import merge_fields
from scriptlint.analysis.markup import blanked_but_newlines
from scriptlint.model.answers import Location
from scriptlint.model.records import record
from scriptlint.model.settings import DEFAULT_WORDS_PER_MINUTE

if TYPE_CHECKING:
    from scriptlint.model.answers import Hop

# Stands in the spoken text for a value the script gets at call time (a variable or a placeholder).
SLOT = "\ue000"
_STAGE_DIRECTION = regex.compile(r"(?m)^[ \t]*(?:\[[^\]\n]*\]|\([^)\n]*\))[ \t]*$")
# A word is a run of letters, digits or placeholders, which may hold an apostrophe (straight or
# U+2019) or a hyphen between two such runs: "don't", "555-201-0100".
_WORD = regex.compile(r"[\w\ue000]+(?:['\u2019\-][\w\ue000]+)*")
_WORD_CHAR = regex.compile(r"[\w\ue000]")
# Where a word starts: a word character not preceded by one, nor by a joiner that follows one.
WORD_START = regex.compile(r"(?<![\w\ue000])(?<![\w\ue000]['\u2019\-])[\w\ue000]")
_SPACE = regex.compile(r"\s+")
# Said the same whatever their code points: typographic and modifier apostrophes are said like "'";
# Arabic short-vowel marks and the tatweel (elongation) are optional in writing; zero-width characters
# and soft hyphens (left by word processors) are not said.
_SAME_AS = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\uff07": "'"}
_UNSAID = regex.compile(
    r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640"
    r"\u200b-\u200d\u2060\ufeff\u00ad]"
)


@functools.lru_cache(maxsize=4096)
def is_word_char(char: str) -> bool:
    """Whether a character can be part of a word."""
    return bool(char) and _WORD_CHAR.match(char) is not None


def normalise(text: str) -> str:
    """Text as the patterns see it: NFKC (composed accents, full-width forms, ligatures), one apostrophe,
    no optional marks or invisible characters."""
    return normalise_with_sources(text, None)[0]


def normalise_with_sources(text: str, sources: list[int] | None) -> tuple[str, list[int]]:
    """`normalise`, and for each character of the result the offset in `text` of the character it comes
    from (a composed accent maps to its base letter)."""
    offsets = sources if sources is not None else list(range(len(text)))
    if _said_as_written(text):
        return text, offsets
    out: list[str] = []
    mapped: list[int] = []
    # Line by line: in a long text most lines need nothing (a line is cut where no combining mark follows).
    line_start = 0
    while line_start < len(text):
        line_end = text.find("\n", line_start) + 1 or len(text)
        while line_end < len(text) and unicodedata.combining(text[line_end]):
            line_end = text.find("\n", line_end) + 1 or len(text)
        if _said_as_written(text[line_start:line_end]):
            out.append(text[line_start:line_end])
            mapped.extend(offsets[line_start:line_end])
            line_start = line_end
            continue
        start = line_start
        # Normalise one cluster (a character and the combining marks after it) at a time, so that every
        # character of the result can be traced back to where it was written.
        while start < line_end:
            end = start + 1
            while end < line_end and unicodedata.combining(text[end]):
                end += 1
            cluster = _UNSAID.sub("", text[start:end])
            if cluster:
                cluster = unicodedata.normalize("NFKC", cluster)
                cluster = "".join(_SAME_AS.get(char, char) for char in cluster)
                out.append(cluster)
                mapped.extend([offsets[start]] * len(cluster))
            start = end
        line_start = line_end
    return "".join(out), mapped


def _said_as_written(text: str) -> bool:
    """Whether normalising leaves this text as it is."""
    if text.isascii():
        return True
    return unicodedata.is_normalized("NFKC", text) and not _UNSAID.search(text) and not any(c in text for c in _SAME_AS)


def spoken_form(text: str, starts_line: bool = True) -> str:
    """The spoken text of a piece: same length, unspoken parts blanked, placeholders as SLOT."""
    # A piece that does not start a line (or end one) cannot make that line a stage direction on its own.
    head = "" if starts_line else "\x00"
    tail = "" if text.endswith("\n") else "\x00"
    spoken = _blank_comments(head + text + tail)
    spoken = _blank(spoken, _STAGE_DIRECTION)[len(head) : len(head) + len(text)]
    # Typographic apostrophes (U+2019, as Word exports them) are said like straight ones.
    spoken = "".join(_SAME_AS.get(char, char) for char in spoken) if not spoken.isascii() else spoken
    return merge_fields.PATTERN.sub(lambda m: SLOT + " " * (len(m.group()) - 1), spoken)


def _blank_comments(text: str) -> str:
    """Blank every Jinja comment `{# ... #}`, keeping newlines; one pass (an unclosed `{#` ends the search,
    where a pattern would look for the end again from every `{#`)."""
    parts: list[str] = []
    position = 0
    while (start := text.find("{#", position)) >= 0:
        end = text.find("#}", start + 2)
        if end < 0:
            break
        parts.append(text[position:start])
        parts.append(blanked_but_newlines(text[start : end + 2]))
        position = end + 2
    parts.append(text[position:])
    return "".join(parts)


def _blank(text: str, pattern: regex.Pattern[str]) -> str:
    """Replace every match by spaces, keeping newlines, so that offsets do not move."""
    return pattern.sub(lambda m: blanked_but_newlines(m.group()), text)


@record(frozen=True, slots=True)
class Piece:
    """A run of output text from one place in one file; `slot` names the expression of a placeholder."""

    text: str
    path: str
    line: int
    column: int
    # Verbatim pieces are slices of the source, so positions inside them can be computed exactly.
    verbatim: bool = True
    slot: str | None = None
    via: tuple[Hop, ...] = ()
    spoken: str = ""
    # The folded spoken text, and with where each character comes from, computed once (pieces of literal
    # text are shared by every walk; the places only for what an answer shows).
    _text: str | None = field(default=None, compare=False, hash=False, repr=False)
    _folded: tuple[str, tuple[int, ...]] | None = field(default=None, compare=False, hash=False, repr=False)

    def folded_text(self) -> str:
        """The spoken text normalised (see `normalise`) with whitespace runs folded to one space."""
        if self._text is None:
            object.__setattr__(self, "_text", _SPACE.sub(" ", normalise(self.spoken)))
        assert self._text is not None
        return self._text

    def folded(self) -> tuple[str, tuple[int, ...]]:
        """`folded_text`, and where in the piece each of its characters is (-1 for a folded run of
        whitespace)."""
        if self._folded is None:
            spoken, normalised = normalise_with_sources(self.spoken, None)
            offsets: list[int] = []
            position = 0
            for match in _SPACE.finditer(spoken):
                offsets.extend(normalised[position : match.start()])
                offsets.append(-1)
                position = match.end()
            offsets.extend(normalised[position:])
            object.__setattr__(self, "_folded", (_SPACE.sub(" ", spoken), tuple(offsets)))
        assert self._folded is not None
        return self._folded

    @classmethod
    def of_text(
        cls,
        text: str,
        path: str,
        line: int,
        column: int,
        via: tuple[Hop, ...] = (),
        verbatim: bool = True,
        layout: str | None = None,
    ) -> Piece:
        """A piece of literal text, with its spoken form (from `layout`, the text with the parts its
        layout does not say blanked, when the plain-text conventions read it)."""
        said = spoken_form(layout if layout is not None else text, starts_line=column == 1)
        return cls(text, path, line, column, verbatim, None, via, said)

    @classmethod
    def of_slot(cls, expression: str, path: str, line: int, column: int, via: tuple[Hop, ...] = ()) -> Piece:
        """A placeholder for a value known only at call time."""
        return cls(SLOT, path, line, column, False, expression, via, SLOT)

    def location(self, offset: int) -> Location:
        """Where the character at `offset` inside this piece comes from."""
        if not self.verbatim or offset <= 0:
            return Location(self.path, self.line, self.column, self.via)
        before = self.text[:offset]
        newlines = before.count("\n")
        if newlines == 0:
            return Location(self.path, self.line, self.column + offset, self.via)
        return Location(self.path, self.line + newlines, offset - before.rfind("\n"), self.via)


@record(frozen=True)
class Variant:
    """The output of one path: pieces of text, the path's condition in words, and its spoken words."""

    pieces: tuple[Piece, ...]
    condition: str | None = None
    words_per_minute: int = DEFAULT_WORDS_PER_MINUTE
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts, total = [], 0
        for piece in self.pieces:
            starts.append(total)
            total += len(piece.text)
        object.__setattr__(self, "_starts", starts)

    @cached_property
    def text(self) -> str:
        """The rendered text of this path, placeholders shown as SLOT."""
        return "".join(piece.text for piece in self.pieces)

    @cached_property
    def spoken(self) -> str:
        """`text` with the unspoken parts blanked (same length, so offsets agree) and placeholders as SLOT."""
        return "".join(piece.spoken for piece in self.pieces)

    @cached_property
    def words(self) -> tuple[tuple[int, int], ...]:
        """(start, end) offsets of every spoken word, a placeholder counting as one word."""
        return tuple(match.span() for match in _WORD.finditer(self.spoken))

    def word_index(self, offset: int) -> int:
        """How many spoken words come before `offset`."""
        return bisect.bisect_left(self.words, (offset, offset))

    def seconds_at(self, offset: int) -> float:
        """Estimated time from the start of the call until `offset` is spoken."""
        return self.word_index(offset) * 60.0 / self.words_per_minute

    def location(self, offset: int) -> Location:
        """Where the character at `offset` comes from."""
        if not self.pieces:
            return Location("", 1, 1)
        offset = max(0, min(offset, len(self.text) - 1)) if self.text else 0
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.pieces[index].location(offset - self._starts[index])

    def slot_at(self, offset: int) -> str | None:
        """The expression behind a template placeholder at `offset`, if there is one."""
        if not self.text or not 0 <= offset < len(self.text):
            return None
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.pieces[index].slot
