"""What one path (or several merged) has said, for every question of a pass: the state the tracker keeps
(scriptlint.analysis.tracking)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.analysis.closing import Ends
    from scriptlint.analysis.kept import Counted, Lasts
    from scriptlint.analysis.profile import ProfileState
    from scriptlint.analysis.questions import Tail
    from scriptlint.analysis.said import Capture, Recent, Spot


@record(frozen=True, slots=True)
class Track:
    """What one path (or several merged) has said, for every question of the pass."""

    # Per question: its tail, or None once the question is settled on this path.
    tails: tuple[Tail | None, ...]
    captures: tuple[Capture, ...]
    # The kinds of the last two characters said (word, joiner, other), for word starts.
    context: str
    # Words said: the most (exact while a `within` question is open) and the fewest of merged paths.
    words: int
    fewest: int
    last_word: Spot
    # The last characters said (where a match that began in a tail comes from).
    recent: Recent
    # Whether the text said ends with a space (the next piece's leading space is folded into it).
    space: bool
    # Per `within` question (in the tracker's order): while it is open, the trails of its paths by how
    # many fewer words than `words` each has said.
    counts: tuple[Counted | None, ...]
    # Per closing question (in the tracker's order): while it is open, its paths' trails by words since the
    # latest match and (in the opening) by word count.
    ends: tuple[Ends | None, ...]
    # When merged paths have not all said the same last word (they ended in different branches), each
    # last word with the trail of the paths that end there; None while `last_word` is every path's.
    lasts: Lasts | None = None
    # Per profile asked (in the tracker's order): what the path's opening says of it so far.
    profiles: tuple[ProfileState, ...] = ()

    @property
    def settled(self) -> bool:
        """Whether no question can change any more on this path."""
        return not self.captures and all(tail is None for tail in self.tails)
