"""One pass for many questions: what each path has said, kept only as far as some question still cares.

A path's `Track` holds, for every question, its tail (see scriptlint.analysis.questions), or nothing once
the question is settled on that path: found (its occurrence goes to the question's pool), or past its
`within` words without a match (the path goes to the question's missing paths, with its trail). Paths
with equal tails, captures and context are interchangeable for every question, so they merge: the number
of states follows what the questions can still tell apart, never the number of paths. Word counts are
not part of that: merged paths keep the fewest and the most words said (the earliest and the latest
match), and for a `within` question still open, the trails of its paths by how many words each has said
(so "the first 60 words" splits no state; a match or the 60th word sorts the paths out).

What a piece of text does to all the questions at once depends only on their tails, the context and the
piece, so it is computed once and reused (a loop body, a partial included twice, branches that merged).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from scriptlint.analysis import closing
from scriptlint.analysis.closing import EndQuestion
from scriptlint.analysis.joints import Joints
from scriptlint.analysis.kept import TableRecords, merge_lasts, merged_once, once, place_of, split_counts
from scriptlint.analysis.profile import ProfileCollector
from scriptlint.analysis.questions import START, Matcher, profile_key
from scriptlint.analysis.said import Capture, Mark, recent_after, source_at, span_slots, spot_at, spot_source, words_of
from scriptlint.analysis.track import Track
from scriptlint.analysis.trails import joined, taking

if TYPE_CHECKING:
    from scriptlint.analysis.closing import Ends
    from scriptlint.analysis.conditions import Element
    from scriptlint.analysis.joints import Joint
    from scriptlint.analysis.kept import Counted
    from scriptlint.analysis.profile import ProfileState
    from scriptlint.analysis.questions import Question, Step, Tail
    from scriptlint.analysis.said import Spot
    from scriptlint.analysis.spoken import Piece
    from scriptlint.analysis.trails import Trail


class Tracker:
    """The collector of a pass: every question's answer along every path, gathered at once."""

    def __init__(self, questions: Sequence[Question], deadline: float | None = None) -> None:
        self.questions = tuple(questions)
        # Questions that differ only in `within` or `after` share their matcher (and so its steps).
        shared: dict[tuple[Any, ...], Matcher] = {}
        self.matchers = [shared.setdefault(q.matching, Matcher(q, deadline)) for q in self.questions]
        # The `within` questions: (question index, words), in the order of a track's `counts`.
        self._within = tuple((i, q.within) for i, q in enumerate(self.questions) if q.within is not None)
        self._counted = {index: position for position, (index, _) in enumerate(self._within)}
        # The closing questions ("within the last N words"), in the order of a track's `ends`.
        self._ends = tuple(
            EndQuestion(i, q.last, q.opening) for i, q in enumerate(self.questions) if q.last is not None
        )
        self._ended = {question.index: position for position, question in enumerate(self._ends)}
        # Per closing question: whether some path says it at its end (or in its opening).
        self.said_at_end = [False for _ in self._ends]
        # The every-occurrence questions, and each one's occurrences by place.
        self._every = {i: position for position, i in enumerate(i for i, q in enumerate(questions) if q.every)}
        self.everywhere: list[dict[Hashable, Capture]] = [{} for _ in self._every]
        # The profiles asked for, and which questions' missing paths each tells apart.
        keys: dict[Any, int] = {}
        self._profiles: list[ProfileCollector] = []
        self._profile_of: dict[int, int] = {}
        for index, question in enumerate(self.questions):
            if question.profile is not None:
                key = profile_key(question.profile)
                if key not in keys:
                    keys[key] = len(self._profiles)
                    self._profiles.append(ProfileCollector(question.profile))
                self._profile_of[index] = keys[key]
        # Per profile, the questions it tells apart (asked of every state at every merge).
        self._asking = [[i for i, at in self._profile_of.items() if at == p] for p in range(len(self._profiles))]
        self._profiled: dict[tuple[int, ProfileState, int], ProfileState] = {}
        self.coarse = bool(self._profiles)  # whether `key` has a coarser form (scriptlint.analysis.states)
        self._recent = max((m.longest_tail for m in self.matchers), default=0)
        # Per question: occurrences by what tells them apart, and the paths that lack it (trail, end, label).
        self.found: list[dict[Hashable, Capture]] = [{} for _ in self.questions]
        self.missing: list[list[tuple[Trail, Spot, str | None]]] = [[] for _ in self.questions]
        self.joints = Joints(self.matchers, self._ended, self._every)
        # The trail records the word-count tables have made (bounded: MAX_TABLE_RECORDS).
        self.records = TableRecords()
        # Every path on which nothing can change any more is this one track (so such paths merge).
        counts, ends = tuple(None for _ in self._within), tuple(None for _ in self._ends)
        profiles = tuple(profiler.start() for profiler in self._profiles)
        self.done = Track(
            tuple(None for _ in self.questions), (), "", 0, 0, None, (), False, counts, ends, None, profiles
        )

    def every_position(self, index: int) -> int:
        """Where an every-occurrence question's occurrences are kept (`everywhere`)."""
        return self._every[index]

    def approximate(self, index: int) -> bool:
        """Whether question `index`'s paths were kept by word count in a table that skipped recording."""
        return self.records.skipped_by(self._counted.get(index), self._ended.get(index))

    def said_at_the_end(self, index: int) -> bool | None:
        """For a closing question, whether some path says it where it must; None for other questions."""
        position = self._ended.get(index)
        return None if position is None else self.said_at_end[position]

    @property
    def timed_out(self) -> bool:
        """Whether some regex search ran out of time (the answer then depends on the machine's speed)."""
        return any(matcher.timed_out for matcher in self.matchers)

    # --- the collector protocol ------------------------------------------------------------------

    def start(self) -> Track:
        if not self.questions:
            return self.done
        tails: tuple[Tail | None, ...] = tuple(START for _ in self.questions)
        # One dict for all: `within` questions share their paths' word counts while they agree.
        first: Counted = {0: None}
        counts: tuple[Counted | None, ...] = tuple(first for _ in self._within)
        ends: tuple[Ends | None, ...] = tuple(question.start() for question in self._ends)
        profiles = tuple(profiler.start() for profiler in self._profiles)
        return Track(tails, (), "", 0, 0, None, (), False, counts, ends, None, profiles)

    def key(self, track: Track, coarse: bool = False) -> Hashable:
        """What keeps paths apart (`coarse`: many paths alive, profiles kept apart by their markers only)."""
        profiles = tuple(
            profiler.key(state, coarse) if self._profile_open(track, position) else None
            for position, (profiler, state) in enumerate(zip(self._profiles, track.profiles, strict=True))
        )
        return (track.tails, tuple(capture.key for capture in track.captures), track.context, profiles)

    def _profile_open(self, track: Track, position: int) -> bool:
        """Whether a question that tells its missing paths apart by this profile is open on this path."""
        return any(track.tails[index] is not None for index in self._asking[position])

    def settled(self, track: Track) -> bool:
        return track is self.done

    def branch(self, track: Track, element: Element) -> Track:
        """The track of the paths that take one branch (the trails kept by word count take it too)."""
        if not any(track.counts) and not any(track.ends) and track.lasts is None:
            return track
        # A state's last words are few (MAX_LASTS): they always take the branch.
        lasts = None if track.lasts is None else tuple((last, taking(trail, element)) for last, trail in track.lasts)
        if self.records.cut:
            self.records.skip(track.counts, track.ends)
            return track if lasts is None else replace(track, lasts=lasts)
        taken: dict[int, Counted] = {}
        counts: tuple[Counted | None, ...] = tuple(
            None if counted is None else once(taken, counted, lambda c: {d: taking(t, element) for d, t in c.items()})
            for counted in track.counts
        )
        ends = tuple(None if kept is None else closing.branch(kept, element) for kept in track.ends)
        self.records.add(sum(map(len, taken.values())) + sum(len(kept) for kept in ends if kept is not None))
        return replace(track, counts=counts, ends=ends, lasts=lasts)

    def merge(self, first: Track, second: Track, first_trail: Trail, second_trail: Trail) -> Track:
        if first is self.done:
            return first
        longer, shorter = (first, second) if first.words >= second.words else (second, first)
        captures = tuple(
            replace(
                one,
                earliest=min(one.earliest, other.earliest, key=words_of),
                latest=max(one.latest, other.latest, key=words_of),
            )
            for one, other in zip(first.captures, second.captures, strict=True)
        )
        behind = longer.words - shorter.words
        pairs: dict[tuple[int, int], Counted | None] = {}
        record = not self.records.cut
        counts = tuple(
            merged_once(pairs, mine, theirs, behind, record)
            for mine, theirs in zip(longer.counts, shorter.counts, strict=True)
        )
        ends = tuple(
            None if mine is None or theirs is None else closing.merge(mine, theirs, behind, record)
            for mine, theirs in zip(longer.ends, shorter.ends, strict=True)
        )
        if not record:
            self.records.skip(
                [mine if theirs else None for mine, theirs in zip(longer.counts, shorter.counts, strict=True)],
                [mine if theirs else None for mine, theirs in zip(longer.ends, shorter.ends, strict=True)],
            )
        else:
            # At most one join per trail of the shorter state's tables.
            self.records.add(
                sum(len(theirs) for theirs in {id(c): c for c in shorter.counts if c is not None}.values())
                + sum(len(theirs) for theirs in shorter.ends if theirs is not None)
            )
        lasts = merge_lasts(first.lasts, first.last_word, first_trail, second.lasts, second.last_word, second_trail)
        profiles = tuple(
            profiler.merge(mine, theirs)
            for profiler, mine, theirs in zip(self._profiles, first.profiles, second.profiles, strict=True)
        )
        return Track(first.tails, captures, first.context, longer.words, min(first.fewest, second.fewest),
                     longer.last_word, longer.recent, longer.space, counts, ends, lasts, profiles)  # fmt: skip

    def feed(self, track: Track, piece: Piece, trail: Trail) -> Track:
        if track is self.done or not piece.spoken:
            return track
        joint = self.joints.joint(track.tails, track.context, track.space, piece)
        if joint is None:
            # Only whitespace the path's text already ends with: nothing changes but what a capture keeps.
            if not track.captures:
                return track
            said = tuple(c.more(self.joints.fold(piece, False), 0) for c in track.captures)
            return replace(track, captures=said)
        profiles = tuple(self._profile(position, state, piece) for position, state in enumerate(track.profiles))
        tails = list(joint.tails)
        counts = list(track.counts)
        fold = joint.fold
        raw = self.joints.fold(piece, False)
        captures = [capture.more(raw, 0) for capture in track.captures]
        for index, step in joint.events:
            capture = self._matched(track, joint, index, step, trail, counts, profiles)
            if capture is not None and step.match is not None:
                # What follows the match in this piece (the match ends in it).
                captures.append(capture.more(fold, step.match[1] - _kept(track.tails[index])))
        captures.extend(self._every_matches(track, joint))
        words, fewest = track.words + joint.words, track.fewest + joint.words
        last_word = track.last_word if joint.last_word is None else (fold, joint.last_word)
        if joint.words:
            closed: dict[tuple[int, int], tuple[Trail, Counted | None]] = {}
            for position, (index, within) in enumerate(self._within):
                counted = counts[position]
                if counted is not None and words - min(counted) >= within:
                    # Paths past the first `within` words without a match lack it: they end here.
                    key = (id(counted), within)
                    if key not in closed:
                        closed[key] = split_counts(counted, words - within)
                    lacking, counts[position] = closed[key]
                    self._lack(index, lacking, last_word, profiles)
                    if counts[position] is None:
                        tails[index] = None
        ends = list(track.ends)
        for position, question in enumerate(self._ends):
            kept, ending = ends[position], joint.end_steps[position]
            if kept is None or ending is None:
                continue
            ends[position], early = question.advance(kept, track.words, joint.words, ending)
            self.said_at_end[position] = self.said_at_end[position] or early
            if ends[position] is None:
                tails[question.index] = None  # every path said it in its opening
        for capture in captures:
            if capture.left <= 0:
                self._keep(capture)
        open_captures = tuple(capture for capture in captures if capture.left > 0)
        if not open_captures and all(tail is None for tail in tails):
            return self.done
        recent = recent_after(track.recent, fold, self._recent)
        lasts = track.lasts if not joint.words else None  # a word said: every path's last word now
        return Track(tuple(tails), open_captures, joint.context, words, fewest, last_word, recent,
                     fold.text.endswith(" "), tuple(counts), tuple(ends), lasts, profiles)  # fmt: skip

    def finish(self, tracks: Sequence[tuple[Track, Trail]]) -> None:
        """At the end of the template: open paths lack their questions, unfinished captures count. Each
        path ends at its last word; when paths kept apart by word count lack a question, at the latest of
        their state's last words."""
        for track, trail in tracks:
            for capture in track.captures:
                self._keep(capture)
            if track is self.done:
                continue
            ends = track.lasts or ((track.last_word, trail),)
            latest = max((last for last, _ in ends), key=place_of, default=None)
            for at, question in enumerate(self._ends):
                kept = track.ends[at]
                if kept is not None:
                    passed, failed = question.passing(kept)
                    self.said_at_end[at] = self.said_at_end[at] or bool(passed)
                    if failed:
                        self._lack(question.index, joined(failed), latest, track.profiles)
            for index, tail in enumerate(track.tails):
                if tail is None or index in self._ended:
                    continue
                if index in self._every:
                    continue
                counting = self._counted.get(index)
                counted = None if counting is None else track.counts[counting]
                if counted is None:
                    for last, path_trail in ends:
                        self._lack(index, path_trail, last, track.profiles)
                else:
                    self._lack(index, joined(counted.values()), latest, track.profiles)

    # --- steps ---------------------------------------------------------------------------------------

    def _profile(self, position: int, state: ProfileState, piece: Piece) -> ProfileState:
        """A profile's state after the path says `piece`."""
        key = (position, state, id(piece))
        known = self._profiled.get(key)
        if known is None:
            known = self._profiled[key] = self._profiles[position].feed(state, piece)
        return known

    def _every_matches(self, track: Track, joint: Joint) -> list[Capture]:
        """Every match of the every-occurrence questions in this piece, as captures of what follows."""
        captures = []
        for index, position in self._every.items():
            step = joint.every_steps[position]
            if step is None:
                continue
            boundary = _kept(track.tails[index])
            for start, end, text, words in step.matches:
                source = source_at(track.recent, joint.fold, boundary, start)
                mark = Mark(max(0, track.words + words), source)
                slots = span_slots(track.recent, joint.fold, boundary, start, end)
                capture = Capture(index, text, "", self.questions[index].after, slots, mark, mark, place=source)
                captures.append(capture.more(joint.fold, end - boundary))
        return captures

    def _matched(
        self,
        track: Track,
        joint: Joint,
        index: int,
        step: Step,
        trail: Trail,
        counts: list[Counted | None],
        profiles: tuple[ProfileState, ...],
    ) -> Capture | None:
        """A question's match on this path: a capture of what follows, or (too late) a missing path."""
        assert step.match is not None
        start, end, text = step.match
        boundary = _kept(track.tails[index])
        spot = spot_at(track.recent, joint.fold, boundary, start)
        source = spot_source(spot)
        latest, earliest = track.words + step.words, track.fewest + step.words
        position = self._counted.get(index)
        counted = None if position is None else counts[position]
        if counted is not None and position is not None:
            # Only the paths whose match starts within the first `within` words have it in time.
            within = self._within[position][1]
            late = track.words + step.words - within
            in_time = [deficit for deficit in counted if deficit > late]
            if len(in_time) < len(counted):
                self._lack(index, joined(t for d, t in counted.items() if d <= late), spot, profiles)
            counts[position] = None
            if not in_time:
                return None
            latest, earliest = latest - min(in_time), latest - max(in_time)
        slots = span_slots(track.recent, joint.fold, boundary, start, end)
        after = self.questions[index].after
        return Capture(index, text, "", after, slots, Mark(earliest, source), Mark(latest, source))

    def _lack(self, index: int, trail: Trail, end: Spot, profiles: tuple[ProfileState, ...]) -> None:
        """Note paths that lack question `index`, ending at `end` (with their profile's label, if it asks).
        Past 64 such notes of one label the older half is folded into one, anchored where the latest of them
        ends (the cost stays bounded)."""
        position = self._profile_of.get(index)
        label = None if position is None else self._profiles[position].label(profiles[position])
        lacking = self.missing[index]
        lacking.append((trail, end, label))
        same = [note for note in lacking if note[2] == label]
        if len(same) > 64:
            older = same[:32]
            latest = max((note[1] for note in older), key=place_of)
            folded = {id(note) for note in older}
            kept = [note for note in lacking if id(note) not in folded]
            self.missing[index] = [*kept, (joined(note[0] for note in older), latest, label)]

    def _keep(self, capture: Capture) -> None:
        """Add a finished capture to its question's occurrences (for an every-occurrence question, by its
        place: the longest text found there)."""
        if (position := self._every.get(capture.question)) is not None:
            places = self.everywhere[position]
            known_at = places.get(capture.key)
            if known_at is None or len(known_at.text) < len(capture.text):
                places[capture.key] = capture
            return
        pool = self.found[capture.question]
        key = capture.key
        known = pool.get(key)
        if known is None:
            pool[key] = capture
        else:
            pool[key] = replace(
                known,
                earliest=min(known.earliest, capture.earliest, key=words_of),
                latest=max(known.latest, capture.latest, key=words_of),
            )


def _kept(tail: Tail | None) -> int:
    """How many characters a tail holds (positions in a question's text after it are in the piece)."""
    return 0 if tail is None else len(tail[1])
