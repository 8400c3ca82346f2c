"""The scope schema and its evaluator (scriptlint/model/scope.py): when a rule applies, in both directions."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from scriptlint.model.manifest import Manifest, validate
from scriptlint.model.scope import Scope


def manifest(**data: Any) -> Manifest:
    checked, problems = validate(data)
    assert not problems, problems
    return checked


FECA = {
    "call_types": ["political"],
    "any_of": [{"races": ["federal"]}, {"federal_committee": True}],
    "volume": {"more_than": 500, "window_days": 30},
}


@pytest.mark.parametrize(
    ("data", "verdict", "missing"),
    [
        ({"call_type": "political", "race": "federal", "volume": 501}, "applies", ()),
        ({"call_type": "political", "race": "federal", "volume": 500}, "excluded", ()),
        ({"call_type": "political", "race": "federal"}, "applies", ()),  # an unknown volume counts
        ({"call_type": "political", "race": "local", "volume": 5000}, "excluded", ()),
        ({"call_type": "political", "race": "local", "sponsor": {"federal_committee": True}}, "applies", ()),
        ({"call_type": "political", "volume": 5000}, "undecided", ("race",)),
        ({"call_type": "political", "volume": 400}, "excluded", ()),  # excluded wins over undecided
        ({"call_type": "survey", "race": "federal"}, "excluded", ()),
        ({}, "excluded", ()),  # no call type: SL03 says so, no rule applies
    ],
)
def test_federal_disclaimer_scope(data: dict[str, Any], verdict: str, missing: tuple[str, ...]) -> None:
    decision = Scope.parse(FECA).applies(manifest(**data))
    assert (decision.verdict, decision.missing) == (verdict, missing)


FEDERAL_CALL = {"call_type": "political", "race": "federal", "volume": 5000}


@pytest.mark.parametrize(
    ("sponsor", "purpose", "applies"),
    [
        # 11 CFR 110.11(a)(1): every public communication of a political committee, whatever it says.
        ({"name": "P", "kind": "pac"}, "issue_advocacy", True),
        ({"name": "C", "authorized_by": "C"}, "issue_advocacy", True),
        # (a)(2)-(3): anyone else's only when it urges a vote or asks for money.
        ({"name": "N", "kind": "nonprofit"}, "issue_advocacy", False),
        ({"name": "B", "kind": "business"}, "information", False),
        ({"name": "N", "kind": "nonprofit"}, "persuasion", True),
        ({"name": "N", "kind": "nonprofit"}, "solicitation", True),
        ({"name": "N", "kind": "nonprofit"}, None, True),  # an unknown purpose never takes a call out
        ({"name": "N"}, "issue_advocacy", False),  # undecided (SL07 asks for sponsor.kind): no advocacy said
    ],
)
def test_the_bundled_federal_disclaimer_scope_follows_11_cfr_110_11_a(
    sponsor: dict[str, Any], purpose: str | None, applies: bool
) -> None:
    from scriptlint_plugins.paid_for_by.wording import Wording

    data = {**FEDERAL_CALL, "sponsor": sponsor, **({"purpose": purpose} if purpose else {})}
    for key in ("disclaimer", "not_authorized", "contact"):
        decision = Wording().scope(key).applies(manifest(**data))
        assert decision.applies is (applies and not (key == "contact" and "authorized_by" in sponsor)), key


def test_at_least_counts_the_threshold_and_more_than_does_not() -> None:
    at_least = Scope.parse({"volume": {"at_least": 500}})
    more_than = Scope.parse({"volume": {"more_than": 500}})
    assert at_least.applies(manifest(call_type="political", volume=500)).applies
    assert not more_than.applies(manifest(call_type="political", volume=500)).applies
    assert at_least.describe().startswith("500 or more calls")
    assert more_than.describe().startswith("more than 500 calls")


@pytest.mark.parametrize(
    ("sponsor", "verdict"),
    [
        ({"name": "Rosa Diaz for Assembly", "authorized_by": "Rosa Diaz"}, "applies"),  # the candidate's committee
        ({"name": "X", "authorized_by": "Rosa Diaz", "candidate_committee": False}, "undecided"),  # a party or a PAC
        ({"name": "X", "kind": "party_committee"}, "applies"),
        ({"name": "X", "kind": "independent_expenditure"}, "excluded"),
        ({"name": "X"}, "undecided"),  # not authorized: a party committee or a PAC, the manifest does not say
    ],
)
def test_sponsor_kind_is_read_or_inferred_and_asked_for_when_it_decides(sponsor: dict[str, Any], verdict: str) -> None:
    scope = Scope.parse({"call_types": ["political"], "sponsor_kinds": ["candidate_committee", "party_committee"]})
    decision = scope.applies(manifest(call_type="political", race="state", sponsor=sponsor))
    assert decision.verdict == verdict
    assert decision.missing == (("sponsor.kind",) if verdict == "undecided" else ())


def test_a_list_of_exclusions_leaves_unknown_values_in_scope() -> None:
    scope = Scope.parse({"sponsor_kinds": {"not": ["candidate_committee"]}})
    assert scope.applies(manifest(call_type="political", sponsor={"name": "PAC"})).applies
    assert not scope.applies(manifest(call_type="political", sponsor={"name": "C", "authorized_by": "C"})).applies
    assert scope.describe() == "not paid for by a candidate's committee"


def test_purpose_defaults_from_the_call_type_and_an_unknown_one_counts() -> None:
    scope = Scope.parse({"purposes": ["solicitation"]})
    assert scope.applies(manifest(call_type="charitable")).applies  # a charitable call asks, by default
    assert not scope.applies(manifest(call_type="charitable", purpose="thank_you")).applies
    assert scope.applies(manifest(call_type="political")).applies  # unknown: the rule applies
    assert not scope.applies(manifest(call_type="survey")).applies


def test_ai_generated_content_counts_as_an_artificial_voice() -> None:
    scope = Scope.parse({"delivery": ["prerecorded", "artificial_voice"]})
    assert not scope.applies(manifest(call_type="survey")).applies
    assert scope.applies(manifest(call_type="survey", synthetic_media=True)).applies
    synthetic = Scope.parse({"synthetic_media": True})
    assert synthetic.applies(manifest(call_type="political", delivery="artificial_voice")).applies
    assert not synthetic.applies(
        manifest(call_type="political", delivery="artificial_voice", synthetic_media=False)
    ).applies
    assert not synthetic.applies(manifest(call_type="political", delivery="prerecorded")).applies


def test_dates_in_force() -> None:
    scope = Scope.parse({"call_types": ["political"]}, effective="2024-03-23", expires="2030-01-01")
    call = manifest(call_type="political")
    assert not scope.applies(call, datetime.date(2024, 3, 22)).applies
    assert scope.applies(call, datetime.date(2024, 3, 23)).applies
    assert not scope.applies(call, datetime.date(2030, 1, 1)).applies
    assert scope.describe() == "political calls; in force from 2024-03-23; until 2030-01-01"


def test_scope_in_plain_words() -> None:
    words = Scope.parse(FECA).describe()
    assert words == (
        "political calls; more than 500 calls within any 30 days (an unknown volume counts as reaching it); either"
        " (about a federal race) or (paid for by a federal political committee (sponsor.federal_committee: true))"
    )
    assert Scope.parse({}).describe() == "every call, whatever its type"
    assert Scope.parse({"delivery": ["live"]}).describe() == "live calls (a person reads the script)"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"call_type": ["political"]}, "unknown key(s) call_type"),
        ({"races": ["federal", "county"]}, "unknown value(s) county"),
        ({"volume": {"more_than": 500, "at_least": 500}}, "exactly one of more_than"),
        ({"volume": 500}, "must be a mapping"),
        ({"volume": {"at_least": 500}, "min_volume": 500}, "not both"),
        ({"paid_callers": "yes"}, "must be true or false"),
        ({"purposes": {"only": ["gotv"]}}, "{not: [names]}"),
        ({"effective": "someday"}, "effective must be a date"),
    ],
)
def test_a_bad_scope_says_what_is_wrong(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=None) as caught:
        Scope.parse(raw)
    assert message in str(caught.value)


def test_the_older_min_volume_means_at_least() -> None:
    scope = Scope.parse({"min_volume": 25})
    assert scope.applies(manifest(call_type="political", volume=25)).applies
    assert not scope.applies(manifest(call_type="political", volume=24)).applies


def test_a_decision_remembered_for_a_manifest_is_the_one_computed() -> None:
    # The last manifest and day asked about are remembered: asking again, about another manifest or day, or of
    # a copy of the scope, gives what computing afresh gives.
    from dataclasses import replace

    scope = Scope.parse({"call_types": ["political"], "volume": {"at_least": 500}}, effective="2024-03-23")
    small, large = manifest(call_type="political", volume=10), manifest(call_type="political", volume=900)
    for call, day, expected in [
        (small, None, "excluded"),
        (small, None, "excluded"),
        (large, None, "applies"),
        (large, datetime.date(2024, 3, 1), "excluded"),
        (large, datetime.date(2024, 3, 23), "applies"),
        (small, datetime.date(2024, 3, 23), "excluded"),
    ]:
        assert scope.applies(call, day).verdict == expected
    widened = replace(scope, volume=None)
    assert widened.applies(small, datetime.date(2024, 3, 23)).verdict == "applies"
    assert scope.applies(small, datetime.date(2024, 3, 23)).verdict == "excluded"
    assert scope == Scope.parse({"call_types": ["political"], "volume": {"at_least": 500}}, effective="2024-03-23")
