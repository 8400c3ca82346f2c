"""Merge fields and placeholders in vendors' syntaxes, and whom each names: the caller, the voter, the
candidate or the sponsor (docs/conventions.md).

`%%caller_first_name%%`, `{AgentName}`, `[First Name]`, `*|FNAME|*`, `<<name>>`, `<zip code>`,
`${campaign.name}`, `{{firstname}}` in plain text, `(name of candidate)` inside a sentence and `____`
each stand for one spoken value. A field's role comes from its words ("caller", "agent", "your name"
are the caller; "candidate"; "committee", "campaign", "organization" the sponsor; "first name",
"voter", "member" the person called), or from the `merge-fields` configuration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.compiled import kept

if TYPE_CHECKING:
    from scriptlint.model.manifest import Manifest

# Every syntax, one alternative each; the field's words are in the group named after its syntax.
PATTERN = kept(
    r"%%(?P<percent>[A-Za-z][\w .-]{0,40})%%"
    r"|\*\|(?P<mailchimp>[A-Za-z][\w:-]{0,40})\|\*"
    r"|<<(?P<angles>[A-Za-z][\w .'/-]{0,40})>>"
    r"|\$\{(?P<dollar>[A-Za-z][\w.]{0,60})\}"
    r"|\{\{\s*(?P<braces>[A-Za-z][\w. ]{0,40}?)\s*\}\}"
    r"|(?<![{%#])\{(?P<brace>[A-Za-z][\w .'/-]{0,40})\}(?!\})"
    r"|<(?P<angle>[A-Za-z][\w'-]*(?:(?:[ /_]|/ )[\w'-]+){1,6})>"
    r"|\[(?P<bracket>[^\[\]\n]*\p{L}[^\[\]\n]*)\]"
    r"|\((?P<paren>(?=[^()\n]*\b(?:name|candidate|organi[sz]ation|campaign|committee|group|city|town|state"
    r"|zip\s*code|date|phone\s*number|number|address|company|org)\b)[^()\n\d]{2,60})\)"
    r"|_{3,}|(?<![\w*_])__(?![\w*_])"
)

_WORDS = regex.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_ROLE_WORDS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("caller", regex.compile(r"\b(?:caller|agent|volunteer|your|my|rep|interviewer|sender|user|operator|staff)\b")),
    ("candidate", regex.compile(r"\b(?:candidate|cand)\b")),
    (
        "sponsor",
        regex.compile(
            r"\b(?:sponsor|committee|cmte|campaign|organi[sz]ation|org|group|company|charity|party|pac|union"
            r"|program|client|provider|business|nonprofit)\b"
        ),
    ),
    (
        "voter",
        regex.compile(
            r"\b(?:voter|first|fname|last|lname|contact|recipient|their|member|donor|customer|constituent"
            r"|resident|name|prospect|callee)\b"
        ),
    ),
)


def words_of(field: str) -> str:
    """A field's words, lower case: "caller_first_name", "AgentName" and "FNAME" read as words."""
    return " ".join(word.lower() for word in _WORDS.findall(field.replace("_", " ").replace(".", " ")))


def role_of(field: str, declared: Mapping[str, tuple[str, ...]] | None = None) -> str | None:
    """'caller', 'voter', 'candidate' or 'sponsor' for a field's words, or None (a date, a place)."""
    lowered = field.strip().lower()
    for role, names in (declared or {}).items():
        if lowered in names or words_of(field).replace(" ", "_") in names:
            return role
    words = words_of(field)
    if words in ("fname", "lname", "name"):
        return "voter"
    for role, pattern in _ROLE_WORDS:
        if pattern.search(words):
            return role
    return None


def field_of(match: regex.Match[str]) -> str:
    """The words a placeholder match names ("" for a blank `____`)."""
    for name, value in match.groupdict().items():
        if value is not None and name:
            return value
    return ""


def identifier(field: str) -> str:
    """The template name a placeholder stands for: "(name of candidate)" is `name_of_candidate`."""
    return "_".join(words_of(field).split()) or "placeholder"


def role_values(fields: Mapping[str, str], candidate: str | None, sponsor: str | None) -> dict[str, str]:
    """The values of the candidate's and sponsor's fields from the manifest (names -> value)."""
    known = {"candidate": candidate, "sponsor": sponsor}
    return {name: value for name, role in fields.items() if (value := known.get(role))}


def merge_names(manifest: Manifest) -> tuple[str | None, str | None]:
    """The candidate's and the sponsor's names for merge fields: `vars.candidate`, else the authorizing
    candidate (a candidate's committee); the sponsor's name."""
    candidate = manifest.vars.get("candidate")
    sponsor = manifest.sponsor
    if not isinstance(candidate, str):
        candidate = sponsor.authorized_by if sponsor.candidate_committee is not False else None
    return candidate, sponsor.name
