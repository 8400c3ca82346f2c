"""Markup around the words of a script line: Markdown (headings, rules, fences, lists, quotes, emphasis,
links) and the web-page markup of scripts copied from a page (HTML tags, JSP directives, comments)."""

from __future__ import annotations

import regex

from scriptlint.analysis.compiled import kept

FENCE = kept(r"^\s*+(?:```|~~~)")
RULE = kept(r"^\s*+(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+)\s*$|^\s*\f\s*$")
MD_HEADING = kept(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
BOLD_LINE = kept(r"^\s*+(?:[-*+]\s++)?(\*\*|__)(?P<inner>.+?)\1\s*:?\s*$")
# Markup around the words of a line: list markers, quotes, emphasis, links' targets, HTML comments.
LIST_MARKER = kept(r"^(\s*+)(?:>\s*+)*(?:[-*+\u2022\u25e6\u25aa\u00a7o]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+)")
EMPHASIS = kept(
    r"(?<!\*)\*\*(?!\*)|(?<!_)__(?=[^\s_])|(?<=[^\s_])__(?!_)|(?<![\w*|])\*(?=[^\s|])|(?<=[^\s|])\*(?![\w*|])"
    r"|(?<![\w])_(?=[^\W_])|(?<=[^\W_])_(?!\w)"
)
LINK = kept(r"\[([^\[\]\n]{1,200})\]\([^()\s]{1,500}\)")
HTML_COMMENT = kept(r"<!--.*?-->", regex.DOTALL)
# Markup of a web page or a JSP a script was copied from: "<p>", "</b>", "<meta charset=...>", "<%@ ... %>".
_TAGS = "html|head|body|title|meta|p|b|i|u|em|strong|br|div|span|a|ul|ol|li|table|tr|td|th|h[1-6]|font|hr|img|link"
HTML_TAG = kept(rf"<(?:[!%][^<>\n]{{0,300}}|/?(?:{_TAGS}|script|style)\b[^<>\n]{{0,300}})>")


def spaces(match: regex.Match[str]) -> str:
    """A match replaced by as many spaces (offsets never move)."""
    return " " * len(match.group())


def content(line: str) -> str:
    """A line's words without Markdown markup (list markers, emphasis, heading marks)."""
    heading = MD_HEADING.match(line)
    if heading:
        line = heading.group(2)
    # LIST_MARKER is anchored at the start (one match at most) and EMPHASIS needs a '*' or '_': asked of
    # every line several times, so the common cases skip the substitutions.
    marker = LIST_MARKER.match(line)
    if marker:
        line = marker.group(1) + line[marker.end() :]
    if "*" in line or "_" in line:
        line = EMPHASIS.sub("", line)
    return line.strip()


# Runs, not characters: one replacement per run is ten times faster on a long text than one per character.
_NOT_BREAKS = kept(r"[^\r\n\f]+")
_NOT_LINE_BREAKS = kept(r"[^\n\f]+")
_NOT_NEWLINES = kept(r"[^\n]+")


def blanked(text: str, *, returns: bool = True) -> str:
    """The text as spaces, keeping its line and page breaks (and carriage returns, with `returns`), so that
    offsets and line numbers stay."""
    return (_NOT_BREAKS if returns else _NOT_LINE_BREAKS).sub(spaces, text)


def blanked_but_newlines(text: str) -> str:
    """The text as spaces but its newlines (a comment or direction blanked where it stands)."""
    return _NOT_NEWLINES.sub(spaces, text)
