"""CO03: what callers claim about themselves, checked wherever a path says it, against the manifest.

Claims are phrases with slots in every language read (scriptlint_plugins.languages): a volunteer or
unpaid caller, a local caller, a place ("calling from Sacramento", "a fellow Californian", "我住在休斯顿"),
the campaign's office. A place is read from the claim's slot or from what follows it: capitalised words
("Sacramento, California"), or after a description and a locative ("a call center in Manila"), or, in
scripts without case or spaces, the longest place name the text starts with. What names no place (an
organisation: "calling from Granite Research") is no place claim. A place is true when it lies where the
manifest's origin is: the state, a city or county of it, the country, or a city of that country.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from scriptlint.analysis.names import NameForms, words_of
from scriptlint.analysis.queries import Phrases, find_all

from .places import US
from .wording import AFTER_CHARS

if TYPE_CHECKING:
    from scriptlint.analysis.phrasing import Reading
    from scriptlint.model import Finding, Occurrence, Rule, RunContext, Script

    from .places import Place
    from .wording import OriginWording

FACILITY_WORDS = {
    "correctional": "a correctional facility",
    "offshore": "outside the United States",
    "call_center": "a call center",
    "remote": "a caller's home",
    "campaign_office": "the campaign office",
    "volunteer_home": "a volunteer's home",
}
# A capitalised word of a place name; a short one may end with a dot ("St.", "Ft.", "D.C.").
_PLACE_WORD = r"(?-i:\p{Lu})(?:[\p{L}\p{M}'\-]{0,2}\.(?:\p{Lu}\.)*|[\p{L}\p{M}'\-]*)"
_CAPITALISED = regex.compile(_PLACE_WORD, regex.V1)
_NEXT_WORD = regex.compile(rf",?\s+{_PLACE_WORD}", regex.V1)
_CASELESS = regex.compile(r"\p{Lo}")
# Organisation words that also name a site somewhere: "the Phoenix office" still says where the caller is.
_SITES = frozenset({"office", "headquarters", "hospital", "clinic", "school", "university", "college", "bank", "club"})
LOCAL = "local"
# Places a vendor's paid callers call from.
_VENDOR_SITES = frozenset({"call_center", "correctional", "offshore"})


def check_misleading_claims(
    wording: OriginWording, rule: Rule, script: Script, context: RunContext
) -> Iterator[Finding]:
    """CO03: no path claims a volunteer, a local caller, a place or the campaign office the manifest denies."""
    manifest = script.manifest
    if not wording.applies("CO03", 0, manifest, context):
        return
    origin = manifest.origin
    far = _far_away(script)
    source = wording.display(manifest) or origin.country or origin.state or "elsewhere"
    office = origin.facility is not None and origin.facility != "campaign_office"
    # An unknown caller.paid counts as paid (docs/manifest.md) where the calls come from a vendor's place (a call
    # center, a prison, abroad): there a volunteer claim is checked; from a volunteer's home or the campaign's
    # office it is what the place suggests.
    vendor = origin.facility in _VENDOR_SITES
    paid = bool(manifest.caller.paid) or (manifest.caller.paid is None and vendor)
    places = list(_place_claims(wording, rule, script))
    # A local claim that a place claim continues ("I'm your neighbor here in Las Vegas") is reported once, as the
    # place claim: it says more.
    placed = {(finding.line, finding.column) for finding in places}
    for kind, occurrence, reading in _said_claims(wording, script, paid=paid, office=office):
        line, column = occurrence.in_linted_file()
        said = _shown(occurrence.text)
        if kind == "volunteer" and manifest.caller.paid is None:
            message = (
                f"the caller says '{said}', but the calls are placed from"
                f" {FACILITY_WORDS[origin.facility or 'call_center']} and the manifest does not say the callers are"
                " unpaid, so they count as paid (give caller.paid: false if they are volunteers)"
            )
        elif kind == "volunteer":
            message = f"the caller says '{said}', but the manifest says callers are paid (caller.paid: true)"
        elif kind == "local":
            end = column + len(occurrence.text.strip())
            if not far or any(at == line and column <= place <= end for at, place in placed):
                continue
            message = f"the caller claims to be local ('{said}'), but the calls are placed from {source}"
        else:
            org = reading.slots.get("org")
            # "from Maria's office" is the campaign's office only if Maria is the candidate's or sponsor's name.
            if org and "\ue000" not in org and not (set(words_of(org.replace("'s", ""))) & _ours(script)):
                continue
            message = (
                f"the caller says '{said}', but the calls are placed from"
                f" {FACILITY_WORDS[origin.facility or 'call_center']} (origin.facility: {origin.facility})"
            )
        yield rule.finding(script, message, line=line, column=column)
    yield from places


def _said_claims(
    wording: OriginWording, script: Script, *, paid: bool, office: bool
) -> list[tuple[str, Occurrence, Reading]]:
    """Every volunteer, local and office claim said on any path, in one search: (kind, occurrence, reading)."""
    books = {"local": wording.local_book.for_script(script.paths.may_say)}
    if paid:
        books["volunteer"] = wording.said(script, "volunteer_claim", "not_paid_claim")
    if office:
        books["office"] = wording.said(script, "campaign_office_claim")
    compiled = {kind: book.compiled for kind, book in books.items() if book.entries}
    if not compiled:
        return []
    flags = next(iter(compiled.values())).pattern.flags
    pattern = regex.compile("|".join(f"(?:{p.pattern.pattern})" for p in compiled.values()), flags)
    required = [p.required for p in compiled.values()]
    wanted = Phrases(
        pattern,
        max(p.max_chars for p in compiled.values()),
        None,
        None if any(r is None for r in required) else tuple(w for r in required if r for w in r),
    )
    found = []
    for occurrence in find_all(script, wanted):
        for kind in compiled:
            reading = books[kind].read(occurrence.text)
            if reading is not None and reading.text.strip() == occurrence.text.strip():
                found.append((kind, occurrence, reading))
                break
    return found


def _ours(script: Script) -> set[str]:
    """The words of the sponsor's and the candidate's names."""
    sponsor = script.manifest.sponsor
    return {w for n in (sponsor.name, sponsor.authorized_by, *sponsor.aliases) if n for w in words_of(n)}


def _far_away(script: Script) -> bool:
    """Whether the calls come from outside the states called (or from abroad)."""
    manifest = script.manifest
    origin = manifest.origin
    if origin.country is not None:
        return origin.country.upper() not in (US, "USA", "UNITED STATES")
    return origin.state is not None and bool(manifest.target_states) and origin.state not in manifest.target_states


def _place_claims(wording: OriginWording, rule: Rule, script: Script) -> Iterator[Finding]:
    """ "calling from Sacramento" when the calls come from Tulsa; "a fellow Californian" from Oklahoma."""
    manifest = script.manifest
    origin = manifest.origin
    if origin.state is None and origin.country is None:
        return
    book = wording.place_book.for_script(script.paths.may_say)
    for occurrence in find_all(script, book.compiled, after=AFTER_CHARS):
        reading = book.read(occurrence.text)
        if reading is None:
            continue
        places: list[Place] | str
        if "demonym" in reading.slots:
            claimed, places = reading.slots["demonym"], wording.gazetteer.demonym(reading.slots["demonym"])
        else:
            said = reading.slots.get("place") or _whole_words(occurrence.after)
            claimed, places = _read_place(wording, script, said, slot="place" in reading.slots)
        if not claimed or not places:
            continue
        true = _true(wording, script, claimed, places)
        if true:
            continue
        line, column = occurrence.in_linted_file()
        actual = wording.display(manifest) or origin.country or origin.state
        yield rule.finding(
            script,
            f"the caller says '{_said(occurrence.text, claimed)}', but the calls are placed from {actual}",
            line=line,
            column=column,
        )


def _whole_words(after: str) -> str:
    """What follows a claim, without a last word cut short by the capture's length."""
    if len(after) < AFTER_CHARS or " " not in after.strip():
        return after
    return after[: after.rstrip().rfind(" ")]


def _shown(text: str) -> str:
    """Said text as a message quotes it: a placeholder as "[...]" (its own text is not kept)."""
    return regex.sub(r"\ue000\s*", "[...] ", text.strip()).replace("[...] ,", "[...],").strip()


def _said(text: str, claimed: str) -> str:
    text = _shown(text)
    return text if claimed in text else f"{text} {claimed}"


def _true(wording: OriginWording, script: Script, claimed: str, places: list[Place] | str) -> bool:
    """Whether a claimed place is where the calls come from (a local claim: when they come from there)."""
    origin = script.manifest.origin
    if isinstance(places, str):  # LOCAL: true when the calls come from the states called
        return not _far_away(script)
    if origin.city and words_of(claimed) == words_of(origin.city):
        return True
    country = wording.country_code(script.manifest)
    for place in places:
        if place.country != country:
            continue
        if place.kind == "country" or country != US or origin.state is None:
            return True
        if place.state == origin.state:
            return True
    return False


def _read_place(wording: OriginWording, script: Script, text: str, *, slot: bool) -> tuple[str, list[Place] | str]:
    """The place a claim names: its words as said, and the places they may be (or LOCAL, or none)."""
    text = text.strip().lstrip(",:;-\u2013\u2014 ")
    if not text or text.startswith("\ue000"):
        return "", []
    lowered = " ".join(text.lower().split())
    for phrases in wording.local_places().values():
        for phrase in phrases:
            if lowered.startswith(phrase.lower()) and (
                len(lowered) == len(phrase) or not lowered[len(phrase)].isalnum()
            ):
                return phrase, LOCAL
    if _CASELESS.match(text):
        return wording.gazetteer.prefix(text)
    run = _capitalised_run(text)
    if run is None and not slot:
        # "a call center in Manila": a short description, then a locative and the place.
        locatives = "|".join(regex.escape(word) for word in wording.locatives())
        found = regex.match(rf"(?:[\p{{Ll}}'\-]+\s+){{0,8}}?(?:{locatives})\s+(.*)", text, regex.V1)
        run = _capitalised_run(found.group(1)) if found else None
    if run is None or _organisation(wording, script, run) or _starts_organisation(wording, script, text, run):
        return "", []
    at = text.find(run)
    numbered = _NUMBERED.match(text, at + len(run)) if at >= 0 else None
    if numbered is not None:
        # "here in Ward 3", "District 12", "Precinct 4B": an electoral division, not a town. Said of where the
        # caller is ("running for City Council here in District 4"), it claims the caller is local.
        if _DIVISION.fullmatch(run):
            return text[at : numbered.end()], LOCAL
        return "", []
    return _resolve_run(wording, run)


# A number right after a name: a ward, district or precinct ("Ward 3", "District No. 12").
_NUMBERED = regex.compile(r"\s*+(?:(?i:no\.?|number|#)\s*+)?\d\w*")
# The divisions a number names: a caller "here in District 4" says they are in the district called.
_DIVISION = regex.compile(
    r"(?i)(?:(?:city\s+)?council\s+|congressional\s+|legislative\s+|school\s+|senate\s+)?"
    r"(?:ward|district|precinct|division|zone)"
)


def _capitalised_run(text: str) -> str | None:
    """Capitalised words at the start of a text ("Sacramento, California", "New York"), or None."""
    rest = regex.sub(r"^(?:the)\s+", "", text.strip(), flags=regex.IGNORECASE)
    first = _CAPITALISED.match(rest)
    if first is None:
        return None
    run = first.group()
    rest = rest[first.end() :]
    while (match := _NEXT_WORD.match(rest)) is not None:
        run += match.group()
        rest = rest[match.end() :]
    return run.strip(" ,")


def _resolve_run(wording: OriginWording, run: str) -> tuple[str, list[Place]]:
    """A run of capitalised words as a place: a state or country; a place and its state or country
    ("Tulsa, Oklahoma", "Tulsa Oklahoma": the state decides, the city need not be looked up); a city or
    county. A run longer than any place is an organisation's name."""
    gazetteer = wording.gazetteer
    whole = gazetteer.regions(run)
    if whole:
        return run, whole
    parts = [part.strip() for part in run.split(",") if part.strip()]
    words = run.replace(",", " ").split()
    splits = [(parts[0], ", ".join(parts[1:]))] if len(parts) > 1 else []
    splits += [(" ".join(words[:cut]), " ".join(words[cut:])) for cut in range(len(words) - 1, 0, -1)]
    for head, tail in splits:
        region = gazetteer.regions(tail)
        if region:
            return f"{head}, {tail}", region
    return run, gazetteer.resolve(run)


def _starts_organisation(wording: OriginWording, script: Script, text: str, run: str) -> bool:
    """Whether capitalised words begin an organisation's name rather than name a place: a word only
    organisations have follows them ("the Warren campaign"), or the sponsor's, candidate's or operator's name
    starts with them ("Warren for Congress"). Words of the candidate's name alone may still be a place
    ("your neighbor here in Warren")."""
    rest = regex.sub(r"^the\s+", "", text.strip(), flags=regex.IGNORECASE)
    if rest.startswith(run):
        following = regex.match(r"[\s,]*([\w']+)", rest[len(run) :])
        word = following.group(1).lower().removesuffix("'s") if following else ""
        if word in wording.organisation_words and word not in _SITES:
            return True
    sponsor, origin = script.manifest.sponsor, script.manifest.origin
    said = words_of(rest)
    for name in (sponsor.name, sponsor.authorized_by, origin.operator, *sponsor.aliases):
        words = words_of(name) if name else []
        # The name, or its end from the second word on ("Warren for Congress" for "Ana Warren for Congress").
        if any(len(words) - start >= 2 and said[: len(words) - start] == words[start:] for start in range(len(words))):
            return True
    return False


def _organisation(wording: OriginWording, script: Script, run: str) -> bool:
    """Whether capitalised words are an organisation's: with a word only organisations have in their
    names ("Granite Research"), or the sponsor's, the candidate's or the operator's name."""
    if set(words_of(run)) & wording.organisation_words:
        return True
    sponsor = script.manifest.sponsor
    origin = script.manifest.origin
    known = [NameForms(n, sponsor.aliases) for n in (sponsor.name, sponsor.authorized_by, origin.operator) if n]
    return any(form.said_as(run) or form.ends(run) for form in known)
