"""The manifest schema (DESIGN section 2) and its validation into typed, immutable values."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import regex

# USPS codes of the states, DC and the inhabited territories: the places a call can target.
STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC"
    " ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP".split()
)
CALL_TYPES = ("political", "survey", "telemarketing", "charitable", "informational")
DELIVERIES = ("live", "prerecorded", "artificial_voice")
RACES = ("federal", "state", "local", "ballot_measure")
FACILITIES = ("correctional", "offshore", "call_center", "campaign_office", "remote", "volunteer_home")
_LANGUAGE = regex.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


class Invalid(ValueError):
    """A manifest value does not fit its key's type; the message says what was expected."""


class PartlyInvalid(Invalid):
    """Some entries of a list are invalid; `valid` holds the others, which are still used."""

    def __init__(self, message: str, valid: Any) -> None:
        super().__init__(message)
        self.valid = valid


@dataclass(frozen=True, slots=True)
class Sponsor:
    """Who paid for the call, and who (if anyone) authorized it."""

    name: str | None = None
    authorized_by: str | None = None
    candidate_committee: bool | None = None
    address: str | None = None
    phone: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Caller:
    """Who speaks on the call."""

    paid: bool | None = None


@dataclass(frozen=True, slots=True)
class Origin:
    """Where the calls are placed from and by whom."""

    facility: str | None = None
    operator: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    vendor_chain: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Manifest:
    """A script's manifest after validation and after configuration defaults were merged in."""

    call_type: str | None = None
    delivery: str | None = None
    race: str | None = None
    volume: int | None = None
    sponsor: Sponsor = field(default_factory=Sponsor)
    caller: Caller = field(default_factory=Caller)
    origin: Origin = field(default_factory=Origin)
    target_states: tuple[str, ...] = ()
    language: str | None = None
    vars: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Problem:
    """One invalid manifest entry: which key, and why."""

    keys: tuple[str, ...]
    message: str


# --- value checkers: each takes a parsed YAML value and returns the typed value or raises Invalid.


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(f"expected text, got {_describe(value)}")
    text = str(value).strip()
    if not text:
        raise Invalid("expected text, got an empty value")
    return text


def _nullable_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "on", "1", "false", "no", "off", "0"}:
        return value.strip().lower() in {"true", "yes", "on", "1"}
    raise Invalid(f"expected true or false, got {_describe(value)}")


def _count(value: Any) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"expected a whole number of calls (0 or more), got {_describe(value)}")
    return value


def _choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        text = _text(value).lower()
        if text not in choices:
            raise Invalid(f"expected one of {', '.join(choices)}; got {value!r}{_did_you_mean(text, choices)}")
        return text

    return check


def _state(value: Any) -> str:
    code = _text(value).upper()
    if code not in STATE_CODES:
        raise Invalid(f"{value!r} is not a USPS state or territory code (such as CA, NH, DC, PR)")
    return code


def _list_of(item: Callable[[Any], str]) -> Callable[[Any], tuple[str, ...]]:
    def check(value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            # Configuration files give lists as text: "CA, NV" (states may also be space-separated).
            separators = r"[,\s]+" if item is _state else r","
            value = [part.strip() for part in regex.split(separators, value) if part.strip()]
        if not isinstance(value, list):
            raise Invalid(f"expected a list, got {_describe(value)}")
        checked: list[str] = []
        errors: list[str] = []
        for position, entry in enumerate(value, start=1):
            try:
                checked.append(item(entry))
            except Invalid as exc:
                errors.append(f"entry {position}: {exc}")
        if errors:
            raise PartlyInvalid("; ".join(errors), tuple(dict.fromkeys(checked)))
        return tuple(dict.fromkeys(checked))

    return check


def _language(value: Any) -> str:
    text = _text(value)
    if not _LANGUAGE.fullmatch(text):
        raise Invalid(f"expected a language code such as en, es or en-US; got {value!r}")
    return text


def _variables(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(f"expected a mapping of variable names to sample values, got {_describe(value)}")
    for name in value:
        if not isinstance(name, str) or not name.isidentifier():
            raise Invalid(f"variable name {name!r} is not a valid template name")
    return dict(value)


# The schema as data: nested dicts are sections, callables check leaf values.
Schema = Mapping[str, Any]
SCHEMA: Schema = {
    "call_type": _choice(CALL_TYPES),
    "delivery": _choice(DELIVERIES),
    "race": _choice(RACES),
    "volume": _count,
    "sponsor": {
        "name": _text,
        "authorized_by": _nullable_text,
        "candidate_committee": _boolean,
        "address": _text,
        "phone": _text,
        "url": _text,
    },
    "caller": {"paid": _boolean},
    "origin": {
        "facility": _choice(FACILITIES),
        "operator": _text,
        "city": _text,
        "state": _state,
        "country": _text,
        "vendor_chain": _list_of(_text),
    },
    "target_states": _list_of(_state),
    "language": _language,
    "vars": _variables,
}
_SECTIONS: dict[str, type[Any]] = {"sponsor": Sponsor, "caller": Caller, "origin": Origin}


def is_manifest_key(dotted: str) -> bool:
    """Whether a configuration key such as `sponsor.name` or `vars.candidate` names a manifest entry."""
    head, _, rest = dotted.partition(".")
    if head == "vars":
        return bool(rest) and "." not in rest
    node = SCHEMA.get(head)
    if node is None:
        return False
    if isinstance(node, Mapping):
        return rest in node
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
        problems.append(Problem((name,), f"{name}: expected a mapping of keys, got {_describe(value)}"))
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
    if value is None and checker is not _nullable_text:
        return  # An explicit null means "not given", like an omitted key.
    try:
        into[keys[-1]] = checker(value)
    except PartlyInvalid as exc:
        into[keys[-1]] = exc.valid
        problems.append(Problem(keys, f"{'.'.join(keys)}: {exc}"))
    except Invalid as exc:
        problems.append(Problem(keys, f"{'.'.join(keys)}: {exc}"))


def _unknown_key(key: str, schema: Schema, parents: tuple[str, ...]) -> str:
    where = f"in {'.'.join(parents)}" if parents else "in the manifest"
    return f"unknown key {key!r} {where}{_did_you_mean(key, tuple(schema))}; allowed: {', '.join(schema)}"


def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    return repr(value)


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
