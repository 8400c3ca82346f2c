"""The layout docs/architecture.md describes: no import cycle, small modules, every module documented."""

from __future__ import annotations

import grimp
import pytest
from conftest import REPO

MAX_LINES = 400


def _modules() -> list[str]:
    return sorted(grimp.build_graph("scriptlint", "scriptlint_plugins", cache_dir=None).modules)


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("scriptlint", "scriptlint_plugins", cache_dir=None)
    cycles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            # A chain back from what it imports to the module itself is a cycle (type-only imports count).
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycles.append(" -> ".join((module, *chain)))
    assert not cycles, "import cycles:\n" + "\n".join(sorted(set(cycles))[:20])


@pytest.mark.parametrize("folder", ["scriptlint", "plugins"])
def test_no_module_is_over_400_lines(folder: str) -> None:
    long = {
        str(path.relative_to(REPO)): count
        for path in (REPO / folder).rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_architecture_doc_names_every_module_of_the_core() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = []
    for module in _modules():
        if not module.startswith("scriptlint.") or module.endswith("__main__"):
            continue
        parts = module.split(".")
        name = parts[-1]
        if name == "__init__" or (len(parts) == 2 and (REPO / "scriptlint" / name).is_dir()):
            continue  # a package: its modules are named
        if f"{name}.py" not in text and f"{name}/" not in text:
            missing.append(module)
    assert not missing, f"docs/architecture.md does not say where these are: {missing}"


def test_the_packages_load_their_public_names_on_first_use() -> None:
    import scriptlint
    from scriptlint import model

    assert scriptlint.lint_paths.__name__ == "lint_paths"
    assert scriptlint.Finding is model.Finding
    assert model.documents.__name__ == "scriptlint.model.documents"  # a module of the package
    assert {"Finding", "Script", "PathSearch"} <= set(dir(model))
    for package in (scriptlint, model):
        with pytest.raises(AttributeError):
            package.no_such_name  # noqa: B018
