"""The packs and rules of a run in words: `scriptlint packs`, `explain RULE-ID` and `scriptlint law` (the law
reference docs/law.md is its output)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import regex

from scriptlint.model import CONFIDENCE
from scriptlint.packs.library import FEDERAL

if TYPE_CHECKING:
    from scriptlint.model import Rule, RulePart
    from scriptlint.packs.library import Pack, PackLibrary
    from scriptlint.packs.schema import Element, PackRule

_PLACEHOLDER = regex.compile(r"\{([a-z_.]+)\}")
_TIMINGS = {
    "anywhere": "anywhere in the call",
    "before_end": "before the call ends",
    "opening": "in the opening (the first opening-words spoken words, 60 by default)",
    "before_first_question": "before the first question",
    "before_solicitation": "before the call asks for anything",
}


def confidence_words(tag: str | None) -> str:
    """A confidence tag in words: `[Q] quoted: ...`; campaign policy has none."""
    if tag is None:
        return "campaign policy, not a statute"
    return f"[{tag}] {CONFIDENCE[tag]}"


def legend() -> list[str]:
    """What the confidence tags shown by `packs` and `explain` mean."""
    return ["Confidence of each rule's source:", *(f"  {confidence_words(tag)}" for tag in CONFIDENCE)]


def normalise_id(rule_id: str) -> str:
    """A pack rule id as typed in a shell: any case, parentheses and spaces ignored (US-47CFR64.1200b1)."""
    return regex.sub(r"[()\s]", "", rule_id).lower()


def _packs(library: PackLibrary) -> list[Pack]:
    return [pack for _, pack in sorted(library.by_jurisdiction.items(), key=lambda item: (item[0] != FEDERAL, item[0]))]


def severity_of(rule: PackRule) -> str:
    """The severity a rule's findings get (unverified sources are warnings)."""
    return "warning" if rule.unverified and rule.severity.label == "error" else rule.severity.label


def rule_data(rule: PackRule) -> dict[str, Any]:
    """One pack rule as JSON: identity, source, dates, scope (in words and as data) and what it checks."""
    codes = (["SW01/SW02"] if rule.requires else []) + (["SW03"] if rule.restricted else [])
    return {
        "id": rule.id,
        "title": rule.title,
        "code": "/".join(codes),
        "citation": rule.citation,
        "url": rule.url,
        "confidence": rule.confidence,
        "confidence_meaning": CONFIDENCE[rule.confidence],
        "severity": severity_of(rule),
        "effective": rule.effective.isoformat() if rule.effective else None,
        "expires": rule.expires.isoformat() if rule.expires else None,
        "enacted": rule.enacted,
        "amended": rule.amended,
        "checked": rule.checked.isoformat() if rule.checked else None,
        "campaign_finance": rule.campaign_finance,
        "applies_to": rule.scope.describe(),
        "applies": rule.scope.as_data(),
        "checks": rule.checks,
        "requires": [f"{element.name} ({timing_words(element)})" for element in rule.requires],
        "restricted": [restriction.practice for restriction in rule.restricted],
        "notes": rule.notes,
    }


def describe_packs(library: PackLibrary) -> list[dict[str, Any]]:
    """`[{jurisdiction, name, version, effective, notes, rules: [...]}]`, federal first."""
    return [
        {
            "jurisdiction": pack.jurisdiction,
            "name": pack.name,
            "version": pack.version,
            "effective": pack.effective,
            "notes": pack.notes,
            "rules": [rule_data(rule) for rule in pack.rules],
        }
        for pack in _packs(library)
    ]


def in_force_words(rule: PackRule) -> str:
    """When a rule (this version of it) took effect, was last amended and was last checked, in words."""
    since = rule.effective.isoformat() if rule.effective else rule.enacted
    words = f"in force from {since}" if since else "in force (the date it took effect is not recorded)"
    if rule.expires:
        words += f" until {rule.expires.isoformat()}"
    words += f"; last amended {rule.amended}" if rule.amended else "; last amendment not recorded"
    words += f"; text checked {rule.checked.isoformat()}" if rule.checked else "; text check date not recorded"
    return words


def timing_words(element: Element) -> str:
    """When an element must be said, in words."""
    if element.timing == "within_seconds":
        return f"within the first {element.seconds} seconds"
    if element.timing == "within_last_seconds":
        return f"at the end: within the last {element.seconds} seconds"
    if element.timing == "within_first_or_last_seconds":
        return f"at the beginning or at the end: within the first or the last {element.seconds} seconds"
    if element.timing == "within_first_and_last_seconds":
        return f"both at the beginning and at the end: within the first and within the last {element.seconds} seconds"
    return _TIMINGS[element.timing]


def _phrase(text: str) -> str:
    return "'" + _PLACEHOLDER.sub(lambda match: f"<{match.group(1)}>", text) + "'"


def find_pack_rules(library: PackLibrary, rule_id: str) -> list[tuple[Pack, PackRule]]:
    """Every version of the pack rule with this id (compared as `normalise_id` does)."""
    wanted = normalise_id(rule_id)
    return [(pack, rule) for pack in _packs(library) for rule in pack.rules if normalise_id(rule.id) == wanted]


def explain_pack_rule(library: PackLibrary, rule_id: str) -> str | None:
    """What one pack rule checks, for which calls, from when, and on what source; None if no pack has it."""
    found = find_pack_rules(library, rule_id)
    if not found:
        return None
    lines: list[str] = []
    for pack, rule in found:
        if lines:
            lines += ["", "Another version of this rule:"]
        lines += [f"{rule.id} ({pack.name} pack, version {pack.version}): {rule.title}", ""]
        lines.append(f"Citation: {rule.citation}" + (f"  {rule.url}" if rule.url else ""))
        lines.append(f"Source: {confidence_words(rule.confidence)}")
        lines.append(f"Dates: {in_force_words(rule)}")
        lines.append(f"Reported as: {severity_of(rule)} ({'/'.join(_codes(rule)) or 'not checked: see the notes'})")
        lines.append(f"Applies to: {rule.scope.describe()}")
        if rule.campaign_finance:
            lines.append(
                "Federal races: a state campaign-finance disclosure rule, so a warning there (federal law"
                " supersedes it, 52 U.S.C. 30143)"
            )
        for element in rule.requires:
            condition = f" (only when the manifest gives {element.if_given})" if element.if_given else ""
            accepted = ", ".join(_phrase(text) for text in element.phrases)
            lines.append(f"Must say, {timing_words(element)}: {element.name}{condition}; accepted: {accepted}")
        for restriction in rule.restricted:
            unless = f", unless {restriction.unless.name}" if restriction.unless else ""
            lines.append(f"Restricts (SW03), for {restriction.when.describe()}: {restriction.practice}{unless}")
        if rule.notes:
            lines += ["", rule.notes]
    return "\n".join([*lines, "", *legend()])


def _codes(rule: PackRule) -> list[str]:
    return (["SW01", "SW02"] if rule.requires else []) + (["SW03"] if rule.restricted else [])


def explain_parts(rule: Rule) -> list[str]:
    """The laws a PF or CO rule checks, each with its scope in words and its source, then what its confidence
    tags mean (for `explain`); a rule without parts gives its citation."""
    if not rule.parts:
        return [*(["", f"Citation: {rule.ref}"] if rule.ref else []), *([f"Source: {rule.url}"] if rule.url else [])]
    lines: list[str] = []
    for part in rule.parts:
        lines += ["", f"Checks {part.label}:"]
        lines.append(f"  Applies to: {part.scope}")
        lines.append(f"  Citation: {part.citation}" + (f"  {part.url}" if part.url else ""))
        lines.append(f"  Source: {confidence_words(part.confidence)}")
        if part.confidence is not None:
            lines.append(f"  Dates: {_part_dates(part)}")
    tags = sorted({part.confidence for part in rule.parts if part.confidence})
    return lines + (
        ["", "Confidence of the sources above:", *(f"  {confidence_words(tag)}" for tag in tags)] if tags else []
    )


def packs_text(listed: list[dict[str, Any]]) -> list[str]:
    """`scriptlint packs` as text: the confidence legend, then each pack and its rules with their dates."""
    lines = legend()
    for pack in listed:
        effective = f", effective {pack['effective']}" if pack["effective"] else ""
        lines.append(f"\n{pack['jurisdiction']:<3} {pack['name']} (version {pack['version']}{effective})")
        for rule in pack["rules"]:
            checks = rule["code"] or "not checked"
            lines.append(
                f"    {rule['id']:<30} {rule['severity']:<8} [{rule['confidence']}] {checks:<10} {rule['citation']}"
            )
            since = rule["effective"] or rule["enacted"]
            dates = f"in force from {since}" if since else "in force (date not recorded)"
            dates += f" until {rule['expires']}" if rule["expires"] else ""
            dates += f"; amended {rule['amended']}" if rule["amended"] else ""
            dates += f"; text checked {rule['checked']}" if rule["checked"] else ""
            lines.append(f"        {dates}")
    return [
        *lines,
        "\n'scriptlint explain RULE-ID' explains a rule (ids may be typed without parentheses, in any case).",
    ]


def _part_dates(part: RulePart) -> str:
    words = f"in force from {part.in_force}" if part.in_force else "in force (the date it took effect is not recorded)"
    words += f"; last amended {part.amended}" if part.amended else "; last amendment not recorded"
    return words + (f"; text checked {part.checked}" if part.checked else "; text check date not recorded")


def law_reference(rules: Iterable[Rule], library: PackLibrary) -> str:
    """docs/law.md: every rule, its scope in words and its source, as Markdown."""
    out = [
        "# Law reference",
        "",
        "Every rule scriptlint checks, the calls it governs and its source. This page is the output of",
        "`scriptlint law` for the bundled rules and packs (a test keeps it in step with them); run the command",
        "in your project to include your own packs. It is not legal advice: each rule links its source, says",
        "how well its text was verified, and what it does not check.",
        "",
        "Confidence of each source:",
        "",
        *(f"- {confidence_words(tag)}" for tag in CONFIDENCE),
        "",
        "A state's campaign-finance disclosure rule is a warning for a federal race (52 U.S.C. 30143). A call whose",
        "manifest does not say what decides a rule's scope (for a political call, `race`) gets one SL07 finding",
        "naming the key, instead of a guess.",
        "",
        "## Rules of the plugins",
        "",
    ]
    listed = sorted(rules, key=lambda rule: rule.code)
    for rule in listed:
        if not rule.parts:
            continue
        out += [f"### {rule.code} {rule.name}", "", rule.summary, ""]
        for part in rule.parts:
            out.append(f"- **{part.label}**: applies to {part.scope}.")
            source = f"  Source: {_link(part.citation, part.url)}; {confidence_words(part.confidence)}"
            out.append(source + (f"; {_part_dates(part)}." if part.confidence is not None else "."))
        out.append("")
    out += [
        "## Codes of the file and of the pack engine",
        "",
        "These report problems with the file itself (SL) or apply the packs below (SW); they cite no law of their own.",
        "",
    ]
    out += [f"- **{rule.code}** {rule.name}: {rule.summary}" for rule in listed if not rule.parts]
    out += ["", "## Jurisdiction packs", ""]
    for pack in _packs(library):
        out += [f"### {pack.jurisdiction}: {pack.name}", ""]
        if pack.notes:
            out += [pack.notes, ""]
        for pack_rule in pack.rules:
            out.append(f"- **{pack_rule.id}** ({severity_of(pack_rule)}): {pack_rule.title}.")
            out.append(f"  Applies to {pack_rule.scope.describe()}.")
            out.append(
                f"  Source: {_link(pack_rule.citation, pack_rule.url)}; {confidence_words(pack_rule.confidence)}."
            )
            out.append(f"  Dates: {in_force_words(pack_rule)}.")
            if pack_rule.notes:
                out.append(f"  Notes: {pack_rule.notes}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _link(citation: str, url: str | None) -> str:
    return f"[{citation}]({url})" if url else citation
