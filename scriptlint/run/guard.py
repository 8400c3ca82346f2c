"""One file on disk, checked under its limits: a timer that interrupts code which never looks at the clock, a
memory ceiling (in worker processes), and every failure turned into a finding on that file.

The analysis checks its deadline itself and reports SL04 when the budget runs out; the timer is the
second line, set a little later, for what does not cooperate (a plugin's rule, a library extracting a
document): it raises `Overtime` in the main thread (only there can Python deliver signals, so code run
from another thread relies on the cooperative checks and, in worker processes, on the supervisor). The
supervisor of the worker processes (scriptlint.run.parallel) is the last line: it kills a worker that
still has not answered, and reads the stage from memory shared with it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from scriptlint.errors import Overtime, ScriptlintError
from scriptlint.intake.decoding import digest
from scriptlint.intake.files import Refused, read_file
from scriptlint.intake.sources import DiskSource
from scriptlint.run.alarms import interrupt_after
from scriptlint.run.context import root_of
from scriptlint.run.one_file import check_bytes
from scriptlint.run.results import FileResult, Watch

if TYPE_CHECKING:
    from scriptlint.model import Finding
    from scriptlint.model.settings import Settings
    from scriptlint.run.context import Run

R = TypeVar("R")

# The timer rings this long after the file's own budget, so that the analysis' own check (which gives a
# precise SL04) comes first, and a stage that does not cooperate is stopped soon after.
ALARM_GRACE_SECONDS = 1.0


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise Overtime in this block once `seconds` (plus a grace) have passed, where signals allow it."""
    with interrupt_after(seconds + ALARM_GRACE_SECONDS):
        yield


def limit_memory(megabytes: int, baseline: int) -> bool:
    """Cap this process's address space at `baseline` bytes plus `megabytes` (allocations beyond raise
    MemoryError); False where the system cannot (then only the machine's memory bounds a check)."""
    if baseline <= 0:
        return False
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return False
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        wanted = baseline + megabytes * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return False
    return True


def address_space() -> int:
    """The bytes of address space this process has mapped now (0 where it cannot be known)."""
    try:
        with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def check_file(run: Run, path: Path, settings: Settings, watch: Watch | None = None) -> FileResult:
    """All findings for one file on disk, within its limits; every failure becomes a finding on this file
    (the run's other files are always checked): never an exception, except a run-level failure
    (ScriptlintError) and Ctrl-C."""
    watch = watch if watch is not None else Watch()
    started = time.monotonic()

    def check() -> FileResult:
        watch.enter("reading the file")
        data = read_file(path, settings.max_file_bytes)
        source = DiskSource(root_of(path, settings), settings.max_file_bytes, settings.follow_links)
        display = run.display(path)
        result = check_bytes(run, data, display, path, source.root, settings, source, watch=watch, started=started)
        return replace(result, digest=digest(data))

    def failed(finding: Finding) -> FileResult:
        return FileResult([finding], cacheable=False, interrupted=watch.interrupted)

    return limited(run, path, settings, watch, check, failed)


def limited(
    run: Run,
    path: Path,
    settings: Settings,
    watch: Watch,
    work: Callable[[], R],
    failed: Callable[[Finding], R],
) -> R:
    """`work()` on one file under the file's time limit; a failure becomes `failed(finding)` with the finding
    that says what stopped it and at which stage (`watch.interrupted` is set when a limit interrupted it:
    the process may hold a half-updated state). Run-level failures (ScriptlintError) and Ctrl-C pass."""
    display = run.display(path)
    try:
        with time_limit(settings.time_limit):
            return work()
    except Refused as exc:
        return failed(_finding(run, exc.code, display, exc.message))
    except (ScriptlintError, KeyboardInterrupt):
        raise
    except Overtime:
        watch.interrupted = True
        message = (
            f"the check of this file took longer than its time budget ({settings.time_limit:g} s) while"
            f" {watch.stage} and was stopped"
        )
        return failed(_finding(run, "SL04", display, message))
    except MemoryError:
        watch.interrupted = True
        where = f"its memory budget ({settings.memory_limit:,} MB)" if memory_limited() else "the memory available"
        return failed(_finding(run, "SL04", display, f"the check of this file ran out of {where} while {watch.stage}"))
    except RecursionError:
        watch.interrupted = True
        message = f"the file is nested too deeply to check (while {watch.stage})"
        return failed(_finding(run, "SL04", display, message))
    except BaseException as exc:  # scriptlint's own bug on this file: reported on it, and the run goes on
        if os.environ.get("SCRIPTLINT_DEBUG"):
            raise
        watch.interrupted = True
        message = (
            f"scriptlint failed while {watch.stage}: {type(exc).__name__}: {exc}; this file was not fully checked"
            " (set SCRIPTLINT_DEBUG=1 to see the traceback, and please report it)"
        )
        return failed(_finding(run, "SL06", display, message))


def memory_limited() -> bool:
    """Whether this process runs under a memory ceiling (a worker that set one)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return False
    return resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY


def _finding(run: Run, code: str, display: str, message: str) -> Finding:
    return run.rules[code].at(display, message, line=1)
