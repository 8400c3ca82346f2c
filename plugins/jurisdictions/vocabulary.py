"""Where the pack engine's vocabulary lives (vocabulary.yml: solicitation phrases, denial words, notes), and
its denial words as the checks and `scriptlint paths` both read them."""

from __future__ import annotations

from pathlib import Path

VOCABULARY_FILE = Path(__file__).parent / "vocabulary.yml"


def denials() -> tuple[str, ...]:
    """The words that deny a phrase said after them in its clause, in every language."""
    from scriptlint.intake.kept_data import read_data_file

    data = read_data_file(VOCABULARY_FILE)
    return tuple(str(word) for group in (data.get("denials") or {}).values() for word in group)
