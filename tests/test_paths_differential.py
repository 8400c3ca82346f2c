"""Differential test: the analysis's variants are exactly the texts the real sandbox renders.

Random small templates (nested if/else over a few boolean names, sets, includes of generated partials,
macros with constant arguments, loops over constant lists) are rendered by Jinja's sandbox for every
assignment of the names; the set of rendered texts must equal the set of variant texts.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import FileSystemLoader
from jinja2.sandbox import ImmutableSandboxedEnvironment

from scriptlint.analysis.jinja import ConfinedLoader, make_environment, parse
from scriptlint.analysis.paths import PathAnalysis
from scriptlint.analysis.profile import Profile, ProfileCollector
from scriptlint.analysis.queries import names, phrases
from scriptlint.analysis.questions import Question
from scriptlint.analysis.spoken import WORD_START as _WORD_START
from scriptlint.analysis.spoken import Piece, Variant
from scriptlint.model.answers import Occurrence, PathSearch

NAMES = ("a", "b", "c")
WORDS = st.sampled_from(["Hi", "paid for by X", "bye", "call back", "yes", "no", ""])


def _nodes(allow_include: bool) -> st.SearchStrategy[str]:
    sets = st.sampled_from(["{% set v = 'one' %}", "{% set v = 'two' %}"])
    speech = st.one_of(WORDS.map(lambda w: w + " "), st.sampled_from(["{{ v }} ", "{{ say('m') }} "]))
    includes = st.sampled_from(["{% include 'p0.j2' %}", "{% include 'p1.j2' %}"])
    leaves = st.one_of(speech, sets, *([includes] if allow_include else []))
    condition = st.sampled_from([*NAMES, *(f"not {n}" for n in NAMES), "a and b", "b or c"])

    def branch(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        sequence = st.lists(inner, min_size=1, max_size=3).map("".join)
        return st.tuples(condition, sequence, st.one_of(st.none(), sequence)).map(
            lambda t: f"{{% if {t[0]} %}}{t[1]}" + (f"{{% else %}}{t[2]}" if t[2] is not None else "") + "{% endif %}"
        )

    # Loop bodies assign nothing: Jinja's rules for a name read in a loop before it is set there are
    # subtle (see docs/paths.md) and not what call scripts do.
    loop_body = st.recursive(speech, branch, max_leaves=4)
    loop = st.lists(loop_body, min_size=1, max_size=2).map(
        lambda body: "{% for w in ['x', 'y'] %}" + "".join(body) + "{{ w }} {% endfor %}"
    )
    return st.recursive(st.one_of(leaves, loop), branch, max_leaves=8)


MACRO = "{% macro say(word) %}{% if c %}[{{ word }}]{% else %}({{ word }}){% endif %}{% endmacro %}"
PROLOGUE = "{% set v = 'zero' %}" + MACRO


# More examples on demand: SCRIPTLINT_DIFFERENTIAL_EXAMPLES=2000 (run before changing the interpreter).
EXAMPLES = int(os.environ.get("SCRIPTLINT_DIFFERENTIAL_EXAMPLES", "150"))


def _write(root: Path, main: str, partial0: str, partial1: str) -> PathAnalysis:
    """Write the script and its two partials under root; return the script's path analysis."""
    sources = {"script.j2": PROLOGUE + main, "p0.j2": MACRO + partial0, "p1.j2": MACRO + partial1}
    for name, source in sources.items():
        (root / name).write_text(source, encoding="utf-8")
    environment = make_environment(ConfinedLoader(root, 100_000), lambda env: None)
    parsed = parse(environment, sources["script.j2"], os.path.realpath(root / "script.j2"))
    return PathAnalysis(environment, parsed, "script.j2", {}, lambda p: p)


COMMON = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEMPLATES = given(
    main=_nodes(allow_include=True), partial0=_nodes(allow_include=False), partial1=_nodes(allow_include=False)
)


@COMMON
@TEMPLATES
def test_variants_equal_rendered_texts(main: str, partial0: str, partial1: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        analysis = _write(root, main, partial0, partial1)
        renderer = ImmutableSandboxedEnvironment(loader=FileSystemLoader(root), keep_trailing_newline=True)
        template = renderer.get_template("script.j2")
        rendered = {
            template.render(dict(zip(NAMES, values, strict=True)))
            for values in itertools.product([True, False], repeat=len(NAMES))
        }
        analysed = {variant.text for variant in analysis.variants()}
        assert analysed == rendered, f"template: {main!r} with partials {partial0!r}, {partial1!r}"


@COMMON
@TEMPLATES
def test_search_agrees_with_the_variants(main: str, partial0: str, partial1: str) -> None:
    """The merging search answers exactly what looking at every variant's text answers."""
    with tempfile.TemporaryDirectory() as directory:
        analysis = _write(Path(directory), main, partial0, partial1)
        wanted = phrases(["paid for by", "call back"])

        positions = []
        for variant in analysis.variants():
            match = wanted.pattern.search(variant.spoken)
            positions.append(None if match is None else variant.word_index(match.start()))
        result = analysis.search(wanted.pattern, wanted.max_chars)

        found = [p for p in positions if p is not None]
        assert result.found == bool(found)
        assert result.on_every_path == (bool(positions) and len(found) == len(positions))
        if found:
            assert result.latest is not None and result.earliest is not None
            assert result.latest.words_before == max(found)
            assert result.earliest.words_before == min(found)
        opening = analysis.search(wanted.pattern, wanted.max_chars, within=4)
        assert opening.on_every_path == (bool(positions) and all(p is not None and p < 4 for p in positions))
        assert opening.found == any(p is not None and p < 4 for p in positions)


# The questions of one pass: literal phrases (as rules ask them), the same as a plain pattern, a name
# pattern with look-arounds, a phrase no path can say, each also within the first words and with what
# follows the match.
_DISCLAIMER = phrases(["paid for by", "call back"])
_NAME = names(["X"])
_ABSENT = phrases(["financed by"])


def _questions() -> list[Question]:
    questions = []
    for wanted, literals in ((_DISCLAIMER, _DISCLAIMER.literals), (_DISCLAIMER, None), (_NAME, None),
                             (_ABSENT, _ABSENT.literals)):  # fmt: skip
        for within, after in ((None, 0), (4, 0), (None, 12), (2, 6)):
            questions.append(Question(wanted.pattern, wanted.max_chars, after, within, literals=literals))
        # Said within each path's last words, or within its first words ("at the beginning or end").
        for last, opening in ((3, None), (1, 2)):
            questions.append(Question(wanted.pattern, wanted.max_chars, literals=literals, last=last, opening=opening))
        # Every occurrence on any path, with what follows it; the paths that lack it told apart by a profile.
        questions.append(Question(wanted.pattern, wanted.max_chars, 8, required=wanted.literals, every=True))
        for within in (None, 4):
            questions.append(Question(wanted.pattern, wanted.max_chars, within=within, literals=literals,
                                      profile=_PROFILE))  # fmt: skip
    return questions


# Two labels told by marker words in a path's first three words.
_PROFILE = Profile(regex.compile(r"(?i)\b(?:(?P<P_one>hi|yes)|(?P<P_two>bye|no))\b"), 3)


def _expected(question: Question, variants: tuple[Variant, ...]) -> dict[str, object]:
    """What the answer must say, read off every path's whole text."""
    if question.every:
        places = set()
        for variant in variants:
            for match in question.pattern.finditer(variant.spoken):
                location = variant.location(match.start())
                places.add((location.path, location.line, location.column, _folded(match.group()).lower()))
        return {"places": places}
    if question.last is not None:
        passing = [_said_at_the_end(question, _folded(variant.spoken)) for variant in variants]
        return {"found": any(passing), "on_every_path": bool(passing) and all(passing)}
    positions: list[int | None] = []
    wordings = set()
    for variant in variants:
        match = question.pattern.search(_folded(variant.spoken))
        if match is None:
            positions.append(None)
            continue
        position = _word_index(_folded(variant.spoken), match.start())
        if question.within is not None and position >= question.within:
            positions.append(None)
            continue
        positions.append(position)
        after = _folded(variant.spoken)[match.end() :][: question.after] if question.after else ""
        wordings.add((match.group().lower(), after))
    found = [p for p in positions if p is not None]
    return {
        "found": bool(found),
        "on_every_path": bool(positions) and len(found) == len(positions),
        "earliest": min(found, default=None),
        "latest": max(found, default=None),
        "wordings": wordings,
        **({"labels": _labels(question, variants, positions)} if question.profile is not None else {}),
    }


def _labels(question: Question, variants: tuple[Variant, ...], positions: list[int | None]) -> set[str | None]:
    """The profile labels of the paths that lack the phrase."""
    profiler = ProfileCollector(question.profile)
    labels = set()
    for variant, position in zip(variants, positions, strict=True):
        if position is None:
            piece = Piece(variant.spoken, "", 1, 1, spoken=variant.spoken)
            labels.add(profiler.label(profiler.feed(profiler.start(), piece)))
    return labels


def _said_at_the_end(question: Question, text: str) -> bool:
    """Whether one path says the phrase within its last words (or, with `opening`, within its first)."""
    assert question.last is not None
    matches = list(question.pattern.finditer(text))
    if not matches:
        return False
    if question.opening is not None and _word_index(text, matches[0].start()) < question.opening:
        return True
    after = sum(1 for m in _WORD_START.finditer(text) if m.start() >= matches[-1].end())
    return after <= question.last


def _folded(text: str) -> str:
    return regex.sub(r"\s+", " ", text)


def _word_index(text: str, offset: int) -> int:
    return sum(1 for m in _WORD_START.finditer(text) if m.start() < offset)


def _answered(result: PathSearch | tuple[Occurrence, ...]) -> dict[str, object]:
    if isinstance(result, tuple):
        return {"places": {(o.location.path, o.location.line, o.location.column, _folded(o.text).lower())
                           for o in result if o.location is not None}}  # fmt: skip
    return {
        "labels": {path.language for path in result.missing},
        "found": result.found,
        "on_every_path": result.on_every_path,
        "earliest": None if result.earliest is None else result.earliest.words_before,
        "latest": None if result.latest is None else result.latest.words_before,
        "wordings": {(o.text.lower(), o.after) for o in result.occurrences},
    }


@COMMON
@TEMPLATES
def test_one_pass_answers_every_question_as_the_paths_texts_do(main: str, partial0: str, partial1: str) -> None:
    """All questions answered together in one pass agree with the variants, question by question, and with
    a pass of their own."""
    with tempfile.TemporaryDirectory() as directory:
        analysis = _write(Path(directory), main, partial0, partial1)
        variants = analysis.variants()
        questions = _questions()
        analysis.prepare(questions)
        assert analysis.passes == 1
        for question in questions:
            combined = _ask(analysis, question)
            expected = _expected(question, variants)
            answered = _answered(combined)
            if question.every:
                # Paths that say the same text are one variant, its pieces those of one of them; every
                # occurrence is reported at each place any path says it.
                assert expected["places"] <= answered["places"], (question, main, partial0, partial1)
                assert {p[3] for p in answered["places"]} == {p[3] for p in expected["places"]}
            else:
                assert {key: answered[key] for key in expected} == expected, (question, main, partial0, partial1)
            single = _ask(_write(Path(directory), main, partial0, partial1), question)
            assert _answered(single) == _answered(combined)


def _ask(analysis: PathAnalysis, question: Question) -> PathSearch | tuple[Occurrence, ...]:
    if question.every:
        return analysis.search_all(question.pattern, question.max_chars, after=question.after,
                                   required=question.required)  # fmt: skip
    if question.last is not None:
        return analysis.search_closing(question.pattern, question.max_chars, last=question.last,
                                       opening=question.opening, literals=question.literals)  # fmt: skip
    return analysis.search(question.pattern, question.max_chars, after=question.after, within=question.within,
                           literals=question.literals, profile=question.profile)  # fmt: skip
