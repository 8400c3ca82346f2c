"""Listing and explaining the jurisdiction packs of a run (for `scriptlint packs` and `explain RULE-ID`)."""

from __future__ import annotations

from typing import Any

from scriptlint.packs.library import PackLibrary


def describe_packs(library: PackLibrary) -> list[dict[str, Any]]:
    """`[{jurisdiction, name, version, effective, rules: [{id, code, citation, url, confidence, severity}]}]`."""
    listed = []
    for code, pack in sorted(library.by_jurisdiction.items(), key=lambda item: (item[0] != "US", item[0])):
        rules = []
        for rule in pack.rules:
            codes = (["SW01/SW02"] if rule.requires else []) + (["SW03"] if rule.restricted else [])
            severity = "warning" if rule.unverified else rule.severity.label
            rules.append(
                {
                    "id": rule.id,
                    "code": "/".join(codes),
                    "citation": rule.citation,
                    "url": rule.url,
                    "confidence": rule.confidence,
                    "severity": severity,
                    "effective": rule.effective.isoformat() if rule.effective else None,
                }
            )
        listed.append(
            {
                "jurisdiction": code,
                "name": pack.name,
                "version": pack.version,
                "effective": pack.effective,
                "rules": rules,
            }
        )
    return listed


def explain_pack_rule(library: PackLibrary, rule_id: str) -> str | None:
    """What one pack rule checks, for whom, by when, and on what source; None if no pack has it."""
    for pack in library.by_jurisdiction.values():
        for rule in pack.rules:
            if rule.id.lower() != rule_id.lower():
                continue
            lines = [f"{rule.id} ({pack.name} pack, version {pack.version}): {rule.title}", ""]
            lines.append(f"Citation: {rule.citation}" + (f"  {rule.url}" if rule.url else ""))
            lines.append(
                f"Source confidence: [{rule.confidence}]"
                + (" (wording unverified: reported as a warning)" if rule.unverified else "")
            )
            if rule.applies:
                lines.append("Applies to: " + "; ".join(f"{key} {value}" for key, value in rule.applies.items()))
            if rule.effective or rule.expires:
                lines.append(f"In force: from {rule.effective or 'always'} until {rule.expires or 'now'}")
            for element in rule.requires:
                timing = element.timing if element.seconds is None else f"within {element.seconds} seconds"
                lines.append(f"Requires ({timing}): {element.name}: any of {', '.join(element.phrases)}")
            for restriction in rule.restricted:
                lines.append(f"Restricts (SW03): {restriction.practice}")
            if rule.notes:
                lines += ["", rule.notes]
            return "\n".join(lines)
    return None
