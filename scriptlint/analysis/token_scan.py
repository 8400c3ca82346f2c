"""What a template's lexer tokens say that its AST does not: where each piece of literal text and each `{{`
starts in the source, where the comments are, and which blocks are open (for an unclosed block's line).

The scan sees the tokens on their way from Jinja's lexer to its parser (scriptlint.analysis.jinja's
environment passes them through `TokenScan.passing`), so a template is lexed once, not once for the scan
and once for the parse; `scan_alone` lexes for the scan only, where the parser's tokens cannot be seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import field

from jinja2 import Environment

from scriptlint.model.records import record

# Deeper block nesting than this is refused (SL04) before Jinja's recursive parser can overflow.
MAX_NESTING = 100
# Statements that open a block closed by `end<name>`; `set` only in its block form.
_BLOCK_TAGS = frozenset({"if", "for", "macro", "call", "filter", "block", "with", "autoescape", "trans"})

# A lexer token: (line, kind, value).
RawToken = tuple[int, str, str]


class NestedTooDeep(Exception):
    """Blocks are nested more than MAX_NESTING deep: `tag` opened at `line`, `column` is one too many."""

    def __init__(self, tag: str, line: int, column: int) -> None:
        super().__init__(f"blocks nested more than {MAX_NESTING} deep (at this '{tag}')")
        self.tag, self.line, self.column = tag, line, column


@record
class TokenScan:
    """What the scan found in one template's tokens (filled as they pass)."""

    source: str
    line_starts: list[int]
    # (offset, text) of every literal text token, and the offset of every `{{`, in source order.
    data: list[tuple[int, str]] = field(default_factory=list)
    variables: list[int] = field(default_factory=list)
    # (tag, line, column) of the blocks open at the point reached.
    open_blocks: list[tuple[str, int, int]] = field(default_factory=list)
    # (line, column) of every comment's `{#`.
    comments: list[tuple[int, int]] = field(default_factory=list)
    # Whether every token of the template has passed (the lexer reached its end).
    complete: bool = False

    def passing(self, tokens: Iterable[RawToken]) -> Iterator[RawToken]:
        """The tokens, unchanged, each noted on its way (raises NestedTooDeep past MAX_NESTING)."""
        source = self.source
        cursor = 0
        block_start: tuple[int, int] | None = None
        block_words: list[str] = []
        for token in tokens:
            lineno, kind, value = token
            # Tokens are consecutive except for whitespace that `-` and lstrip remove, so find() is exact.
            start = source.find(value, cursor) if value else cursor
            if start < 0:
                start = cursor
            cursor = start + len(value)
            if kind == "data":
                self.data.append((start, value))
            elif kind == "variable_begin":
                self.variables.append(start)
            elif kind == "comment_begin":
                self.comments.append((lineno, self._column(lineno, start)))
            elif kind == "block_begin":
                block_start, block_words = (lineno, self._column(lineno, start)), []
            elif kind in ("name", "operator") and block_start is not None:
                block_words.append(value)
            elif kind == "block_end" and block_start is not None:
                _track_block(self.open_blocks, block_words, block_start)
                if len(self.open_blocks) > MAX_NESTING:
                    raise NestedTooDeep(*self.open_blocks[-1])
                block_start = None
            yield token
        self.complete = True

    def _column(self, lineno: int, start: int) -> int:
        line_starts = self.line_starts
        return start - line_starts[lineno - 1] + 1 if lineno - 1 < len(line_starts) else 1


def scan_alone(environment: Environment, source: str, name: str, line_starts: list[int]) -> TokenScan:
    """The scan by a lexing of its own (raises Jinja's TemplateSyntaxError for what the lexer refuses)."""
    found = TokenScan(source, line_starts)
    for _ in found.passing(environment.lexer.tokeniter(source, name)):
        pass
    return found


def _track_block(stack: list[tuple[str, int, int]], words: list[str], where: tuple[int, int]) -> None:
    if not words:
        return
    tag = words[0]
    if tag in _BLOCK_TAGS or (tag == "set" and "=" not in words):
        stack.append((tag, *where))
    elif tag.startswith("end") and stack and stack[-1][0] == tag[3:]:
        stack.pop()
