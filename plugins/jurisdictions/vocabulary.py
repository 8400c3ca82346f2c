"""Where the pack engine's vocabulary lives (vocabulary.yml: solicitation phrases, denial words, notes), and
its denial words as the checks and `scriptlint paths` both read them."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

VOCABULARY_FILE = Path(__file__).parent / "vocabulary.yml"


def denials(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The words that deny a phrase said after them in its clause, in every language, from the vocabulary."""
    return tuple(str(word) for group in (data.get("denials") or {}).values() for word in group)
