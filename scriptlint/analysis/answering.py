"""A question's answer read off a finished pass: its occurrences, and the paths that lack it in words.

Conditions are worked out here, from the trails of the paths that lack the phrase, and only for them:
an answer found on every path costs nothing more.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from scriptlint.analysis.said import spot_source
from scriptlint.model.answers import MissingPath, Occurrence, PathSearch

if TYPE_CHECKING:
    from scriptlint.analysis.said import Capture, Mark, Spot
    from scriptlint.analysis.tracking import Tracker
    from scriptlint.analysis.trails import ConditionBuilder, Trail
    from scriptlint.model.answers import Location


def answer(tracker: Tracker, index: int, builder: ConditionBuilder, words_per_minute: int) -> PathSearch:
    """The answer to question `index` of a finished pass."""
    at_end = tracker.said_at_the_end(index)
    if at_end is not None:
        # A closing question: "found" is whether some path says it where it must (its place is not asked).
        said = Occurrence(0, 0.0, None, "") if at_end else None
        found = _missing(tracker, index, builder, None, None, (), everywhere=not at_end)
        return replace(found, earliest=said, latest=said)
    captures = list(tracker.found[index].values())
    pairs = [
        (_occurrence(c.earliest, c, words_per_minute), _occurrence(c.latest, c, words_per_minute)) for c in captures
    ]
    earliest = min((pair[0] for pair in pairs), key=lambda o: o.words_before, default=None)
    latest = max((pair[1] for pair in pairs), key=lambda o: o.words_before, default=None)
    distinct = tuple(sorted((pair[1] for pair in pairs), key=lambda o: (o.words_before, o.text, o.after)))
    if not captures:
        return _missing(tracker, index, builder, None, None, (), everywhere=True)
    return _missing(tracker, index, builder, earliest, latest, distinct)


def _missing(
    tracker: Tracker,
    index: int,
    builder: ConditionBuilder,
    earliest: Occurrence | None,
    latest: Occurrence | None,
    distinct: tuple[Occurrence, ...],
    everywhere: bool = False,
) -> PathSearch:
    """The answer with the paths that lack it, by label (when the question asked for a profile) and by
    condition, each with where it ends (`everywhere`: said on no path)."""
    lacking = tracker.missing[index]
    if not lacking:
        return PathSearch(earliest, latest, (), occurrences=distinct)
    by_label: dict[str | None, list[tuple[Trail, Spot]]] = {}
    for trail, end, label in lacking:
        by_label.setdefault(label, []).append((trail, end))
    missing: list[MissingPath] = []
    truncated = False
    for label, group in by_label.items():
        if everywhere and len(by_label) == 1:
            # Said on no path: every path lacks it, whatever its conditions; one path stands for all,
            # ending where the latest of them ends.
            every = [place for place in (_location(end) for _, end in group) if place is not None]
            last = max(every, key=lambda loc: (loc.in_linted_file(), loc.line, loc.column), default=None)
            missing.append(MissingPath(None, last, label))
            continue
        found, cut = _by_condition(group, builder, label)
        missing.extend(found)
        truncated = truncated or cut
    missing.sort(key=lambda m: (m.end.in_linted_file() if m.end else (0, 0), m.condition or ""))
    return PathSearch(earliest, latest, tuple(missing), truncated, distinct)


def _by_condition(
    lacking: list[tuple[Trail, Spot]], builder: ConditionBuilder, label: str | None
) -> tuple[list[MissingPath], bool]:
    """The paths that lack it, by condition, each with where the latest of them ends."""
    # At the end of the template what a path said last no longer matters: join the paths that lack it,
    # all at once, so that a choice whose every branch lacks the pattern drops out of the condition.
    owns = [builder.conditions(trail) for trail, _ in lacking]
    joined = builder.join_conditions(owns)
    missing = []
    for alternative, words in zip(joined.ordered(), joined.describe(builder.table), strict=True):
        ends = [
            _location(end) for (_, end), own in zip(lacking, owns, strict=True)
            if any(alternative <= alternatives for alternatives in own.alternatives)
        ]  # fmt: skip
        known_ends = [end for end in ends if end is not None]
        at = max(known_ends, key=lambda loc: (loc.in_linted_file(), loc.line, loc.column), default=None)
        missing.append(MissingPath(words, at, label))
    return missing, joined.truncated


def every_occurrence(tracker: Tracker, index: int, words_per_minute: int) -> tuple[Occurrence, ...]:
    """Every occurrence an every-occurrence question found, in source order."""
    position = tracker.every_position(index)
    found = [
        _occurrence(capture.latest, capture, words_per_minute) for capture in tracker.everywhere[position].values()
    ]
    found.sort(key=lambda o: (o.in_linted_file(), o.words_before, o.text))
    return tuple(found)


def _occurrence(mark: Mark, capture: Capture, words_per_minute: int) -> Occurrence:
    seconds = mark.words_before * 60.0 / words_per_minute
    return Occurrence(mark.words_before, seconds, mark.location, capture.text, capture.after, capture.slots)


def _location(spot: Spot) -> Location | None:
    source = spot_source(spot)
    if source is None:
        return None
    piece, offset = source
    return piece.location(offset)
