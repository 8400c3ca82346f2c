"""Names as people say them: one place that knows a sponsor's forms and compares spoken names with them.

A committee is named by its full name, by that name without a leading "the" or a legal suffix ("Mike
Bloomberg 2020, Inc." = "Mike Bloomberg 2020"), by its initials when it has three significant words or
more ("Republican National Committee" = "RNC", said in capitals, with or without dots) and by the
aliases its manifest lists. A candidate and the candidate's own committee name each other when the
committee's name holds the candidate's surname ("Barack Obama" and "Obama for America").
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.spoken import normalise
from scriptlint.model.records import record

# Said or not, these do not change whose name it is.
LEGAL_SUFFIXES = (
    "inc", "incorporated", "llc", "l l c", "corp", "corporation", "co", "company", "ltd", "limited", "pllc",
    "lp", "llp", "pc",
)  # fmt: skip
# The suffixes as word tuples and as a pattern, built once (every name asks for them).
_SUFFIX_WORDS = tuple(tuple(suffix.split()) for suffix in LEGAL_SUFFIXES)
_SUFFIX_PATTERN = "|".join(r"\.?\s*".join(regex.escape(part) for part in s.split()) for s in LEGAL_SUFFIXES)
_LEADING = ("the",)
# Words left out of initials ("Friends of Ana Ruiz" = "FAR") and allowed inside a spoken name.
SMALL_WORDS = frozenset({"of", "for", "the", "and", "to", "in", "on", "a", "an", "&", "de", "del", "la", "y"})
# Words that make a name an organisation's, never a person's.
_ORGANISATION_WORDS = frozenset(
    {
        "committee", "campaign", "friends", "pac", "party", "fund", "victory", "people", "citizens",
        "coalition", "association", "union", "council", "alliance", "action", "project", "america",
        "congress", "senate", "president", "governor", "mayor", "national", "democratic", "republican",
        "inc", "llc", "foundation", "network", "group", "league", "majority", "future", "team",
    }
)  # fmt: skip
_PERSONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_WORD = regex.compile(r"[\w']+")
_FLAGS = regex.IGNORECASE | regex.VERSION0
# A letter or digit of a script with letter case (a name's word continues through it).
CASED = r"[\p{Latin}\p{Cyrillic}\p{Greek}\p{Armenian}\p{N}_]"


def words_of(name: str) -> list[str]:
    """The words of a name, normalised and in lower case, without a leading "the" or legal suffixes."""
    words = [word.strip("'") for word in _WORD.findall(normalise(name).lower().replace("&", " and "))]
    words = [word for word in words if word]
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    changed = True
    while changed and len(words) > 1:
        changed = False
        for suffix in _SUFFIX_WORDS:
            if len(words) > len(suffix) and tuple(words[-len(suffix) :]) == suffix:
                words = words[: -len(suffix)]
                changed = True
    return words


def initials(name: str) -> tuple[str, ...]:
    """The initials a committee goes by: of its significant words, and of all its words ("FAR", "FOAR");
    none for names of fewer than three significant words (a person's name is not said by initials)."""
    words = words_of(name)
    significant = [word for word in words if word not in SMALL_WORDS and not word.isdigit()]
    if len(significant) < 3:
        return ()
    forms = ["".join(word[0] for word in significant).upper()]
    every = "".join(word[0] for word in words if word != "and" and not word.isdigit()).upper()
    if every != forms[0]:
        forms.append(every)
    return tuple(forms)


def is_person(name: str) -> bool:
    """Whether a name reads as a person's: two to four capitalised words, none an organisation's word."""
    raw = [word for word in _WORD.findall(normalise(name)) if word]
    if not 2 <= len(raw) <= 4:
        return False
    return all(word[0].isupper() for word in raw) and not any(
        word.lower() in _ORGANISATION_WORDS or word.lower() in SMALL_WORDS for word in raw
    )


def surname(name: str) -> str | None:
    """A person's surname: the last word that is not "Jr." or "III"."""
    words = [word for word in words_of(name) if word not in _PERSONAL_SUFFIXES]
    return words[-1] if words else None


@record(frozen=True)
class NameForms:
    """Every way a name may be said: its words (normalised), its initials and its aliases."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        """The name and its aliases, as written."""
        return (self.name, *(alias for alias in self.aliases if alias.strip()))

    @property
    def initials_only(self) -> bool:
        """Whether the name is written as initials ("DCCC", "R.N.C."): said in full it cannot be recognised
        (other committees share the initials), so its full name belongs in the aliases."""
        return _is_initials(self.name)

    @property
    def abbreviations(self) -> tuple[str, ...]:
        """Initials of the name and of every alias (upper case)."""
        found: list[str] = []
        for spelling in self.spellings:
            found.extend(form for form in initials(spelling) if form not in found)
        return tuple(found)

    def said_as(self, spoken: str) -> bool:
        """Whether a spoken name is this name: equal up to case, punctuation, "the" and legal suffixes,
        possibly followed by contact details; or its initials, said in capitals."""
        said = words_of(spoken)
        if not said:
            return False
        for spelling in self.spellings:
            wanted = words_of(spelling)
            if said == wanted:
                return True
            # The name followed by contact details ("... Ruiz www.anaruiz.com", "... 555 ...").
            if said[: len(wanted)] == wanted and regex.match(r"(?:www|http|\d)", said[len(wanted)]):
                return True
        compact = regex.sub(r"[.\s]", "", regex.sub(r"^\s*the\s+", "", normalise(spoken), flags=_FLAGS))
        return compact.isupper() and compact in self.abbreviations

    def leading(self, text: str) -> str | None:
        """A form of this name said at the very start of a text, as written there ("Citizens for Jobs and
        Growth" in "Citizens for Jobs and Growth, 12 Main St."); None if the text does not start with one."""
        match = kept(rf"(?:{self.pattern()})(?!{CASED})", _FLAGS).match(text)
        return match.group(0) if match else None

    def ends(self, spoken: str) -> bool:
        """Whether a spoken text ends with this name (for names said before a phrase: "... Ruiz에서")."""
        said = words_of(spoken)
        return any(self.said_as(" ".join(said[start:])) for start in range(len(said)))

    def pattern(self) -> str:
        """A regular expression for every form (case-insensitive, initials in capitals only), as one group:
        it is placed inside longer patterns ("paid for by {sponsor.name}"), where a bare alternation would
        let any one form alone stand for the whole phrase."""
        alternatives = [name_pattern(spelling) for spelling in self.spellings]
        alternatives += [rf"(?-i:{_dotted(form)})" for form in self.abbreviations]
        return "(?:" + "|".join(f"(?:{alternative})" for alternative in alternatives) + ")"


def related(first: str, second: str) -> bool:
    """Whether one name is a candidate's and the other the candidate's committee, holding the surname."""
    for person, other in ((first, second), (second, first)):
        if is_person(person) and not is_person(other):
            family = surname(person)
            if family and family in words_of(other):
                return True
    return False


def name_pattern(value: str) -> str:
    """A name as people say it: any case and punctuation, an optional leading "the" and legal suffix."""
    words = words_of(value) or [value.strip().lower()]
    body = regex.escape(words[0])
    for before, word in pairwise(words):
        if word == "and":
            # "and" is also written "&" ("Jobs & Growth PAC"), with or without spaces around it.
            body += r"(?:[\s,.'\-]*&[\s,.'\-]*|[\s,.&'\-]+and[\s,.&'\-]+)"
        else:
            body += ("" if before == "and" else r"[\s,.&'\-]+") + regex.escape(word)
    return rf"(?:the\s+)?{body}(?:,?\s+(?:{_SUFFIX_PATTERN})\.?)?"


def names_pattern(forms: Iterable[NameForms]) -> regex.Pattern[str]:
    """Any of these names as whole words."""
    body = "|".join(form.pattern() for form in forms)
    # A name said inside text of a script without case may have letters of it right before or after
    # ("由Friends of Ana Ruiz支付", "Friends of Ana Ruiz에서"): only letters of cased scripts break it.
    return kept(rf"(?<!{CASED})(?:{body})(?!{CASED})", _FLAGS)


def _is_initials(name: str) -> bool:
    """Whether a name is written as initials only ("DCCC", "R.N.C.")."""
    return regex.fullmatch(r"(?:\p{Lu}\.?){2,8}", name.strip()) is not None


def _dotted(initials_form: str) -> str:
    """Initials with or without dots: RNC, R.N.C."""
    return r"\.?".join(regex.escape(letter) for letter in initials_form) + r"\.?"
