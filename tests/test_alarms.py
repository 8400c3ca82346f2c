"""Nested timers: a rule's rehearsal is stopped by its own short limit, and the file's limit still rings."""

from __future__ import annotations

import time

import pytest

from scriptlint.errors import Overtime
from scriptlint.run.alarms import Interrupted, interrupt_after


def test_a_nested_limit_interrupts_its_block_and_the_outer_limit_still_rings() -> None:
    with pytest.raises(Overtime), interrupt_after(0.6):
        with pytest.raises(Interrupted), interrupt_after(0.05, Interrupted):
            time.sleep(5)
        time.sleep(5)  # the outer timer was set again: it stops this too


def test_an_outer_limit_due_sooner_rings_first() -> None:
    with pytest.raises(Overtime), interrupt_after(0.05), interrupt_after(5, Interrupted):
        time.sleep(5)


def test_a_block_that_ends_in_time_leaves_nothing_armed() -> None:
    with interrupt_after(0.05, Interrupted):
        pass
    time.sleep(0.1)  # nothing rings
