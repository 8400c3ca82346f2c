"""Path-analysis figures: independent branches, nesting depth, and the cost of one search.

Run: python -m benchmarks.paths
Prints, for templates with N independent `if` blocks (2^N paths), the time of an exact "is the
disclaimer said on every path, and how late at the latest?" search, against a plain template of the
same text; and what 300 nested `if`s give (a finding, not a crash).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scriptlint.analysis.jinja import ConfinedLoader, make_environment, parse
from scriptlint.analysis.paths import PathAnalysis
from scriptlint.analysis.queries import phrases
from scriptlint.lint import lint_text

DISCLAIMER = phrases(["paid for by", "pagado por"])


def independent_ifs(count: int) -> str:
    """`count` independent if/else blocks, then a disclaimer on one branch of a last choice."""
    blocks = [
        f"{{% if c{i} %}}Point {i} is about the economy.{{% else %}}Point {i} is about health care.{{% endif %}}\n"
        for i in range(count)
    ]
    return "".join(blocks) + "{% if lang == 'es' %}Gracias.{% else %}Paid for by Friends of Ana Ruiz.{% endif %}\n"


def plain(count: int) -> str:
    """The same amount of text without any branch."""
    return "".join(f"Point {i} is about the economy.\n" for i in range(count)) + "Paid for by Friends of Ana Ruiz.\n"


def timed(function: Callable[[], object], repeat: int = 15) -> float:
    """Median wall time in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def search_cost(root: Path, source: str) -> tuple[float, str]:
    path = root / "script.j2"
    path.write_text(source, encoding="utf-8")
    environment = make_environment(ConfinedLoader(root, 10_000_000), lambda env: None)
    parsed = parse(environment, source, os.path.realpath(path))

    def run() -> object:
        analysis = PathAnalysis(environment, parsed, "script.j2", {}, lambda p: p)
        return analysis.search(DISCLAIMER.pattern, DISCLAIMER.max_chars)

    result = PathAnalysis(environment, parsed, "script.j2", {}, lambda p: p).search(
        DISCLAIMER.pattern, DISCLAIMER.max_chars
    )
    answer = f"missing on {len(result.missing)} condition(s): {[m.condition for m in result.missing]}"
    return timed(run), answer


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        print(f"{'branches':>8} {'paths':>16} {'search ms':>10} {'plain ms':>9} {'extra ms':>9}  answer")
        for count in (0, 10, 20, 40, 80):
            branched, answer = search_cost(root, independent_ifs(count))
            flat, _ = search_cost(root, plain(count))
            print(
                f"{count:>8} {2 ** (count + 1):>16,} {branched:>10.2f} {flat:>9.2f} {branched - flat:>9.2f}  {answer}"
            )
        deep = "---\ncall_type: political\nrace: federal\n---\n" + "{% if x %}" * 300 + "deep" + "{% endif %}" * 300
        start = time.perf_counter()
        findings = lint_text(deep, path="deep.j2", root=root, no_config=True)
        elapsed = (time.perf_counter() - start) * 1000
        sl04 = [f"{f.line}:{f.column} {f.code} {f.message}" for f in findings if f.code == "SL04"]
        print(f"300 nested ifs: {elapsed:.1f} ms, {sl04}")


if __name__ == "__main__":
    main()
