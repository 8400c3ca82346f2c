"""Answers that end the call ("IF NO: Thank them. [END CALL]"): what the script says after their choice is not
said on their paths, so a disclaimer written after every answer has hung up is found missing there.

A section's flag is false before its first such choice and set where an answer ends the call; the statements
after each such choice in the same section are said only where the flag is false: every path knows its flag,
so the test is decided on each and never becomes one of a path's conditions.
"""

from __future__ import annotations

import regex
from jinja2 import nodes

from scriptlint.analysis.layout_words import is_answer

# What ends a call in an answer's words: "[END CALL]", "[End]", "hang up", "end the call", a survey's "TERMINATE"
# (Spanish "cuelgue", "terminar la llamada"; French "raccrochez", "fin de l'appel"); not when denied, put off or
# made conditional ("don't hang up", "before you end the call", "end the call if they ask", "antes de colgar").
_ENDS_CALL = regex.compile(
    r"(?i)(?<!(?:\bnot|n['\u2019]t|\bnever|\bbefore|\buntil|\bwithout|\bafter|\bonly|\bif|\bwants?|\blet)\s+"
    r"(?:[\w']+[,;]?\s+){0,3})\b(?:end(?:\s+(?:the|of))?\s+(?:the\s+)?call|hang\s+up|terminate|disconnect)\b"
    r"(?!\s+(?:\w+\s+)?(?:if|unless|when|only|after|once)\b)"
    r"|[\[(]\s*end\s*[\])]"
    r"|(?<!\bno\s+|\bantes\s+de\s+)\b(?:cuelgu?e|colgar|(?:terminar|termine|finalice|finalizar|fin\s+de)\s+"
    r"(?:la\s+)?llamada)\b"
    r"|(?<!\bne\s+|\bavant\s+de\s+)\braccroch(?:ez|er)\b|\bfin\s+de\s+l['\u2019]appel\b"
)
# An answer that sends the caller on to the closing first ("Read the closing below, then hang up", "Lea el
# cierre y luego cuelgue"): the call ends after what follows, which is then said.
_CLOSING_FIRST = regex.compile(
    r"(?i)\b(?:read|say|give|deliver|go\s+to|skip\s+to|continue\s+to|lea|diga|pase\s+al|lisez|dites|passez\s+à)\s+"
    r"(?:the\s+|our\s+|el\s+|la\s+|le\s+|l['\u2019])?(?:closing|close|disclaimer|conclusion|cierre|conclusi[oó]n"
    r"|descargo|cl[oô]ture)\b|\bclosing\s+below\b"
    r"|\bafter\s+(?:reading\s+|you\s+read\s+|giving\s+)?(?:the\s+|our\s+)?(?:closing|close|disclaimer)\b"
)
# A line marked as said on every call, by a tag or label in its first words: "[ALL CALLS] Thank you ...",
# "FOR ALL CALLS:", "DISCLAIMER (READ ON EVERY CALL):", "Required disclaimer:", "REQUIRED:", "(READ TO EVERYONE)",
# "Before ending ANY call, say:", "Every call ends with:", "Closing for All Calls", "PARA TODAS LAS LLAMADAS:".
_EVERY_CALL = regex.compile(
    r"\s*+(?:[-*+>\u2022]\s*+)?(?:\*\*|__)?[\[(]?\s*(?:(?:required|legal|fec|mandatory)\s+)?(?:disclaimer|disclosures?"
    r"|required|mandatory|must\s+read|verbatim)\b"
    r"|\s*+(?:[-*+>\u2022]\s*+)?(?:\*\*|__)?[\[(]?(?:[\w']+[\s,]+){0,5}?(?:all\s+calls|every\s+call|each\s+call|any\s+call"
    r"|everyone|everybody|all\s+voters|todas\s+las\s+llamadas|cada\s+llamada|tous\s+les\s+appels|chaque\s+appel)\b",
    regex.IGNORECASE,
)
# An IVR's keypress answers ("PRESS 2", "IF 2"): answers to the message's question.
_PRESSED = regex.compile(r"(?i)(?:(?:if\s+)?(?:they\s+)?press(?:es|ed)?\s*)?\d{1,2}")
# An answer label saying the person called was not reached or would not talk ("WRONG NUMBER", "NOT HOME",
# "MOVED", "THEY HANG UP", "REFUSED", "THEY WANT TO END THE CALL"): no message was given, so such an answer
# keeps the script's reading (what follows counts as said), rather than make a path that owes every
# disclosure of a call that never took place (decision 199).
_NOT_REACHED = regex.compile(
    r"(?i)\b(?:wrong\s+(?:number|person)|not\s+(?:the\s+(?:voter|person|right\s+person)|available|home|there|in)"
    r"|(?:is|are)\s*n['\u2019]?t\s+(?:available|home|there|in)|unavailable|no\s+longer\s+(?:lives?|at)|moved"
    r"|deceased|passed\s+away|died|language\s+barrier|(?:does|do)\s*(?:n['\u2019]t|\s+not)\s+speak|busy|bad\s+time"
    r"|hangs?\s+up|hung\s+up|disconnected|fax|no\s+answer|refus\w*|declin\w*|no\s+time|not\s+a\s+good\s+time"
    r"|call\s*back|(?:wants?|asks?)\s+to\s+(?:end|hang|stop|go)|n[uú]mero\s+equivocado|no\s+est[aá]"
    r"|(?:quiere|pide)\s+terminar|mauvais\s+num[eé]ro)\b"
)


def ends_call(label: str, text: str, start: int, end: int) -> bool:
    """Whether a labelled answer ends the call: its label or its words (`text[start:end]`) say so, and its
    label does not say the person called was not reached."""
    if _NOT_REACHED.search(label) or _CLOSING_FIRST.search(text, start, end):
        return False
    if _ENDS_CALL.search(label) is not None:
        return True  # "NO - TERMINATE"
    # Only an answer to what was asked ("NO", "ALREADY VOTED", "PRESS 2") ends the call on its path; a label
    # naming a situation ("AT WORK", "SPANISH SPEAKER") keeps the script's reading, as one reaching nobody does.
    if not (is_answer(label) or _PRESSED.fullmatch(label.strip())):
        return False
    return _ENDS_CALL.search(text, start, end) is not None


def _set(flag: str, value: bool) -> nodes.Assign:
    return nodes.Assign(nodes.Name(flag, "store", lineno=1), nodes.Const(value, lineno=1), lineno=1)


def mark_endings(choice: nodes.If, ending: list[bool], flag: str) -> bool:
    """Set `flag` on the branches of a choice built from labelled answers whose answer ends the call (`ending`:
    whether each answer, in order, does); False when none does."""
    if not any(ending):
        return False
    bodies = [choice.body, *(branch.body for branch in choice.elif_), choice.else_]
    for body, ends in zip(bodies, ending, strict=False):
        if ends:
            body.append(_set(flag, True))
    return True


def after_endings(statements: list[nodes.Node], cuts: list[int], flag: str) -> list[nodes.Node]:
    """The statements with those after each cut (the index after a choice that set `flag` where its answer
    ends the call) said only on paths whose call did not end: the flag is false from the first such choice
    on, and each stretch between cuts is tested on its own, so a script of many such choices nests nothing."""
    if not cuts:
        return list(statements)
    test = nodes.Not(nodes.Name(flag, "load", lineno=1), lineno=1)
    result = list(statements[: cuts[0] - 1])
    result.append(_set(flag, False))
    result.append(statements[cuts[0] - 1])
    for cut, following in zip(cuts, [*cuts[1:], len(statements)], strict=True):
        if statements[cut:following]:
            result.append(nodes.If(test, statements[cut:following], [], [], lineno=1))
    return result


def every_call(text: str, start: int) -> bool:
    """Whether the line at `start` is marked as said on every call ("[ALL CALLS]", "(REQUIRED)", "[DISCLAIMER]")."""
    return _EVERY_CALL.match(text, start) is not None
