"""Path analysis on real templates: the spoken text of every path, with source positions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import analysis, write

from scriptlint.analysis.spoken import SLOT, Variant
from scriptlint.host.manager import build_plugins
from scriptlint.lint import lint_text


def variants(root: Path, source: str, known: dict[str, object] | None = None) -> tuple[Variant, ...]:
    """Variants of `source` as the file script.j2 under root."""
    return analysis(root, source, known).variants()


def texts(found: tuple[Variant, ...]) -> list[str]:
    return sorted(" ".join(v.spoken.split()) for v in found)


def test_if_elif_else_gives_one_variant_per_branch(tmp_path: Path) -> None:
    found = variants(tmp_path, "A {% if x == 1 %}B{% elif y %}C{% else %}D{% endif %} E")
    assert texts(found) == ["A B E", "A C E", "A D E"]
    conditions = sorted(v.condition or "" for v in found)
    assert conditions == ["when x != 1 and not y", "when x != 1 and y", "when x == 1"]


def test_known_names_prune_branches(tmp_path: Path) -> None:
    found = variants(tmp_path, "{% if lang == 'es' %}Hola{% else %}Hi{% endif %}", {"lang": "es"})
    assert texts(found) == ["Hola"]
    assert found[0].condition is None


def test_independent_ifs_multiply(tmp_path: Path) -> None:
    found = variants(tmp_path, "{% if a %}A{% endif %} {% if b %}B{% endif %}")
    assert texts(found) == ["", "A", "A B", "B"]


def test_placeholder_for_unknown_variable(tmp_path: Path) -> None:
    (found,) = variants(tmp_path, "Hi {{ voter.first_name }}, bye")
    assert found.spoken == f"Hi {SLOT}, bye"
    assert found.slot_at(3) == "voter.first_name"
    assert len(found.words) == 3


def test_constant_filters_and_set(tmp_path: Path) -> None:
    source = "{% set who = 'friends of ana' %}Paid for by {{ who|title }}. {{ 'x'|replace('x', 'y') }}"
    (found,) = variants(tmp_path, source)
    assert found.spoken == "Paid for by Friends Of Ana. y"


def test_macro_with_constant_argument_and_call_block(tmp_path: Path) -> None:
    source = (
        "{% macro disclaimer(committee) %}Paid for by {{ committee }}.{% endmacro %}"
        "{% macro wrap() %}[{{ caller() }}]{% endmacro %}"
        "{{ disclaimer('Friends of Ana Ruiz') }} {% call wrap() %}inside{% endcall %}"
    )
    (found,) = variants(tmp_path, source)
    assert " ".join(found.text.split()) == "Paid for by Friends of Ana Ruiz. [inside]"


def test_extends_blocks_super_and_emptied_block(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"base.j2": "Start. {% block body %}Base body.{% endblock %} {% block close %}Paid for by X.{% endblock %}"},
    )
    source = (
        "{% extends 'base.j2' %}Ignored text."
        "{% block body %}Child {{ super() }}{% endblock %}{% block close %}{% endblock %}"
    )
    (found,) = variants(tmp_path, source)
    assert " ".join(found.spoken.split()) == "Start. Child Base body."


def test_for_loop_zero_or_one_time(tmp_path: Path) -> None:
    found = variants(tmp_path, "{% for q in questions %}Then, {{ q }}{% else %}None.{% endfor %}")
    assert texts(found) == ["None.", f"Then, {SLOT}"]


def test_stage_directions_and_inline_placeholders(tmp_path: Path) -> None:
    (found,) = variants(tmp_path, "[PAUSE]\nHi, my name is [your name].\n(wait for answer)\nBye ____.")
    words = [found.spoken[start:end] for start, end in found.words]
    assert words == ["Hi", "my", "name", "is", SLOT, "Bye", SLOT]


def test_source_positions_map_back_to_lines_and_columns(tmp_path: Path) -> None:
    source = "---\ncall_type: survey\n---\nHello there.\n{% if x %}\n  Paid for by X.\n{% endif %}"
    found = variants(tmp_path, source)
    with_x = next(v for v in found if v.condition == "when x")
    offset = with_x.text.index("Paid")
    location = with_x.location(offset)
    assert (location.path, location.line, location.column) == ("script.j2", 6, 3)
    hello = with_x.location(with_x.text.index("there"))
    assert (hello.line, hello.column) == (4, 7)


def test_included_text_maps_into_the_partial_with_the_include_chain(tmp_path: Path) -> None:
    write(tmp_path, {"parts/_a.j2": "\n\nPaid for by X.\n"})
    (found,) = variants(tmp_path, "Hi.\n{% include 'parts/_a.j2' %}")
    location = found.location(found.text.index("Paid"))
    assert (location.path, location.line, location.column) == ("parts/_a.j2", 3, 1)
    assert [str(hop) for hop in location.via] == ["script.j2:2 (include 'parts/_a.j2')"]
    assert location.in_linted_file() == (2, 1)


def test_timing_from_words_per_minute(tmp_path: Path) -> None:
    (found,) = variants(tmp_path, " ".join(["word"] * 150) + " target")
    offset = found.spoken.index("target")
    assert found.word_index(offset) == 150
    assert found.seconds_at(offset) == pytest.approx(60.0)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    root = tmp_path / "root"
    write(outside, {"secret.txt": "TOP SECRET CONTENT\n"})
    root.mkdir()
    (root / "link.j2").symlink_to(outside / "secret.txt")
    build_plugins()  # the run needs an installed scriptlint
    findings = lint_text("---\ncall_type: survey\n---\n{% include 'link.j2' %}", path="s.j2", root=root, no_config=True)
    sl04 = [f for f in findings if f.code == "SL04"]
    assert len(sl04) == 1
    assert sl04[0].line == 4
    assert "outside the script root" in sl04[0].message
    assert all("TOP SECRET" not in f.message for f in findings)


def test_set_inside_a_branch_keeps_its_value_on_that_path(tmp_path: Path) -> None:
    source = (
        "{% if a %}{% set who = 'A' %}{% set same = 'S' %}{% else %}{% set who = 'B' %}{% set same = 'S' %}"
        "{% endif %}{{ who }} {{ same }}"
    )
    assert texts(variants(tmp_path, source)) == ["A S", "B S"]


def test_super_inside_a_condition_in_a_block(tmp_path: Path) -> None:
    write(tmp_path, {"base.j2": "Hello. {% block closing %}Paid for by Base.{% endblock %}"})
    source = "{% extends 'base.j2' %}{% block closing %}{% if vm %}Bye.{% else %}{{ super() }}{% endif %}{% endblock %}"
    assert texts(variants(tmp_path, source)) == ["Hello. Bye.", "Hello. Paid for by Base."]


def test_search_reports_what_follows_and_the_placeholders(tmp_path: Path) -> None:
    from scriptlint.analysis.queries import phrases

    source = "{% if lang == 'es' %}Pagado por {{ committee }}.{% else %}Paid for by Friends of Ana.{% endif %}"
    wanted = phrases(["paid for by", "pagado por", "financed by"])
    result = analysis(tmp_path, source).search(wanted.pattern, wanted.max_chars, after=20)
    assert result.on_every_path
    found = sorted((o.text, o.after, o.slots) for o in result.occurrences)
    assert found == [("Pagado por", f" {SLOT}.", ("committee",)), ("Paid for by", " Friends of Ana.", ())]


def test_search_per_target_state(tmp_path: Path) -> None:
    from scriptlint.analysis.queries import phrases

    source = "{% if target_state == 'NH' %}Paid for by X within the first seconds.{% endif %} Bye."
    paths = analysis(tmp_path, source, states=("NH", "CA"))
    wanted = phrases(["paid for by"])
    assert paths.search(wanted.pattern, wanted.max_chars, target_state="NH").on_every_path
    assert not paths.search(wanted.pattern, wanted.max_chars, target_state="CA").found
    both = paths.search(wanted.pattern, wanted.max_chars)
    assert [m.condition for m in both.missing] == ["when target_state != 'NH'"]


def test_findings_on_paths_ending_in_a_partial_say_how_it_was_reached(workdir: Path) -> None:
    write(
        workdir,
        {
            "_close.j2": "\nThanks, goodbye.\n",
            "call.j2": (
                "---\ncall_type: political\nrace: federal\n---\nHi.\n"
                "{% if x %}Paid for by X.{% else %}{% include '_close.j2' %}{% endif %}\n"
            ),
        },
    )
    from scriptlint.lint import lint_paths

    (pf01,) = [f for f in lint_paths(["call.j2"]).findings if f.code == "PF01"]
    assert (pf01.line, pf01.path_condition) == (6, "when not x")
    assert "the path ends in _close.j2:2, reached through call.j2:6 (include '_close.j2')" in pf01.message


PREFILTER_CASES = [
    # (template, partial, whether the prefilter answers): the phrase absent, said only in a partial,
    # made by filters, or by a filter that can make up words (never prefiltered).
    ("{% if a %}Hi there.{% else %}Hello.{% endif %}{% if b %} Bye.{% endif %}", "", True),
    ("Hi {{ name }}, paid by us. {% include '_end.j2' %}", "{% if c %}Thanks.{% endif %}", True),
    ("Hi. {% include '_end.j2' %}", "{% if c %}Thanks, paid for by us.{% else %}Thanks.{% endif %}", False),
    ("Hi. {{ 'PAID FOR BY' | lower }} us.", "", False),
    ("Hi. {{ 'pXid fXr by' | replace('X', 'a') }} us.", "", False),
    ("Hi {{ name }}. {% set who = 'paid' %}{% if d %}{{ who ~ ' for by' }} us{% endif %}.", "", False),
    # A word made of a literal and a value next to it, and a ligature that case folding reads as "fi".
    ("Hi. Pa{{ rest }} us.", "", False),
    ("This call was \ufb01nanced by us. Paid for by us.", "", False),
]


@pytest.mark.parametrize(("source", "partial", "prefiltered"), PREFILTER_CASES)
@pytest.mark.parametrize("within", [None, 3])
def test_the_literal_prefilter_gives_the_full_searchs_answer(
    tmp_path: Path, source: str, partial: str, prefiltered: bool, within: int | None
) -> None:
    from scriptlint.analysis.queries import phrases

    if partial:
        write(tmp_path, {"_end.j2": partial})
    wanted = phrases(["paid for by", "pagado por", "financed by"])
    assert wanted.literals is not None
    known = {"name": "Ana", **({"rest": "id for by"} if "rest" in source else {})}
    filtered = analysis(tmp_path, source, known)
    filtered.check()
    assert filtered._cannot_say(wanted.literals) is prefiltered
    fast = filtered.search(wanted.pattern, wanted.max_chars, within=within, literals=wanted.literals)
    full = analysis(tmp_path, source, known).search(wanted.pattern, wanted.max_chars, within=within)
    assert fast == full


@pytest.mark.parametrize(("source", "partial", "prefiltered"), PREFILTER_CASES)
def test_a_wording_table_keeps_the_same_phrases_with_the_letter_prefilter(
    tmp_path: Path, source: str, partial: str, prefiltered: bool
) -> None:
    """Filtering a table by the letters a script may say keeps exactly what asking every phrase keeps."""
    from scriptlint_plugins.languages.catalogue import shared

    from scriptlint.analysis import phrasing

    if partial:
        write(tmp_path, {"_end.j2": partial})
    known = {"name": "Ana", **({"rest": "id for by"} if "rest" in source else {})}
    paths = analysis(tmp_path, source, known)
    book = shared().book("disclaimer", "caller_introduction", "near_miss_disclaimer", "volunteer_claim")
    fast = book.for_script(paths.may_say)
    book._last.clear()
    # A plain function (not the analysis's own method) is asked about every phrase, one by one.
    asked = phrasing.PhraseBook(book.entries, book.writings).for_script(lambda phrase: paths.may_say(phrase))  # noqa: PLW0108
    assert fast.entries == asked.entries
    # An English script cannot say the phrases of other alphabets: the letters rule them out unasked.
    assert paths.sayable_letters() is None or len(fast.entries) < len(book.entries)


def test_a_copy_of_a_phrase_book_remembers_its_own_subsets() -> None:
    """A book remembers the subset it gave each script: a copy with other entries (`replace`) answers for its
    own entries, never with the subset its original remembered."""
    from dataclasses import replace

    from scriptlint.analysis.phrasing import book

    original = book([("en", "paid for by {org}"), ("en", "calling from {place}")])
    say = ("paid", "for", "by").__contains__

    def may_say(phrase: str) -> bool:
        return all(map(say, phrase.split()))

    assert [entry.phrase for entry in original.for_script(may_say).entries] == ["paid for by {org}"]
    copy = replace(original, entries=(*original.entries, *book([("en", "paid by")]).entries))
    assert [entry.phrase for entry in copy.for_script(may_say).entries] == ["paid for by {org}", "paid by"]
    assert [entry.phrase for entry in original.for_script(may_say).entries] == ["paid for by {org}"]


def test_what_every_path_says_at_its_end(tmp_path: Path) -> None:
    import regex

    source = (
        "Contains AI content. One two three four five six seven eight nine ten.\n"
        "{% if short %}Bye.{% else %}Eleven twelve thirteen fourteen fifteen sixteen.{% endif %}\n"
        "{% if signed %}Contains AI content.{% endif %}\n"
    )
    pattern = regex.compile(r"contains\s+AI\s+content", regex.IGNORECASE)
    paths = analysis(tmp_path, source)
    # Within the last 3 words: only the paths that say it again at the end.
    end = paths.search_closing(pattern, 20, last=3)
    assert end.found and [m.condition for m in end.missing] == ["when not signed"]
    # At the beginning or the end: every path (it opens the message).
    assert paths.search_closing(pattern, 20, last=3, opening=5).on_every_path
    # Within the last 14 words the opening counts only on the short path: 1 + 10 + 1 words after it.
    late = paths.search_closing(pattern, 20, last=14)
    assert [m.condition for m in late.missing] == ["when not short and not signed"]
    # A phrase no path can say: every path misses it, each where it ends.
    never = paths.search_closing(regex.compile("nowhere", regex.IGNORECASE), 10, last=3, literals=("nowhere",))
    assert not never.found and never.missing


def test_one_pass_per_target_state_only_when_a_template_reads_it(tmp_path: Path) -> None:
    from scriptlint.analysis.queries import phrases
    from scriptlint.analysis.questions import Question

    wanted = phrases(["paid for by"])
    asked = [Question(wanted.pattern, wanted.max_chars, target_state=state, literals=wanted.literals)
             for state in ("NH", "CA", None)]  # fmt: skip
    write(tmp_path, {"_close.j2": "{% if target_state == 'NH' %}Paid for by X.{% endif %}"})
    reading = analysis(tmp_path, "Hi. {% include '_close.j2' %}", states=("NH", "CA"))
    reading.prepare(asked)
    assert reading.passes == 3  # the partial reads target_state: each knowledge has its own paths
    found = {q.target_state: reading.search(q.pattern, q.max_chars, target_state=q.target_state,
                                            literals=q.literals).on_every_path for q in asked}  # fmt: skip
    assert found == {"NH": True, "CA": False, None: False}
    blind = analysis(tmp_path, "Hi. Paid for by X.", states=("NH", "CA"))
    blind.prepare(asked)
    assert blind.passes == 1


def test_word_count_tables_past_their_record_limit_stop_recording_and_answer_approximately(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import regex

    from scriptlint.analysis import kept
    from scriptlint.analysis.queries import phrases

    # Short optional lines before the greeting: paths that say many of them greet after their 12th word.
    source = "".join(f"{{% if c{i} %}}Well then.{{% endif %}}\n" for i in range(12)) + "Hi, my name is Sam. Bye."
    greeting, bye = phrases(["my name is"]), regex.compile("bye", regex.IGNORECASE)

    def asked() -> tuple[object, object]:
        paths = analysis(tmp_path, source)
        early = paths.search(greeting.pattern, greeting.max_chars, within=12, literals=greeting.literals)
        return early, paths.search(bye, 10, literals=("bye",))

    exact, everywhere = asked()
    assert not exact.approximate and exact.missing and all(m.condition for m in exact.missing)
    # The same template with a limit it passes: the greeting is still missing on some paths, found on others,
    # but the tables stopped recording: the conditions are those known then, and the answer says so.
    monkeypatch.setattr(kept, "MAX_TABLE_RECORDS", 40)
    cut, still = asked()
    assert cut.approximate and cut.missing and cut.earliest == exact.earliest and cut.latest == exact.latest
    assert sorted(m.condition or "" for m in cut.missing) != sorted(m.condition or "" for m in exact.missing)
    # A question that keeps no word counts is not affected.
    assert still == everywhere and not still.approximate


def test_only_tables_that_skipped_recording_make_their_answers_approximate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import regex

    from scriptlint.analysis import kept
    from scriptlint.analysis.questions import Question

    # "Hello" is said by word 4 on every path before the short ifs: its table is gone when the limit is reached.
    source = "{% if x %}Hi{% endif %} Hello there friend.\n"
    source += "".join(f"{{% if c{i} %}}Well then.{{% endif %}}\n" for i in range(30)) + "Bye."
    early = Question(regex.compile("hello", regex.IGNORECASE), 10, literals=("hello",), within=4)
    closing = Question(regex.compile("bye", regex.IGNORECASE), 10, literals=("bye",), last=3)
    monkeypatch.setattr(kept, "MAX_TABLE_RECORDS", 5)
    paths = analysis(tmp_path, source)
    paths.prepare([early, closing])
    assert paths.passes == 1
    assert not paths.search(early.pattern, 10, literals=("hello",), within=4).approximate
    # The closing question's table skipped recording: approximate, though every path still says it at its end.
    late = paths.search_closing(closing.pattern, 10, last=3, literals=("bye",))
    assert late.approximate and late.on_every_path


def test_approximate_answers_say_so_in_their_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scriptlint.analysis import kept

    manifest = "---\ncall_type: political\nrace: federal\nvolume: 5000\nsponsor: {name: Friends of Ana Ruiz}\n---\n"
    source = manifest + "".join(f"{{% if c{i} %}}Well then{{% endif %}}\n" for i in range(40))
    source += "Hi, my name is Sam with Friends of Ana Ruiz. Paid for by Friends of Ana Ruiz."
    exact = lint_text(source, path="call.j2", root=tmp_path, no_config=True)
    monkeypatch.setattr(kept, "MAX_TABLE_RECORDS", 100)
    cut = lint_text(source, path="call.j2", root=tmp_path, no_config=True)
    assert {f.code for f in cut} == {f.code for f in exact}
    assert not any("approximate" in f.message for f in exact)
    # Only the answers kept by word count ("within the first 60 words") are approximate.
    assert {f.code for f in cut if "approximate" in f.message} == {"CO04"}


def test_rules_that_word_their_own_findings_say_when_an_answer_is_approximate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scriptlint.analysis import kept

    # CO02 (the origin within the opening) and LG01 (a path in Japanese) build their findings from the missing
    # paths themselves, not through missing_findings.
    source = (
        "---\ncall_type: political\nrace: federal\nvolume: 5000\n"
        "sponsor: {name: Friends of Ana Ruiz, authorized_by: Ana Ruiz}\n"
        "origin: {facility: correctional, state: OK}\ntarget_states: [CA]\n---\n"
    )
    source += "".join(f"{{% if c{i} %}}Well then{{% endif %}}\n" for i in range(40))
    source += (
        "{% if language == 'ja' %}こんにちは、私は田中です。アナ・ルイスさんの選挙事務所からお電話しています。"
        "{% else %}Hi, my name is Sam, a volunteer with Friends of Ana Ruiz.{% endif %}"
        " Paid for by Friends of Ana Ruiz."
    )
    exact = lint_text(source, path="call.j2", root=tmp_path, no_config=True)
    monkeypatch.setattr(kept, "MAX_TABLE_RECORDS", 100)
    cut = lint_text(source, path="call.j2", root=tmp_path, no_config=True)
    for code in ("CO02", "LG01"):
        assert [f for f in exact if f.code == code] and not any("approximate" in f.message for f in exact)
        assert [f for f in cut if f.code == code] and all("approximate" in f.message for f in cut if f.code == code)


def test_questions_kept_for_later_are_answered_with_one_matched_the_same_way(tmp_path: Path) -> None:
    import regex

    from scriptlint.analysis.profile import Profile
    from scriptlint.analysis.questions import Question

    source = "Hi. {% if a %}Payed for by X.{% else %}Thanks.{% endif %} {% if b %}Bye.{% endif %}"
    fuzzy = regex.compile(r"(?:paid for by){e<=2}", regex.IGNORECASE)
    profile = Profile(regex.compile(r"(?P<P_en>\bthanks\b)|(?P<P_es>\bgracias\b)", regex.IGNORECASE), 60)
    by_language = Question(fuzzy, 30, timeout=1.0, profile=profile)
    paths = analysis(tmp_path, source)
    paths.keep_for_later([by_language])
    assert paths.passes == 0  # kept, not answered
    plain = paths.search(fuzzy, 30, timeout=1.0)
    labelled = paths.search(fuzzy, 30, timeout=1.0, profile=profile)
    assert paths.passes == 1
    # The same answers as each asked alone.
    alone = analysis(tmp_path, source)
    assert alone.search(fuzzy, 30, timeout=1.0) == plain
    assert alone.search(fuzzy, 30, timeout=1.0, profile=profile) == labelled
    assert alone.passes == 2
    # A question matched another way is not answered with it.
    other = analysis(tmp_path, source)
    other.keep_for_later([by_language])
    other.search(regex.compile("bye", regex.IGNORECASE), 10, literals=("bye",))
    other.search(fuzzy, 30, timeout=1.0, profile=profile)
    assert other.passes == 2


def test_normalising_a_long_text_keeps_every_character_traced_to_where_it_was_written() -> None:
    from scriptlint.analysis.spoken import normalise_with_sources

    plain = "Thanks for your time.\n" * 500
    text = plain + "Le cafe\u0301 \ufb01nal\u2019s\n\u0301x\nR\u00e9sum\u00e9 \u200bok\n" + plain
    said, sources = normalise_with_sources(text, None)
    assert said == plain + "Le caf\u00e9 final's\n\u0301x\nR\u00e9sum\u00e9 ok\n" + plain
    assert len(sources) == len(said)
    middle = len(plain)
    # The composed accent comes from its base letter; both letters of the ligature from the ligature; the
    # typographic apostrophe from itself; the zero-width space is not said.
    assert sources[middle + 6] == middle + 6 and text[sources[middle + 6]] == "e"
    assert [text[s] for s in sources[middle + 8 : middle + 10]] == ["\ufb01", "\ufb01"]
    assert text[sources[said.index("'", middle)]] == "\u2019"
    assert all(text[s] == c or text[s] in "\ufb01\u2019" for s, c in zip(sources, said, strict=True) if c.isascii())
    # Lines that need nothing are kept as written, past the ones that do.
    assert sources[-1] == len(text) - 1 and sources[:middle] == list(range(middle))
    # A combining mark after a newline belongs to the newline's cluster (the line goes on through it); one
    # on a line kept as written maps to itself.
    said, sources = normalise_with_sources("ab\ufb01\n\u0301x\nq\u0301", None)
    assert said == "abfi\n\u0301x\nq\u0301" and sources[5] == 3 and sources[-1] == 8


def test_a_walk_stopped_by_its_budget_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    (tmp_path / "setup.cfg").write_text("[tool:scriptlint]\ntime-limit = 1\n", encoding="utf-8")
    items = "[" + ", ".join(f"'i{n}'" for n in range(20)) + "]"
    loops = "".join(f"{{% for x{depth} in {items} %}}" for depth in range(5))
    source = loops + "{% if c %}Word.{% endif %}" + "{% endfor %}" * 5 + "Paid for by X."
    frozen, enabled = gc.get_freeze_count(), gc.isenabled()
    gc.unfreeze()  # as in a process that embeds scriptlint (a worker freezes what it inherits: frozen again)
    try:
        found = lint_text(source, path="loops.j2", root=tmp_path, config=tmp_path / "setup.cfg")
        assert any(f.code == "SL04" and "time budget" in f.message for f in found)
        # The stopped walk froze its objects so that no collection scanned them while they were freed; they
        # are handed back once the file is done (cyclic garbage frozen with them would stay for good).
        assert gc.get_freeze_count() == 0 and gc.isenabled() == enabled
        # A worker freezes what it inherits: after a stopped walk what is left is frozen again.
        gc.freeze()
        lint_text(source, path="loops.j2", root=tmp_path, config=tmp_path / "setup.cfg")
        assert gc.get_freeze_count() > 0 and gc.isenabled() == enabled
    finally:
        gc.unfreeze()
        if frozen:
            gc.freeze()  # as this process had it


@pytest.mark.parametrize(("closing", "near_miss"), [("Paid for by Friends of Ana Ruiz.", False),
                                                    ("Payed for by Friends of Ana Ruiz.", True)])  # fmt: skip
def test_what_a_script_may_say_counts_its_partials_when_it_reads_target_state(
    tmp_path: Path, closing: str, near_miss: bool
) -> None:
    # The template reads target_state before its include: the partials' words are still sayable (the
    # disclaimer said only in the partial was once taken for a near miss of itself).
    write(tmp_path, {"_close.j2": closing + "\n"})
    source = (
        "---\ncall_type: political\nrace: federal\nvolume: 5000\n"
        "sponsor: {name: Friends of Ana Ruiz, authorized_by: Ana Ruiz}\ntarget_states: [CA, NV]\n---\n"
        "Hi, my name is Sam, a volunteer with Friends of Ana Ruiz.\n"
        "{% if target_state == 'CA' %}Thanks, Californians.{% endif %}\n{% include '_close.j2' %}\n"
    )
    found = lint_text(source, path="call.j2", root=tmp_path, no_config=True)
    assert ("PF05" in {f.code for f in found}) is near_miss
    assert "PF01" not in {f.code for f in found}
