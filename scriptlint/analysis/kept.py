"""What a merged state keeps apart about its paths without splitting: the trails of its paths by word count
(for a `within` question still open) and by last word (when they ended in different branches)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from scriptlint.analysis.said import Spot, spot_source
from scriptlint.analysis.trails import Trail, joined

# The trails of a state's paths by how many fewer words than the state's most each has said.
Counted = dict[int, Trail]
# Each last word said by some of a state's paths, with their trail.
Lasts = tuple[tuple[Spot, Trail], ...]
# Trail records (a branch taken, or two trails joined) that the word-count tables of one pass may make: about
# 80 MB. A table keeps one trail per word count, so a template of many short branches makes that many per
# branch; the 1,563 `.j2` templates of four large Ansible projects make at most 26,462 in one pass. Past it
# the tables stop recording: a trail keeps the conditions known when recording stopped and stands for the
# paths merged with it, and those questions' answers say they are approximate. Counting records, not time,
# keeps the words of a finding the same on every machine.
MAX_TABLE_RECORDS = 1_000_000
# Beyond this many different last words in one state, the earliest are folded into the latest of them (a
# finding is then anchored where the latest of those paths ends): the cost stays bounded.
MAX_LASTS = 8


class TableRecords:
    """The trail records a pass's word-count tables have made, whether they stopped recording
    (MAX_TABLE_RECORDS), and the tables (positions in a track's `counts` and `ends`) that then skipped a
    branch or a join: their questions' answers are approximate."""

    def __init__(self) -> None:
        self.made = 0
        self.cut = False
        self._counts: set[int] = set()
        self._ends: set[int] = set()

    def add(self, records: int) -> None:
        """Count new records; past MAX_TABLE_RECORDS the tables stop recording."""
        self.made += records
        self.cut = self.cut or self.made > MAX_TABLE_RECORDS

    def skip(self, counts: Sequence[object], ends: Sequence[object]) -> None:
        """Note the tables (those not None or empty) that skip recording a branch or a join."""
        self._counts.update(position for position, counted in enumerate(counts) if counted)
        self._ends.update(position for position, kept in enumerate(ends) if kept)

    def skipped_by(self, counts_position: int | None, ends_position: int | None) -> bool:
        """Whether the table at either position skipped recording."""
        return counts_position in self._counts or ends_position in self._ends


def merge_counts(longer: Counted | None, shorter: Counted | None, behind: int, record: bool = True) -> Counted | None:
    """The trails by word count of two merged states (the shorter one's `behind` words behind); without
    `record`, where both have paths the longer one's trail stands for both (no new record is made)."""
    if longer is None or shorter is None:
        return longer if shorter is None else {deficit + behind: trail for deficit, trail in shorter.items()}
    merged = dict(longer)
    for deficit, trail in shorter.items():
        at = deficit + behind
        if at not in merged:
            merged[at] = trail
        elif record:
            merged[at] = joined((merged[at], trail))
    return merged


def once(done: dict[int, Counted], counted: Counted, change: Callable[[Counted], Counted]) -> Counted:
    """`change(counted)`, once per dict shared by several questions (they keep sharing the result)."""
    if id(counted) not in done:
        done[id(counted)] = change(counted)
    return done[id(counted)]


def merged_once(
    done: dict[tuple[int, int], Counted | None],
    mine: Counted | None,
    theirs: Counted | None,
    behind: int,
    record: bool = True,
) -> Counted | None:
    """Two states' word counts merged, once per pair of dicts shared by several questions."""
    key = (id(mine), id(theirs))
    if key not in done:
        done[key] = merge_counts(mine, theirs, behind, record)
    return done[key]


def split_counts(counted: Counted, late: int) -> tuple[Trail, Counted | None]:
    """The paths that have said `within` words or more (deficit at most `late`), and those still open."""
    closing = [trail for deficit, trail in counted.items() if deficit <= late]
    left = {deficit: trail for deficit, trail in counted.items() if deficit > late}
    return joined(closing), left or None


def merge_lasts(
    first: Lasts | None,
    first_last: Spot,
    first_trail: Trail,
    second: Lasts | None,
    second_last: Spot,
    second_trail: Trail,
) -> Lasts | None:
    """The last words of two merged states' paths (None when every path's is the same)."""
    if first is None and second is None and same_source(first_last, second_last):
        return None
    entries: list[tuple[Spot, Trail]] = []
    for last, trail in (*(first or ((first_last, first_trail),)), *(second or ((second_last, second_trail),))):
        for position, (known, earlier) in enumerate(entries):
            if same_source(known, last):
                entries[position] = (known, joined((earlier, trail)))
                break
        else:
            entries.append((last, trail))
    if len(entries) > MAX_LASTS:
        entries.sort(key=lambda entry: place_of(entry[0]))
        folded = joined(trail for _, trail in entries[: len(entries) - MAX_LASTS + 1])
        entries = [(entries[len(entries) - MAX_LASTS][0], folded), *entries[len(entries) - MAX_LASTS + 1 :]]
    return tuple(entries)


def same_source(one: Spot, other: Spot) -> bool:
    """Whether two spots are the same character of the same piece."""
    if one is None or other is None:
        return one is other
    return one[0].piece is other[0].piece and one[1] + one[0].cut == other[1] + other[0].cut


def place_of(spot: Spot) -> tuple[tuple[int, int], int, int]:
    """Where a spot is, for "the latest": in the linted file, then in its own file."""
    source = spot_source(spot)
    if source is None:
        return (0, 0), 0, 0
    location = source[0].location(source[1])
    return location.in_linted_file(), location.line, location.column
