"""Imports point down: no import cycle among allguide's modules, no layer importing a higher one.

Each module is read with ast, so imports inside functions count too (they run later,
but a cycle through them is still a cycle), and nothing of the package is executed.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import allguide

PACKAGE = Path(allguide.__file__).parent

# The package's layers, lowest first, as the code stands: a module imports from its own
# layer and the ones below, never from one above. A new subpackage gets its place here.
LAYERS = [
    ["allguide"],  # only the package itself (empty)
    # What the package relies on in other libraries beyond their documented API, and the
    # project being built: neither imports any other module of the package.
    ["allguide.upstream", "allguide.project"],
    ["allguide.languages", "allguide.figures"],  # language table, word breaks, fonts; figures
    ["allguide.catalogs"],  # catalogs: reading, checks, update, format, statistics
    # The build. These use one another module by module (the handouts builder runs the
    # catalog guard extension, the site listing extension reads the site's language list),
    # so they are one layer; within it, only cycles are refused.
    ["allguide.sphinxext", "allguide.handouts", "allguide.site"],
    ["allguide.devtools", "allguide.cli"],  # tools around the build, console scripts
]
# Imports up the layers that are known, each with the reason it is still there.
UPWARD = {
    ("allguide.catalogs.checks.urgency", "allguide.sphinxext.when_to_call"): (
        "which messages are urgent is listed with the plan in its extension; imported "
        "inside functions, so the checks load it (and Sphinx) only for catalogs"
    ),
}


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its __init__.py)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def imported(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that importing `name` runs: each module it names, and the
    packages around those (their __init__ runs first) that are not around `name` itself."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}" if base else anchor
            # `from package import name`: a submodule if there is one, else the package.
            targets |= {
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            }
    around_self = {name, *_ancestors(name)}
    ran = set()
    for target in targets:
        ran |= {target, *_ancestors(target)}
    return {module for module in ran - around_self if module in known}


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def layer(name: str) -> int:
    """The layer of a module: that of the longest entry of LAYERS that holds it."""
    holders = [
        (len(entry), number)
        for number, entries in enumerate(LAYERS)
        for entry in entries
        if name == entry or name.startswith(f"{entry}.")
    ]
    if name != "allguide" and max(holders)[0] == len("allguide"):
        raise AssertionError(f"{name} is in no layer: give its subpackage a place in LAYERS")
    return max(holders)[1]


def test_the_graph_is_read():
    """The graph has the imports the code has, including those inside functions."""
    graph = import_graph()
    assert "allguide.catalogs.checks.language" in graph["allguide.sphinxext.catalog_guard"]
    assert "allguide.sphinxext.when_to_call" in graph["allguide.catalogs.checks.urgency"]


def test_no_import_cycle():
    try:
        order = list(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as error:
        # Each node of the cycle is imported by the next one.
        cycle = " imports ".join(reversed(error.args[1]))
        raise AssertionError(f"import cycle: {cycle}") from None
    assert len(order) == len(modules())


def test_lower_layers_never_import_higher_ones():
    upward = [
        f"{importer} (layer {layer(importer)}) imports {target} (layer {layer(target)})"
        for importer, targets in sorted(import_graph().items())
        for target in sorted(targets)
        if layer(target) > layer(importer) and not _known_upward(importer, target)
    ]
    assert not upward, "\n".join(upward)


def _known_upward(importer: str, target: str) -> bool:
    """Listed in UPWARD: the module itself, or a package around it (its __init__ runs)."""
    return any(
        importer == known_importer and (target == known or known.startswith(f"{target}."))
        for known_importer, known in UPWARD
    )


def test_known_upward_imports_are_still_there():
    """An exception that the code no longer needs is removed from UPWARD."""
    graph = import_graph()
    assert [pair for pair in UPWARD if pair[1] not in graph.get(pair[0], set())] == []
