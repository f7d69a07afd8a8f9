"""Which of saga's own source files a module or notebook depends on, from its import statements,
so fingerprints hash the code that feeds an output and nothing else; and the one way a
fingerprint hashes a list of files."""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # saga/


def saga_imports(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every saga module that `source` (the text of `module`) imports, relative imports
    resolved; for `from saga.x import y` both saga.x and saga.x.y count (y may be a module)."""
    package = module if is_package else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "saga"}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            prefix = base if node.level else ""
            target = ".".join(filter(None, [prefix, node.module or ""]))
            if target.split(".")[0] != "saga":
                continue
            found.add(target)
            found |= {f"{target}.{a.name}" for a in node.names}
    return found


def module_file(module: str) -> Path | None:
    """saga/x/y.py or saga/x/y/__init__.py for "saga.x.y"; None for a name that is no module."""
    base = PACKAGE.parent.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1024)
def _file_imports(path: Path, module: str, stamp: tuple[int, int]) -> frozenset[str]:
    """saga_imports of one source file, parsed once per process for each (mtime, size): the
    book build asks for the closure of every notebook, and they share most modules."""
    source = path.read_text(encoding="utf-8")
    return frozenset(saga_imports(source, module, path.name == "__init__.py"))


def module_closure(modules: set[str]) -> list[Path]:
    """The source files of `modules`, their parent packages and every saga module they import,
    transitively (imports inside functions count too), sorted."""
    seen: dict[str, Path] = {}
    todo = list(modules)
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for k in range(1, len(parts) + 1):  # importing saga.a.b runs saga/__init__, saga/a/__init__
            prefix = ".".join(parts[:k])
            if prefix in seen or (path := module_file(prefix)) is None:
                continue
            seen[prefix] = path
            stat = path.stat()
            todo += _file_imports(path, prefix, (stat.st_mtime_ns, stat.st_size))
    return sorted(set(seen.values()))


def files_digest(files: Iterable[tuple[str, Path]], head: str = "") -> str:
    """sha256 over head and each (name, file) in the order given: the name and the sha256 of the
    file's bytes, or "missing". The data stamp, the notebook cache, the single page and the data
    downloads all key their outputs with it, so a file renamed, added, removed or edited
    changes the key alike."""
    digest = hashlib.sha256(f"{head}\0".encode())
    for name, path in files:
        content = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"
        digest.update(f"{name}\0{content}\n".encode())
    return digest.hexdigest()
