"""Scopes in plain words: how `explain`, `packs` and the law reference say which calls a rule governs."""

from __future__ import annotations

from collections.abc import Iterable

from scriptlint.model.manifest import CALL_TYPES, DELIVERIES, PURPOSES, RACES, SPONSOR_KINDS

WORDS = {
    "political": "political",
    "survey": "survey",
    "telemarketing": "telemarketing (sales)",
    "charitable": "charitable",
    "informational": "informational",
    "live": "live",
    "prerecorded": "prerecorded",
    "artificial_voice": "artificial-voice",
    "federal": "federal",
    "state": "state",
    "local": "local",
    "ballot_measure": "ballot-measure",
    "candidate_committee": "a candidate's committee",
    "party_committee": "a party committee",
    "pac": "a political action committee",
    "independent_expenditure": "an independent expenditure",
    "ballot_committee": "a ballot-measure committee",
    "nonprofit": "a nonprofit",
    "business": "a business",
    "government": "a government body",
    "persuasion": "persuasion (urging a vote for or against a candidate or a measure)",
    "issue_advocacy": "issue advocacy (urging action on an issue or a bill, no vote for or against a candidate)",
    "gotv": "get-out-the-vote",
    "solicitation": "soliciting (money, a purchase, a donation)",
    "thank_you": "thanking",
    "information": "information",
    "sales": "sales",
    "abandoned_call_message": "the message played when no live agent is free",
}

FLAG_WORDS = {
    "paid_callers": {
        True: "made by paid callers (unknown callers count as paid)",
        False: "made by unpaid callers (caller.paid: false)",
    },
    "authorized": {
        True: "authorized by a candidate (sponsor.authorized_by given)",
        False: "not authorized by any candidate (sponsor.authorized_by empty)",
    },
    "synthetic_media": {
        True: "containing AI-generated (synthetic) audio (synthetic_media: true, or an artificial voice)",
        False: "without AI-generated audio",
    },
    "federal_committee": {
        True: "paid for by a federal political committee (sponsor.federal_committee: true)",
        False: "not paid for by a federal political committee",
    },
}

# The order values are listed in, per dimension (the manifest schema's).
_ORDER = {
    "call_types": CALL_TYPES,
    "delivery": DELIVERIES,
    "races": RACES,
    "sponsor_kinds": SPONSOR_KINDS,
    "purposes": PURPOSES,
}
_PHRASES = {
    "call_types": "{} calls",
    "delivery": "{} messages (AI-generated content counts as an artificial voice)",
    "races": "about a {} race",
    "sponsor_kinds": "paid for by {}",
    "purposes": "made for {} (an unknown purpose counts)",
}


def list_words(key: str, values: Iterable[str], negated: bool) -> str:
    """A list-valued condition in words: "political or survey calls", "not paid for by a business"."""
    listed = set(values)
    if key == "delivery" and listed == {"live"} and not negated:
        return "live calls (a person reads the script)"
    ordered = sorted(listed, key=_ORDER[key].index)
    text = _PHRASES[key].format(either(WORDS.get(value, value) for value in ordered))
    if negated and key == "call_types":
        return f"every call except {text}"
    return f"not {text}" if negated else text


def either(items: Iterable[str]) -> str:
    """ "a, b or c"."""
    listed = list(items)
    if len(listed) <= 1:
        return "".join(listed)
    return ", ".join(listed[:-1]) + " or " + listed[-1]
