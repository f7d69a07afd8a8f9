"""The package's shape: imports point down the layers, and no module grows past 400 lines.

Layers, lowest first: base (errors, paths, labels, deps) < corpus < records < analysis < present <
bookbuild, with the command line (cli, __main__, bench) on top. A module may import its own
layer and any lower one, never a higher one.
"""

from pathlib import Path

import pytest

from saga.deps import saga_imports

PACKAGE = Path(__file__).resolve().parent.parent / "saga"
LAYERS = ["base", "corpus", "records", "analysis", "present", "bookbuild", "tools"]
TOOLS = {"cli", "__main__", "bench"}
MAX_LINES = 400


def layer_of(module: str) -> str:
    """The layer of a dotted module name inside saga ("saga.corpus.money" -> "corpus")."""
    parts = module.split(".")[1:]
    if not parts or parts[0] in {"errors", "paths", "labels", "deps", "__init__"}:
        return "base"
    if parts[0] in TOOLS:
        return "tools"
    return parts[0]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(rel.parts).removesuffix(".__init__")


def imports_of(path: Path) -> set[str]:
    return saga_imports(
        path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py"
    )


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_layer_is_known():
    assert {layer_of(module_name(p)) for p in MODULES} <= set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_imports_point_down_the_layers(path):
    mine = LAYERS.index(layer_of(module_name(path)))
    upward = sorted(m for m in imports_of(path) if LAYERS.index(layer_of(m)) > mine)
    assert upward == [], f"{module_name(path)} imports a higher layer: {upward}"


def test_the_layer_check_sees_upward_imports_absolute_and_relative():
    source = "from saga.present import charts\nfrom ..analysis import naming\nimport saga.cli\n"
    found = saga_imports(source, "saga.corpus.money")
    assert {"saga.present.charts", "saga.analysis.naming", "saga.cli"} <= found
    assert {layer_of(m) for m in found} == {"present", "analysis", "tools"}
    assert layer_of("saga.labels") == "base" and layer_of("saga.corpus.store") == "corpus"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE.parent)))
def test_no_module_is_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it by job"
