"""Make data changes visible to the execution cache, so exactly the notebooks whose inputs
changed re-execute.

Jupyter-cache keys a notebook only on its code cells, so a notebook whose data changed would
be served from the cache. Each notebook declares what it reads in its metadata::

    "metadata": {"saga": {"reads": ["paragraphs", "mentions", "lexicon"]}}

where an entry is a processed table name (data/processed/<name>.parquet), ``lexicon``
(data/lexicon/**), ``annotations`` (data/annotations/**), or a path relative to the project
root. The code a notebook uses is read from its import statements: the saga modules its code
cells import and, transitively, the saga modules those import (saga.deps). ``prepare_cache(root)``
fingerprints those inputs and drops the jupyter-cache record of exactly the notebooks whose
inputs changed since the last build, so only they re-execute.
"""

from __future__ import annotations

import json
from pathlib import Path

from saga.deps import PACKAGE, files_digest, module_closure, saga_imports
from saga.paths import project_root

CACHE_DIR = Path("_build") / ".jupyter_cache"


FINGERPRINTS = Path("_build") / ".saga_fingerprints.json"


NOTEBOOKS = Path("notebooks")


GROUPS = {"lexicon": Path("data") / "lexicon", "annotations": Path("data") / "annotations"}


# Every notebook also depends on the pinned environment and on the saga code it imports: the
# cache keys only on the notebook's own code cells, not on the package they call.
IMPLICIT = ["requirements.txt"]
CODE = "code"  # the entry under which a notebook's saga modules are hashed


def notebook_reads(path: Path) -> list[str]:
    """The inputs a notebook declares in metadata.saga.reads."""
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    reads = meta.get("saga", {}).get("reads", [])
    if not isinstance(reads, list) or not all(isinstance(r, str) for r in reads):
        raise ValueError(f"{path}: metadata.saga.reads must be a list of strings")
    return reads


def notebook_code(path: Path) -> list[Path]:
    """saga's source files that the notebook's code cells import, transitively."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            source = "".join(cell.get("source", []))
            lines = [x for x in source.splitlines() if not x.lstrip().startswith(("%", "!"))]
            try:
                modules |= saga_imports("\n".join(lines), "notebook")
            except SyntaxError:
                continue
    return module_closure(modules)


def input_files(entry: str, root: Path, data_root: Path | None = None) -> list[Path]:
    """The files one reads-entry stands for (may include files that do not exist yet)."""
    base = data_root or root
    if entry in GROUPS:
        folder = base / GROUPS[entry]
        return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else [folder]
    if entry in IMPLICIT:
        return [root / entry]
    if "/" in entry or "." in entry:
        p = base / entry
        return sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
    return [base / "data" / "processed" / f"{entry}.parquet"]


def fingerprint(
    reads: list[str], root: Path, data_root: Path | None = None, code: list[Path] = ()
) -> str:
    """sha256 over (entry, relative path, content hash or 'missing') of every input file, and of
    the saga source files in `code`."""
    base = data_root or root
    named = [(f"{CODE}\0{f.relative_to(PACKAGE.parent).as_posix()}", f) for f in code]
    for entry in sorted(set(reads)):
        for f in input_files(entry, root, data_root):
            named.append(
                (f"{entry}\0{f.relative_to(root if entry in IMPLICIT else base).as_posix()}", f)
            )
    return files_digest(named)


def notebook_fingerprint(nb: Path, root: Path) -> str:
    """Fingerprint of everything one notebook's outputs depend on besides its own code."""
    return fingerprint(notebook_reads(nb) + IMPLICIT, root, project_root(root), notebook_code(nb))


def _drop_cache_records(cache_dir: Path, nb_path: Path) -> int:
    """Remove every jupyter-cache record of this notebook (by URI and by code hash)."""
    if not cache_dir.exists():
        return 0
    import nbformat
    from jupyter_cache import get_cache

    cache = get_cache(str(cache_dir))
    pks = {r.pk for r in cache.list_cache_records() if Path(r.uri).resolve() == nb_path.resolve()}
    try:
        nb = nbformat.read(str(nb_path), as_version=4)
        pks.add(cache.match_cache_notebook(nb).pk)
    except KeyError:
        pass
    for pk in sorted(pks):
        cache.remove_cache(pk)
    return len(pks)


def prepare_cache(root: Path | str | None = None, *, verbose: bool = True) -> list[str]:
    """Invalidate the execution cache of notebooks whose declared inputs changed.

    Returns the notebook paths (relative to root) whose records were dropped or that had no
    fingerprint yet. Data is read from $SAGA_ROOT when set (as the notebooks do)."""
    root = Path(root).resolve() if root else project_root()
    cache_dir = root / CACHE_DIR
    fp_file = root / FINGERPRINTS
    old = json.loads(fp_file.read_text(encoding="utf-8")) if fp_file.is_file() else {}
    new: dict[str, str] = {}
    changed: list[str] = []
    for nb in sorted((root / NOTEBOOKS).glob("*.ipynb")):
        key = nb.relative_to(root).as_posix()
        new[key] = notebook_fingerprint(nb, root)
        if old.get(key) != new[key]:
            dropped = _drop_cache_records(cache_dir, nb)
            changed.append(key)
            if verbose:
                why = "inputs changed" if key in old else "no fingerprint yet"
                print(f"book-prepare: {key}: {why}; dropped {dropped} cache record(s)")
    fp_file.parent.mkdir(parents=True, exist_ok=True)
    fp_file.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return changed
