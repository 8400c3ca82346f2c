"""Parsing of typed values from YAML or configuration text, shared by the manifest and the configuration."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

# USPS codes of the states, DC and the inhabited territories: the places a call can target.
STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC"
    " ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR GU VI AS MP".split()
)
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_TRUE = frozenset({"true", "yes", "on", "1"})
# No name, address or place is longer; a longer value is refused (rules turn these values into patterns,
# whose cost grows much faster than their length).
MAX_TEXT_LENGTH = 300
# Wrong values are quoted in messages up to this length.
_QUOTED = 60
_FALSE = frozenset({"false", "no", "off", "0"})


class Invalid(ValueError):
    """A value does not fit its key's type; the message says what was expected."""


class PartlyInvalid(Invalid):
    """Some entries of a list are invalid; `valid` holds the others, which are still used."""

    def __init__(self, message: str, valid: Any) -> None:
        super().__init__(message)
        self.valid = valid


def describe(value: Any) -> str:
    """A short description of a wrong value for messages (long text is cut short, saying how long it is)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, str) and len(value) > _QUOTED:
        return f"{value[:_QUOTED]!r}... ({len(value):,} characters)"
    return repr(value)


def did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    """` (did you mean 'x'?)` for a close choice, else nothing."""
    import difflib  # only for a value that is wrong

    if len(word) > _QUOTED:
        return ""  # a typo is short; comparing a long text with every choice only costs time
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def text(value: Any) -> str:
    """Non-empty text (numbers are accepted as text: a ZIP code, a phone number)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(f"expected text, got {describe(value)}")
    stripped = str(value).strip()
    if not stripped:
        raise Invalid("expected text, got an empty value")
    if len(stripped) > MAX_TEXT_LENGTH:
        raise Invalid(f"expected text of at most {MAX_TEXT_LENGTH} characters, got {describe(stripped)}")
    return stripped


def nullable_text(value: Any) -> str | None:
    """Text, or None for an explicit null."""
    return None if value is None else text(value)


def boolean(value: Any) -> bool:
    """true/false, also yes/no, on/off, 1/0 as configuration files write them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (str, int)) and str(value).strip().lower() in _TRUE | _FALSE:
        return str(value).strip().lower() in _TRUE
    raise Invalid(f"expected true or false, got {describe(value)}")


def count(value: Any) -> int:
    """A whole number of calls, 0 or more."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"expected a whole number of calls (0 or more), got {describe(value)}")
    return value


def whole_number(low: int, high: int) -> Callable[[Any], int]:
    """A parser for a whole number within [low, high]."""

    def parse(value: Any) -> int:
        number: int | None = None
        if not isinstance(value, bool):
            try:
                number = int(str(value).strip())
            except ValueError:
                number = None
        if number is None or not low <= number <= high:
            raise Invalid(f"expected a whole number from {low} to {high}, got {describe(value)}")
        return number

    return parse


def choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    """A parser for one of `choices` (case-insensitive), suggesting the closest on a typo."""

    def check(value: Any) -> str:
        given = text(value).lower()
        if given not in choices:
            raise Invalid(f"expected one of {', '.join(choices)}; got {describe(value)}{did_you_mean(given, choices)}")
        return given

    return check


def state_code(value: Any) -> str:
    """A USPS state or territory code, upper-cased; a full name ("California") or a traditional
    abbreviation ("Calif.", "N.H.") is understood as its code."""
    given = text(value)
    code = given.upper()
    if code in STATE_CODES:
        return code
    key = _state_key(given)
    if key in _STATE_BY_NAME:
        return _STATE_BY_NAME[key]
    import difflib

    close = difflib.get_close_matches(key, tuple(_STATE_BY_NAME), n=1, cutoff=0.75)
    hint = f" (did you mean {_STATE_BY_NAME[close[0]]}, {_STATE_DISPLAY[_STATE_BY_NAME[close[0]]]}?)" if close else ""
    raise Invalid(f"{describe(value)} is not a USPS state or territory code (such as CA, NH, DC, PR){hint}")


def _codes_or_name(part: str) -> list[str]:
    """A space-separated run of USPS codes as its codes, anything else (a state's name) as it is."""
    words = part.split()
    return words if len(words) > 1 and all(word.upper() in STATE_CODES for word in words) else [part]


def _state_key(name: str) -> str:
    return " ".join(re.sub(r"[.,\s]+", " ", name.lower()).split())


# Full names and the traditional (AP/GPO) abbreviations of the states, DC and the territories.
_STATE_NAMES = {
    "AL": ["Alabama", "Ala."], "AK": ["Alaska"], "AZ": ["Arizona", "Ariz."], "AR": ["Arkansas", "Ark."],
    "CA": ["California", "Calif.", "Cal."], "CO": ["Colorado", "Colo."], "CT": ["Connecticut", "Conn."],
    "DE": ["Delaware", "Del."], "FL": ["Florida", "Fla."], "GA": ["Georgia", "Ga."], "HI": ["Hawaii"],
    "ID": ["Idaho"], "IL": ["Illinois", "Ill."], "IN": ["Indiana", "Ind."], "IA": ["Iowa"],
    "KS": ["Kansas", "Kan.", "Kans."], "KY": ["Kentucky", "Ky."], "LA": ["Louisiana", "La."], "ME": ["Maine"],
    "MD": ["Maryland", "Md."], "MA": ["Massachusetts", "Mass."], "MI": ["Michigan", "Mich."],
    "MN": ["Minnesota", "Minn."], "MS": ["Mississippi", "Miss."], "MO": ["Missouri", "Mo."],
    "MT": ["Montana", "Mont."], "NE": ["Nebraska", "Neb.", "Nebr."], "NV": ["Nevada", "Nev."],
    "NH": ["New Hampshire", "N.H."], "NJ": ["New Jersey", "N.J."], "NM": ["New Mexico", "N.M.", "N. Mex."],
    "NY": ["New York", "N.Y."], "NC": ["North Carolina", "N.C."], "ND": ["North Dakota", "N.D.", "N. Dak."],
    "OH": ["Ohio"], "OK": ["Oklahoma", "Okla."], "OR": ["Oregon", "Ore.", "Oreg."],
    "PA": ["Pennsylvania", "Pa.", "Penn.", "Penna."], "RI": ["Rhode Island", "R.I."],
    "SC": ["South Carolina", "S.C."], "SD": ["South Dakota", "S.D.", "S. Dak."], "TN": ["Tennessee", "Tenn."],
    "TX": ["Texas", "Tex."], "UT": ["Utah"], "VT": ["Vermont", "Vt."], "VA": ["Virginia", "Va."],
    "WA": ["Washington", "Wash."], "WV": ["West Virginia", "W.Va.", "W. Va."], "WI": ["Wisconsin", "Wis.", "Wisc."],
    "WY": ["Wyoming", "Wyo."], "DC": ["District of Columbia", "D.C.", "Washington D.C."],
    "PR": ["Puerto Rico", "P.R."], "GU": ["Guam"], "VI": ["U.S. Virgin Islands", "Virgin Islands", "V.I."],
    "AS": ["American Samoa"], "MP": ["Northern Mariana Islands", "Northern Marianas"],
}  # fmt: skip
_STATE_BY_NAME = {_state_key(name): code for code, names in _STATE_NAMES.items() for name in names}
_STATE_DISPLAY = {code: names[0] for code, names in _STATE_NAMES.items()}
# The name callers say for each code ("calling from Baton Rouge, Louisiana").
STATE_NAMES = _STATE_DISPLAY


# No list in a manifest or a configuration file needs more entries (states, vendors, kinds of place).
MAX_LIST_ITEMS = 100


def list_of(item: Callable[[Any], str], *, non_empty: bool = False) -> Callable[[Any], tuple[str, ...]]:
    """A parser for a list (or comma-separated text) of items; invalid entries raise PartlyInvalid."""

    def check(value: Any) -> tuple[str, ...]:
        if isinstance(value, str):
            # Configuration files give lists as text: "CA, NV"; state codes may also be space-separated
            # ("CA NV"), while a state's name may hold spaces ("New York, CA").
            value = [part.strip() for part in value.split(",") if part.strip()]
            if item is state_code:
                value = [code for part in value for code in _codes_or_name(part)]
        if not isinstance(value, list):
            raise Invalid(f"expected a list, got {describe(value)}")
        if len(value) > MAX_LIST_ITEMS:
            raise Invalid(f"expected a list of at most {MAX_LIST_ITEMS} entries, got {len(value):,}")
        checked: list[str] = []
        errors: list[str] = []
        for position, entry in enumerate(value, start=1):
            try:
                checked.append(item(entry))
            except Invalid as exc:
                errors.append(f"entry {position}: {exc}")
        unique = tuple(dict.fromkeys(checked))
        if errors:
            raise PartlyInvalid("; ".join(errors), unique)
        if non_empty and not unique:
            raise Invalid("expected at least one entry")
        return unique

    return check


def language_code(value: Any) -> str:
    """A BCP 47-style language code such as en, es or en-US."""
    given = text(value)
    if not _LANGUAGE.fullmatch(given):
        raise Invalid(f"expected a language code such as en, es or en-US; got {describe(value)}")
    return given


def variables(value: Any) -> Mapping[str, Any]:
    """A mapping of template names to sample values."""
    if not isinstance(value, dict):
        raise Invalid(f"expected a mapping of variable names to sample values, got {describe(value)}")
    for name in value:
        if not isinstance(name, str) or not name.isidentifier():
            raise Invalid(f"variable name {describe(name)} is not a valid template name")
    return dict(value)


FACILITIES = ("correctional", "offshore", "call_center", "campaign_office", "remote", "volunteer_home")


def facilities(value: Any) -> tuple[str, ...]:
    """Kinds of calling place (`correctional, offshore`), or `none` for an empty list."""
    if isinstance(value, str) and value.strip().lower() == "none":
        return ()
    if isinstance(value, list) and (not value or [str(v).strip().lower() for v in value] == ["none"]):
        return ()
    return list_of(choice(FACILITIES))(value)


def day(value: Any) -> Any:
    """A date, YYYY-MM-DD."""
    import datetime

    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise Invalid(f"expected a date such as 2026-11-03, got {describe(value)}") from None
