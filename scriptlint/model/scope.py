"""When a rule applies, as data: one scope schema for every rule (PF, CO and pack rules), evaluated against a
manifest and described in plain words.

A scope names the calls a law governs: call types, delivery, race, sponsor kind, purpose, a volume threshold with
its direction, whether callers are paid, dates in force. The evaluator answers "applies", "excluded" or
"undecided" (the manifest lacks a key that would decide it); rules never hard-code their scope.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any

from scriptlint.model.manifest import CALL_TYPES, DELIVERIES, PURPOSES, RACES, SPONSOR_KINDS
from scriptlint.model.records import record
from scriptlint.model.scope_words import FLAG_WORDS, either, list_words

if TYPE_CHECKING:
    from scriptlint.model.manifest import Manifest

# The list-valued dimensions: the manifest key each reads, and the values it may name.
_LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "call_types": ("call_type", CALL_TYPES),
    "delivery": ("delivery", DELIVERIES),
    "races": ("race", RACES),
    "sponsor_kinds": ("sponsor.kind", SPONSOR_KINDS),
    "purposes": ("purpose", PURPOSES),
}
_FLAGS = ("paid_callers", "authorized", "synthetic_media", "federal_committee")
ALLOWED_KEYS = (*_LISTS, "volume", "min_volume", *_FLAGS, "any_of", "when_said", "effective", "expires")

# What a call of each type is for when the manifest does not say (a political call's purpose stays unknown).
DEFAULT_PURPOSE = {
    "telemarketing": "sales",
    "charitable": "solicitation",
    "survey": "survey",
    "informational": "information",
}

# Manifest keys whose absence leaves a rule undecided (reported once per file as SL07), with their values.
DECIDING_KEYS = {"race": RACES, "sponsor.kind": SPONSOR_KINDS}


@record(frozen=True)
class Decision:
    """Whether a rule governs a call: `verdict` is applies, excluded or undecided; `missing` names the manifest
    keys that would decide an undecided one; `because` says in words what excluded it."""

    verdict: str
    missing: tuple[str, ...] = ()
    because: str = ""

    @property
    def applies(self) -> bool:
        """True only when the manifest puts the call in scope."""
        return self.verdict == "applies"

    @property
    def undecided(self) -> bool:
        """True when a missing manifest key would decide it."""
        return self.verdict == "undecided"


APPLIES = Decision("applies")


@record(frozen=True)
class Choice:
    """A list-valued dimension: the values it applies to, or (`negated`) the values it does not apply to."""

    values: frozenset[str]
    negated: bool = False

    def allows(self, value: str) -> bool:
        """Whether one value is in scope."""
        return (value in self.values) != self.negated

    def as_data(self) -> Any:
        """The YAML/JSON form."""
        ordered = sorted(self.values)
        return {"not": ordered} if self.negated else ordered


@record(frozen=True)
class Volume:
    """A threshold on the number of calls, with its direction: `more_than` 500 is 501 or more, `at_least` 500 is
    500 or more; an optional window and what counts (for the words only)."""

    threshold: int
    inclusive: bool
    window_days: int | None = None
    counting: str | None = None

    def met(self, volume: int) -> bool:
        """Whether a number of calls reaches the threshold."""
        return volume >= self.threshold if self.inclusive else volume > self.threshold

    def describe(self) -> str:
        """The threshold in words."""
        words = f"{self.threshold} or more calls" if self.inclusive else f"more than {self.threshold} calls"
        if self.counting:
            words += f" {self.counting}"
        if self.window_days:
            words += f" within any {self.window_days} days"
        return words + " (an unknown volume counts as reaching it)"


@record(frozen=True)
class Scope:
    """The calls a rule governs; every given dimension must match (an empty scope governs every call)."""

    lists: Mapping[str, Choice] = field(default_factory=dict)
    volume: Volume | None = None
    flags: Mapping[str, bool] = field(default_factory=dict)
    any_of: tuple[Scope, ...] = ()
    when_said: tuple[str, ...] = ()
    effective: datetime.date | None = None
    expires: datetime.date | None = None
    # The last manifest asked about, its day and the decision: the rules ask about each script's manifest
    # several times (a dry run, then the real run; a pack rule per element), and a manifest never changes.
    _last: list[Any] = field(default_factory=list, init=False, compare=False, repr=False)

    @classmethod
    def parse(cls, raw: Any, *, effective: Any = None, expires: Any = None) -> Scope:
        """A scope from its YAML mapping; raise ValueError naming what is wrong."""
        if raw is None:
            raw = {}
        if not isinstance(raw, Mapping):
            raise ValueError("applies: expected a mapping of conditions")
        unknown = sorted(str(key) for key in raw if key not in ALLOWED_KEYS)
        if unknown:
            raise ValueError(f"applies: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(ALLOWED_KEYS)}")
        lists = {key: _choice(key, raw[key]) for key in _LISTS if key in raw}
        flags = {}
        for key in _FLAGS:
            if key in raw:
                if not isinstance(raw[key], bool):
                    raise ValueError(f"applies.{key} must be true or false")
                flags[key] = raw[key]
        if "volume" in raw and "min_volume" in raw:
            raise ValueError("applies: give volume or min_volume, not both")
        volume = _volume(raw["volume"]) if "volume" in raw else None
        if "min_volume" in raw:  # the older form: "at least"
            volume = _volume({"at_least": raw["min_volume"]})
        alternatives = raw.get("any_of") or []
        if not isinstance(alternatives, list) or not all(isinstance(item, Mapping) for item in alternatives):
            raise ValueError("applies.any_of must be a list of condition mappings")
        said = raw.get("when_said") or []
        if not isinstance(said, list) or not all(isinstance(item, str) and item.strip() for item in said):
            raise ValueError("applies.when_said must be a list of phrases")
        return cls(
            lists=lists,
            volume=volume,
            flags=flags,
            any_of=tuple(cls.parse(item) for item in alternatives),
            when_said=tuple(said),
            effective=parse_date(raw.get("effective", effective), "effective"),
            expires=parse_date(raw.get("expires", expires), "expires"),
        )

    def in_force(self, day: datetime.date) -> bool:
        """Whether the rule (this version of it) is in force on `day`."""
        return (self.effective is None or self.effective <= day) and (self.expires is None or day < self.expires)

    def applies(self, manifest: Manifest, day: datetime.date | None = None) -> Decision:
        """Whether the manifest's call is one this scope governs (on `day`, if given)."""
        last = self._last[0] if self._last else None  # one read of one tuple: never half of another's
        if last is not None and last[0] is manifest and last[1] == day:
            known: Decision = last[2]
            return known
        decision = self._applies(manifest, day)
        self._last[:] = [(manifest, day, decision)]
        return decision

    def _applies(self, manifest: Manifest, day: datetime.date | None) -> Decision:
        if day is not None and not self.in_force(day):
            return Decision("excluded", because="not in force on " + day.isoformat())
        decisions = [self._list(key, choice, manifest) for key, choice in self.lists.items()]
        if self.volume is not None and manifest.volume is not None and not self.volume.met(manifest.volume):
            decisions.append(Decision("excluded", because=f"volume {manifest.volume}: not {self.volume.describe()}"))
        decisions += [_flag(key, wanted, manifest) for key, wanted in self.flags.items()]
        if self.any_of:
            decisions.append(_either(alternative.applies(manifest) for alternative in self.any_of))
        return _all(decisions)

    def _list(self, key: str, choice: Choice, manifest: Manifest) -> Decision:
        manifest_key = _LISTS[key][0]
        if key == "delivery":
            # A call is all of its traits at once: AI-generated content makes any call an artificial voice
            # (FCC 24-17 confirmed that AI-generated voices are "artificial" voices).
            traits = {manifest.delivery or "live"}
            if synthetic(manifest):
                traits.add("artificial_voice")
            if any(choice.allows(trait) for trait in traits):
                return APPLIES
            return Decision("excluded", because=f"delivery {'/'.join(sorted(traits))}")
        candidates = _candidates(key, manifest)
        if not candidates:
            return Decision("excluded", because=f"no {manifest_key}")  # SL03 already says it is missing.
        allowed = {value for value in candidates if choice.allows(value)}
        if allowed == candidates:
            return APPLIES
        if not allowed:
            given = next(iter(candidates)) if len(candidates) == 1 else "its value"
            return Decision("excluded", because=f"{manifest_key} {given}")
        if choice.negated:
            return APPLIES  # A list of exclusions leaves out only the calls the manifest puts there.
        if manifest_key in DECIDING_KEYS:
            return Decision("undecided", missing=(manifest_key,))
        return APPLIES  # An unknown purpose does not take a call out of scope.

    def describe(self) -> str:
        """The scope in plain words (for `explain`, `packs` and docs/law.md)."""
        clauses = [list_words(key, choice.values, choice.negated) for key, choice in self.lists.items()]
        if self.volume is not None:
            clauses.append(self.volume.describe())
        clauses += [FLAG_WORDS[key][wanted] for key, wanted in self.flags.items()]
        if self.any_of:
            clauses.append("either " + " or ".join(f"({alt.describe()})" for alt in self.any_of))
        if self.when_said:
            clauses.append("only calls that say " + either(f"'{phrase}'" for phrase in self.when_said))
        if self.effective:
            clauses.append(f"in force from {self.effective.isoformat()}")
        if self.expires:
            clauses.append(f"until {self.expires.isoformat()}")
        return "; ".join(clauses) if clauses else "every call, whatever its type"

    def as_data(self) -> dict[str, Any]:
        """The structured form, for JSON output."""
        data: dict[str, Any] = {key: choice.as_data() for key, choice in self.lists.items()}
        if self.volume is not None:
            data["volume"] = {"at_least" if self.volume.inclusive else "more_than": self.volume.threshold}
            if self.volume.window_days:
                data["volume"]["window_days"] = self.volume.window_days
        data.update(self.flags)
        if self.any_of:
            data["any_of"] = [alternative.as_data() for alternative in self.any_of]
        if self.when_said:
            data["when_said"] = list(self.when_said)
        for key in ("effective", "expires"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value.isoformat()
        return data


def synthetic(manifest: Manifest) -> bool:
    """Whether the call's audio is AI-generated: the manifest's synthetic_media, else an artificial voice."""
    if manifest.synthetic_media is not None:
        return manifest.synthetic_media
    return manifest.delivery == "artificial_voice"


def sponsor_kinds(manifest: Manifest) -> set[str]:
    """The kinds the sponsor may be: the manifest's sponsor.kind, else what authorized_by tells."""
    sponsor = manifest.sponsor
    if sponsor.kind is not None:
        return {sponsor.kind}
    if sponsor.authorized_by is not None and sponsor.candidate_committee is not False:
        return {"candidate_committee"}  # The authorizing candidate's own committee pays (the default).
    return set(SPONSOR_KINDS) - {"candidate_committee"}  # Someone else pays, or no candidate authorized it.


def _candidates(key: str, manifest: Manifest) -> set[str]:
    """The values a list dimension may have for this call (one when the manifest says; several when not)."""
    if key == "call_types":
        return {manifest.call_type} if manifest.call_type else set()
    if key == "races":
        return {manifest.race} if manifest.race else set(RACES)
    if key == "sponsor_kinds":
        return sponsor_kinds(manifest)
    purpose = purpose_of(manifest)
    return {purpose} if purpose else set(PURPOSES)


def purpose_of(manifest: Manifest) -> str | None:
    """The purpose the manifest declares, or its call type's default; None when neither says (a political call)."""
    return manifest.purpose or DEFAULT_PURPOSE.get(manifest.call_type or "")


def _flag(key: str, wanted: bool, manifest: Manifest) -> Decision:
    value: bool
    if key == "paid_callers":
        # Unknown callers count as paid: rules for paid callers apply, the exemptions for volunteers do not.
        value = manifest.caller.paid if manifest.caller.paid is not None else True
    elif key == "authorized":
        value = manifest.sponsor.authorized_by is not None
    elif key == "synthetic_media":
        value = synthetic(manifest)
    else:
        value = bool(manifest.sponsor.federal_committee)
    if value == wanted:
        return APPLIES
    return Decision("excluded", because=FLAG_WORDS[key][not wanted])


def _all(decisions: Iterable[Decision]) -> Decision:
    """Every condition: excluded if one excludes, else undecided if one is, else applies."""
    listed = list(decisions)
    for decision in listed:
        if decision.verdict == "excluded":
            return decision
    missing = tuple(dict.fromkeys(key for decision in listed for key in decision.missing))
    return Decision("undecided", missing=missing) if missing else APPLIES


def _either(decisions: Iterable[Decision]) -> Decision:
    """Some alternative: applies if one applies, else undecided if one is, else excluded."""
    listed = list(decisions)
    if any(decision.applies for decision in listed):
        return APPLIES
    missing = tuple(dict.fromkeys(key for decision in listed for key in decision.missing))
    if missing:
        return Decision("undecided", missing=missing)
    return Decision("excluded", because="; ".join(decision.because for decision in listed))


def _choice(key: str, raw: Any) -> Choice:
    negated = isinstance(raw, Mapping)
    values = raw.get("not") if isinstance(raw, Mapping) else raw
    if isinstance(raw, Mapping) and set(raw) != {"not"}:
        raise ValueError(f"applies.{key} must be a list of names or {{not: [names]}}")
    if not isinstance(values, list) or not values or not all(isinstance(value, str) for value in values):
        raise ValueError(f"applies.{key} must be a non-empty list of names (or {{not: [names]}})")
    known = _LISTS[key][1]
    wrong = [value for value in values if value not in known]
    if wrong:
        raise ValueError(f"applies.{key}: unknown value(s) {', '.join(wrong)}; allowed: {', '.join(known)}")
    return Choice(frozenset(values), negated)


def _volume(raw: Any) -> Volume:
    if not isinstance(raw, Mapping):
        raise ValueError("applies.volume must be a mapping: {more_than: N} or {at_least: N}")
    unknown = set(raw) - {"more_than", "at_least", "window_days", "counting"}
    directions = [key for key in ("more_than", "at_least") if key in raw]
    if unknown or len(directions) != 1:
        raise ValueError(
            "applies.volume needs exactly one of more_than (N excluded) or at_least (N included),"
            " optionally window_days and counting"
        )
    threshold = raw[directions[0]]
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 0:
        raise ValueError(f"applies.volume.{directions[0]} must be a whole number")
    window = raw.get("window_days")
    if window is not None and (isinstance(window, bool) or not isinstance(window, int) or window <= 0):
        raise ValueError("applies.volume.window_days must be a positive whole number")
    counting = raw.get("counting")
    return Volume(threshold, directions[0] == "at_least", window, str(counting) if counting else None)


def parse_date(value: Any, key: str) -> datetime.date | None:
    """A date from a data file (YAML date or YYYY-MM-DD text); ValueError naming `key` otherwise."""
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{key} must be a date (YYYY-MM-DD)") from None


@record
class Undecided:
    """The rules a file's manifest left undecided, by the manifest key that would decide them; the core reports
    them once per file (SL07) instead of each rule guessing or staying silent."""

    by_key: dict[str, list[str]] = field(default_factory=dict)

    def note(self, rule: str, keys: Iterable[str]) -> None:
        """Record that `rule` (a code or a pack rule id) was not checked for want of these manifest keys."""
        for key in keys:
            listed = self.by_key.setdefault(key, [])
            if rule not in listed:
                listed.append(rule)

    def decide(self, rule: str, decision: Decision) -> bool:
        """Whether the rule applies; an undecided decision is noted for `rule`."""
        if decision.undecided:
            self.note(rule, decision.missing)
        return decision.applies

    def report(self, manifest_lines: Mapping[tuple[str, ...], int]) -> tuple[int, str] | None:
        """The line and message of the file's one SL07 finding (None when every rule was decided): each missing
        key with its allowed values and the rules it decides; at the first key's section if the manifest has it
        (`sponsor:`), else where the call type is declared."""
        if not self.by_key:
            return None
        parts = []
        for key, rules in self.by_key.items():
            values = DECIDING_KEYS.get(key, ())
            allowed = f" ({', '.join(values[:-1])} or {values[-1]})" if values else ""
            named = ", ".join(rules[:-1]) + f" and {rules[-1]}" if len(rules) > 1 else rules[0]
            parts.append(f"{key}{allowed}, which decides whether {named} {'apply' if len(rules) > 1 else 'applies'}")
        section = tuple(next(iter(self.by_key)).split("."))[:1]
        line = manifest_lines.get(section) or manifest_lines.get(("call_type",)) or 1
        return line, "the manifest does not say " + "; nor ".join(parts) + ": those rules were not checked"
