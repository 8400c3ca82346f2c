"""The performance benchmark: scriptlint against the floor, side by side in one run.

Run: python -m benchmarks.run [--files 1000] [--large 10000] [--repeat 7] [--quick]
Prints a Markdown table (docs/performance.md records one) with, on a generated corpus:
the floor (read + YAML front matter + Jinja parse + one regex per file, in one process), scriptlint
in one process, scriptlint with --jobs, a re-run answered from the warm cache, the one-file latency
against `python -c "import jinja2, pluggy, click, regex"`, the peak memory of one process on the
large corpus, and the cost of 40 independent branches over a plain template. Figures only: nothing
here passes or fails (CI runs it with --quick so that it keeps working).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import regex
import yaml

from benchmarks.corpus import generate
from scriptlint.run.parallel import available_cpus

BARE_IMPORT = [sys.executable, "-c", "import jinja2, pluggy, click, regex"]


def scriptlint_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m scriptlint`."""
    script = Path(sys.executable).parent / "scriptlint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "scriptlint"]


def floor(files: Sequence[Path]) -> float:
    """Seconds to read, split front matter, parse the YAML and the Jinja body, and run one regex per file."""
    environment = jinja2.Environment()
    pattern = regex.compile(r"paid\s+for\s+by", regex.IGNORECASE)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    start = time.perf_counter()
    for path in files:
        text = path.read_bytes().decode("utf-8")
        _, front, body = text.split("---\n", 2) if text.startswith("---\n") else ("", "", text)
        yaml.load(front, Loader=loader)
        environment.parse(body)
        pattern.search(body)
    return time.perf_counter() - start


def timed_run(command: Sequence[str], cwd: Path) -> tuple[float, int, int]:
    """Wall seconds, exit status and peak resident memory (KiB) of one command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        error = process.stderr.read().decode("utf-8", "replace")
        process.stderr.close()
        if process.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} exited {process.returncode}: {error}")
    return elapsed, process.returncode, usage.ru_maxrss


def median_latency(command: Sequence[str], cwd: Path, repeat: int) -> float:
    """Median wall seconds over `repeat` runs (after one warm-up run)."""
    timed_run(command, cwd)
    return statistics.median(timed_run(command, cwd)[0] for _ in range(repeat))


def interleaved_latency(commands: dict[str, list[str]], cwd: Path, repeat: int) -> dict[str, float]:
    """Median wall seconds of several commands, run in turn so that machine noise hits all alike."""
    for command in commands.values():
        timed_run(command, cwd)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            samples[name].append(timed_run(command, cwd)[0])
    return {name: statistics.median(values) for name, values in samples.items()}


def branch_cost() -> tuple[float, float]:
    """Milliseconds of one exact every-path search: 40 independent if/else blocks, and the same text plain."""
    from benchmarks.paths import independent_ifs, plain, search_cost

    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        branched, _ = search_cost(root, independent_ifs(40))
        flat, _ = search_cost(root, plain(40))
    return branched, flat


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="scripts in the main corpus")
    parser.add_argument("--large", type=int, default=10000, help="scripts in the memory corpus (0: skip)")
    parser.add_argument("--repeat", type=int, default=7, help="runs per latency figure")
    parser.add_argument("--jobs", type=int, default=available_cpus(), help="worker processes for the --jobs row")
    parser.add_argument("--quick", action="store_true", help="a small corpus and few repeats (CI)")
    arguments = parser.parse_args(argv)
    if arguments.quick:
        arguments.files, arguments.large, arguments.repeat = 40, 60, 2
    return arguments


def compile_bytecode() -> None:
    """Installed packages carry compiled bytecode; a source checkout (or PYTHONDONTWRITEBYTECODE) may not."""
    import scriptlint_plugins

    import scriptlint

    for package in (scriptlint, scriptlint_plugins):
        compileall.compile_dir(str(Path(package.__file__ or "").parent), quiet=1)


def measure(arguments: argparse.Namespace, work: Path) -> dict[str, Any]:
    """Every figure of the report, measured side by side in this one run."""
    figures: dict[str, Any] = {}
    files = generate(work / "corpus", arguments.files)
    corpus = work / "corpus"
    figures["files"], figures["kb"] = len(files), statistics.mean(p.stat().st_size for p in files) / 1024
    figures["floor"] = min(floor(files) for _ in range(3))
    check = [*scriptlint_command(), "check", "--quiet", "--no-config"]
    figures["single"], figures["status"], _ = timed_run([*check, "--no-cache", "--jobs", "1", "."], corpus)
    figures["jobs"], _, _ = timed_run([*check, "--no-cache", "--jobs", str(arguments.jobs), "."], corpus)
    cache = work / "cache"
    timed_run([*check, "--cache-dir", str(cache), "--jobs", str(arguments.jobs), "."], corpus)
    figures["warm"], _, _ = timed_run([*check, "--cache-dir", str(cache), "."], corpus)
    # New scripts on a machine that ran scriptlint before: no answer cached, the compiled patterns, the parsed
    # data files and the gazetteer's answers kept (not the scripts' manifests: new scripts have new ones).
    kept_only = work / "kept-only"
    for kept in ("patterns", "data", "values"):
        if (cache / kept).is_dir():
            shutil.copytree(cache / kept, kept_only / kept)
    figures["new"], _, _ = timed_run([*check, "--cache-dir", str(kept_only), "--jobs", "1", "."], corpus)
    one = files[0].name
    # A vendor's script (paid callers in a call center or a prison): CO02 asks whether it says where the calls
    # come from, so its first check in a process also looks the origin up in the gazetteer.
    vendor = next((path.name for path in files if _vendor_script(path)), None)
    # A file changed since the last run (pre-commit's case for the files a commit touches): its answer is
    # dropped before each run (the shell and rm cost about 2 ms), the compiled patterns and parsed data stay.
    changed = ["sh", "-c", 'rm -rf "$0"/v[0-9]*; exec "$@"', str(kept_only), *check, "--cache-dir", str(kept_only)]
    commands = {
        "bare": BARE_IMPORT,
        "warm": [*check, "--cache-dir", str(cache), one],
        "changed": [*changed, one],
        "cold": [*check, "--no-cache", one],
    }
    if vendor is not None:
        commands["vendor"] = [*changed, vendor]
    figures["latency"] = interleaved_latency(commands, corpus, arguments.repeat)
    figures["peak"] = None
    if arguments.large:
        large = work / "large"
        generate(large, arguments.large, seed=2020)
        _, _, figures["peak"] = timed_run([*check, "--no-cache", "--jobs", "1", "."], large)
    figures["branched"], figures["flat"] = branch_cost()
    return figures


def _vendor_script(path: Path) -> bool:
    """Whether a generated script's calls come from paid callers in a call center or a prison."""
    return any(f"facility: {kind}" in path.read_text(encoding="utf-8") for kind in ("call_center", "correctional"))


def report(arguments: argparse.Namespace, f: dict[str, Any]) -> str:
    """The figures as Markdown."""
    floor_seconds, single, jobs, warm = f["floor"], f["single"], f["jobs"], f["warm"]
    latency = f["latency"]
    lines = [
        f"Corpus: {f['files']:,} generated scripts, mean {f['kb']:.1f} KB; {available_cpus()} CPUs;"
        f" Python {sys.version.split()[0]}; exit status of the lint run: {f['status']}.",
        "",
        "| run | time | x floor |",
        "|---|---:|---:|",
        f"| floor (read + front matter + Jinja parse + 1 regex) | {floor_seconds:.2f} s | 1.00 |",
        f"| scriptlint, 1 process, no cache | {single:.2f} s | {single / floor_seconds:.2f} |",
        f"| scriptlint --jobs {arguments.jobs}, no cache | {jobs:.2f} s | {jobs / floor_seconds:.2f} |",
        f"| scriptlint, 1 process, new files (patterns and data kept) | {f['new']:.2f} s |"
        f" {f['new'] / floor_seconds:.2f} |",
        f"| scriptlint re-run, warm cache | {warm:.2f} s | {warm / floor_seconds:.2f} |",
        "",
        f"Floor: {floor_seconds / f['files'] * 1000:.2f} ms per file. One process: {single / f['files'] * 1000:.2f} ms"
        " per file.",
        f"--jobs {arguments.jobs} speed-up over one process: {single / jobs:.2f}x.",
        f"Warm-cache re-run speed-up over one process: {single / warm:.1f}x.",
        "",
        f"| one file | median of {arguments.repeat} | x bare import |",
        "|---|---:|---:|",
    ]
    for name, label in (("bare", "python -c 'import jinja2, pluggy, click, regex'"),
                        ("warm", "scriptlint check ONE.j2 (cached)"),
                        ("changed", "scriptlint check ONE.j2 (changed since: not cached, patterns and data kept)"),
                        ("vendor", "the same for a paid call center's or prison's script (its origin looked up)"),
                        ("cold", "scriptlint check --no-cache ONE.j2")):  # fmt: skip
        if name in latency:
            lines.append(f"| {label} | {latency[name] * 1000:.0f} ms | {latency[name] / latency['bare']:.2f} |")
    lines.append("")
    if f["peak"] is not None:
        lines.append(f"Peak memory, one process, {arguments.large:,} files: {f['peak'] / 1024:.0f} MB.")
    lines.append(
        f"40 independent branches: {f['branched']:.1f} ms vs {f['flat']:.1f} ms plain"
        f" (+{f['branched'] - f['flat']:.1f} ms)."
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Generate the corpora, measure, print the report."""
    arguments = parse_arguments(argv)
    compile_bytecode()
    with tempfile.TemporaryDirectory() as directory:
        figures = measure(arguments, Path(directory))
    print(report(arguments, figures))


if __name__ == "__main__":
    main()
