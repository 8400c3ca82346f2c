"""Benchmarks: figures, not pass/fail (run them with `python -m benchmarks.NAME`)."""
