"""Timers that interrupt code which never looks at the clock: the file's limit, and shorter limits nested
inside it (a rule's rehearsal), each raising its own exception and leaving the outer timer running."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from scriptlint.errors import Overtime


class Interrupted(BaseException):
    """A nested limit ran out (the outer limit, if any, is still running)."""


def usable() -> bool:
    """Whether a timer can interrupt here (only the main thread receives signals, and only where the system
    has interval timers)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def interrupt_after(seconds: float, raised: type[BaseException] = Overtime) -> Iterator[bool]:
    """Raise `raised` in this block once `seconds` have passed; yields whether the timer could be set. An
    outer timer due sooner is left to ring first; one due later is set again, less the time spent here."""
    if not usable():
        yield False
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    if 0 < outer_left <= seconds:
        yield True  # The outer limit comes first: it alone can ring in this block.
        return
    alarm = _Alarm(raised)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, alarm.ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        alarm.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left > 0:
            # Never zero (that would disarm it): an outer limit already due rings at once.
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001))


class _Alarm:
    """The timer's handler: it interrupts once, and never after the block it guards has ended."""

    def __init__(self, raised: type[BaseException]) -> None:
        self.armed = True
        self.raised = raised

    def ring(self, signum: int, frame: object) -> None:
        if self.armed:
            self.armed = False
            raise self.raised()
