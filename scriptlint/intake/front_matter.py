"""YAML mappings with exact line numbers: a script's front matter, sidecar manifests and data files.

Every reader names what it reads ("front matter", "sidecar manifest", "pack", "data file"), so that
messages say which kind of file is wrong without rewriting them afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any

from scriptlint.intake.decoding import decode
from scriptlint.model.records import record

if TYPE_CHECKING:
    import yaml

_FENCE = "---"
_CLOSING_FENCES = ("---", "...")
# A front matter whose values expand (through YAML aliases) to more than this is refused: it is
# either a mistake or an alias bomb aimed at the linter.
MAX_FRONT_MATTER_VALUES = 10_000


_NOT_A_MANIFEST = "the file starts with '---' but what follows is no manifest: it "
_READ_AS_SCRIPT = (
    ", so the whole file was read as the script and has no manifest (close front matter with a '---' line"
    " and put only manifest keys in it, or give the manifest in a sidecar)"
)


@record(frozen=True)
class FrontMatter:
    """The manifest part of a script: its data, where each key stands, and what was wrong with it."""

    data: Mapping[str, Any] = field(default_factory=dict)
    key_lines: Mapping[tuple[str, ...], int] = field(default_factory=dict)
    # (line, message) pairs for YAML that could not be read as a manifest.
    errors: tuple[tuple[int, str], ...] = ()
    # The number of lines the front matter occupies, fences included (0 when there is none).
    line_count: int = 0


def split_front_matter(text: str, read: Callable[[str], FrontMatter] | None = None) -> tuple[FrontMatter, str]:
    """Separate the front matter from the template; the template keeps its lines (front matter blanked).
    `read` parses the front matter's YAML (by default read_front_matter; a run passes one that keeps it)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        return FrontMatter(), text
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSING_FENCES:
            yaml_lines = [line for line in lines[1:index] if not line.lstrip().startswith("#")]
            if any("{%" in line or "{{" in line for line in yaml_lines):
                # A YAML document with template tags (a Kubernetes template) is the script, not its manifest.
                return FrontMatter(errors=((1, _NOT_A_MANIFEST + "holds template tags" + _READ_AS_SCRIPT),)), text
            front = (read or read_front_matter)("\n".join(lines[1:index]))
            if front.data and not front.errors and not _manifest_like(front.data):
                # A YAML document (apiVersion, kind...) with no manifest key, nor a near miss of one.
                return FrontMatter(errors=((1, _NOT_A_MANIFEST + "has no manifest key" + _READ_AS_SCRIPT),)), text
            front = FrontMatter(front.data, front.key_lines, front.errors, line_count=index + 1)
            # Blank lines in place of the manifest keep every template line number exact.
            body = "\n" * (index + 1) + "\n".join(lines[index + 1 :])
            return front, body
    error = (1, _NOT_A_MANIFEST + "is never closed by a '---' line" + _READ_AS_SCRIPT)
    return FrontMatter(errors=(error,)), text


def read_front_matter(yaml_text: str) -> FrontMatter:
    """A script's front matter (the YAML between its fences, which starts on the file's second line)."""
    return parse_front_matter(yaml_text, first_line=2)


def _manifest_like(data: Mapping[str, Any]) -> bool:
    """Whether some top-level key is a manifest key or close to one (a misspelt manifest is still one)."""
    from scriptlint.model.manifest import SCHEMA
    from scriptlint.model.values import did_you_mean

    keys = tuple(SCHEMA)
    return any(key in SCHEMA or did_you_mean(str(key), keys) for key in data)


def parse_front_matter(yaml_text: str, first_line: int, what: str = "front matter") -> FrontMatter:
    """Read YAML with the safe loader only, keeping the line of every top-level and section key."""
    # Imported here: a run answered from the cache reads no YAML. libyaml's safe loader when PyYAML was
    # built with it (much faster on the packs), else the pure-Python one; both refuse Python tags.
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(yaml_text)
    except yaml.YAMLError as exc:  # the reader refuses control characters before parsing starts
        return FrontMatter(errors=((first_line, f"{what} is not valid YAML: {exc}"),))
    try:
        node = loader.get_single_node()
        if node is None:
            return FrontMatter()
        if not isinstance(node, yaml.MappingNode):
            return FrontMatter(errors=((first_line, f"the {what} must be a mapping of keys"),))
        size = _expanded_size(node, {})
        if size > MAX_FRONT_MATTER_VALUES:
            return FrontMatter(
                errors=(
                    (
                        first_line,
                        f"the {what} expands to more than {MAX_FRONT_MATTER_VALUES:,} values (YAML aliases); refused",
                    ),
                )
            )
        key_lines, duplicate_errors = _key_lines(node, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark is not None else 0)
        return FrontMatter(errors=((line, f"{what} is not valid YAML: {exc.problem or exc}"),))
    except yaml.YAMLError as exc:
        return FrontMatter(errors=((first_line, f"{what} is not valid YAML: {exc}"),))
    except RecursionError:
        return FrontMatter(errors=((first_line, f"{what} is nested too deeply"),))
    except (ValueError, OverflowError) as exc:  # a value YAML accepts but Python refuses (a 5,000-digit number)
        return FrontMatter(errors=((first_line, f"{what} holds a value that cannot be read: {exc}"[:300]),))
    finally:
        loader.dispose()
    return FrontMatter(data=data, key_lines=key_lines, errors=tuple(duplicate_errors))


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many values the node stands for once aliases are expanded (memoised: bombs stay cheap)."""
    import yaml

    return _size(node, memo, yaml.SequenceNode, yaml.MappingNode)


def _size(node: yaml.Node, memo: dict[int, int], sequence: type, mapping: type) -> int:
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = 1  # A recursive alias counts once instead of looping.
    size = 1
    if isinstance(node, sequence):
        for child in node.value:
            size += _size(child, memo, sequence, mapping)
    elif isinstance(node, mapping):
        for key, value in node.value:
            size += _size(key, memo, sequence, mapping) + _size(value, memo, sequence, mapping)
    size = min(size, MAX_FRONT_MATTER_VALUES + 1)
    memo[id(node)] = size
    return size


def _key_lines(node: yaml.MappingNode, first_line: int) -> tuple[dict[tuple[str, ...], int], list[tuple[int, str]]]:
    """Lines of top-level keys and of keys one level down, plus errors for duplicated keys."""
    import yaml

    lines: dict[tuple[str, ...], int] = {}
    errors: list[tuple[int, str]] = []

    def visit(mapping: yaml.MappingNode, prefix: tuple[str, ...]) -> None:
        for key_node, value_node in mapping.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            keys = (*prefix, str(key_node.value))
            line = first_line + key_node.start_mark.line
            if keys in lines:
                errors.append((line, f"duplicate key {'.'.join(keys)!r} (first given on line {lines[keys]})"))
                continue
            lines[keys] = line
            if not prefix and isinstance(value_node, yaml.MappingNode):
                visit(value_node, keys)

    visit(node, ())
    return lines, errors


def read_yaml_file(data: bytes, what: str) -> FrontMatter:
    """A whole file of YAML (a sidecar manifest, a pack, a data file) as a mapping with its key lines;
    undecodable bytes and bad YAML are errors in the result, named as `what`."""
    from scriptlint.model import UnreadableDocument

    try:
        text = decode(data)
    except UnreadableDocument as exc:
        return FrontMatter(errors=((exc.line, f"{what}: {exc.message}"),))
    return parse_front_matter(text, first_line=1, what=what)
