"""Asking ahead: the questions the rules will ask of a script's paths, learnt by a dry run and answered in
one pass before the real run (scriptlint.analysis.recording explains why)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from scriptlint.analysis.paths import PathAnalysis
from scriptlint.analysis.recording import RecordingQueries
from scriptlint.errors import Overtime, ScriptlintError
from scriptlint.run.alarms import Interrupted, interrupt_after

if TYPE_CHECKING:
    from scriptlint.model import Rule, RunContext, Script

# The share of the file's time limit the rehearsals may take together. A rule's rehearsal costs nothing
# but its own code (every question is answered at once); one that runs past this share (a plugin that
# sleeps or loops) is stopped and left out, so it cannot spend the time the real run needs for the rules
# before it: it then runs unrehearsed, its questions answered by passes of their own.
REHEARSAL_SHARE = 0.25


def ask_ahead(
    script: Script, context: RunContext, rules: list[Rule], enter: Callable[[str], None], time_limit: float
) -> Rule | None:
    """Learn the questions the rules will ask (a dry run against a recording stand-in, whose findings and
    failures are dropped: the real run reports its own), and answer them in one pass over the paths, which
    also finds what cannot be followed (raising TemplateProblem). Returns the rule whose dry run ran past the
    file's time limit (then nothing is answered), else None; `enter` names each stage. The rehearsals share
    REHEARSAL_SHARE of `time_limit`: past it, the remaining rules are not rehearsed."""
    paths = script.paths
    if not isinstance(paths, PathAnalysis):
        return None
    recorder = RecordingQueries(paths.may_say)
    rehearsal = replace(script, paths=recorder)
    rehearsals_end = time.monotonic() + time_limit * REHEARSAL_SHARE
    for rule in rules:
        assert rule.check is not None
        left = rehearsals_end - time.monotonic()
        if left <= 0:
            break
        enter(f"rule {rule.code} ({rule.name}) of plugin {rule.plugin!r}, learning its questions")
        try:
            with interrupt_after(left, Interrupted):
                for _ in rule.check(rule, rehearsal, context):
                    pass
        except (ScriptlintError, KeyboardInterrupt, MemoryError):
            raise  # A run-level failure (a malformed pack), Ctrl-C, the memory budget: as in the real run.
        except Interrupted:
            break  # This rule and the ones after it run unrehearsed.
        except Overtime:
            return rule  # Where no timer can be set (not the main thread), only the file's limit stops it.
        except BaseException:
            continue
    enter("following the paths of the template")
    # A question that bounds its own search time (a fuzzy pattern) is costly on every path: it is answered
    # only if the real run asks it (PF01 asks for near misses only when the disclaimer is missing somewhere),
    # then with the others matched the same way (PF05 asks for the same near misses).
    paths.prepare([question for question in recorder.questions if question.timeout is None])
    paths.keep_for_later(question for question in recorder.questions if question.timeout is not None)
    paths.check()
    return None
