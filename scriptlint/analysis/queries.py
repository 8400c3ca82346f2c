"""Questions rules ask about a script's paths, so that rule plugins stay short.

"Is this said on every path?", "which paths lack it, under which conditions?", "how early is it said
at the latest?" are answered over every path of the template (see `scriptlint.analysis.paths`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.layout_lines import TRAILING_DIRECTION
from scriptlint.analysis.names import NameForms, names_pattern
from scriptlint.model.fixes import Edit
from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.profile import Profile
    from scriptlint.model import Finding, Rule, Script, Severity
    from scriptlint.model.answers import MissingPath, Occurrence, PathSearch


FLAGS = regex.IGNORECASE | regex.VERSION1
# Any US telephone number as people write and say it: 555-201-0100, (555) 201 0100, +1 555.201.0100.
ANY_PHONE = r"(?<!\d)(?:\+?1[\s.\-]*)?\(?\d{3}\)?[\s.\-]*\d{3}[\s.\-]*\d{4}(?!\d)"
_DIGIT_SEPARATORS = r"[\s().\-]*"


def whole_words(alternatives: Iterable[str], flags: int = FLAGS) -> regex.Pattern[str]:
    """One pattern matching any of the alternatives (regular expressions) as whole words."""
    return kept(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", flags)


def shared_endings(alternatives: Iterable[tuple[str, str]]) -> list[str]:
    """Alternatives given as (start, ending), with the ending written once for a run of them in a row:
    `a1 E|a2 E|b|a3 E` as `(?:a1|a2)E|b|a3 E`. The same matches, tried in the same order (a backtracking
    engine tries `(?:a1|a2)E` as `a1E|a2E`), but a long ending (a sponsor's names in every form, hundreds of
    characters) is compiled once per run instead of once per phrase. Each start must be a sequence, not a
    bare alternation."""
    runs: list[tuple[list[str], str]] = []
    for start, ending in alternatives:
        if runs and ending and runs[-1][1] == ending:
            runs[-1][0].append(start)
        else:
            runs.append(([start], ending))
    return [starts[0] + ending if len(starts) == 1 else f"(?:{'|'.join(starts)}){ending}" for starts, ending in runs]


def phrase_pattern(phrase: str) -> str:
    """A phrase as a pattern: its words literally, any whitespace between them."""
    return r"\s+".join(regex.escape(word) for word in phrase.split())


def phone_number(number: str | None) -> str | None:
    """A given telephone number as a pattern that allows any separators and a leading +1 (None when the
    text holds fewer than seven digits)."""
    digits = regex.sub(r"\D", "", number or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) < 7:
        return None
    body = _DIGIT_SEPARATORS.join(digits)
    return rf"(?<!\d)(?:\+?1{_DIGIT_SEPARATORS})?\(?{body}(?!\d)"


@record(frozen=True)
class Phrases:
    """A case-insensitive pattern for any of some phrases, and the longest text it can match."""

    pattern: regex.Pattern[str]
    max_chars: int
    # The literal phrases (lower case, single spaces), when the pattern is just their alternation:
    # a search then keeps only the part of a path's past that could still begin one of them.
    literals: tuple[str, ...] | None = None
    # Phrases of which one must be sayable (all its words) for the pattern to match anywhere: a script
    # that can say none of them is answered without a search (see scriptlint.analysis.prefilter).
    required: tuple[str, ...] | None = None


def phrases(texts: Iterable[str]) -> Phrases:
    """Match any of the phrases as whole words, with any whitespace between the words."""
    return _phrases(tuple(texts))


# Rules ask for the same phrases for every script of a run: each set is built and compiled once.
@functools.lru_cache(maxsize=4096)
def _phrases(texts_list: tuple[str, ...]) -> Phrases:
    alternatives = []
    longest = 0
    for phrase in texts_list:
        words = phrase.split()
        if words:
            alternatives.append(phrase_pattern(phrase))
            longest = max(longest, len(" ".join(words)))
    if not alternatives:
        raise ValueError("phrases() needs at least one phrase")
    # Longest first, so that "paid for and authorized by" wins over a shorter alternative.
    alternatives.sort(key=len, reverse=True)
    pattern = whole_words(alternatives)
    literals = tuple(sorted({" ".join(phrase.split()).lower() for phrase in texts_list if phrase.split()}))
    return Phrases(pattern, longest, literals)


def names(values: Iterable[str | NameForms]) -> Phrases:
    """Any of these names, as people say them (see scriptlint.analysis.names): full names, short forms,
    initials and aliases."""
    forms = [value if isinstance(value, NameForms) else NameForms(value) for value in values]
    forms = [form for form in forms if form.name and form.name.strip()]
    if not forms:
        raise ValueError("names() needs at least one name")
    longest = max(len(spelling) for form in forms for spelling in form.spellings)
    return Phrases(names_pattern(forms), longest + 12)


def search_paths(
    script: Script,
    wanted: Phrases,
    *,
    after: int = 0,
    within: int | None = None,
    target_state: str | None = None,
    timeout: float | None = None,
    profile: Profile | None = None,
) -> PathSearch:
    """First occurrence of the phrases on every path of the script (for one target state if given).

    `after` also collects that many characters of what each path says after its match (for
    example the name after "paid for by"), with the placeholders found there. `within` counts
    only matches in the first that many spoken words. `profile` labels the paths that lack the phrases
    (their language: see scriptlint.analysis.profile).
    """
    return script.paths.search(
        wanted.pattern,
        wanted.max_chars,
        after=after,
        within=within,
        target_state=target_state,
        timeout=timeout,
        literals=wanted.literals,
        required=wanted.required,
        profile=profile,
    )


def find_all(
    script: Script, wanted: Phrases, *, after: int = 0, timeout: float | None = None
) -> tuple[Occurrence, ...]:
    """Every occurrence of the phrases on any path, in source order (claims that mislead wherever said)."""
    return script.paths.search_all(
        wanted.pattern, wanted.max_chars, after=after, timeout=timeout, required=wanted.required or wanted.literals
    )


def search_closing(
    script: Script,
    wanted: Phrases,
    *,
    last: int,
    opening: int | None = None,
    target_state: str | None = None,
) -> PathSearch:
    """Whether every path says the phrases within its last `last` spoken words ("at the end"); with `opening`,
    saying them within the first `opening` words also counts ("at the beginning or end")."""
    return script.paths.search_closing(
        wanted.pattern,
        wanted.max_chars,
        last=last,
        opening=opening,
        target_state=target_state,
        literals=wanted.literals,
    )


def missing_findings(
    rule: Rule,
    script: Script,
    search: PathSearch,
    message: str | Callable[[MissingPath], str | None],
    *,
    severity: Severity | None = None,
    jurisdiction: str | None = None,
    ref: str | None = None,
    url: str | None = None,
) -> list[Finding]:
    """Findings for the paths that lack something: one for the whole script, or one per path condition.

    `message` may depend on the path (its language, say): a function of the missing path, which returns
    None for a path not to report. When no path says it and every path gets the same message, one
    finding stands for all. Each finding is anchored in the linted file where its path ends (at the
    include statement when the path ends inside an included template).
    """
    said = [(path, message(path) if callable(message) else message) for path in search.missing]
    texts = [(path, text) for path, text in said if text is not None]
    if not texts:
        return []
    if not search.found and len({text for _, text in texts}) == 1 and len(texts) == len(search.missing):
        # No path says it: one finding, where the latest-ending path ends.
        last, text = max(texts, key=lambda item: _path_end(script, item[0]))
        line, column = _path_end(script, last)
        return [
            rule.finding(
                script,
                text + _reached(last) + approximate_note(search),
                line=line,
                column=column,
                severity=severity,
                jurisdiction=jurisdiction,
                ref=ref,
                url=url,
            )
        ]
    return [
        rule.finding(
            script,
            text + _reached(path) + approximate_note(search),
            line=_path_end(script, path)[0],
            column=_path_end(script, path)[1],
            severity=severity,
            path_condition=path.condition,
            jurisdiction=jurisdiction,
            ref=ref,
            url=url,
        )
        for path, text in texts
    ]


def _path_end(script: Script, path: MissingPath) -> tuple[int, int]:
    """Where a path ends in the linted file: its last spoken word, or the file's last line if it says nothing."""
    if path.end is None:
        return script.last_line, 1
    return path.end.in_linted_file()


def approximate_note(search: PathSearch) -> str:
    """The caveat a finding from an approximate answer carries (empty for an exact one); for rules that word
    their own findings from `search.missing`."""
    return (
        " (approximate: this template has too many interacting conditions to follow exactly, so this path"
        " may be impossible or its condition incomplete)"
        if search.approximate
        else ""
    )


def _reached(path: MissingPath) -> str:
    """For a path that ends inside an included or parent template: where, and through what."""
    if path.end is None or not path.end.via:
        return ""
    chain = ", then ".join(str(hop) for hop in path.end.via)
    return f" (the path ends in {path.end.path}:{path.end.line}, reached through {chain})"


# --- helpers for fixes (`scriptlint check --fix`): positions in the linted file --------------------------

_TAG_CLOSERS = {"{%": "%}", "{{": "}}", "{#": "#}"}


def offset_of(source: str, line: int, column: int) -> int:
    """The offset in `source` of a 1-based line and column (clamped to the text)."""
    lines = source.split("\n")
    line = min(max(line, 1), len(lines))
    before = sum(len(text) + 1 for text in lines[: line - 1])
    return before + min(max(column - 1, 0), len(lines[line - 1]))


def position_of(source: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of an offset in `source`."""
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


# The last word a path says (a placeholder's brackets whole), with the stops and closing marks after it.
_WORD_AND_STOP = regex.compile(r"(?:\[[^\[\]\n]{0,60}\]|[\w'\u2019\-]*)[.!?,;:\u2026)\]\"'\u201d\u2019]*")
# The stops right after a template tag ("{{ voter_first_name }}. [END CALL]").
_STOPS = regex.compile(r"[.!?,;:\u2026]*")


def insertion_after(script: Script, line: int, column: int, text: str) -> Edit:
    """An edit that says `text` right after what a path says last at (line, column): on the same line before
    the next template tag when one follows there (so the text stays inside the branch), at the end of a table
    row's last cell, before a direction ending the line ("[END CALL]"), else on a new line after it with the
    same indentation."""
    current = script.source.split("\n")[line - 1] if line <= script.source.count("\n") + 1 else ""
    row = current.rstrip()
    if row.lstrip().startswith("|") and row.endswith("|") and row.count("|") >= 3:
        # A table row's reply (a response table's answer): inside its last cell, so the table stays whole.
        cut = len(row[:-1].rstrip())
        return Edit(line, cut + 1, line, cut + 1, " " + text)
    start = min(max(column - 1, 0), len(current))
    opener = current[start : start + 2]
    if opener in _TAG_CLOSERS:  # the path ends with an include (or a placeholder): after the tag and its stops
        close = current.find(_TAG_CLOSERS[opener], start + 2)
        said_end = _STOPS.match(current, close + 2).end() if close >= 0 else len(current)  # type: ignore[union-attr]
        end = said_end
    else:
        said_end = _WORD_AND_STOP.match(current, start).end()  # type: ignore[union-attr]
        tags = [found for tag in _TAG_CLOSERS if (found := current.find(tag, start)) >= 0]
        end = min(tags) if tags else len(current)
    gap = len(current[said_end:]) - len(current[said_end:].lstrip())
    if TRAILING_DIRECTION.match(current, said_end + gap):
        # "Goodbye. [END CALL]": before the direction, so the caller says it before hanging up.
        return Edit(line, said_end + 1, line, said_end + 1, " " + text)
    if current[end:].strip():
        return Edit(line, end + 1, line, end + 1, " " + text)
    indent = current[: len(current) - len(current.lstrip())]
    return Edit(line, len(current) + 1, line, len(current) + 1, "\n" + indent + text)


def insertion_before(script: Script, line: int, column: int, text: str) -> Edit:
    """An edit that says `text` before the word at (line, column): on a line of its own, with the same
    indentation, when that word starts its line; else just before it on the same line."""
    current = script.source.split("\n")[line - 1]
    indent = current[: column - 1]
    if not indent.strip():
        return Edit(line, 1, line, 1, indent + text + "\n")
    return Edit(line, column, line, column, text + " ")


def blank_run_end(text: str, spoken: str, end: int) -> int:
    """Where text blanked in the spoken form (the rest of a placeholder such as "[your name]", a stage
    direction) that continues at `end` stops, its trailing whitespace left to what follows."""
    start = end
    while end < len(text) and spoken[end] == " ":
        end += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
