"""Book helpers: make data changes visible to the execution cache, and notebook utilities.

Jupyter-cache keys a notebook only on its code cells, so a notebook whose data changed would
be served from the cache. Each notebook declares what it reads in its metadata::

    "metadata": {"saga": {"reads": ["paragraphs", "mentions", "lexicon"]}}

where an entry is a processed table name (data/processed/<name>.parquet), ``lexicon``
(data/lexicon/**), ``annotations`` (data/annotations/**), or a path relative to the project
root. ``prepare_cache(root)`` fingerprints those inputs and drops the jupyter-cache record of
exactly the notebooks whose inputs changed since the last build, so only they re-execute.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .paths import project_root

CACHE_DIR = Path("_build") / ".jupyter_cache"
FINGERPRINTS = Path("_build") / ".saga_fingerprints.json"
NOTEBOOKS = Path("notebooks")
GROUPS = {"lexicon": Path("data") / "lexicon", "annotations": Path("data") / "annotations"}
# Every notebook also depends on the analysis code and the pinned environment: the cache
# keys only on the notebook's own code cells, not on the saga package they call.
IMPLICIT = ["saga", "requirements.txt"]


def notebook_reads(path: Path) -> list[str]:
    """The inputs a notebook declares in metadata.saga.reads."""
    meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    reads = meta.get("saga", {}).get("reads", [])
    if not isinstance(reads, list) or not all(isinstance(r, str) for r in reads):
        raise ValueError(f"{path}: metadata.saga.reads must be a list of strings")
    return reads


def input_files(entry: str, root: Path, data_root: Path | None = None) -> list[Path]:
    """The files one reads-entry stands for (may include files that do not exist yet)."""
    base = data_root or root
    if entry in GROUPS:
        folder = base / GROUPS[entry]
        return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else [folder]
    if entry in IMPLICIT:
        p = root / entry
        files = sorted(p.rglob("*.py")) if p.is_dir() else [p]
        return [f for f in files if "__pycache__" not in f.parts]
    if "/" in entry or "." in entry:
        p = base / entry
        return sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
    return [base / "data" / "processed" / f"{entry}.parquet"]


def fingerprint(reads: list[str], root: Path, data_root: Path | None = None) -> str:
    """sha256 over (entry, relative path, content hash or 'missing') of every input file."""
    base = data_root or root
    h = hashlib.sha256()
    for entry in sorted(set(reads)):
        for f in input_files(entry, root, data_root):
            digest = hashlib.sha256(f.read_bytes()).hexdigest() if f.is_file() else "missing"
            rel = f.relative_to(root if entry in IMPLICIT else base).as_posix()
            h.update(f"{entry}\0{rel}\0{digest}\n".encode())
    return h.hexdigest()


def notebook_fingerprint(nb: Path, root: Path) -> str:
    """Fingerprint of everything one notebook's outputs depend on besides its own code."""
    return fingerprint(notebook_reads(nb) + IMPLICIT, root, project_root(root))


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


# ---------------------------------------------------------------- notebook utilities


def plain(value):
    """A plain Python str/int/float for glue (NumPy scalars break {glue:text})."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"glue plain str/int/float only, got {type(value).__name__}")
    return value


def glue(name: str, value) -> None:
    """Glue a number or string for {glue:text} without displaying it."""
    from myst_nb import glue as _glue

    _glue(name, plain(value), display=False)


# ---------------------------------------------------------------- corpus chapter (00) tables


def source_label(sources) -> dict[str, str]:
    """source_id -> "S1 千家信息网 …" style axis label (label + short outlet)."""
    out = {}
    for sid, lab, outlet in zip(
        sources["source_id"], sources["label"], sources["outlet"], strict=True
    ):
        short = str(outlet).split(" (")[0]
        short = short if len(short) <= 22 else short[:21] + "…"
        out[str(sid)] = f"{lab} {short}"
    return out


def source_overview(sources, paragraphs):
    """One row per source: label, outlet, date, script, paragraph and character counts."""
    import pandas as pd

    body = paragraphs[paragraphs["kind"] == "body"]
    rows = []
    for s in sources.itertuples(index=False):
        p = paragraphs[paragraphs["source_id"] == s.source_id]
        b = body[body["source_id"] == s.source_id]
        rows.append(
            {
                "label": str(s.label),
                "source_id": str(s.source_id),
                "outlet": str(s.outlet),
                "published": str(s.published),
                "script": str(s.script),
                "witness": str(s.witness),
                "paragraphs": int(len(p)),
                "body_paragraphs": int(len(b)),
                "characters": int(p["text"].str.len().sum()),
            }
        )
    return pd.DataFrame(rows)


def mention_matrix(mentions, sources, top: int = 8):
    """Mentions per source (rows: source labels) × entity (columns: the `top` most mentioned)."""
    ecol = "entity_id"
    labels = source_label(sources)
    m = mentions.assign(_src=mentions["source_id"].map(labels))
    table = m.pivot_table(
        index="_src", columns=ecol, values="source_id", aggfunc="size", fill_value=0
    )
    order = table.sum().sort_values(ascending=False, kind="stable").index[:top]
    table = table.reindex(
        index=[labels[s] for s in sources["source_id"]], columns=order, fill_value=0
    )
    table.index.name, table.columns.name = "source", "entity"
    return table.astype(int)


def theme_matrix(themes, sources, paragraphs):
    """Share of each source's body paragraphs assigned to each theme (0–1)."""
    tcol = "theme"
    labels = source_label(sources)
    body = paragraphs[paragraphs["kind"] == "body"]
    n_body = body.groupby("source_id").size()
    t = themes[themes["paragraph_id"].isin(body["paragraph_id"])]
    t = t.drop_duplicates(["paragraph_id", tcol])
    counts = t.pivot_table(
        index="source_id", columns=tcol, values="paragraph_id", aggfunc="size", fill_value=0
    )
    counts = counts.reindex(index=list(sources["source_id"]), fill_value=0)
    order = list(theme_labels())  # chronological, as in data/lexicon/themes.yml
    counts = counts.reindex(
        columns=[t for t in order if t in counts.columns]
        + [t for t in counts.columns if t not in order],
        fill_value=0,
    )
    share = counts.div(n_body.reindex(counts.index).replace(0, 1), axis=0).round(2)
    share.index = [labels[s] for s in share.index]
    share.index.name, share.columns.name = "source", "theme"
    return share


def naming_variants(mentions, sources, entity: str):
    """Surface forms of one entity (rows) × source label (columns): mention counts."""
    ecol, scol = "entity_id", "surface"
    labels = source_label(sources)
    m = mentions[mentions[ecol] == entity]
    table = m.pivot_table(
        index=scol, columns="source_id", values=ecol, aggfunc="size", fill_value=0
    )
    table = table.reindex(columns=list(sources["source_id"]), fill_value=0)
    table.columns = [labels[s] for s in table.columns]
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table.index.name, table.columns.name = "variant", "source"
    return table.astype(int)


def most_varied_entities(mentions, n: int = 2) -> list[str]:
    """The entities written in the most distinct surface forms (ties: most mentions)."""
    ecol, scol = "entity_id", "surface"
    g = mentions.groupby(ecol).agg(forms=(scol, "nunique"), count=(scol, "size"))
    g = g.sort_values(["forms", "count"], ascending=False, kind="stable")
    return [str(e) for e in g.index[:n]]


def cleaning_matrix(report, sources):
    """Removed lines per source (rows) × reason (columns)."""
    labels = source_label(sources)
    report = report.assign(reason=report["reason"].str.split(" (", regex=False).str[0])
    table = report.pivot_table(
        index="source_id", columns="reason", values="line", aggfunc="size", fill_value=0
    )
    table = table.reindex(index=list(sources["source_id"]), fill_value=0)
    table = table[table.sum().sort_values(ascending=False, kind="stable").index]
    table.index = [labels[s] for s in table.index]
    table.index.name, table.columns.name = "source", "reason"
    return table.astype(int)


# ---------------------------------------------------------------- theme and synthesis chapters


def entity_names(root=None) -> dict[str, str]:
    """entity id -> English name, from data/lexicon/entities.csv."""
    import pandas as pd

    from .paths import lexicon_dir

    df = pd.read_csv(lexicon_dir(root) / "entities.csv", dtype=str).fillna("")
    return dict(zip(df["id"], df["name_en"], strict=True))


def theme_counts(themes, sources, paragraphs, theme: str):
    """Body paragraphs assigned to one theme, per source label (all sources, zeros kept)."""
    tcol = "theme"
    known = sorted(str(t) for t in themes[tcol].unique())
    if theme not in known:
        raise KeyError(f"theme {theme!r} not in the themes table (has {known})")
    labels = source_label(sources)
    body = set(paragraphs.loc[paragraphs["kind"] == "body", "paragraph_id"])
    t = themes[(themes[tcol] == theme) & themes["paragraph_id"].isin(body)]
    t = t.drop_duplicates("paragraph_id")
    counts = t.groupby("source_id").size().reindex(list(sources["source_id"]), fill_value=0)
    counts.index = [labels[s] for s in counts.index]
    return counts.astype(int)


def theme_labels(root=None) -> dict[str, str]:
    """theme id -> display label, from data/lexicon/themes.yml."""
    import yaml

    from .paths import lexicon_dir

    data = yaml.safe_load((lexicon_dir(root) / "themes.yml").read_text(encoding="utf-8")) or {}
    return {str(k): str(v.get("label", k)) for k, v in data.items() if isinstance(v, dict)}
