"""Checking files in worker processes: `--jobs N`, with results in the order the files were given.

Workers are forked from the process that already loaded the plugins, compiled the rules' patterns and
parsed the packs (it checks the first file itself before forking), so a worker starts with nothing
left to load. Where fork is unavailable (Windows, macOS defaults), the files are checked in this
process: correctness never depends on the pool.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from scriptlint.errors import ScriptlintError
from scriptlint.model.settings import Settings
from scriptlint.run.context import Run
from scriptlint.run.one_file import FileResult, check_file

# Below this many files to check, starting workers costs more than it saves.
MIN_FILES_PER_WORKER = 20

# The run a forked worker checks with, set once in each worker by the pool's initializer (fork passes
# it by memory, never by pickling); the parent process never sets it.
_WORKER: dict[str, Run] = {}


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Not on Linux.
        return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    """The number of CPUs when there are enough files to keep them busy, else 1."""
    return max(1, min(available_cpus(), files // MIN_FILES_PER_WORKER))


def can_fork() -> bool:
    """Whether worker processes can inherit the loaded run (the fork start method exists)."""
    return "fork" in multiprocessing.get_all_start_methods()


def check_all(
    run: Run, tasks: Sequence[tuple[Path, Settings]], jobs: int, progress: Callable[[], None] | None = None
) -> Iterator[FileResult]:
    """Check each (file, settings) task; results come in task order whatever the number of jobs."""
    if not tasks:
        return
    # The first file warms the run (rules' patterns, packs) in this process, for the workers to inherit.
    yield check_file(run, *tasks[0])
    if progress is not None:
        progress()
    rest = tasks[1:]
    if jobs <= 1 or len(rest) < 2 or not can_fork():
        for task in rest:
            yield check_file(run, *task)
            if progress is not None:
                progress()
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    workers = min(jobs, len(rest))
    # Small chunks balance the load (scripts differ in cost); big enough to keep the pipe overhead low.
    chunk = max(1, min(16, len(rest) // (workers * 8)))
    # An executor, not a Pool: a worker killed (out of memory, a crash in a C library) fails the run
    # with a message instead of leaving it waiting forever.
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(run,)) as pool:
        try:
            for result in pool.map(_check_in_worker, rest, chunksize=chunk):
                yield result
                if progress is not None:
                    progress()
        except BrokenProcessPool:
            raise ScriptlintError(
                "a worker process died while checking files (out of memory?); run again with --jobs 1"
            ) from None


def _start_worker(run: Run) -> None:
    _WORKER["run"] = run


def _check_in_worker(task: tuple[Path, Settings]) -> FileResult:
    return check_file(_WORKER["run"], *task)
