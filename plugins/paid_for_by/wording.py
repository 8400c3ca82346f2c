"""The paid-for-by data (wording.yml: citations, thresholds) and the languages' phrases, as patterns.

Everything legal here is data: citations and thresholds come from this plugin's YAML file, the phrases
of every language from scriptlint_plugins.languages; this module only compiles them and builds
patterns for the manifest's contact details. Names are compared by scriptlint.analysis.names.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.queries import ANY_PHONE, Phrases, phone_number, phrase_pattern
from scriptlint.intake.kept_data import read_data_file
from scriptlint.model import RulePart
from scriptlint.model.records import record
from scriptlint.model.scope import Scope

from ..languages.catalogue import shared

if TYPE_CHECKING:
    from scriptlint.analysis.names import NameForms
    from scriptlint.analysis.phrasing import PhraseBook
    from scriptlint.model import Script

    from ..languages.catalogue import Catalogue

WORDING_FILE = Path(__file__).parent / "wording.yml"
# A word after the sponsor's whole name that only says what kind of body it is.
_GENERIC_NOUNS = frozenset({"committee", "campaign", "campaign committee", "organization", "organisation"})
_STREET_WORDS = {
    "street": r"(?:street|st\.?)",
    "avenue": r"(?:avenue|ave\.?)",
    "road": r"(?:road|rd\.?)",
    "boulevard": r"(?:boulevard|blvd\.?)",
    "suite": r"(?:suite|ste\.?)",
    "drive": r"(?:drive|dr\.?)",
    "lane": r"(?:lane|ln\.?)",
}
# A host name starts after no word character, dot or hyphen, and its labels are taken whole (possessive):
# a long hyphenated word is read once, not once per letter.
_ANY_URL = (
    r"(?<![\w.\-])(?:www\.)?[a-z0-9][a-z0-9\-]*+(?:(?:\.|\s+dot\s+)[a-z0-9\-]++)*"
    r"(?:\.|\s+dot\s+)(?:com|org|net|us|gov|edu|info|vote)(?![a-z0-9\-])"
)
_ANY_ADDRESS = (
    r"(?<!\w)\d{1,6}\s+(?:[\w.]+\s+){1,4}"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl)(?!\w)"
)
_FLAGS = regex.IGNORECASE | regex.VERSION0
# Where a name said after a statement ends: a sentence's or clause's punctuation, in any script; a dot
# after a single letter that follows a space or a dot is an initial's ("D.C.C.C."), not an end.
# A second payer named after the sponsor ("... Clean Water and Safe Streets Action Fund", "... y el Comité X"):
# a conjunction, maybe an article, then a capitalised name; a statement ("and Approved by ...") is no name.
_JOINED = regex.compile(r"^\s*+(?i:and|&|y|e|et|und)\s++(?i:(?:the|el|la|los|las|le|les|die|der)\s++)?(?=\p{Lu})")
_STATEMENT_WORDS = frozenset({"by", "por", "par", "von"})
_NAME_END = regex.compile(r"(?<![\s.]\p{L})\.(?=\s|$)|[,;:!?\n\u3001\u3002\uff0c\uff1b\uff1a\u060c]")


@record(frozen=True)
class Statement:
    """One kind of statement: its phrases in every language, citation, source URL, confidence tag."""

    key: str
    book: PhraseBook
    citation: str
    url: str | None
    confidence: str
    catalogue: Catalogue

    @cached_property
    def phrases(self) -> Phrases:
        """Any of the statement's phrases, in any language."""
        return self.book.compiled

    def in_script(self, script: Script) -> PhraseBook:
        """The statement's phrases that this script may say (a smaller pattern to compile and search)."""
        return self.book.for_script(script.paths.may_say)

    def example(self, language: str | None, **names: str) -> str:
        """Suggested wording in a language (English when there is none in it)."""
        return self.catalogue.example(self.key, language, **names)


# The language data's section for each statement, and the key of its suggested wording.
_SECTIONS = {"disclaimer": "disclaimer", "authorized": "authorized_by", "not_authorized": "not_authorized"}


class Wording:
    """The data file and the languages' wording, read on first use (a run that selects no PF rule never
    reads them)."""

    def __init__(self, path: Path = WORDING_FILE, catalogue: Catalogue | None = None) -> None:
        self.path = path
        self._scopes: dict[str, Scope] = {}
        self._catalogue = catalogue
        self._statements: dict[str, Statement] = {}

    @cached_property
    def catalogue(self) -> Catalogue:
        """Every language's phrases (scriptlint_plugins.languages)."""
        return self._catalogue or shared()

    @cached_property
    def data(self) -> Mapping[str, Any]:
        """The whole data file."""
        return read_data_file(self.path)

    def statement(self, key: str) -> Statement:
        """A statement (`disclaimer`, `authorized`, `not_authorized`): phrases from the languages' data,
        citation from this plugin's (made once per key)."""
        if key not in self._statements:
            entry = self.data[key]
            book = self.catalogue.book(_SECTIONS[key])
            citation, url, confidence = entry["citation"], entry.get("url"), entry.get("confidence", "M")
            self._statements[key] = Statement(key, book, citation, url, confidence, self.catalogue)
        return self._statements[key]

    def source(self, key: str) -> tuple[str, str | None]:
        """Citation and URL of a table."""
        return self.data[key]["citation"], self.data[key].get("url")

    def scope(self, key: str) -> Scope:
        """The calls a table's law governs (its `applies`), parsed once."""
        if key not in self._scopes:
            try:
                self._scopes[key] = Scope.parse(self.data[key].get("applies"))
            except ValueError as exc:
                raise ValueError(f"{self.path}: {key}: {exc}") from None
        return self._scopes[key]

    def part(self, key: str, label: str) -> RulePart:
        """A table as one part of a rule: its citation, scope in words, source confidence and dates."""
        entry = self.data[key]
        return RulePart(
            label=label,
            citation=entry["citation"],
            scope=self.scope(key).describe(),
            url=entry.get("url"),
            confidence=entry.get("confidence"),
            in_force=_text(entry.get("in_force")),
            amended=_text(entry.get("amended")),
            checked=_text(entry.get("checked")),
        )

    @cached_property
    def disclaimer(self) -> Statement:
        """Any accepted paid-for-by phrasing."""
        return self.statement("disclaimer")

    def claimed_authorization(self, script: Script) -> Phrases:
        """An authorization statement that is not part of a denial ("not authorized by any candidate").

        Each language's data gives the words that make it a denial, before the phrase ("not", "no",
        "未") or right after it ("any", "ningún"); up to two words may stand between ("has not been").
        """
        claim = self.statement("authorized").in_script(script).compiled
        if claim.literals == ():
            return claim
        before = sorted({w for lang in self.catalogue.languages.values() for w in lang.negation.get("before", ())})
        after = sorted({w for lang in self.catalogue.languages.values() for w in lang.negation.get("any", ())})
        denial = "|".join(phrase_pattern(word) for word in sorted(before, key=len, reverse=True))
        negation = rf"(?<!(?<![\w'])(?:{denial})(?:\s+[\w']+){{0,2}}\s*)" if before else ""
        any_word = "|".join(phrase_pattern(word) for word in sorted(after, key=len, reverse=True))
        not_any = rf"(?!\s*(?:{any_word})(?!\w))" if after else ""
        # A longer window keeps the words around a match in view for the look-behind and look-ahead.
        pattern = kept(negation + "(?:" + claim.pattern.pattern + ")" + not_any, _FLAGS)
        return Phrases(pattern, claim.max_chars + 24, None, claim.required)

    @property
    def fuzzy_timeout(self) -> float:
        """Seconds a fuzzy search may take."""
        return float(self.data["near_misses"]["timeout"])

    @property
    def max_edits(self) -> int:
        """Letter edits allowed per word of a near miss."""
        return int(self.data["near_misses"]["max_edits_per_word"])

    def spoken_name(self, after: str, expected: NameForms | None = None) -> str:
        """The name at the start of what follows a statement: up to punctuation (not the dots of initials:
        "the D.C.C.C.") or a stop word of any language. A name that holds such a word or dot itself
        ("Citizens for Jobs and Growth", "Friends of Dr. Ana Ruiz") is read whole when it is the `expected`
        one, with any name words that follow it (then it is another name)."""
        text = after.strip().lstrip(":;,-\u2013\u2014 ")
        said = expected.leading(text) if expected is not None else None
        if said is None:
            return self._name_words(text, leading_stop=False)
        rest = text[len(said) :]
        more = self._name_words(rest, leading_stop=True)
        if more.lower() in _GENERIC_NOUNS:
            return said.strip()  # "the Pat Lee for Congress committee" names the sponsor
        joined = _JOINED.match(rest) if not more else None
        if joined:
            # Paid for jointly: the disclaimer names both (11 CFR 110.11(b)), and the manifest only one.
            second = self._name_words(rest[joined.end() :], leading_stop=True)
            if second and not _STATEMENT_WORDS & {word.lower() for word in second.split()}:
                return f"{said.strip()}{rest[: joined.end()].rstrip()} {second}"
        return f"{said.strip()} {more}" if more else said.strip()

    @staticmethod
    def joint(spoken: str, expected: NameForms) -> bool:
        """Whether a name read by spoken_name is the expected one joined to a second payer's."""
        said = expected.leading(spoken)
        return said is not None and _JOINED.match(spoken[len(said) :]) is not None

    def _name_words(self, text: str, leading_stop: bool) -> str:
        """The words at the start of a text up to punctuation or a stop word (`leading_stop`: even as its
        first word)."""
        text = _NAME_END.split(text, maxsplit=1)[0]
        stops = self.catalogue.stop_words()
        words: list[str] = []
        for word in text.split():
            if word.lower() in stops and (words or leading_stop):
                break
            words.append(word)
        return " ".join(words)


def contact_patterns(address: str | None, phone: str | None, url: str | None) -> Phrases:
    """The manifest's contact details as people say them; any address, phone or URL if none is given."""
    # The statute accepts any of the three, so any address, number or web address said counts too.
    alternatives = [p for p in (_address(address), phone_number(phone), _url(url)) if p]
    alternatives += [_ANY_ADDRESS, ANY_PHONE, _ANY_URL]
    return Phrases(regex.compile("|".join(f"(?:{a})" for a in alternatives), _FLAGS), 80)


def phone_pattern(phone: str | None) -> Phrases:
    """The manifest's phone number in any usual form, or any ten-digit US number."""
    return Phrases(regex.compile(phone_number(phone) or ANY_PHONE, _FLAGS), 40)


def _url(url: str | None) -> str | None:
    if not url:
        return None
    host = regex.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0]
    host = regex.sub(r"^www\.", "", host)
    if "." not in host:
        return None
    labels = [regex.escape(label) for label in host.split(".")]
    # Text of a script without case may follow at once ("granitefuture.org입니다").
    return r"(?<![\w.])(?:www\.)?" + r"(?:\.|\s+dot\s+)".join(labels) + r"(?![a-z0-9\-])"


def _address(address: str | None) -> str | None:
    if not address:
        return None
    street = address.split(",")[0].strip()
    words = regex.sub(r"[^\w\s]", " ", street).split()
    if len(words) < 2:
        return None
    parts = [_STREET_WORDS.get(word.lower(), regex.escape(word)) for word in words]
    return r"(?<!\w)" + r"[\s,.]+".join(parts) + r"(?!\w)"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
