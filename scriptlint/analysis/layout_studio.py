"""Notes for the studio of a recorded message, never heard by the person called: directions to the voice
talent set apart in emphasis, and castings (the voice wanted: gender, age, tone, the read), with or without a
"Talent:" label (docs/conventions.md)."""

from __future__ import annotations

from scriptlint.analysis.compiled import kept

# A direction to the voice talent set apart in emphasis ("*Voice talent: warm and unhurried.*"); in plain
# text "VOICE TALENT: Hi, ..." labels what the talent reads.
_STUDIO_NOTE = kept(
    r"(?i)^\s*(?:\*\*|__|\*|_)+\s*(?:voice\s+)?talent\s*:(?!\s*(?:\*\*|__|\*|_))[^*_\n]*(?:\*\*|__|\*|_)\s*$"
)


# Casting directions after a talent label ("Talent: female, 35-50, warm"): two or more of a voice's
# descriptions, the first right after the label and within its first three words; "VOICE TALENT: Hi, ..." is
# what the talent reads.
_DESCRIPTION = (
    r"(?:female|male|wom[ae]n|m[ae]n|non-?binary|any\s+gender|young(?:er)?|older|mature|middle-aged|adult|teens?"
    r"|seniors?|\d{2}\s*(?:[-\u2013]|to)\s*\d{2}|\d{2}s|\d{2}\+|warm|friendly|upbeat|conversational"
    r"|authoritative|neutral|calm|energetic|soft|deep|bright|trustworthy|accent\w*|midwest\w*|southern|smil\w*"
    r"|vocal|union|bilingual|native|professional|natural|relaxed|unhurried|pace|tone|delivery)\b"
)
_CASTING_NOTE = kept(
    r"(?i)^\s*+(?:\*\*|__)?(?:voice\s+)?(?:talent|casting|voice)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*"
    + _DESCRIPTION
    + r"(?:\s+[\w'-]+){0,2}\s*[,;].*?\b"
    + _DESCRIPTION
)
# What only a casting says (a speaker's words may be "warm" and "friendly" too): a gender, an age, the read.
_CASTING_WORD = kept(
    r"(?i)\b(?:female|male|wom[ae]n|m[ae]n|non-?binary|gender|\d{2}\s*(?:[-\u2013]|to)\s*\d{2}|\d{2}s|\d{2}\+|accent"
    r"|pace|read|tone|delivery|vocal|takes?|wpm|words\s+per\s+minute|mix)\b"
)
# A casting without a label, under a heading such as "## Talent": "Female, 35-50, warm, ...".
_CASTING_LINE = kept(
    r"(?i)^\s*+(?:female|male|wom[ae]n|m[ae]n|non-?binary|\d{2}\s*(?:[-\u2013]|to)\s*\d{2}|\d{2}s)\b[^.!?\n]{0,40}[,;]"
)


def studio_note(line: str) -> bool:
    """An emphasised line of directions for the voice talent of a recorded message, or a talent's casting
    ("Talent: female, 35-50, warm and unhurried"; "Female, 35-50, relaxed pace" under a heading)."""
    if _STUDIO_NOTE.match(line) is not None:
        return True
    casting = _CASTING_NOTE.match(line) is not None or _CASTING_LINE.match(line) is not None
    return casting and len(_CASTING_WORD.findall(line)) >= (1 if _CASTING_NOTE.match(line) else 2)
