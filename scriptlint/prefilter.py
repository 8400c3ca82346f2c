"""Which literal phrases a script cannot say at all: a cheap test that spares a search of every path.

Every spoken word comes from the template's literal text, its constants, the manifest's values, or
what the expression evaluator makes of them (case changes, joins; scriptlint.expressions). So a phrase
one of whose words appears nowhere in that text is said on no path, and its answer is the same as for
a pattern that never matches: what every path says is then irrelevant, only where each path ends. A
`replace` filter can make up words, so templates using it are always searched in full; digits are
never excluded (arithmetic makes numbers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import regex
from jinja2 import nodes

_WORD = regex.compile(r"\w+")
# Filters that can produce words not in their input (the evaluator's others only change case or trim).
_GENERATIVE_FILTERS = frozenset({"replace"})
# How the evaluator renders booleans and None: words that need not appear in any source.
_RENDERED = "true false none"


def haystack(templates: Iterable[tuple[str, nodes.Template]], base: Mapping[str, Any]) -> str | None:
    """The lowercased text every spoken word must come from, or None when the templates can make up words."""
    parts = [_RENDERED]
    for source, ast in templates:
        if any(node.name in _GENERATIVE_FILTERS for node in ast.find_all(nodes.Filter)):
            return None
        parts.append(source)
    parts.extend(_scalars(base))
    # The spoken-text model reads typographic apostrophes as straight ones.
    return "\n".join(parts).lower().replace("\u2019", "'").replace("\u2018", "'")


def cannot_say(text: str, literals: Iterable[str]) -> bool:
    """Whether none of the phrases can be said: each has a word (not a number) missing from `text`."""
    for literal in literals:
        words = [word for word in _WORD.findall(literal) if not word.isdigit()]
        if not words or all(word in text for word in words):
            return False
    return True


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
