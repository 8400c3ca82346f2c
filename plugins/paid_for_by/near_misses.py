"""PF05's patterns: wording close to the disclaimer, in every language that lists it, followed by a name.

A near miss is (a) a listed misspelling or wrong word ("payed for by", "pagado pro"), (b) the
disclaimer attempted with another verb ("sponsored by", "funded by", "a message from"), or (c) a
disclaimer phrase of a language's `fuzzy` list with up to `max_edits` letter edits per word (short words
one; a longer word keeps its first letter), a small word of the phrase dropped or one added. Since any
text has words a letter or two away from "paid for by" ("said by", "pay by check"), a near miss counts
only when a name follows it: a placeholder, a capital letter, a letter of a script without case, or the
sponsor's name. The exact disclaimer is part of the pattern too, so that the paths that lack the pattern
say neither. Fuzzy searches are bounded by the data's timeout.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.phrasing import compile_phrase
from scriptlint.analysis.queries import Phrases, shared_endings
from scriptlint.analysis.spoken import normalise
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.names import NameForms
    from scriptlint.model import Script

    from ..languages.catalogue import Catalogue

_FLAGS = regex.IGNORECASE | regex.VERSION0
_SEPARATORS = r"[\s:,\-\u2013\u2014]*"


@record(frozen=True)
class NearMisses:
    """The near-miss pattern of one sponsor, and which language each match is in."""

    phrases: Phrases
    exact: regex.Pattern[str]
    languages: tuple[str, ...]

    def language_of(self, text: str) -> str | None:
        """The language of a matched text (by the group that matched it; a placeholder stands for the name
        that followed it)."""
        match = self.phrases.pattern.search(normalise(text).strip() + " \ue000")
        if match is None:
            return None
        groups = match.groupdict()
        return next((code for code in self.languages if groups.get(f"L_{code}") is not None), None)

    def is_exact(self, text: str) -> bool:
        """Whether a matched text is the disclaimer itself."""
        return self.exact.fullmatch(normalise(text).strip()) is not None


def near_misses(
    catalogue: Catalogue, script: Script, exact: Phrases, sponsor: Sequence[NameForms], max_edits: int
) -> NearMisses:
    """The near misses of every language, followed by a name (or the sponsor's), with the exact wording;
    listed ones only if the script may say them (letter edits cannot be tested beforehand)."""
    sponsor_names = "|".join(form.pattern() for form in sponsor)
    name = rf"(?:\ue000|(?-i:\p{{Lu}})|\p{{Lo}}{'|' + sponsor_names if sponsor_names else ''})"
    follows = rf"(?={_SEPARATORS}(?:the\s+)?{name})"
    groups = []
    longest = exact.max_chars
    for code, language in catalogue.languages.items():
        # (phrase, what must follow it), in order.
        alternatives: list[tuple[str, str]] = []
        book = catalogue.book("near_miss_disclaimer", "alternative_verbs", languages=(code,))
        # Where the payer comes before the words (Korean, Chinese), no name need follow them.
        after = follows if language.writing.spaced and not language.writing.suffixed else ""
        for phrase in [entry.phrase for entry in book.for_script(script.paths.may_say).entries]:
            source, length = compile_phrase(phrase, language.writing)
            alternatives.append((source, "" if phrase.rstrip().endswith("}") else after))
            longest = max(longest, length)
        fuzzy = language.fuzzy
        small = frozenset(str(word).lower() for word in fuzzy.get("small_words", ()))
        for phrase in fuzzy.get("phrases", ()):
            alternatives.extend((variant, follows) for variant in _fuzzy(str(phrase), small, max_edits))
            longest = max(longest, len(str(phrase)) + 2 * max_edits * len(str(phrase).split()) + 8)
        if alternatives:
            groups.append(f"(?P<L_{code}>{'|'.join(shared_endings(alternatives))})")
    # The exact wording's language groups are renamed, so that each group name stands once.
    body = "|".join([f"(?:{exact.pattern.pattern.replace('(?P<L_', '(?P<X_')})", *groups])
    pattern = kept(body, _FLAGS)
    return NearMisses(Phrases(pattern, longest + 4), exact.pattern, tuple(catalogue.languages))


def _fuzzy(phrase: str, small: frozenset[str], max_edits: int) -> list[str]:
    """A phrase with letter edits per word, as said, with one small word dropped, or with one added."""
    words = phrase.split()
    variants = [words] + [words[:i] + words[i + 1 :] for i, word in enumerate(words) if word.lower() in small]
    extra = "|".join(regex.escape(word) for word in sorted(small))
    found = []
    for variant in variants:
        if len(variant) < 2 and len(words) > 1:
            continue
        parts = [_fuzzy_word(word, max_edits, word.lower() in small) for word in variant]
        gap = rf"(?:\s+(?:{extra}))?\s+" if extra else r"\s+"
        found.append(r"(?<![\w\ue000])" + gap.join(parts) + r"(?![\w\ue000])")
    return found


def _fuzzy_word(word: str, max_edits: int, small: bool) -> str:
    """A word with up to `max_edits` letter edits (one for words of three letters or fewer); a longer
    word that is not a small word keeps its first letter, so that "paid" does not become "said"."""
    edits = min(max_edits, 1 if len(word) <= 3 else max_edits)
    if small or len(word) <= 3:
        return f"(?:{regex.escape(word)}){{e<={edits}}}"
    return f"{regex.escape(word[0])}(?:{regex.escape(word[1:])}){{e<={edits}}}"
