"""Asking ahead: the questions the rules will ask of a script's paths, learnt by a dry run and answered in
one pass before the real run (scriptlint.analysis.recording explains why)."""

from __future__ import annotations

from dataclasses import replace

from scriptlint.analysis.paths import PathAnalysis
from scriptlint.analysis.recording import RecordingQueries
from scriptlint.errors import ScriptlintError
from scriptlint.model import Rule, RunContext, Script


def ask_ahead(script: Script, context: RunContext, rules: list[Rule]) -> None:
    """Learn the questions the rules will ask (a dry run against a recording stand-in, whose findings and
    failures are dropped: the real run reports its own), and answer them in one pass over the paths, which
    also finds what cannot be followed (raising TemplateProblem)."""
    paths = script.paths
    if not isinstance(paths, PathAnalysis):
        return
    recorder = RecordingQueries(paths.may_say)
    rehearsal = replace(script, paths=recorder)
    for rule in rules:
        assert rule.check is not None
        try:
            for _ in rule.check(rule, rehearsal, context):
                pass
        except ScriptlintError:
            raise  # A run-level failure (a malformed pack): the real run would meet it too.
        except Exception:
            continue
    # A question that bounds its own search time (a fuzzy pattern) is costly on every path: it is answered
    # only if the real run asks it (PF01 asks for near misses only when the disclaimer is missing somewhere).
    paths.prepare([question for question in recorder.questions if question.timeout is None])
    paths.check()
