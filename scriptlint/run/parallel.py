"""Checking files in worker processes that the run supervises (`--jobs N`), results in the order given.

Each file is checked in a worker forked from this process (it inherits the loaded plugins, rules and
packs) under the file's limits: a timer and a memory ceiling inside the worker (scriptlint.run.guard),
and here a deadline after which the worker is killed. A worker that dies (killed by the system when
memory runs out, a crash in a C library) or is killed costs only the file it was checking, which gets a
finding saying so and at which stage; a new worker takes over. Workers never outlive the run: they read
their tasks from a pipe and stop when it closes, Linux kills them when the run dies (parent-death
signal), they ignore Ctrl-C (the run stops them) and hold none of the run's output streams, so a caller
waiting for the run's output is never kept waiting by a worker. Where fork is unavailable (Windows,
macOS defaults) or other threads run in this process (forking them is unsafe), files are checked here,
under the timer alone (docs/security.md).
"""

from __future__ import annotations

import contextlib
import gc
import mmap
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from scriptlint.errors import ScriptlintError
from scriptlint.model.records import record
from scriptlint.model.settings import Settings
from scriptlint.run.guard import address_space, check_file, limit_memory
from scriptlint.run.results import FileResult, Watch

if TYPE_CHECKING:
    from scriptlint.model import Finding
    from scriptlint.run.context import Run

# Below this many files to check, starting more workers costs more than it saves.
MIN_FILES_PER_WORKER = 20
# A worker still busy this long after its file's time limit (its own timer rang a second after it) is killed.
KILL_GRACE_SECONDS = 5.0
# A worker's cyclic collector runs after this many new objects (Python's default is 700): a few megabytes of
# garbage with cycles wait a little longer, and the collections that scan everything become rare.
WORKER_YOUNG_OBJECTS = 10_000
_STAGE_BYTES = 512

Task = tuple[Path, Settings]
R = TypeVar("R")


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Not on Linux.
        return os.cpu_count() or 1


def default_jobs(files: int) -> int:
    """The number of CPUs when there are enough files to keep them busy, else 1."""
    return max(1, min(available_cpus(), files // MIN_FILES_PER_WORKER))


def can_isolate() -> bool:
    """Whether files can be checked in supervised workers: fork exists and no other thread runs here."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


@record(frozen=True)
class Job(Generic[R]):
    """What a worker does with each file (check it, show its paths, fix it), and what stands for a file whose
    worker was lost (`failed(run, path, finding)`: the finding says why). A job's functions are inherited
    by forking, never pickled; only the tasks and results cross the pipes."""

    work: Callable[[Run, Path, Settings, Watch], R]
    failed: Callable[[Run, Path, Finding], R]


def _check_failed(run: Run, path: Path, finding: Finding) -> FileResult:
    return FileResult([finding], cacheable=False)


CHECK: Job[FileResult] = Job(check_file, _check_failed)


def check_all(
    run: Run, tasks: Sequence[Task], jobs: int, progress: Callable[[], None] | None = None, *, isolate: bool = True
) -> Iterator[FileResult]:
    """Check each (file, settings) task; results come in task order whatever the number of jobs."""
    return run_all(run, tasks, jobs, CHECK, progress, isolate=isolate)


def run_all(
    run: Run,
    tasks: Sequence[Task],
    jobs: int,
    job: Job[R],
    progress: Callable[[], None] | None = None,
    *,
    isolate: bool = True,
) -> Iterator[R]:
    """Do the job for each (file, settings) task; results come in task order whatever the number of jobs."""
    if not tasks:
        return
    if not (isolate and can_isolate()):
        for path, settings in tasks:
            yield job.work(run, path, settings, Watch())
            if progress is not None:
                progress()
        return
    # What every worker needs, loaded once here, before forking, for all of them to inherit.
    import scriptlint.analysis.paths  # noqa: F401

    _ = run.rules, run.packs
    supervisor: _Supervisor[R] = _Supervisor(run, tasks, max(1, min(jobs, len(tasks))), job)
    try:
        yield from supervisor.results(progress)
    finally:
        supervisor.stop()


@record
class _Worker:
    pid: int
    tasks: Connection
    answers: Connection
    stage: mmap.mmap
    # The task being checked, when it started, and when the worker is killed if it has not answered.
    current: int | None = None
    deadline: float = 0.0

    def stage_text(self) -> str:
        """The stage the worker last published (scriptlint.run.one_file.Watch)."""
        length = int.from_bytes(self.stage[:2], "big")
        return self.stage[2 : 2 + length].decode("utf-8", errors="replace") or "starting"


@record
class _Supervisor(Generic[R]):
    run: Run
    tasks: Sequence[Task]
    jobs: int
    job: Job[R]
    workers: list[_Worker] = field(default_factory=list)
    waiting: deque[int] = field(default_factory=deque)
    done: dict[int, R] = field(default_factory=dict)

    def results(self, progress: Callable[[], None] | None) -> Iterator[R]:
        self.waiting.extend(range(len(self.tasks)))
        for _ in range(self.jobs):
            self._give_work(self._spawn())
        for index in range(len(self.tasks)):
            while index not in self.done:
                self._wait()
            yield self.done.pop(index)
            if progress is not None:
                progress()

    def _wait(self) -> None:
        busy = [worker for worker in self.workers if worker.current is not None]
        if not busy:  # every worker retired with tasks left (they hit limits): start another
            self._give_work(self._spawn())
            return
        timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
        ready = wait([worker.answers for worker in busy], timeout)
        for worker in busy:
            if worker.answers in ready:
                self._receive(worker)
            elif time.monotonic() > worker.deadline:
                self._kill(worker)

    def _receive(self, worker: _Worker) -> None:
        try:
            kind, index, payload = worker.answers.recv()
        except (EOFError, OSError):
            self._lost(worker)
            return
        if kind == "error":
            raise payload if isinstance(payload, ScriptlintError) else ScriptlintError(str(payload))
        self.done[index] = payload
        worker.current = None
        if kind == "last":  # the worker stops after a limit: its state may be half-updated
            self._replace(worker)
        else:
            self._give_work(worker)

    def _kill(self, worker: _Worker) -> None:
        """A worker that has not answered long after its file's time limit: killed, and the file reported."""
        index = worker.current
        assert index is not None
        stage = worker.stage_text()
        _, settings = self.tasks[index]
        os.kill(worker.pid, signal.SIGKILL)
        self._replace(worker)
        message = (
            f"the check of this file took longer than its time budget ({settings.time_limit:g} s) while {stage},"
            " did not stop, and its process was killed"
        )
        self.done[index] = self._result(index, "SL04", message)

    def _lost(self, worker: _Worker) -> None:
        """A worker that died checking a file: the file gets a finding, a new worker takes the next one."""
        index = worker.current
        assert index is not None
        stage = worker.stage_text()
        status = self._replace(worker)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            code, why = "SL04", "was killed by the system (out of memory?)"
        elif os.WIFSIGNALED(status):
            code, why = "SL06", f"crashed ({signal.Signals(os.WTERMSIG(status)).name})"
        else:
            code, why = "SL06", "ended without an answer"
        message = f"the process checking this file {why} while {stage}; this file was not checked"
        self.done[index] = self._result(index, code, message)

    def _result(self, index: int, code: str, message: str) -> R:
        path, _ = self.tasks[index]
        return self.job.failed(self.run, path, self.run.rules[code].at(self.run.display(path), message, line=1))

    def _give_work(self, worker: _Worker) -> None:
        if not self.waiting:
            return
        index = self.waiting.popleft()
        path, settings = self.tasks[index]
        worker.current = index
        worker.deadline = time.monotonic() + settings.time_limit + KILL_GRACE_SECONDS
        # If it died between two files, sending fails and the next wait() reports it.
        with contextlib.suppress(OSError, ValueError):
            worker.tasks.send((index, path, settings))

    def _spawn(self) -> _Worker:
        receive_tasks, send_tasks = multiprocessing.Pipe(duplex=False)
        receive_answers, send_answers = multiprocessing.Pipe(duplex=False)
        stage = mmap.mmap(-1, _STAGE_BYTES)
        parent = os.getpid()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # nothing buffered here may be written twice
        pid = os.fork()
        if pid == 0:  # the worker
            # What the run loaded before forking (plugins, rules, packs, modules) lives as long as the worker:
            # the cyclic collector need not scan it again at every collection. A check makes many short-lived
            # objects that reference counting frees: collecting less often, fewer survive into the older
            # generations whose full collections scanned everything kept since (1 s of 19 per 1,000 files).
            gc.freeze()
            gc.set_threshold(WORKER_YOUNG_OBJECTS, *gc.get_threshold()[1:])
            try:
                send_tasks.close()
                receive_answers.close()
                for other in self.workers:
                    other.tasks.close()
                    other.answers.close()
                _serve(self.run, self.job, receive_tasks, send_answers, stage, parent)
            finally:
                os._exit(0)
        receive_tasks.close()
        send_answers.close()
        worker = _Worker(pid, send_tasks, receive_answers, stage)
        self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> int:
        """Retire a worker and, while files wait, start another in its place; its exit status."""
        status = self._retire(worker)
        if self.waiting:
            self._give_work(self._spawn())
        return status

    def _retire(self, worker: _Worker) -> int:
        """Close a worker's pipes and collect its exit status."""
        self.workers.remove(worker)
        worker.tasks.close()
        worker.answers.close()
        worker.stage.close()
        try:
            return os.waitpid(worker.pid, 0)[1]
        except ChildProcessError:
            return 0

    def stop(self) -> None:
        """End every worker (closing its pipe ends it; one still checking is killed) and collect them."""
        for worker in list(self.workers):
            if worker.current is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker.pid, signal.SIGKILL)
            self._retire(worker)


def _serve(run: Run, job: Job[R], tasks: Connection, answers: Connection, stage: mmap.mmap, parent: int) -> None:
    """A worker's life: do the job for each file until the pipe closes; stop after a limit interrupted one."""
    _detach(parent)
    baseline = address_space()
    watch = Watch(publish=lambda text: _publish(stage, text))
    while True:
        try:
            index, path, settings = tasks.recv()
        except (EOFError, OSError):
            return
        limit_memory(settings.memory_limit, baseline)
        try:
            result = job.work(run, path, settings, watch)
        except ScriptlintError as exc:  # a run-level failure (a malformed pack): the run stops, exit 2
            try:
                answers.send(("error", index, exc))
            except Exception:  # an exception that cannot be sent: its message can
                answers.send(("error", index, str(exc)))
            return
        kind = "last" if watch.interrupted else "done"
        try:
            answers.send((kind, index, result))
        except (OSError, ValueError):
            return  # the run is gone
        except Exception as exc:  # a plugin's finding that cannot be sent (not picklable)
            message = f"the findings of this file could not be passed on: {type(exc).__name__}: {exc}"
            answers.send((kind, index, job.failed(run, path, run.rules["SL06"].at(run.display(path), message, line=1))))
        if watch.interrupted:
            return


def _publish(stage: mmap.mmap, text: str) -> None:
    data = text.encode("utf-8", errors="replace")[: _STAGE_BYTES - 2]
    stage[: 2 + len(data)] = len(data).to_bytes(2, "big") + data


def _detach(parent: int) -> None:
    """Make a fresh worker independent of the run's terminal and streams, and mortal with the run."""
    _die_with_parent()
    if os.getppid() != parent:  # the run died before the request took effect
        os._exit(0)
    # Ctrl-C goes to the whole process group: the run handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP", "SIGALRM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(devnull, descriptor)
    os.close(devnull)


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this process when its parent dies (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc: Any = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no C library to ask: the pipe still ends it
        pass
