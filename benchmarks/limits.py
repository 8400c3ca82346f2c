"""Hostile templates under the size limit against the per-file time budget: how far past its budget each
check runs, and the peak memory of the process that checks it.

Run: python -m benchmarks.limits [--budget 10]
Each template (all under the 1 MB size limit) is checked in a fresh process with `time-limit` = budget: the
process lints a small script first (imports, plugins, packs), then the template, and reports how long that
check took; the peak resident memory is the whole process's. Goals (issue 17): no check runs past its
budget by more than 10%, none takes more than 500 MB. Figures only.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

MANIFEST = "---\ncall_type: political\nrace: federal\nvolume: 5000\nsponsor: {name: Friends of Ana Ruiz}\n---\n"
_ITEMS = "[" + ", ".join(f"'i{n}'" for n in range(20)) + "]"


def nested_known_loops() -> str:
    """Five nested loops over known twenty-item lists (3.2 million walks of the innermost body)."""
    loops = "".join(f"{{% for x{depth} in {_ITEMS} %}}" for depth in range(5))
    return loops + "{% if c %}Word.{% endif %}" + "{% endfor %}" * 5 + "Paid for by Friends of Ana Ruiz."


def elif_chain() -> str:
    """One `if` with 2,560 arms (about 244 KB, as in issue 17)."""
    arms = "".join(
        f"{{% elif topic == 'topic number {i:05d}' %}}Topic {i} matters to this campaign.\n" for i in range(1, 2560)
    )
    return (
        "{% if topic == 'topic number 00000' %}Topic 0 matters.\n"
        + arms
        + "{% endif %}\nPaid for by Friends of Ana Ruiz."
    )


def short_ifs() -> str:
    """10,000 one-word `if` blocks before the opening."""
    return "".join(f"{{% if c{i} %}}Well{{% endif %}}\n" for i in range(10_000)) + "Hi, my name is Sam. Paid for by X."


def setting_ifs() -> str:
    """5,000 `if` blocks that each set a name, all read at the end."""
    sets = "".join(f"{{% if c{i} %}}{{% set v{i} = 'yes' %}}{{% endif %}}\n" for i in range(5_000))
    return sets + "".join(f"{{{{ v{i} }}}} " for i in range(5_000)) + "\nPaid for by X."


def long_output() -> str:
    """One line of 60,000 expressions (one output statement)."""
    return "Hi " + " ".join("{{ x }}" for _ in range(60_000)) + " paid for by X."


def plain_megabyte() -> str:
    """About a megabyte of plain text in one piece."""
    return ("I am calling about the election and paid for nothing at all. " * 16_000)[:1_000_000]


def rebuttal_gaps() -> str:
    """A rebuttals section whose rebuttals stand 100,000 blank lines apart (an answers section's paragraphs are
    looked ahead of once per run of blank lines: linear, not quadratic)."""
    return "Hi, my name is Sam.\n\nREBUTTALS\n\nWho pays? - We do.\n" + "\n" * 100_000 + "Who is this? - Sam.\n"


def answers_that_end_calls() -> str:
    """5,000 questions whose YES answer ends the call: what follows each is said only where no call ended, one
    flat test per stretch (nothing nests)."""
    unit = "Can we count on you?\n\nIF YES: Great! [END CALL]\n\nIF NO: Okay.\n\n"
    return "Hi, my name is Sam.\n\n" + unit * 5_000 + "Paid for by X.\n"


def recursive_macro() -> str:
    """A macro that calls itself on every path."""
    return "{% macro m(n) %}{% if a %}x{% endif %}{{ m(n) }}{% endmacro %}{{ m(1) }} Paid for by X."


SHAPES: dict[str, Callable[[], str]] = {
    "nested known loops": nested_known_loops,
    "2,560-arm elif chain": elif_chain,
    "10,000 short ifs": short_ifs,
    "5,000 ifs that set names": setting_ifs,
    "60,000 expressions on a line": long_output,
    "a megabyte of text": plain_megabyte,
    "rebuttals 100,000 blank lines apart": rebuttal_gaps,
    "5,000 answers that end the call": answers_that_end_calls,
    "recursive macro": recursive_macro,
}

_CHILD = """
import sys, time
from scriptlint.lint import open_session
session = open_session()
session.lint(["warm.j2"])
start = time.monotonic()
result = session.lint(["shape.j2"])
print(time.monotonic() - start, ",".join(sorted({f.code for f in result.findings if f.code.startswith("SL")})))
"""


def measure(source: str, budget: int) -> tuple[float, str, int]:
    """Seconds of the check, its SL codes, and the peak memory (KiB) of the process."""
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        (root / ".git").mkdir()
        (root / "setup.cfg").write_text(f"[tool:scriptlint]\ntime-limit = {budget}\n", encoding="utf-8")
        (root / "warm.j2").write_text(MANIFEST + "Hi, paid for by X.\n", encoding="utf-8")
        (root / "shape.j2").write_text(MANIFEST + source, encoding="utf-8")
        process = subprocess.Popen(
            [sys.executable, "-c", _CHILD], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        _, status, usage = os.wait4(process.pid, 0)
        output = process.stdout.read() if process.stdout else ""
        if os.waitstatus_to_exitcode(status) != 0:
            error = process.stderr.read() if process.stderr else ""
            raise SystemExit(f"the check failed: {error}")
        seconds, codes = output.split()[0], output.split()[1] if len(output.split()) > 1 else "-"
        return float(seconds), codes, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--budget", type=int, default=10, help="time-limit in seconds (default: the default)")
    args = parser.parse_args()
    print(f"time budget: {args.budget} s\n")
    print("| template | size | check s | past budget | SL codes | peak MB |")
    print("|---|---:|---:|---:|---|---:|")
    for name, build in SHAPES.items():
        source = build()
        seconds, codes, peak = measure(source, args.budget)
        over = max(0.0, seconds - args.budget) / args.budget * 100
        size = len((MANIFEST + source).encode("utf-8")) / 1024
        print(f"| {name} | {size:.0f} KB | {seconds:.2f} | {over:.0f}% | {codes} | {peak / 1024:.0f} |", flush=True)


if __name__ == "__main__":
    main()
