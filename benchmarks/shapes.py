"""Template shapes that stress the path analysis, at growing sizes: the cost curve of each over a plain script.

Run: python -m benchmarks.shapes [--sizes small|full|growth] [--repeat 3] [--wall]
Prints, per shape and size, the median CPU time of a whole check of one script (every bundled rule, through
`lint_text`; `--wall` for elapsed time) minus the time of a plain script of the same words, and whether the
check finished without SL04; then each shape's cost curve: a bar per size, and how the cost grows with the
size (the exponent k of cost ~ size^k between consecutive sizes: 1 is linear, 2 quadratic). `growth` adds
two doublings of the largest size. The shapes are those real configuration templates and vendor merge
logic have: many short `if` blocks, a logic-only macro called from many `if`s, deep nesting, long `elif`
chains, sequential and nested loops, `if`s that set names read later, and a loop whose body holds many
`if`s. Figures only.
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from scriptlint.lint import lint_text
from scriptlint.model.settings import Options

MANIFEST = """---
call_type: political
race: federal
delivery: live
volume: 5000
sponsor: {name: Friends of Ana Ruiz, authorized_by: Ana Ruiz}
origin: {facility: call_center, state: NV}
caller: {paid: true}
target_states: [NV]
---
"""
OPENING = "Hi, my name is {{ caller }} and I'm calling for Friends of Ana Ruiz.\n"
CLOSING = "Can we count on your vote?\nPaid for by Friends of Ana Ruiz. Thank you!\n"


def short_ifs(n: int) -> str:
    """`n` independent one-word `if` blocks before the opening."""
    return "".join(f"{{% if c{i} %}}Well{{% endif %}}\n" for i in range(n)) + OPENING + CLOSING


def macro_from_ifs(n: int) -> str:
    """A ten-line macro of logic only (if/for/set, no words), called from `n` independent `if` blocks."""
    macro = (
        "{% macro pick(items, key) %}{% set ns = namespace(found=false) %}"
        "{% for item in items %}{% if item == key %}{% set ns.found = true %}{% endif %}{% endfor %}"
        "{% if ns.found %}{% set mode = 'a' %}{% else %}{% set mode = 'b' %}{% endif %}"
        "{% for x in items %}{% if x %}{% set last = x %}{% endif %}{% endfor %}{% endmacro %}\n"
    )
    calls = "".join(f"{{% if c{i} %}}{{{{ pick(list{i}, key{i}) }}}}{{% endif %}}\n" for i in range(n))
    return macro + OPENING + calls + CLOSING


def nested_ifs(n: int) -> str:
    """`n` nested `if` blocks, one word in each."""
    return OPENING + "".join(f"{{% if d{i} %}}word " for i in range(n)) + "{% endif %}" * n + "\n" + CLOSING


def elif_chain(n: int) -> str:
    """One `if` with `n` arms, a short sentence in each."""
    arms = "".join(f"{{% elif topic == 't{i}' %}}Topic {i} matters.\n" for i in range(1, n))
    return OPENING + "{% if topic == 't0' %}Topic 0 matters.\n" + arms + "{% endif %}\n" + CLOSING


def sequential_loops(n: int) -> str:
    """`n` loops one after the other, an `if` in each body."""
    loops = "".join(f"{{% for x in items{i} %}}{{% if x %}}Item.{{% endif %}}{{% endfor %}}\n" for i in range(n))
    return OPENING + loops + CLOSING


def nested_loops(n: int) -> str:
    """`n` loops nested in each other, a word in the innermost."""
    return OPENING + "".join(f"{{% for x{i} in items{i} %}}" for i in range(n)) + "word" + "{% endfor %}" * n + CLOSING


def setting_ifs(n: int) -> str:
    """`n` `if` blocks that each set a name, all read at the end."""
    sets = "".join(f"{{% if c{i} %}}{{% set v{i} = 'yes' %}}{{% endif %}}\n" for i in range(n))
    reads = "".join(f"{{{{ v{i} }}}} " for i in range(n))
    return OPENING + sets + reads + "\n" + CLOSING


def loop_with_ifs(n: int) -> str:
    """One loop whose body holds `n` short `if` blocks."""
    body = "".join(f"{{% if x.f{i} %}}Yes{{% endif %}} " for i in range(n))
    return OPENING + "{% for x in rows %}" + body + "{% endfor %}\n" + CLOSING


SHAPES: dict[str, tuple[Callable[[int], str], tuple[int, ...], tuple[int, ...]]] = {
    "short ifs before the opening": (short_ifs, (10, 20), (10, 20, 40, 80)),
    "macro called from ifs": (macro_from_ifs, (2, 6), (2, 6, 10, 20)),
    "nested ifs": (nested_ifs, (10, 25), (10, 25, 50, 100)),
    "elif chain": (elif_chain, (25, 50), (25, 50, 100, 200)),
    "sequential loops": (sequential_loops, (5, 10), (5, 10, 20, 40)),
    "nested loops": (nested_loops, (3, 5), (3, 5, 8, 12)),
    "ifs that set names": (setting_ifs, (10, 20), (10, 20, 40)),
    "loop with ifs": (loop_with_ifs, (5, 10), (5, 10, 20)),
}


def check_ms(
    source: str, root: Path, repeat: int, clock: Callable[[], float] = time.process_time
) -> tuple[float, list[str]]:
    """Median milliseconds of a whole check of `source`, and the SL codes it gave."""
    samples = []
    codes: list[str] = []
    for _ in range(repeat):
        start = clock()
        findings = lint_text(source, path="shape.j2", root=root, no_config=True, options=Options())
        samples.append((clock() - start) * 1000)
        codes = sorted({f.code for f in findings if f.code.startswith("SL")})
    return statistics.median(samples), codes


def sizes_of(small: tuple[int, ...], full: tuple[int, ...], which: str) -> tuple[int, ...]:
    """The sizes measured: the small ones, the full ones, or those and two doublings of the largest."""
    if which == "small":
        return small
    if which == "growth":
        return (*full, full[-1] * 2, full[-1] * 4)
    return full


def curve(points: list[tuple[int, float]], width: int = 40) -> list[str]:
    """A bar per size (scaled to the largest cost) and the growth exponent from the size before."""
    top = max((cost for _, cost in points), default=0.0)
    lines = []
    for position, (size, cost) in enumerate(points):
        bar = "#" * (round(width * cost / top) if top > 0 else 0)
        growth = ""
        if position:
            before_size, before = points[position - 1]
            if before > 0.5 and cost > 0.5:
                growth = f"  k={math.log(cost / before) / math.log(size / before_size):.1f}"
        lines.append(f"  {size:>6} {cost:9.1f} ms {bar}{growth}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", choices=("small", "full", "growth"), default="full")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wall", action="store_true", help="elapsed time instead of this process's CPU time")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time
    curves: dict[str, list[tuple[int, float]]] = {}
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        check_ms(MANIFEST + OPENING + CLOSING, root, 2, clock)  # warm up: plugins, wording, compiled patterns
        base, _ = check_ms(MANIFEST + OPENING + CLOSING, root, max(args.repeat, 5), clock)
        print(f"plain script: {base:.1f} ms {'elapsed' if args.wall else 'CPU'} (subtracted below)\n")
        print("| shape | size | ms over plain | SL codes |")
        print("|---|---|---|---|")
        for name, (build, small, full) in SHAPES.items():
            for size in sizes_of(small, full, args.sizes):
                elapsed, codes = check_ms(MANIFEST + build(size), root, args.repeat, clock)
                curves.setdefault(name, []).append((size, max(0.0, elapsed - base)))
                print(f"| {name} | {size} | {elapsed - base:.1f} | {', '.join(codes) or '-'} |", flush=True)
    print("\nCost curves (ms over plain; k: cost grows as size^k from the size before)")
    for name, points in curves.items():
        print(name)
        print("\n".join(curve(points)))


if __name__ == "__main__":
    main()
