"""What the check of one file gives back (FileResult), and where a check is while it runs (Watch)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING

from scriptlint.model.records import record

if TYPE_CHECKING:
    from scriptlint.model import Finding, Skipped


@record
class Watch:
    """Where the check of the current file is ("reading the document", "rule PF01 (...) of plugin
    'paid_for_by'"...), for the message when a limit stops it; `publish` also writes each stage where
    another process can read it (a worker's memory shared with its supervisor)."""

    stage: str = "starting"
    publish: Callable[[str], None] | None = field(default=None, repr=False)
    # Set when a limit interrupted a check: the process may hold a half-updated state (a worker then stops).
    interrupted: bool = False

    def enter(self, stage: str) -> None:
        """Note the stage the check enters."""
        self.stage = stage
        if self.publish is not None:
            self.publish(stage)


@record(frozen=True)
class FileResult:
    """One file's findings, the other files its answer depends on, and whether it may be cached."""

    findings: list[Finding]
    # The files the answer read besides the document (includes, imports, extends, the sidecar, and those
    # looked for but missing): (path, kind, state), the state being scriptlint.intake.files.state_of's
    # when read; kind says which roots confine the path ("template": the script root; "sidecar": the
    # script root or the document's folder).
    dependencies: tuple[tuple[str, str, str | None], ...] = ()
    # False when the answer depends on more than the files (a rule crashed, the time budget ran out).
    cacheable: bool = True
    # The SHA-256 of the document's bytes as checked.
    digest: str = ""
    # Archive members passed over (not call scripts by name), as findings name them.
    skipped: tuple[Skipped, ...] = ()
    # A limit interrupted the check (time, memory): the process that ran it should check no more files.
    interrupted: bool = False
    # The documents the file held, as findings name them: None for the file itself; an archive's are its
    # members (those checked, and those refused), so every format counts the same files.
    documents: tuple[str, ...] | None = None
