"""What a merged state keeps apart about its paths without splitting: the trails of its paths by word count
(for a `within` question still open) and by last word (when they ended in different branches)."""

from __future__ import annotations

from scriptlint.analysis.said import Source
from scriptlint.analysis.trails import Trail, joined

# The trails of a state's paths by how many fewer words than the state's most each has said.
Counted = dict[int, Trail]
# Each last word said by some of a state's paths, with their trail.
Lasts = tuple[tuple[Source, Trail], ...]


def merge_counts(longer: Counted | None, shorter: Counted | None, behind: int) -> Counted | None:
    """The trails by word count of two merged states (the shorter one's `behind` words behind)."""
    if longer is None or shorter is None:
        return longer if shorter is None else {deficit + behind: trail for deficit, trail in shorter.items()}
    merged = dict(longer)
    for deficit, trail in shorter.items():
        at = deficit + behind
        merged[at] = trail if at not in merged else joined((merged[at], trail))
    return merged


def merge_lasts(
    first: Lasts | None,
    first_last: Source,
    first_trail: Trail,
    second: Lasts | None,
    second_last: Source,
    second_trail: Trail,
) -> Lasts | None:
    """The last words of two merged states' paths (None when every path's is the same)."""
    if first is None and second is None and same_source(first_last, second_last):
        return None
    entries: list[tuple[Source, Trail]] = []
    for last, trail in (*(first or ((first_last, first_trail),)), *(second or ((second_last, second_trail),))):
        for position, (known, earlier) in enumerate(entries):
            if same_source(known, last):
                entries[position] = (known, joined((earlier, trail)))
                break
        else:
            entries.append((last, trail))
    return tuple(entries)


def same_source(one: Source, other: Source) -> bool:
    """Whether two sources are the same character of the same piece."""
    if one is None or other is None:
        return one is other
    return one[0] is other[0] and one[1] == other[1]


def place_of(source: Source) -> tuple[tuple[int, int], int, int]:
    """Where a source is, for "the latest": in the linted file, then in its own file."""
    if source is None:
        return (0, 0), 0, 0
    location = source[0].location(source[1])
    return location.in_linted_file(), location.line, location.column
