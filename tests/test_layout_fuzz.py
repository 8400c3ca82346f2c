"""Any text reads: the layout keeps offsets, blanks without inventing, and every document becomes paths."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scriptlint.analysis import layout
from scriptlint.analysis.jinja import ConfinedLoader, make_environment
from scriptlint.analysis.paths import PathAnalysis

# The pieces layouts are made of, so that random documents hit every rule of the grammar.
TOKENS = [
    "Hi, this is Ana. ",
    "Paid for by X. ",
    "Can we count on you? ",
    "\n",
    "\n\n",
    "[YES] - ",
    "(If No)\n",
    "If they say no: ",
    "**If undecided:**\n",
    "### If NO\n",
    "## Voicemail message\n",
    "[VOICEMAIL]\n",
    "If you reach an answering machine:\n",
    "VOICEMAIL: ",
    "Caller: ",
    "Voter: ",
    "NARRATOR: ",
    "Me: ",
    "(if the voter\n",
    "hesitates)\n",
    "[PAUSE] ",
    "## Tips\n",
    "- ",
    "1. ",
    "> ",
    "**",
    "_",
    "`",
    "```\n",
    "---\n",
    "\f",
    "%%caller_name%%",
    "{AgentName}",
    "[First Name]",
    "*|FNAME|*",
    "<<name>>",
    "<zip code>",
    "(name of candidate)",
    "____",
    "<p>",
    "</b>",
    "Here's a script:\n",
    "Use this script to call.\n",
    '"',
    "\u201c",
    "\u201d",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    ":",
    "\u2013",
    "|",
    "\u00e9",
    "Si oui : ",
]
TEXTS = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(TEXTS)
def test_the_spoken_form_keeps_every_offset_and_only_blanks(text: str) -> None:
    spoken = layout.read(text).spoken
    assert len(spoken) == len(text)
    assert all(said in (original, " ") or original in "\r\n\f" for said, original in zip(spoken, text, strict=True))
    assert [i for i, c in enumerate(spoken) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


@FUZZ
@given(TEXTS)
def test_every_document_becomes_paths(text: str) -> None:
    environment = make_environment(ConfinedLoader(__import__("pathlib").Path("."), 1_000_000), lambda env: None)
    analysis = PathAnalysis.of_text(environment, text, "fuzz.txt")
    variants = analysis.variants()
    assert variants
    for variant in variants:
        assert len(variant.spoken) == len(variant.text)
