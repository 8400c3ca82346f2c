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
_VERSION_MARKER = kept(
    r"(?i)^[\[(]?\s*(?:(?:the\s+)?(?P<a>" + _LANGUAGE_WORD + r")(?:\s+(?:version|script|translation|language))?"
    r"|(?:versi[oó]n|version)\s+(?:en\s+|in\s+)?(?P<b>"
    + _LANGUAGE_WORD
    + r")|(?:in|en)\s+(?P<c>"
    + _LANGUAGE_WORD
    + r"))\b(?:\s*[/,-]\s*[^\])\n]{0,60})?\s*[\])]?\s*:?$"
)


def language_version(words: str) -> str | None:
    """The language a version marker names ("[ES]", "## Spanish version", "VERSIÓN EN ESPAÑOL:"), or None."""
    found = _VERSION_MARKER.match(words.strip().strip("*_").strip())
    if found is None:
        return None
    said = (found.group("a") or found.group("b") or found.group("c")).lower()
    return _LANGUAGE_OF.get(said)


class _Line(Protocol):
    @property
    def version(self) -> str | None: ...


def segments(lines: Sequence[_Line]) -> tuple[int, list[tuple[str, int, int]]] | None:
    """Where the versions start (the lines before are common: a title, instructions) and each version's
    language and line range, or None when the document does not hold two versions in different languages."""
    markers = [(index, line.version) for index, line in enumerate(lines) if line.version]
    if len({language for _, language in markers}) < 2:
        return None
    bounds = [index for index, _ in markers] + [len(lines)]
    return markers[0][0], [
        (str(language), start, stop) for (start, language), stop in zip(markers, bounds[1:], strict=True)
    ]


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
