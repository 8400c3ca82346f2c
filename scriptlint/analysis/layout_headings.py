"""Headings and lines addressed to the caller: sections of instructions ("Tips", "Before you call", "Consejos"),
answers kept for when the person asks ("REBUTTALS", "Q&A"), notes ("Note to volunteers: ..."), in English and
in the Spanish and French forms seen in published scripts (docs/conventions.md)."""

from __future__ import annotations

from scriptlint.analysis.compiled import kept

# Headings of answers kept for when the person asks ("REBUTTALS", "Common questions", "Q&A").
_ASKED_WORDS = (
    r"|(?:common\s+|possible\s+|sample\s+)?rebuttals?|(?:common|frequent|tough|possible)\s+questions"
    r"|questions\s+(?:and|&)\s+answers|q\s*(?:&|and)\s*a|(?:responses?|answers?)\s+to\s+(?:common\s+)?"
    r"(?:questions|objections|pushback)|pushback|push\s*back|handling\s+objections|objections|faqs?"
    r"|frequently\s+asked.*|common\s+(?:responses|replies|reactions)"
)
_ASKED_HEADING = kept(r"(?i)^(?:\d+[.)]\s*)?(?:" + _ASKED_WORDS[1:] + r")\s*:?$")
# Where a heading's words say its section is for the person called ("Tips for voting by mail", "Instrucciones
# para votar por correo"): read to them, not addressed to the caller.
_VOTER_SIDE = r"(?i:vot|ballot|mail|absentee|boleta|correo|bulletin|scrutin|correspondance)"
# Words of a heading that name the caller's side: a plain line heads a section only with one of them.
_CALLER_WORDS = kept(
    r"(?i)\b(?:callers?|volunteers?|phone\s*bank\w*|calling|before\s+you\s+(?:call|dial)|agents?|interviewers?"
    r"|llamar|llamadas?|voluntari\w*|appel\w*|b[ée]n[ée]voles?)\b"
)
# Headings of sections addressed to the caller.
_INSTRUCTION_HEADING = kept(
    r"(?i)^(?:\d+[.)]\s*)?(?:(?:general|calling|caller|volunteer|phone\s*bank(?:ing)?|important|quick|helpful|some|key"
    r"|final|our)\s+)*(?:instructions?|tips?|hints?|notes?|reminders?|before\s+(?:you\s+)?(?:call|dial|start|begin)\w*"
    r"|after\s+(?:the|each|you)\b.*|how\s+to\b.*|guidelines?|best\s+practices|training|faqs?|frequently\s+asked.*"
    r"|resources|checklist|do'?s\s+and\s+don'?ts|data\s+entry|recording\s+(?:results|responses)|disposition\w*"
    r"|logistics|set[- ]?up|preparation|prepare\b.*|what\s+(?:you(?:'ll)?\s+)?need\b.*|goals?|purpose|overview"
    r"|background|talking\s+points|examples?|for\s+example|sample\s+answers|handling\s+objections|objections"
    # A recorded message's casting and studio directions ("## Talent", "Voice direction"), never heard.
    r"|(?:voice\s+)?talent\s+(?:notes?|directions?|specs?)|casting|voice\s+(?:direction|notes?|casting)"
    r"|production(?:\s+notes?)?|studio\s+notes?|recording\s+notes?"
    # Answers kept for when the person asks ("REBUTTALS", "Common questions", "Q&A"): not said on every call.
    + _ASKED_WORDS
    + r"|who\s+you(?:'re|\s+are)\s+calling.*|note\s+to\s+\w+.*|interviewer\s+(?:notes?|instructions?)"
    r"|(?:variables|fields|merge\s+fields|placeholders|blanks)(?:\s+to\s+fill(?:\s+in)?)?|what\s+to\s+fill\s+in)"
    r"(?:\s+(?:and|&)\s+[\w ]{1,30})?"
    r"(?:\s+(?:for|before|after|while|when|during)\s+(?!" + _VOTER_SIDE + r")[\w ']{1,30})?\s*:?$"
)
# The same headings in Spanish and French: "Consejos antes de llamar", "Instrucciones para voluntarios", "Notas",
# "Conseils avant d'appeler", "Consignes".
_INSTRUCTION_HEADING_ES_FR = kept(
    r"(?i)^(?:\d+[.)]\s*)?(?:consejos?|sugerencias|instrucciones|indicaciones|notas?|recordatorios?|antes\s+de\s+llamar"
    r"|preguntas\s+frecuentes|respuestas\s+a\s+(?:preguntas|objeciones)|conseils?|consignes|remarques|instructions"
    r"|avant\s+(?:d['\u2019]appeler|l['\u2019]appel)|questions\s+fr[ée]quentes)"
    r"(?:\s+(?:y|e|et|para|pour|antes|avant|de|des|du|a|à|al|aux)\b(?!\s*" + _VOTER_SIDE + r")[\w '\u2019]{1,40})?"
    r"\s*:?$"
)
# A heading that says its section is not read aloud.
_NOT_READ = kept(
    r"(?i)\b(?:not\s+(?:to\s+be\s+)?read(?:\s+(?:out|aloud))?|do\s+not\s+read|don'?t\s+read|for\s+(?:the\s+)?"
    r"(?:callers?|volunteers?|agents?|interviewers?|phone\s*bankers?)\s+only|(?:caller|volunteer|agent)\s+information)\b"
)
_NOTE_LINE = kept(
    r"(?i)^(?:note|notes|tip|tips|reminder|remember|instructions?|example|for example|record|mark|audience|goal"
    r"|purpose|who you(?:'re| are) calling|note to (?:volunteers?|callers?|agents?|interviewers?|phone bankers?)"
    r"|interviewer(?:'s)? (?:note|instruction)s?|do not read|don'?t read|not read|data entry|disposition"
    r"|length|time|estimated time|sample script|script"
    # Notes for the studio of a recorded message, never heard by the person called.
    r"|note to (?:the )?(?:voice talent|talent|announcer|narrator|producer|engineer|studio|reader)"
    r"|production notes?|(?:voice )?talent notes?|studio notes?|director'?s notes?|recording notes?)\s*:"
)


def instruction_heading(words: str) -> bool:
    """A heading over a section addressed to the caller: "Tips", "Before you call", "Notes for callers",
    "Background (for the caller, not to be read out)"."""
    heading = words.strip().strip("*_").strip()
    return (
        _INSTRUCTION_HEADING.match(heading) is not None
        or _INSTRUCTION_HEADING_ES_FR.match(heading) is not None
        or _NOT_READ.search(heading) is not None
    )


def asked_heading(words: str) -> bool:
    """A heading over answers kept for when the person asks ("REBUTTALS", "Q&A"): its section runs to the
    next heading, paragraph after paragraph."""
    return _ASKED_HEADING.match(words.strip().strip("*_").strip()) is not None


def note_line(words: str) -> bool:
    """A line addressed to the caller wherever it stands: "Note to volunteers: ...", "Record: ..."."""
    return _NOTE_LINE.match(words) is not None


# A condition, then what the caller is to do, in the third person: "If yes, thank them warmly and say goodbye.",
# "If no, ask what worries them". ("If not, thank you anyway" and "If so, ask your neighbors" speak to the person
# called: said.)
_CONDITIONAL_DIRECTION = kept(
    r"(?i)^\W*if\s+[^,.:;\n]{1,40},\s+(?:then\s+)?(?:politely\s+|warmly\s+|briefly\s+)?(?:"
    r"thank\s+(?:them|him|her|the\s+\w+)|ask\s+(?:them|him|her|if\s+they|whether\s+they|what|why|how|the\s+\w+)"
    r"|tell\s+(?:them|him|her|the\s+\w+)|offer\s+(?:them|him|her|to)|invite\s+(?:them|him|her)"
    r"|(?:mark|note|record)\s+(?:them|it|their|the|as)|skip\s+to|go\s+to|move\s+on|say\s+goodbye|end\s+the\s+call"
    r"|hang\s+up)\b"
)


# Words to say passed on in such a line ("... and tell them we're all volunteers"): then the line is said, so a
# claim or a disclaimer in it counts.
_PASSES_WORDS = kept(
    r"(?i)\b(?:(?:tell|remind)\s+(?:them|him|her)\s+(?:that|we|we're|i|i'm|you|it|it's|this|our|the\s+call)\b"
    r"|say(?:s|ing)?\s*(?::|[\"\u201c]|(?:that|we|i|you|it|this|our)\b)|mention|let\s+them\s+know)"
)


def conditional_direction(words: str) -> bool:
    """A line telling the caller what to do on an answer, in the third person ("If yes, thank them ..."), passing
    on no words to say (asked of every spoken line: the anchored test first, which most lines fail at once)."""
    return _CONDITIONAL_DIRECTION.match(words) is not None and _PASSES_WORDS.search(words) is None


# Headings alone that only ever address the caller ("Background" or "Overview" may head words read aloud).
_FOR_THE_CALLER = frozenset(
    "tips hints notes reminders instructions training logistics checklist faq faqs rebuttals consejos notas"
    " instrucciones recordatorios conseils consignes remarques".split()
)


def caller_heading(words: str) -> bool:
    """A plain line that heads a section for the caller: "Tips", "Notes", or an instruction heading naming the
    caller's side ("Tips and Suggestions for Phone Callers"); "How to Vote Early in Ohio" and "Background"
    head words read to the person called."""
    heading = words.strip().strip("*_").strip()
    if heading.lower().rstrip(":") in _FOR_THE_CALLER:
        return True
    return _CALLER_WORDS.search(heading) is not None and instruction_heading(heading)
