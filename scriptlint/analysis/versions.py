"""The choices a document's layout makes above its answer labels: its language versions ("[ENGLISH]" ...
"[SPANISH]" ..., "## Versión en español"), each read as an alternative the way a template's `{% if language ==
'es' %}` is, since a caller reads one version to each person called; and its voicemail section, the whole call
when the call reaches voicemail (docs/conventions.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import regex
from jinja2 import nodes

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.layout_lines import UNSPOKEN

# The template names a document's version choice and its voicemail branch test.
VERSION = "version"
VOICEMAIL = "voicemail"

# The languages a version marker may name, by the words for them ("[ES]", "## Español", "SPANISH VERSION:").
_LANGUAGE_NAMES = {
    "English": "en english inglés ingles anglais",
    "Spanish": "es sp spanish español espanol castellano espagnol",
    "French": "fr french français francais",
    "Vietnamese": "vi vietnamese tiếng việt",
    "Chinese": "zh chinese mandarin cantonese 中文",
    "Korean": "ko korean 한국어",
    "Tagalog": "tl tagalog filipino",
    "Arabic": "ar arabic العربية",
    "Russian": "ru russian русский",
    "Haitian Creole": "ht kreyòl kreyol creole",
    "Portuguese": "pt portuguese português portugues",
}
_LANGUAGE_OF = {word: name for name, words in _LANGUAGE_NAMES.items() for word in words.split()}
_LANGUAGE_WORD = "|".join(sorted(map(regex.escape, _LANGUAGE_OF), key=len, reverse=True))
# A marker names a language alone: in brackets anything may follow it ("[ES, as rendered by ...]"); bare,
# only "version", "script" or the language again ("English / Inglés"), so "Spanish-speaking voters" is none.
_VERSION_MARKER = kept(
    r"(?i)^(?:[\[(]\s*(?:the\s+)?(?P<a>" + _LANGUAGE_WORD + r")\b[^\])\n]{0,60}[\])]"
    r"|(?:the\s+)?(?P<b>" + _LANGUAGE_WORD + r")(?:\s+(?:version|script|translation|versi[oó]n))?"
    r"(?:\s*/\s*(?:" + _LANGUAGE_WORD + r"))?"
    r"|(?:versi[oó]n|version|script)\s+(?:en\s+|in\s+)?(?P<c>" + _LANGUAGE_WORD + r")"
    r"|(?:in|en)\s+(?P<d>" + _LANGUAGE_WORD + r"))\s*:?$"
)
# A marker that ends the versions: what follows is said in every version ("[BOTH VERSIONS]", "## Closing for
# every call").
_COMMON_MARKER = kept(
    r"(?i)^[\[(]?\s*(?:(?:both|all|ambas|todas|las\s+dos)\s+(?:versions?|languages?|versiones|idiomas)"
    r"|.{0,40}\b(?:for|in)\s+(?:every|all|both|each)\s+(?:calls?|versions?|languages?)|(?:para\s+)?todas\s+las\s+llamadas)"
    r"\s*[\])]?\s*:?$"
)
# The least a version says (spoken words), and the most the longest may say for each word of the shortest:
# a one-line "[ES]" aside in an English script is no version.
_LEAST_WORDS = 3
_MOST_RATIO = 4
# The most that may be said before the first marker (a title the layout did not recognise as one).
_TITLE_WORDS = 8


def language_version(words: str) -> str | None:
    """The language a version marker names ("[ES]", "## Spanish version", "VERSIÓN EN ESPAÑOL:"), or None."""
    found = _VERSION_MARKER.match(words.strip().strip("*_").strip())
    if found is None:
        return None
    said = (found.group("a") or found.group("b") or found.group("c") or found.group("d")).lower()
    return _LANGUAGE_OF.get(said)


class _Line(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def version(self) -> str | None: ...
    @property
    def heading(self) -> int: ...
    @property
    def kind(self) -> str: ...


def common_marker(words: str) -> bool:
    """Whether a line ends a document's versions: "[BOTH VERSIONS]", "## Closing for every call"."""
    return _COMMON_MARKER.match(words.strip().strip("#*_ ").strip()) is not None


def segments(lines: Sequence[_Line], text: str, spoken: str) -> tuple[int, list[tuple[str, int, int]], int] | None:
    """Where the versions start (the lines before are common: a title, instructions), each version's language
    and line range, and where the common lines after them start (a "[BOTH VERSIONS]" marker or a heading beside
    the versions'); None when the document does not hold two versions in different languages, each a real one
    (three words or more, none four times another), with no more than a title said before them. `text` is the
    document, `spoken` its spoken form (same offsets)."""
    markers = [(index, line.version) for index, line in enumerate(lines) if line.version]
    if len({language for _, language in markers}) < 2:
        return None
    level = lines[markers[0][0]].heading
    end = len(lines)
    for index in range(markers[-1][0] + 1, len(lines)):
        line = lines[index]
        if (level and 0 < line.heading <= level) or (
            (line.heading or line.kind == UNSPOKEN) and common_marker(text[line.start : line.end])
        ):
            end = index
            break
    stops = [index for index, _ in markers[1:]] + [end]
    parts = [(str(language), start, stop) for (start, language), stop in zip(markers, stops, strict=True)]
    words = [len(spoken[lines[start].start : lines[stop - 1].end].split()) for _, start, stop in parts]
    if min(words) < _LEAST_WORDS or max(words) > _MOST_RATIO * min(words):
        return None
    if len(spoken[: lines[markers[0][0]].start].split()) > _TITLE_WORDS:
        return None  # the call has begun before the first marker: an aside in another language, not versions
    return markers[0][0], parts, end


def version_choice(branches: list[tuple[str, list[nodes.Node]]]) -> nodes.If:
    """One choice between the versions, each worded "when the Spanish version is read"."""

    def _is(language: str) -> nodes.Expr:
        return nodes.Compare(nodes.Name(VERSION, "load"), [nodes.Operand("eq", nodes.Const(language))])

    (first, body), *rest = branches
    *middle, (_, last) = rest
    chain = nodes.If(
        _is(first),
        body,
        [nodes.If(_is(language), statements, [], [], lineno=1) for language, statements in middle],
        last,
        lineno=1,
    )
    chain.scriptlint_words = [f"the {language} version is read" for language, _ in branches]  # type: ignore[attr-defined]
    return chain


def with_voicemail(main: list[nodes.Node], voicemail: list[nodes.Node]) -> list[nodes.Node]:
    """The statements of a body with a voicemail section: that section alone when the call reaches voicemail."""
    if not voicemail:
        return main
    if not any(_says_something(node) for node in main):
        # Nothing is said outside the voicemail section: the document is a voicemail message.
        return [*main, *voicemail]
    branch = nodes.If(nodes.Name(VOICEMAIL, "load"), voicemail, [], main, lineno=1)
    branch.scriptlint_words = ["the call reaches voicemail", "the call is answered"]  # type: ignore[attr-defined]
    return [branch]


def _says_something(node: nodes.Node) -> bool:
    """Whether a statement says anything (a word of literal text, an expression, or a statement)."""
    if not isinstance(node, nodes.Output):
        return True
    for child in node.nodes:
        if not isinstance(child, nodes.TemplateData):
            return True
        if regex.search(r"\w", getattr(child, "scriptlint_spoken", child.data)):
            return True
    return False
