"""The manifest schema (docs/manifest.md) and its validation into typed, immutable values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from typing import Any

from scriptlint.model.records import record
from scriptlint.model.values import (
    FACILITIES,
    STATE_CODES,
    Invalid,
    PartlyInvalid,
    boolean,
    choice,
    count,
    describe,
    did_you_mean,
    facilities,
    language_code,
    list_of,
    nullable_text,
    state_code,
    text,
    variables,
    whole_number,
)

__all__ = [
    "CALL_TYPES",
    "DELIVERIES",
    "PURPOSES",
    "RACES",
    "SPONSOR_KINDS",
    "STATE_CODES",
    "Invalid",
    "Manifest",
    "Problem",
    "merge",
    "nest",
    "validate",
]

CALL_TYPES = ("political", "survey", "telemarketing", "charitable", "informational")
DELIVERIES = ("live", "prerecorded", "artificial_voice")
RACES = ("federal", "state", "local", "ballot_measure")
# Who pays for the calls, as the laws tell sponsors apart (campaign committees, PACs, charities, sellers...).
SPONSOR_KINDS = (
    "candidate_committee",
    "party_committee",
    "pac",
    "independent_expenditure",
    "ballot_committee",
    "nonprofit",
    "business",
    "government",
)
# What the call is for: some laws cover only calls that ask for something, or only sales calls.
PURPOSES = (
    "persuasion",
    "issue_advocacy",
    "gotv",
    "solicitation",
    "thank_you",
    "survey",
    "information",
    "sales",
    "abandoned_call_message",
)


@record(frozen=True, slots=True)
class Sponsor:
    """Who paid for the call, and who (if anyone) authorized it."""

    name: str | None = None
    # Other names the sponsor goes by in calls ("the DCCC", "Ruiz for Nevada"), besides its initials.
    aliases: tuple[str, ...] = ()
    authorized_by: str | None = None
    candidate_committee: bool | None = None
    address: str | None = None
    phone: str | None = None
    url: str | None = None
    kind: str | None = None
    treasurer: str | None = None
    chief_executive: str | None = None
    federal_committee: bool | None = None


@record(frozen=True, slots=True)
class Caller:
    """Who speaks on the call."""

    paid: bool | None = None


@record(frozen=True, slots=True)
class Origin:
    """Where the calls are placed from and by whom."""

    facility: str | None = None
    operator: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    vendor_chain: tuple[str, ...] = ()


@record(frozen=True, slots=True)
class Policy:
    """Per-script overrides of the configuration's call-origin policy (None: use the configuration)."""

    origin_disclosure: tuple[str, ...] | None = None
    origin_disclosure_position: str | None = None
    opening_words: int | None = None


@record(frozen=True, slots=True)
class Manifest:
    """A script's manifest after validation and after configuration defaults were merged in."""

    call_type: str | None = None
    delivery: str | None = None
    race: str | None = None
    volume: int | None = None
    purpose: str | None = None
    synthetic_media: bool | None = None
    sponsor: Sponsor = field(default_factory=Sponsor)
    caller: Caller = field(default_factory=Caller)
    origin: Origin = field(default_factory=Origin)
    target_states: tuple[str, ...] = ()
    language: str | None = None
    vars: Mapping[str, Any] = field(default_factory=dict)
    policy: Policy = field(default_factory=Policy)


@record(frozen=True, slots=True)
class Problem:
    """One invalid manifest entry: which key, and why."""

    keys: tuple[str, ...]
    message: str
    # Only some entries of a list were invalid: the others are used, so the key is not broken.
    partial: bool = False


# The schema as data: nested dicts are sections, callables check leaf values.
Schema = Mapping[str, Any]
SCHEMA: Schema = {
    "call_type": choice(CALL_TYPES),
    "delivery": choice(DELIVERIES),
    "race": choice(RACES),
    "volume": count,
    "purpose": choice(PURPOSES),
    "synthetic_media": boolean,
    "sponsor": {
        "name": text,
        "aliases": list_of(text),
        "authorized_by": nullable_text,
        "candidate_committee": boolean,
        "address": text,
        "phone": text,
        "url": text,
        "kind": choice(SPONSOR_KINDS),
        "treasurer": text,
        "chief_executive": text,
        "federal_committee": boolean,
    },
    "caller": {"paid": boolean},
    "origin": {
        "facility": choice(FACILITIES),
        "operator": text,
        "city": text,
        "state": state_code,
        "country": text,
        "vendor_chain": list_of(text),
    },
    "target_states": list_of(state_code),
    "language": language_code,
    "vars": variables,
    "policy": {
        "origin_disclosure": facilities,
        "origin_disclosure_position": choice(("opening", "anywhere")),
        "opening_words": whole_number(5, 500),
    },
}
_SECTIONS: dict[str, type[Any]] = {"sponsor": Sponsor, "caller": Caller, "origin": Origin, "policy": Policy}


def intended_key(keys: tuple[str, ...]) -> str | None:
    """The top-level manifest key a problem is about: the key itself, or the known key a misspelt one is
    close to (`sponser` -> `sponsor`), or None when it resembles none."""
    import difflib

    head = keys[0] if keys else ""
    if head in SCHEMA:
        return head
    close = difflib.get_close_matches(head, tuple(SCHEMA), n=1)
    return close[0] if close else None


def dotted_keys() -> tuple[str, ...]:
    """Every manifest key as configuration writes it (`call_type`, `sponsor.name`, ...)."""
    keys: list[str] = []
    for head, node in SCHEMA.items():
        keys.extend(f"{head}.{leaf}" for leaf in node) if isinstance(node, Mapping) else keys.append(head)
    return tuple(keys)


def is_manifest_key(dotted: str) -> bool:
    """Whether a configuration key such as `sponsor.name` or `vars.candidate` names a manifest entry."""
    head, _, rest = dotted.partition(".")
    if head == "vars":
        return "." not in rest
    node = SCHEMA.get(head)
    if node is None:
        return False
    if isinstance(node, Mapping):
        # A bare section name is a manifest key too, so that `sponsor = "x"` is a type error, not unknown.
        return not rest or rest in node
    return not rest


def validate(data: Mapping[str, Any]) -> tuple[Manifest, list[Problem]]:
    """Check every entry against the schema; invalid entries are dropped and reported as problems."""
    problems: list[Problem] = []
    top: dict[str, Any] = {}
    for key, value in data.items():
        node = SCHEMA.get(key) if isinstance(key, str) else None
        if node is None:
            problems.append(Problem((str(key),), _unknown_key(str(key), SCHEMA, ())))
        elif isinstance(node, Mapping):
            top[key] = _validate_section(key, node, value, problems)
        else:
            _check_leaf((key,), node, value, top, problems)
    return Manifest(**top), problems


def _validate_section(name: str, schema: Schema, value: Any, problems: list[Problem]) -> Any:
    if value is None:
        return _SECTIONS[name]()
    if not isinstance(value, dict):
        problems.append(Problem((name,), f"{name}: expected a mapping of keys, got {describe(value)}"))
        return _SECTIONS[name]()
    fields: dict[str, Any] = {}
    for key, entry in value.items():
        checker = schema.get(key) if isinstance(key, str) else None
        if checker is None:
            problems.append(Problem((name, str(key)), _unknown_key(str(key), schema, (name,))))
        else:
            _check_leaf((name, key), checker, entry, fields, problems)
    return _SECTIONS[name](**fields)


def _check_leaf(
    keys: tuple[str, ...], checker: Callable[[Any], Any], value: Any, into: dict[str, Any], problems: list[Problem]
) -> None:
    if value is None and checker is not nullable_text:
        return  # An explicit null means "not given", like an omitted key.
    try:
        into[keys[-1]] = checker(value)
    except PartlyInvalid as exc:
        into[keys[-1]] = exc.valid
        problems.append(Problem(keys, f"{'.'.join(keys)}: {exc}", partial=True))
    except Invalid as exc:
        problems.append(Problem(keys, f"{'.'.join(keys)}: {exc}"))


def _unknown_key(key: str, schema: Schema, parents: tuple[str, ...]) -> str:
    where = f"in {'.'.join(parents)}" if parents else "in the manifest"
    return f"unknown key {describe(key)} {where}{did_you_mean(key, tuple(schema))}; allowed: {', '.join(schema)}"


def merge(defaults: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """Merge configuration defaults under a script's own manifest: the script's values win, key by key."""
    merged = dict(defaults)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def nest(dotted: Mapping[str, Any]) -> dict[str, Any]:
    """Turn `{"sponsor.name": "X"}` into `{"sponsor": {"name": "X"}}`."""
    nested: dict[str, Any] = {}
    for key, value in dotted.items():
        parts = key.split(".")
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return nested
