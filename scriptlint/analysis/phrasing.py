"""Phrases with slots, matched as each writing system needs: the mechanism behind every wording table.

A phrase is literal text with slots for what the call fills in: `my name is {name}`, `由{org}支付`,
`{org}에서 비용을 지불했습니다`, `a fellow {demonym}`. A slot after the literal text, or before it, holds a
name (a placeholder, capitalised words, or a run of letters of a script without case); a slot between
two pieces of text holds whatever is said there (up to 60 characters, no sentence end). How words are
delimited comes from the language's data (`Writing`), never from here: Chinese has no spaces, Korean
attaches particles and endings, Arabic attaches proclitics, letters may be written interchangeably.
The text is normalised before matching (scriptlint.analysis.spoken.normalise), and so are the phrases.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import field
from functools import cached_property
from typing import Any

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.prefilter import needed_letters
from scriptlint.analysis.queries import Phrases
from scriptlint.analysis.spoken import SLOT, normalise
from scriptlint.intake.kept_data import kept_value
from scriptlint.model.records import record

_SLOT = regex.compile(r"\{([a-z_]+)\}")
# A token of a phrase: a run of text with parenthesised choices inside (which may hold spaces).
_TOKEN = regex.compile(r"(?:\([^()]*\)|[^\s()])+")
_GROUP = regex.compile(r"\(([^()]*)\)")
_NESTED = regex.compile(r"\([^()]*+\(")
# What a slot said before or after the phrase may hold: a placeholder, capitalised words (with the small
# words of committee names between them: "Friends of Ana Ruiz"), or letters of a script without case.
# A capitalised word; a short one may end with a dot ("St.", "J.", "D.C."), a sentence's end does not.
_CAPITALISED = r"(?-i:\p{Lu})(?:[\p{L}\p{M}'\-]{0,2}\.(?:(?-i:\p{Lu})\.)*|[\p{L}\p{M}\d'\-]*)"
_JOINERS = r"(?:of|for|the|and|to|de|del|la|los|y|&|\d+)"
NAME = (
    rf"(?:{SLOT}|{_CAPITALISED}(?:[ ,]+(?:{_JOINERS}[ ]+)*{_CAPITALISED}){{0,6}}"
    r"|\p{Lo}[\p{Lo}\p{M}]{0,11}(?:[ ]\p{Lo}[\p{Lo}\p{M}]{0,11}){0,2})"
)
# A slot between two pieces of text: anything but a sentence's end.
_INNER = r"[^.!?\n\u3002\uff01\uff1f]{1,60}?"
SLOT_CHARS = 60
# Simple case folding (VERSION0): wording tables are large alternations, and full case folding makes
# compiling them several times slower for no difference in the languages read.
FLAGS = regex.IGNORECASE | regex.VERSION0


@record(frozen=True)
class Writing:
    """How a language is written, as far as finding its phrases needs (from the language's data)."""

    # Words are separated by spaces (False for Chinese: phrases are found inside longer runs of letters).
    spaced: bool = True
    # Particles and endings are written joined to the word before (Korean): nothing is required after a
    # phrase, and a phrase led by a slot may follow letters directly.
    suffixed: bool = False
    # Spacing between letters varies (Korean 띄어쓰기): a space may be added or left out between letters.
    loose_spacing: bool = False
    # Prefixes written joined to the next word (Arabic و ف ب ل ال): allowed before a phrase.
    proclitics: tuple[str, ...] = ()
    # Letters written interchangeably, each group one string ("её", "اأإآ").
    equivalents: tuple[str, ...] = ()

    @classmethod
    def of(cls, data: Mapping[str, object] | None) -> Writing:
        """The writing traits given in a language's data file (absent: spaced words, no variants)."""
        data = data or {}
        return cls(
            spaced=bool(data.get("spaced", True)),
            suffixed=bool(data.get("suffixed", False)),
            loose_spacing=bool(data.get("loose_spacing", False)),
            proclitics=tuple(str(p) for p in data.get("proclitics", ()) or ()),  # type: ignore[attr-defined]
            equivalents=tuple(str(e) for e in data.get("equivalents", ()) or ()),  # type: ignore[attr-defined]
        )


@record(frozen=True)
class Entry:
    """One phrase of a wording table: the language it is in and its text with slots."""

    language: str
    phrase: str


@record(frozen=True)
class PhraseBook:
    """Phrases of several languages compiled into one search pattern, with a way back to each match's
    language and slots."""

    entries: tuple[Entry, ...]
    writings: Mapping[str, Writing] = field(default_factory=dict)
    _subsets: dict[tuple[Entry, ...], PhraseBook] = field(default_factory=dict, init=False, compare=False, repr=False)
    _last: list[Any] = field(default_factory=list, init=False, compare=False, repr=False)

    @cached_property
    def compiled(self) -> Phrases:
        """`phrases()`, compiled once."""
        return self.phrases()

    def phrases(self) -> Phrases:
        """One case-insensitive pattern for every phrase, its longest match, and the words the prefilter
        can test (the literal parts of every phrase)."""
        if not self.entries:
            # Nothing to look for: a search answers at once that no path says it.
            return Phrases(regex.compile(r"(?!)"), 1, (), None)
        by_language: dict[str, list[str]] = {}
        longest = 0
        for entry in self.entries:
            source, length = compile_phrase(entry.phrase, self.writings.get(entry.language, Writing()))
            by_language.setdefault(entry.language, []).append(source)
            longest = max(longest, length)
        groups = []
        for language, sources in by_language.items():
            sources.sort(key=len, reverse=True)
            groups.append(f"(?P<{_group(language)}>{'|'.join(sources)})")
        required = tuple(sorted({_literal_words(entry.phrase) for entry in self.entries}))
        # Phrases whose letters or spacing may vary are not found by their literal words: then every
        # path is searched.
        plain = all(self._plain(entry.language) for entry in self.entries) and "" not in required
        return Phrases(kept("|".join(groups), FLAGS), longest, None, required if plain else None)

    def _plain(self, language: str) -> bool:
        writing = self.writings.get(language, Writing())
        return not writing.loose_spacing and not writing.equivalents

    def for_script(self, may_say: Callable[[str], bool]) -> PhraseBook:
        """The phrases a script may say (a phrase with a word no path can say is left out), so that a
        script compiles only the part of a large table it could match."""
        # Several rules (and the dry run) ask about the same book for one script: the last answer is kept.
        if self._last and self._last[0] == may_say:
            known: PhraseBook = self._last[1]
            return known
        letters = _sayable_letters(may_say)
        if letters is None:
            kept = tuple(
                entry for entry, forms in zip(self.entries, self._tests, strict=True) if any(map(may_say, forms))
            )
        else:
            # Only the entries whose letters the script has are asked about (one set test for each group of
            # entries needing the same letters): may_say rejects the others anyway.
            candidates = sorted(i for need, group in self._by_letters.items() if letters >= need for i in group)
            kept = tuple(self.entries[i] for i in candidates if any(map(may_say, self._tests[i])))
        subset = self
        if len(kept) != len(self.entries):
            if kept not in self._subsets:
                self._subsets[kept] = PhraseBook(kept, self.writings)
            subset = self._subsets[kept]
        self._last[:] = [may_say, subset]
        return subset

    @property
    def _by_letters(self) -> dict[frozenset[str], list[int]]:
        """The entries by the letters every one of their forms needs (the fewest a form needs, for entries
        with several forms)."""
        return self._index[1]

    @property
    def _tests(self) -> tuple[tuple[str, ...], ...]:
        """Per entry, what may_say is asked (the phrase is possible if any is sayable; none to ask: always)."""
        return self._index[0]

    @cached_property
    def _index(self) -> tuple[tuple[tuple[str, ...], ...], dict[frozenset[str], list[int]]]:
        """`_tests` and `_by_letters`: derived from the entries and their writing alone, so kept between runs
        (scriptlint.intake.kept_data.kept_value; building them for the bundled tables is about 12 ms of a
        process's first check)."""
        tests, letters = kept_value("phrase book index", self._key, self._index_as_json)
        return tuple(tuple(forms) for forms in tests), {frozenset(needed): indexes for needed, indexes in letters}

    def _key(self) -> str:
        """What the index depends on: the entries and their writing (the code that builds it is the seal's)."""
        material = repr((self.entries, sorted(self.writings.items()))).encode("utf-8", "surrogatepass")
        return hashlib.sha256(material).hexdigest()

    def _index_as_json(self) -> list[Any]:
        """The index as JSON gives it back: each entry's forms, then [letters needed, entry indexes] pairs."""
        tests = [self._forms(entry) for entry in self.entries]
        groups: dict[frozenset[str], list[int]] = {}
        for index, forms in enumerate(tests):
            needs = [needed_letters(form) for form in forms]
            common = frozenset.intersection(*needs) if needs else frozenset()
            groups.setdefault(common, []).append(index)
        return [[list(forms) for forms in tests], [["".join(sorted(need)), group] for need, group in groups.items()]]

    def _forms(self, entry: Entry) -> tuple[str, ...]:
        words = _literal_words(entry.phrase)
        if not words:
            return ("",)
        writing = self.writings.get(entry.language, Writing())
        if self._plain(entry.language):
            return (words,)
        # Letters or spacing vary: test the first letter that is not plain ASCII, in each of its forms.
        first = next((char for char in words if not char.isascii() and char.isalpha()), None)
        if first is None:
            return (words.split()[0],)
        return tuple(next((group for group in writing.equivalents if first in group), first))

    def languages(self) -> tuple[str, ...]:
        """The languages of the book's phrases, in order of first appearance."""
        return tuple(dict.fromkeys(entry.language for entry in self.entries))

    def read(self, text: str) -> Reading | None:
        """The language and slots of a matched text (as a search answered it), or None if none matches."""
        match = self.compiled.pattern.search(normalise(text))
        if match is None:
            return None
        language = next((lang for lang in self.languages() if match.group(_group(lang)) is not None), None)
        slots = {
            name: value.strip(" ,;:")
            for name, value in match.groupdict().items()
            if value and not name.startswith("L_")
        }
        return Reading(language, slots, match.group())


@record(frozen=True)
class Reading:
    """What a matched phrase says: its language, and what each of its slots holds."""

    language: str | None
    slots: Mapping[str, str]
    text: str


def compile_phrase(phrase: str, writing: Writing) -> tuple[str, int]:
    """A phrase with slots as a pattern, and the longest text it can match; ValueError for choices inside
    choices, which the phrase syntax does not have (each would match its words literally)."""
    if _NESTED.search(phrase):
        raise ValueError(f"phrase {phrase!r}: choices inside choices; write each alternative as its own phrase")
    phrase = normalise(phrase).strip()
    parts = _SLOT.split(phrase)
    texts, slots = parts[0::2], parts[1::2]
    pattern: list[str] = []
    length = 0
    for index, text in enumerate(texts):
        if text.strip():
            pattern.append(_literal(text.strip(), writing))
            length += len(text.strip())
        if index < len(slots):
            leading = index == 0 and not text.strip()
            trailing = index == len(slots) - 1 and not texts[index + 1].strip()
            # Written against the text ("{org}'s", "由{org}支付") or apart from it ("do {org} tài trợ").
            apart = (text[-1:].isspace() or leading, texts[index + 1][:1].isspace() or trailing)
            pattern.append(_slot(slots[index], leading=leading, trailing=trailing, writing=writing, apart=apart))
            length += SLOT_CHARS
    return _bounded("".join(pattern), phrase, writing), length + 4 * len(slots) + 8


def _slot(name: str, *, leading: bool, trailing: bool, writing: Writing, apart: tuple[bool, bool]) -> str:
    """A slot's group: a name before or after the text, anything between two pieces of text; spaces
    around it where the phrase has them (any spacing in scripts without spaces or with particles)."""
    loose = not writing.spaced or writing.suffixed
    before = r"\s*" if loose else (r"\s+" if apart[0] else "")
    after = r"\s*" if loose else (r"\s+" if apart[1] else "")
    body = NAME if leading or trailing else _INNER
    if leading:
        return f"(?P<{name}>{body}){after}"
    if trailing:
        return f"{before}(?P<{name}>{body})"
    return f"{before}(?P<{name}>{body}){after}"


def _literal(text: str, writing: Writing) -> str:
    """Literal words: any whitespace between words; letters that vary; loose spacing between letters;
    `(a|b)` one of several words (`(a|b|)`: or none), `volunteer(s)` an optional ending."""
    tokens = _TOKEN.findall(text)
    space = r"\s?" if writing.loose_spacing else (r"\s+" if writing.spaced else r"\s*")
    out = ""
    for index, token in enumerate(tokens):
        last = index == len(tokens) - 1
        standalone = token.startswith("(") and token.endswith(")") and _GROUP.fullmatch(token) is not None
        if standalone and "" in token[1:-1].split("|"):
            # An optional word takes its following space with it.
            choices = "|".join(_word(alt, writing) for alt in token[1:-1].split("|") if alt)
            out += f"(?:{space}(?:{choices}))?" if last and index else f"(?:(?:{choices}){'' if last else space})?"
            continue
        out += _word(token, writing) + ("" if last else space)
    return out


def _word(token: str, writing: Writing) -> str:
    """One token: letters, with `(x|y)` groups inside (an empty choice makes the group optional)."""
    parts = _GROUP.split(token)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            alternatives = part.split("|")
            body = "|".join(_letters(alt, writing) for alt in alternatives if alt)
            # `(s)`, `(s|)`: an optional ending; `(s|es)`: one of them.
            optional = "" in alternatives or len(alternatives) == 1
            out.append(f"(?:{body})" + ("?" if optional else ""))
        else:
            out.append(_letters(part, writing))
    return "".join(out)


def _letters(text: str, writing: Writing) -> str:
    if writing.loose_spacing:
        # Letters of one word may be split by a space, words may be written together.
        return r"\s?".join(_letter(char, writing) for char in text.replace(" ", ""))
    if " " in text:
        space = r"\s+" if writing.spaced else r"\s*"
        body = space.join(_letters(word, writing) for word in text.split())
        return (space if text[0] == " " else "") + body + (space if text[-1] == " " else "")
    return "".join(_letter(char, writing) for char in text)


def _letter(char: str, writing: Writing) -> str:
    for group in writing.equivalents:
        if char in group:
            return "[" + "".join(regex.escape(c) for c in group) + "]"
    return regex.escape(char)


def _bounded(body: str, phrase: str, writing: Writing) -> str:
    """The phrase between the word boundaries its writing has."""
    if not writing.spaced:
        return f"(?:{body})"
    starts_with_slot = phrase.startswith("{")
    left = "" if starts_with_slot and writing.suffixed else r"(?<![\w\ue000])"
    if writing.proclitics and not starts_with_slot:
        clitics = "|".join(regex.escape(p) for p in sorted(writing.proclitics, key=len, reverse=True))
        left += f"(?:{clitics})?"
    right = "" if writing.suffixed or phrase.endswith("}") else r"(?![\w\ue000])"
    return f"{left}(?:{body}){right}"


@functools.lru_cache(maxsize=8192)
def _literal_words(phrase: str) -> str:
    """The phrase's words that every match says (slots and choices left out), for the prefilter."""
    text = " ".join(_SLOT.split(normalise(phrase))[0::2])
    words = [_GROUP.sub("", token) for token in _TOKEN.findall(text) if not _GROUP.fullmatch(token)]
    return " ".join(word for word in words if word)


def _group(language: str) -> str:
    return "L_" + regex.sub(r"\W", "_", language)


def book(entries: Iterable[tuple[str, str]], writings: Mapping[str, Writing] | None = None) -> PhraseBook:
    """A phrase book from (language, phrase) pairs."""
    return PhraseBook(tuple(Entry(language, phrase) for language, phrase in entries), dict(writings or {}))


def flatten(table: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """(language, phrase) pairs of a table keyed by language."""
    return [(language, phrase) for language, phrases in table.items() for phrase in phrases]


def _sayable_letters(may_say: Callable[[str], bool]) -> frozenset[str] | None:
    """The letters a script may say, when `may_say` is a path analysis's (which can tell them), else None."""
    owner = getattr(may_say, "__self__", None)
    letters = getattr(owner, "sayable_letters", None)
    return letters() if callable(letters) else None
