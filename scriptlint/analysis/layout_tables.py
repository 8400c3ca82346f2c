"""Response tables in a script's layout: a two-column table headed by what the person called says and what
the caller says ("| If the voter says... | You say... |"), whose rows are alternatives."""

from __future__ import annotations

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.layout_words import answer_named, is_answer

# A two-column table row ("| Yes | Wonderful, thank you! |"), as Markdown writes a response table.
# Possessive runs: a long cell without its closing pipe fails at once (no backtracking over the cell).
_TABLE_ROW = kept(r"^\s*+\|(?P<first>[^|\n]++)\|(?P<second>[^|\n]++)\|\s*+$")
# A response table's header: what the person called says, then what the caller says.
_THEIR_SIDE = kept(
    r"(?i)^\W*(?:if\s+)?(?:the\s+)?(?:voter|they|he|she|person|respondent|caller'?s\s+contact)\s+(?:says?|asks?|answers?"
    r"|responds?)\b.*|\W*(?:their\s+)?(?:responses?|answers?|questions?|objections?)\W*$"
)
_IF = kept(r"(?i)^(?:if|si)\s+")
_OUR_SIDE = kept(r"(?i)^\W*(?:(?:then\s+)?you\s+(?:say|answer|respond)|say|reply|response|what\s+to\s+say|caller)\b")


def table_row(line: str) -> tuple[str | None, int] | None:
    """A table row read on its own, or None for another line: (None, its length) for a response table's header
    ("| If the voter says... | You say... |"), (answer, where the second column starts) for a row whose first
    column is an answer ("| Yes | Wonderful! |"), else None."""
    row = _columns(line)
    if row is None:
        return None
    first, second, body = row
    if _THEIR_SIDE.match(first) and _OUR_SIDE.match(second.strip("*_")):
        return None, len(line)
    label = _IF.sub("", first)
    return (answer_named(label), body) if is_answer(label) else None


def response_row(line: str) -> tuple[str, int] | None:
    """A row of a response table (under its header): what the person says or asks in the first column, as the
    label, and where the caller's reply in the second starts ("| Who is paying for this call? | ... |")."""
    row = _columns(line)
    if row is None or not regex.search(r"\w", row[0]) or len(row[0].split()) > 12:
        return None
    return answer_named(_IF.sub("", row[0])), row[2]


def _columns(line: str) -> tuple[str, str, int] | None:
    """A two-column row's first column (without emphasis), its second, and where the second's words start."""
    found = _TABLE_ROW.match(line)
    if found is None or not found.group("second").strip():
        return None
    second = found.group("second")
    body = found.start("second") + len(second) - len(second.lstrip())
    return found.group("first").strip().strip("*_").strip(), second.strip(), body
