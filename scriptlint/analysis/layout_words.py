"""The words of script layout: answer labels, voicemail headings, speaker labels, instructions, openings.

These are conventions of how scripts are written (English, with the Spanish and French forms seen in
published scripts), not law; docs/conventions.md lists them with examples.
"""

from __future__ import annotations

import regex

from scriptlint.analysis.compiled import kept
from scriptlint.analysis.layout_headings import instruction_heading, note_line

# Markup that may stand around a label: a list marker, a quote, bold or italic markers.
_LEAD = r"^(?P<lead>\s*+(?:>\s*+)*(?:[-*+\u2022]\s++)?(?:\*\*|__|\*|_)?)"
_CLOSE = r"(?:\*\*|__|\*|_)?"
_DASH = "-\u2013\u2014"

# The answers a lowercase "If ...:" label must name ("If they say no:", "If undecided:").
_ANSWER_WORDS = (
    r"(?:(?:they|the voter|voter|he|she)\s+(?:says?|said|answers?|is|are)\s+|they'?re\s+|they\s+"
    r"|(?:the\s+)?answer\s+is\s+|(?:the\s+)?response\s+is\s+|voting\s+|dice\s+que\s+|still\s+|not\s+)?"
    r"(?:yes|no|s[ií]|oui|non|undecided|unsure|uncertain|not\s+sure|maybe|supporter|supportive|support|opposed"
    r"|against|for|leaning\b|lean\b|busy|refused?|refuses|declines?|agrees?|interested|available|wrong\s+number"
    r"|no\s+answer|not\s+home|moved|deceased|hostile|positive|negative|already\s+voted|voted|going|other)\b"
)
_ANSWER = kept(r"(?i)" + _ANSWER_WORDS)
# A lowercase "If ...:" about the person called is a label whatever follows: "If they ask why:".
_CALLED = kept(r"(?i)(?:they|the\s+(?:voter|person|caller'?s?\s+contact|member|donor|resident)|he|she)\b")
# First words of bracketed stage directions that may stand before spoken text on the same line.
_STAGE_WORDS = frozenset(
    "PAUSE WAIT BEAT NOTE READ RECORD SMILE STOP LISTEN TRANSFER HANG END SAY ASK INSERT LEAVE SKIP GO DIAL"
    " CALLER VOTER NAME SLOWLY CLEARLY OPTIONAL THEIR YOUR CANDIDATE ORGANIZATION ORGANISATION"
    # A part of the script named for the caller ("[CLOSING]", "[DISCLAIMER]", "(REQUIRED)"): said on every path.
    " OPENING CLOSING INTRO INTRODUCTION GREETING DISCLAIMER DISCLOSURE DISCLOSURES REQUIRED MANDATORY VERBATIM"
    " CLOSE LEGAL FEC FCC MUST ALL EVERY IMPORTANT ALWAYS"
    # A survey interviewer's codes ("(VOLUNTEERED) YES", "(DO NOT READ)", "[PROBE]", "(ROTATE)").
    " VOLUNTEERED VOL DO PROBE ROTATE RANDOMIZE RANDOMISE CODE ACCEPT MULTIPLE SINGLE ENTER CHECK CIRCLE FOLLOW CLARIFY"
    " TERMINATE CONTINUE"
    # Language markers ("[EN]", "[ES]") name a version of the script, not an answer.
    " EN ES FR DE PT ZH VI KO TL ENGLISH SPANISH FRENCH ESPAÑOL ESPANOL FRANÇAIS VERSION TRANSLATION BOTH AMBAS".split()
)
_BRACKETED = kept(
    _LEAD
    + r"[\[(]\s*(?P<if>(?i:if|si)\s+)?(?P<label>[^\[\]()\n]{1,50}?)\s*[\])]"
    + _CLOSE
    + rf"\s*(?:[{_DASH}:]\s*)?"
    + _CLOSE
    + r"\s*(?P<rest>.*)$"
)
_PREFIXED = kept(
    _LEAD
    + r"(?i:if|si)\s+(?P<label>[^:\n\u2013\u2014]{1,60}?)\s*"
    + _CLOSE
    + rf"\s*(?::|\s[{_DASH}](?=\s|$))\s*"
    + _CLOSE
    + r"\s*(?P<rest>.*)$"
)
_BARE = kept(
    _LEAD
    + r"(?P<label>YES|NO|MAYBE|UNDECIDED|Yes|No|Maybe|Undecided|S[IÍ]|S[ií])\s*"
    + _CLOSE
    + r"\s*(?::|[\u2013\u2014]|\s-\s)\s*"
    + _CLOSE
    + r"\s*(?P<rest>.*)$"
)
# "IF YES" alone on its line, without a colon: the answer's text follows on the next lines.
_ALONE = kept(_LEAD + r"(?i:if|si)\s+(?P<label>[^:\n\u2013\u2014\[\]()]{1,40}?)\s*" + _CLOSE + r"\s*(?P<rest>)$")
_BARE_HEADING = kept(r"(?i:yes|no|maybe|undecided|unsure|not sure|s[ií]|oui|non)")
# Capitals that end with an answer ("LEANING YES", "STRONG SUPPORT"), not an instruction in capitals.
_ENDS_ANSWER = kept(r"(?i)\b(?:yes|no|undecided|unsure|maybe|support|supporter|oppose|opposed|leaning)\s*$")
_HEADING_LABEL = kept(r"(?i)^[\[(]?\s*(?:if|si)\s+(?P<label>.{1,60}?)\s*[\])]?\s*:?$")

_VOICEMAIL_WORDS = (
    r"(?:voice\s*-?\s*mail|answering\s+machine|message\s+machine|leave\s+(?:a\s+|this\s+|the\s+)?message"
    # Call sheets' short form "VM:" ("MACHINE:" is left out: tech notes say it of answering-machine detection).
    r"|(?-i:VM)"
    # "If no answer:", "NO ANSWER:", "Message (if no answer):": nobody picked up, the message is left.
    r"|no\s+answer|no\s*one\s+answers|nobody\s+answers"
    # Spanish and French: "buzón de voz", "contestadora", "mensaje de voz", "messagerie vocale", "répondeur" ("deje
    # este mensaje a su familia" and a "Messagerie :" contact line are no voicemail).
    r"|buz[oó]n(?:\s+de\s+voz)?|(?:m[aá]quina\s+)?contestadora|mensaje\s+de\s+voz|messagerie\s+vocale|r[ée]pondeur)"
)
_VOICEMAIL_HEADING = kept(r"(?i)\b" + _VOICEMAIL_WORDS + r"\b")
_VOICEMAIL_LABEL = kept(
    _LEAD
    + r"(?:[\[(]\s*)?(?P<label>(?i:(?:(?:if|si)\b[^:\[\]()\n]{0,40}?\b)?"
    + _VOICEMAIL_WORDS
    + r"\b[^:\[\]()\n]{0,50}?))\s*(?:[\])]\s*[-\u2013\u2014:]?|:|\s[-\u2013\u2014](?=\s))\s*"
    + _CLOSE
    + r"\s*(?P<rest>.*)$"
)

# A preamble's sentences: addressed to the caller ("Use this script...", "You will be calling...").
_INSTRUCTION = kept(
    r"(?i)^(?:use|read|call|dial|leave|ask|make|be|try|keep|have|fill|pick|choose|log|record|mark|enter|note|remember"
    r"|replace|copy|paste|print|edit|change|practi[cs]e|review|introduce\s+yourself|start\s+(?:by|with|calling)"
    r"|don'?t|do\s+not|never|always|please\s+(?:note|read|use|remember|be|make|do|don'?t)|you(?:'ll|'re|\s+will|\s+are"
    r"|\s+should|\s+can|\s+may|\s+might|\s+must|r\s+goal|r\s+job)?\b|if\s+(?:they|no\s*one|nobody|someone|the\s+person"
    r"|you)\b|when\s+(?:they|no\s*one|nobody|someone|you|calling)\b|before\s+|after\s+|this\s+(?:script|guide|document"
    r"|toolkit|page|is\s+a\s+(?:script|guide))|the\s+(?:script|goal|purpose)|these\s+|thank\s+you\s+for\s+volunteering"
    r"|thanks\s+for\s+volunteering|welcome\b|here(?:'s|\s+is|\s+are)\b|goals?\b|purpose\b|who\s+you|step\s+\d"
    r"|[\w ]{1,30}:\s|every\s+(?:union|caller|volunteer|chapter|team)|feel\s+free|adapt\b|customi[sz]e\b"
    r"|it(?:'s|\s+is)\s+(?:a\s+)?good\s+(?:practice|idea)|it\s+helps\b|try\s+to\b|the\s+(?:language|text)\s+below"
    r"|.{0,80}\b(?:this|the|our)\s+(?:sample\s+)?script\b)"
)
_SCRIPT_MARKER = kept(
    r"(?i)^(?:here(?:'s|\s+is|\s+are)\s+(?:a|the|your|our)\s+(?:\w+\s+){0,3}scripts?\b.*"
    r"|(?:(?:sample|suggested|the|our|phone|call|calling|volunteer|model)\s+){1,3}(?:scripts?|template)\s*(?:[:\u2013\u2014-].*)?"
    r"|scripts?\s*:.*"
    # A sentence that hands over to the words to say: "otherwise this works for a cold call:", "you can say:".
    r"|.{0,150}\b(?:this\s+works|you\s+(?:can|could|might|should)\s+say|say\s+something\s+like|try\s+(?:this|saying)"
    r"|use\s+(?:this|the\s+following)|here'?s\s+what\s+to\s+say|what\s+to\s+say)\b.{0,60}:)$"
)
# The first words of a call: a greeting or an introduction.
_OPENING = kept(
    r"(?i)^[\"'\u201c\u2018\u00bf\u00a1]*(?:hi\b|hello\b|hey\b|hiya\b|good\s+(?:morning|afternoon|evening|day)\b"
    r"|greetings\b|howdy\b|(?:this\s+is|i'?m|i\s+am|it'?s)\s+(?:calling\b|(?-i:[\p{Lu}\[{(<%_\ue000*]))|my\s+name\s+is\b"
    r"|hola\b|buen[oa]s\b|bonjour\b|bonsoir\b"
    r"|all[oô]\b|may\s+i\s+speak\b|can\s+i\s+speak\b|could\s+i\s+speak\b|is\s+this\b|am\s+i\s+speaking\b"
    r"|dear\b|welcome\b)"
)
_QUOTED = kept(r"^\s*[\"\u201c\u00ab\u300c].*[\"\u201d\u00bb\u300d]\s*$", regex.DOTALL)
_TITLE = kept(r"^.{1,100}(?<![.!?:;,\"'\u201d])$")

# Speaker labels: the caller's side (said, label removed) and the other party's (not the caller's speech).
_CALLER_SIDE = frozenset(
    "caller volunteer agent you interviewer narrator announcer voice speaker candidate host operator canvasser"
    " fundraiser representative rep organizer organiser staffer recording message robocall her him talent".split()
    + "female voice|male voice|candidate clip|candidate voice|community member|phone banker|student caller".split("|")
    + "voice talent|talent reads".split("|")
)
_OTHER_SIDE = frozenset(
    "voter respondent recipient callee them they me staff aide receptionist prospect donor customer resident"
    " person answer response contact target member constituent listener supporter homeowner householder household"
    " alum alumna alumnus parent client patient subscriber".split()
    + "legislative staff member|staff member|the voter|office staff|voter response|their answer".split("|")
)
# A bracketed direction before spoken text on the same line: "[PAUSE] Hi", "(smiling) Thanks".
# The stage words are grouped so that the word boundary holds for each ("[Golden State PAC]" is no "[GO]").
_DIRECTION_START = kept(r"(?i)^\s*[\[(]\s*(?:[a-z]+ing|if|" + "|".join(sorted(_STAGE_WORDS)) + r")\b")


# Words before the answer itself that a condition need not repeat: "If they say yes" is the answer YES,
# "(If they're unsure)" UNSURE, "If they are still deciding" STILL DECIDING.
_ANSWER_PREFIX = kept(
    r"(?i)^(?:(?:they|the\s+voter|voter|he|she)\s+(?:says?|said|answers?|is|are)\s+|they'?re\s+"
    r"|(?:the\s+)?(?:answer|response)\s+is\s+)(?=\S)"
)


def is_answer(label: str) -> bool:
    """Whether a label names an answer ("Yes", "they say no", "undecided", "not home")."""
    return _ANSWER.fullmatch(label) is not None


def answer_named(label: str) -> str:
    """The answer a label names, as conditions show it: upper case, without "they say"."""
    return _ANSWER_PREFIX.sub("", label.strip().replace("\u2019", "'")).upper()


def bare_answer(line: str) -> bool:
    """Whether a line starts with an answer word and its colon or dash, without "If" or brackets ("SÍ: ...")."""
    return _BARE.match(line) is not None


def answer_label(line: str, *, heading: bool = False) -> tuple[str, int] | None:
    """The answer a label names and where the text said after it starts in `line` (its length when the
    label stands alone), or None: "[YES] - Great!", "(If they're unsure)", "If NO:", "**If undecided:**"."""
    if heading:
        found = _HEADING_LABEL.match(line.strip())
        if found and _names_answer(found.group("label"), bracketed=line.lstrip()[:1] in "[("):
            return answer_named(found.group("label")), len(line)
        # An answer alone as a heading, its words below it: "YES:", "UNDECIDED:", "Yes:" (not "## Support").
        bare = line.strip().strip("*_[]() ")
        label = bare[:-1].strip()
        if bare.endswith(":") and (_BARE_HEADING.fullmatch(label) or (label.isupper() and _ANSWER.fullmatch(label))):
            return answer_named(label), len(line)
        return None
    for pattern in (_BRACKETED, _PREFIXED, _BARE, _ALONE):
        found = pattern.match(line)
        if found is None:
            continue
        label = found.group("label").strip()
        rest = found.group("rest")
        bracketed = pattern is _BRACKETED
        if bracketed and found.group("if") is None:
            # "[YES] Great": a capitalised answer; "[PAUSE] Hi" is a direction before the line.
            first = label.split()[0] if label.split() else ""
            capitalised = regex.fullmatch(r"\p{Lu}[\p{Lu}\p{N} /'-]{0,30}", label) is not None
            # "(Yes)" alone or before the answer's words: an answer in any case.
            if not (capitalised or _ANSWER.fullmatch(label)) or first in _STAGE_WORDS:
                continue
        elif pattern is _PREFIXED and not _names_answer(label, bracketed=False):
            continue
        elif pattern is _ALONE and not (_ANSWER.fullmatch(label) or (label.isupper() and _ENDS_ANSWER.search(label))):
            continue  # alone on its line, an answer ("IF YES", "IF STRONG SUPPORT"; not "If they ask")
        body = found.start("rest")
        if not rest.strip() or regex.fullmatch(r"\s*[\[(][^\[\]()]*[\])]\s*[.:]?\s*", rest):
            body = len(line)
        return answer_named(_answer_part(label)), body
    return None


def _answer_part(label: str) -> str:
    """The answer of a label that goes on with a direction: "they say no" of "(If they say no, thank them and
    hang up.)", so that conditions name the answer, not the direction ("If YES, they are familiar" keeps its
    gloss)."""
    parts = _CLAUSE_BREAK.split(label, maxsplit=1)
    if len(parts) == 2 and _ANSWER.fullmatch(parts[0]) and (_DIRECTS.match(parts[1]) or instruction(parts[1])):
        return parts[0]
    return label


_CLAUSE_BREAK = kept(r"\s*[,;.\u2013\u2014]\s*")
# The first words of a direction after an answer: "thank them", "hang up", "skip to the close".
_DIRECTS = kept(r"(?i)(?:then\s+|politely\s+)?(?:thank|hang|skip|go|mark|end|say|move|record|offer|tell|leave)\b")


# A condition on the caller's speaker label, before its colon ("CALLER (IF YES): Great!") or right after it
# ("Caller: (If asked) This call was paid for by ...").
_SPEAKER_CONDITION = kept(
    r"^(?P<lead>\s*+(?:\*\*|__)?)(?P<name>\p{Lu}[\p{L}'\u2019.]*(?: [\p{L}'\u2019.]+){0,2})(?:\*\*|__)?"
    r"(?:\s*[\[(]\s*(?P<if1>(?i:if|si)\s+)?(?P<before>[^\[\]()\n]{1,50}?)\s*[\])]\s*:"
    r"|\s*:\s*[\[(]\s*(?P<if2>(?i:if|si)\s+)?(?P<after>[^\[\]()\n]{1,50}?)\s*[\])]"
    r"|\s*:\s*(?P<if3>(?i:if|si)\s+)(?P<dashed>[^:\n\u2013\u2014]{1,40}?)\s+[-\u2013\u2014])"
    r"(?:\*\*|__)?\s*(?P<rest>.*)$"
)


def speaker_condition(line: str) -> tuple[str, int, str] | None:
    """The answer a condition on a speaker label names, where the words said after it start (the line's
    length when nothing follows) and the label's side ("caller" or "other"), or None: "CALLER (IF YES):
    Great!", "Caller: (If asked) ...", "CALLER (YES): ...", "CALLER: IF YES - ...", "VOTER (IF YES): Sure"."""
    found = _SPEAKER_CONDITION.match(line)
    if found is None:
        return None
    side = speaker_side(found.group("name"))
    if side not in ("caller", "other"):
        return None
    label = found.group("before") or found.group("after") or found.group("dashed")
    conditional = found.group("if1") or found.group("if2") or found.group("if3")
    # Without "if", only an answer is a condition ("CALLER: (YES)"); "(warmly)" is a direction.
    if not conditional and not _ANSWER.fullmatch(label):
        return None
    # Unbracketed ("CALLER: IF YES - ..."), a condition is an answer ("IF YOU HAVE A MINUTE - ..." is not).
    if found.group("dashed") and not _ANSWER.fullmatch(label):
        return None
    body = found.start("rest") if found.group("rest").strip() else len(line)
    return answer_named(label), body, side


def _names_answer(label: str, *, bracketed: bool) -> bool:
    """A label inside brackets may say anything; a bare "If ...:" must be capitalised or name an answer."""
    if bracketed:
        return True
    first = label.split(maxsplit=1)[0] if label.split() else ""
    if _CALLED.match(label):
        return True  # "If they have decided:", "If the voter asks why:": what the person called does
    return (first.isupper() and len(first) > 1) or first == "NO" or _ANSWER.match(label) is not None


def voicemail_heading(words: str) -> bool:
    """A heading that starts the voicemail section: "## Voicemail message", "No Answer / Voicemail"."""
    words = words.strip().rstrip(":").strip()
    if instruction_heading(words) or len(words.split()) > 8:
        return False
    return _VOICEMAIL_HEADING.search(words) is not None


def voicemail_label(line: str) -> int | None:
    """Where the voicemail message starts after a label on `line` ("[VOICEMAIL] Hi...", "If you get an
    answering machine or voice mail:" alone: the line's length), or None."""
    found = _VOICEMAIL_LABEL.match(line)
    if found is not None:
        if len(found.group("label").split()) > 12 or instruction_heading(found.group("label")):
            return None
        rest = found.group("rest")
        return found.start("rest") if rest.strip() else len(line)
    bare = line.strip().strip("*_#[]()").strip().rstrip(":").strip()
    # A short line naming voicemail, without a sentence's end: a heading as Word and PDF files keep it.
    if bare and len(bare.split()) <= 5 and not bare.endswith((".", "!", "?")) and _VOICEMAIL_HEADING.search(bare):
        return len(line)
    return None


def instruction(words: str) -> bool:
    """A sentence addressed to the caller (in a preamble): "Use this script to...", "You'll be calling..."."""
    return _INSTRUCTION.match(words) is not None


# A heading over the words to read: "### Script", "## The message", "Robocall script", "Final copy".
_SCRIPT_HEADING = kept(
    r"(?i)^(?:(?:the|final|full|robocall|call|phone|recorded|radio|message|english|spanish)\s+){0,2}"
    r"(?:scripts?|message|copy|text|read|what\s+to\s+say)\s*:?$"
)


def script_marker(words: str) -> bool:
    """A line announcing the script itself: "Here's the script:", "Sample Script: fill in the blanks"."""
    return _SCRIPT_MARKER.match(words.strip()) is not None


def script_heading(words: str) -> bool:
    """A heading over the words to read ("### Script", "## The message"): it ends a section of notes above it."""
    return _SCRIPT_HEADING.match(words.strip().strip("*_# ")) is not None


def opens_call(words: str) -> bool:
    """The first words of a call: "Hi", "Hello, my name is", "This is", "Good evening"."""
    return _OPENING.match(words.strip()) is not None


def quoted(words: str) -> bool:
    """Text wholly inside quotation marks."""
    return _QUOTED.match(words) is not None


def title(words: str) -> bool:
    """A short line without sentence punctuation, as titles are."""
    return _TITLE.match(words.strip()) is not None and len(words.split()) <= 14


def speaker_side(name: str) -> str | None:
    """'caller', 'other' or 'unknown' for a speaker label's name, None when it is no speaker label."""
    key = regex.sub(r"\s+", " ", name.strip().lower().replace("\u2019", "'"))
    # A recorded voice's label names the voice: "Male voice-over", "Female VO", "Second announcer".
    voice = regex.sub(r"^(?:male|female|man|woman|young|older|second)\s+", "", key)
    if key in _CALLER_SIDE or voice in _CALLER_SIDE or voice in ("voice-over", "voice over", "voiceover", "vo", "v/o"):
        return "caller"
    if key in _OTHER_SIDE:
        return "other"
    if note_line(name + ":") or _ANSWER.fullmatch(key) or instruction_heading(key) or _VOICEMAIL_HEADING.search(key):
        return None
    # Unknown labels count only in capitals ("NARRATOR:", "START:") or as one or two capitalised words.
    if name.isupper() or regex.fullmatch(r"\p{Lu}[\p{L}'.]*(?: \p{Lu}[\p{L}'.]*)?", name.strip()):
        return "unknown"
    return None


def direction(text: str, after_label: bool = False) -> bool:
    """A bracketed group before spoken text that directs the caller: "[PAUSE]", "(smiling)", "(If asked)";
    any parenthesised words without digits after a speaker label or at a line's start ("Caller: (warmly)
    Hi"), but not a placeholder ("[Name], hi", "(name of candidate) is ...") nor "(555) 201-0100"."""
    if _DIRECTION_START.match(text):
        return True
    inner = text.strip()
    if not inner.startswith("(") or regex.search(r"\d", inner):
        return False
    return after_label or not regex.search(r"(?i)\b(?:name|candidate|organi[sz]ation|campaign|committee)\b", inner)
