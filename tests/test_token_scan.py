"""The token scan rides on the parser's lexing: a template is lexed once, and what the scan finds (comments,
offsets, open blocks) is what a lexing of its own finds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES
from jinja2 import Environment, nodes
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment

from scriptlint.analysis.jinja import ConfinedLoader, ParsedTemplate, TemplateProblem, make_environment, parse
from scriptlint.analysis.token_scan import MAX_NESTING
from scriptlint.analysis.tree import walk

HOSTILE = Path(__file__).parent / "hostile"


def _templates() -> list[Any]:
    """Every template the fixtures hold: files, and the path cases' inline templates."""
    found = []
    for path in sorted([*FIXTURES.rglob("*.j2"), *HOSTILE.glob("*.j2")]):
        found.append(pytest.param(path.read_bytes().decode("utf-8", "replace"), id=path.name))
    for path in sorted((FIXTURES / "paths").glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            found.append(pytest.param(case["template"], id=f"{path.stem}-{case['name']}"))
    return found


def _outcome(environment: Environment, source: str) -> Any:
    """What parsing gives, comparable between two parses: problem, or comments, unknown names and the
    offset of every node in walk order."""
    try:
        parsed: ParsedTemplate = parse(environment, source, "t.j2")
    except TemplateProblem as exc:
        return ("problem", exc.code, exc.message, exc.line, exc.column)
    offsets = [(type(node).__name__, parsed.offsets.get(id(node))) for node in walk(parsed.ast)]
    return (sorted(parsed.comments), parsed.unknown_names, offsets)


_DEEP = "(" * 2000 + "1" + ")" * 2000
# Templates with two errors: what the scan refuses (a lexing error, too deep a nesting) is reported even when
# the parser's error comes first in the text, as when the scan lexed the whole template before the parse.
TWO_ERRORS = {
    "nesting after a parser error": ("{{ a b }}\n" + "{% if x %}" * 101 + "{% endif %}" * 101, "SL04", 2),
    "lexing error after an unknown tag": ("{% foo %}\n{{ 1 ) }}\n", "SL02", 2),
    "raw never closed after a parser error": ("{{ a b }}\n{% raw %} never\n", "SL02", 2),
    "comment never closed after a parser error": ("{{ a b }}\n{# never closed\n", "SL02", 2),
    "lexing error after too deep an expression": ("{{ " + _DEEP + " }}\n{{ 1 ) }}\n", "SL02", 2),
}


@pytest.mark.parametrize("case", list(TWO_ERRORS), ids=list(TWO_ERRORS))
def test_what_the_scan_refuses_is_reported_first(case: str, tmp_path: Path) -> None:
    source, code, line = TWO_ERRORS[case]
    environment = make_environment(ConfinedLoader(tmp_path, 1_000_000), lambda environment: None)
    alone = ImmutableSandboxedEnvironment(loader=ConfinedLoader(tmp_path, 1_000_000), keep_trailing_newline=True)
    found = _outcome(environment, source)
    assert found[:2] == ("problem", code) and found[3] == line, found
    assert found == _outcome(alone, source)


@pytest.mark.parametrize("source", _templates())
def test_scan_on_the_parsers_tokens_finds_what_a_scan_of_its_own_finds(source: str, tmp_path: Path) -> None:
    scanning = make_environment(ConfinedLoader(tmp_path, 1_000_000), lambda environment: None)
    # A plain sandbox passes no tokens through the scan: the parse scans by a lexing of its own.
    alone = ImmutableSandboxedEnvironment(loader=ConfinedLoader(tmp_path, 1_000_000), keep_trailing_newline=True)
    assert _outcome(scanning, source) == _outcome(alone, source)


def test_a_template_is_lexed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    environment = make_environment(ConfinedLoader(tmp_path, 1_000_000), lambda environment: None)
    lexer = environment.lexer
    lexed: list[str] = []
    original = lexer.tokeniter

    def counting(source: str, *args: Any, **kwargs: Any) -> Any:
        lexed.append(source)
        return original(source, *args, **kwargs)

    monkeypatch.setattr(lexer, "tokeniter", counting)
    source = "{# a comment #}\nHello {{ name }}, {% if x %}yes{% endif %}\n"
    parsed = parse(environment, source, "t.j2")
    assert lexed == [source]
    assert parsed.comments == frozenset({(1, 1)})


def test_unclosed_block_is_named_where_it_opens(tmp_path: Path) -> None:
    environment = make_environment(ConfinedLoader(tmp_path, 1_000_000), lambda environment: None)
    with pytest.raises(TemplateProblem) as raised:
        parse(environment, "Hello\n  {% for a in b %}\n{% if x %}yes{% endif %}\n", "t.j2")
    assert (raised.value.code, raised.value.line, raised.value.column) == ("SL02", 2, 3)
    assert "'for' block opened here is never closed" in raised.value.message


@pytest.mark.parametrize("depth", [MAX_NESTING, MAX_NESTING + 1])
def test_nesting_past_the_limit_is_refused_before_the_parser_overflows(depth: int, tmp_path: Path) -> None:
    environment = make_environment(ConfinedLoader(tmp_path, 1_000_000), lambda environment: None)
    source = "".join(f"{{% if x{i} %}}\n" for i in range(depth)) + "deep\n" + "{% endif %}" * depth
    if depth <= MAX_NESTING:
        parse(environment, source, "t.j2")
        return
    with pytest.raises(TemplateProblem) as raised:
        parse(environment, source, "t.j2")
    assert (raised.value.code, raised.value.line) == ("SL04", depth)
    assert f"nested more than {MAX_NESTING} deep" in raised.value.message


class _Appending(Extension):
    """A plugin's extension whose preprocessing changes the text (the parser's tokens are not the scan's)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return source + "{# added #}"


def test_preprocessing_extension_gets_a_scan_of_its_own(tmp_path: Path) -> None:
    environment = make_environment(
        ConfinedLoader(tmp_path, 1_000_000), lambda environment: environment.add_extension(_Appending)
    )
    parsed = parse(environment, "{# mine #}\nHello {{ name }}\n", "t.j2")
    # The comments are the template's own (the scan read the text as written), and the parse is complete.
    assert parsed.comments == frozenset({(1, 1)})
    assert parsed.offsets


def test_preprocessed_text_keeps_the_nesting_limit(tmp_path: Path) -> None:
    environment = make_environment(
        ConfinedLoader(tmp_path, 1_000_000), lambda environment: environment.add_extension(_Appending)
    )
    source = "{% if x %}\n" * 400 + "deep\n" + "{% endif %}" * 400
    with pytest.raises(TemplateProblem) as raised:
        parse(environment, source, "t.j2")
    assert (raised.value.code, raised.value.line) == ("SL04", MAX_NESTING + 1)
    assert f"nested more than {MAX_NESTING} deep" in raised.value.message


def test_offsets_name_only_nodes_of_the_rewritten_tree(tmp_path: Path) -> None:
    environment = make_environment(ConfinedLoader(tmp_path, 1_000_000), lambda environment: None)
    # Labelled answers and merge fields: the layout's rewriting replaces the parsed text nodes.
    source = "Hi, this is [Your Name] with {{ org }}.\n\nIF YES: Great!\nIF NO: Thanks anyway.\n"
    parsed = parse(environment, source, "t.j2")
    in_tree = {id(node) for node in walk(parsed.ast)}
    assert parsed.offsets and set(parsed.offsets) <= in_tree


# Many runs of text with merge fields and labelled answers: the layout's rewriting makes and drops many nodes.
_REWRITTEN = (
    "Hi {{ name }}, I'm [VOLUNTEER NAME] with [CAMPAIGN]. " * 50
    + "\n\nIF YES: great [NAME]\nIF NO: ok {{ x }} [ORG]\n" * 20
)


def test_every_offset_names_where_its_node_is_written(tmp_path: Path) -> None:
    # Offsets are keyed by a node's address: a node dropped while the layout rewrites the text frees its
    # address, and a node made later must not inherit its offset (a finding on it would name a wrong line).
    environment = make_environment(ConfinedLoader(tmp_path, 1_000_000), lambda environment: None)
    # Jinja writes a text's line ends as "\n": a text with others is not compared character by character.
    sources = [source for template in _templates() if "\r" not in (source := template.values[0])] + [_REWRITTEN]
    wrong = []
    for _ in range(3):  # addresses are reused from parse to parse as well
        for source in sources:
            try:
                parsed = parse(environment, source, "t.j2")
            except TemplateProblem:
                continue
            for node in walk(parsed.ast):
                offset = parsed.offsets.get(id(node))
                if offset is None:
                    continue
                written = getattr(node, "scriptlint_written", None) or getattr(node, "data", None)
                if isinstance(node, nodes.Output) or (
                    isinstance(written, str) and source[offset : offset + len(written)] != written
                ):
                    wrong.append((type(node).__name__, offset, source[:40]))
    assert not wrong, wrong[:5]
