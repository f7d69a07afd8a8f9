"""Claims across sources, corroboration by independent witness, the errata, and the other
cross-source tables of the synthesis and lawsuit chapters.

``saga.timeline`` tallies events and claims by source and witness; this module builds on it:

- contradictions: each contested claim with the paragraphs on either side, its note, and the
  errata (data/annotations/errata.csv) that settle it against the record;
- errata: loading and validation (``validate_errata``, in the style of
  ``saga.annotations.validate``), and the tables the book shows;
- independence: which sources the overlap analysis (``saga.overlap``) finds to be one text,
  set against the manifest's ``witness`` column, and how much corroboration shrinks when
  sources are counted as witnesses;
- names: the script (Han or Latin, traditional or simplified) of each surface form an outlet
  uses for a person (``saga.entities.variant_table``);
- the GPU figures S3 gives for xAI's race with OpenAI, as a hand annotation that fails loudly
  when the text no longer holds the figure.

Functions take frames (from ``saga.store.read_table`` and ``saga.annotations``) and read no
files, except ``load_errata`` and ``validate_errata``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .annotations import THEMES, bib_keys, split_ids
from .errors import SagaError
from .paths import annotations_dir
from .script import to_simplified

VERDICTS = ("error", "unconfirmed", "disputed", "superseded")
VERDICT_LABELS = {
    "error": "error (the record contradicts it)",
    "unconfirmed": "unconfirmed (no record confirms it)",
    "disputed": "disputed (the record itself is contested)",
    "superseded": "superseded (true when written, overtaken by events)",
}
ERRATA_COLUMNS = [
    "erratum_id",
    "theme",
    "paragraphs",
    "quote",
    "says_en",
    "record_en",
    "record_paragraphs",
    "bib",
    "verdict",
    "note",
    "claims",
]
KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------- paragraph labels


def paragraph_labels(paragraphs: pd.DataFrame) -> dict[str, str]:
    """paragraph_id -> "S3 ¶10" (the label the book's {para} role shows, without brackets)."""
    return {
        str(p): f"{lab} ¶{int(n)}"
        for p, lab, n in zip(
            paragraphs["paragraph_id"], paragraphs["label"], paragraphs["n"], strict=True
        )
    }


def _labels(cell, plabel: dict[str, str]) -> str:
    return ", ".join(plabel.get(p, p) for p in split_ids(cell))


# ---------------------------------------------------------------- errata


def load_errata(root: Path | None = None) -> pd.DataFrame:
    """data/annotations/errata.csv, every cell a string (split lists with split_ids)."""
    path = annotations_dir(root) / "errata.csv"
    if not path.is_file():
        raise SagaError(f"{path}: missing; see data/annotations/README.md")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(df.columns) != ERRATA_COLUMNS:
        raise SagaError(f"{path}: columns are {list(df.columns)}; expected {ERRATA_COLUMNS}")
    return df.fillna("")


def errata_problems(
    errata: pd.DataFrame,
    paragraphs: pd.DataFrame,
    bibs: set[str] | None,
    claim_ids: set[str] | None = None,
) -> list[str]:
    """Human-readable problems with an errata frame (empty list: all is well).

    bibs: the keys of book/references.bib, or None to skip the bibliography check.
    claim_ids: the claim_ids of claims.csv, or None to skip checking the `claims` column."""
    if list(errata.columns) != ERRATA_COLUMNS:
        return [f"errata.csv: columns are {list(errata.columns)}; expected {ERRATA_COLUMNS}"]
    text = dict(zip(paragraphs["paragraph_id"], paragraphs["text"], strict=True))
    problems = []
    for e in errata.itertuples(index=False):
        where = f"errata.csv {e.erratum_id or '(no id)'}"
        if not KEBAB.fullmatch(e.erratum_id):
            problems.append(f"{where}: erratum_id must be kebab-case (a-z, 0-9, '-')")
        if e.theme not in THEMES:
            problems.append(f"{where}: unknown theme {e.theme!r}; use one of {list(THEMES)}")
        if e.verdict not in VERDICTS:
            problems.append(f"{where}: unknown verdict {e.verdict!r}; use one of {list(VERDICTS)}")
        for col in ("quote", "says_en", "record_en"):
            if not getattr(e, col).strip():
                problems.append(f"{where}: empty {col}")
        cited, record = split_ids(e.paragraphs), split_ids(e.record_paragraphs)
        if not cited:
            problems.append(f"{where}: paragraphs must name at least one paragraph")
        for pid in cited + record:
            if pid not in text:
                problems.append(f"{where}: unknown paragraph {pid!r}")
        if both := sorted(set(cited) & set(record)):
            problems.append(f"{where}: {both} both cited and given as the record")
        quote = SPACE.sub("", e.quote)
        known = [pid for pid in cited if pid in text]
        if quote and known and not any(quote in SPACE.sub("", text[pid]) for pid in known):
            problems.append(f"{where}: quote {e.quote!r} is not in {known}")
        keys = split_ids(e.bib)
        if not keys and not record:
            problems.append(f"{where}: give the record: a bib key or record_paragraphs")
        if bibs is not None and (missing := sorted(set(keys) - bibs)):
            problems.append(f"{where}: bib keys not in book/references.bib: {missing}")
        if claim_ids is not None and (unknown := sorted(set(split_ids(e.claims)) - claim_ids)):
            problems.append(f"{where}: claims not in claims.csv: {unknown}")
    if dupes := sorted(set(errata["erratum_id"][errata["erratum_id"].duplicated()])):
        problems.append(f"errata.csv: duplicate erratum_id {dupes}")
    return problems


def validate_errata(root: Path, paragraphs: pd.DataFrame) -> list[str]:
    """Problems with data/annotations/errata.csv under root, checked against the paragraphs and
    book/references.bib (for `python -m saga check`, beside saga.annotations.validate)."""
    from .annotations import load_claims

    try:
        errata = load_errata(root)
        claim_ids = set(load_claims(root)["claim_id"])
    except SagaError as err:
        return [str(err)]
    return errata_problems(errata, paragraphs, bib_keys(root), claim_ids)


def errata_table(errata: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The errata for display, in theme order (THEMES) then by where they occur: columns
    erratum_id, theme, where ("S3 ¶10"), quote, says, record, record_where, bib, verdict, note."""
    plabel = paragraph_labels(paragraphs)
    order = {pid: i for i, pid in enumerate(paragraphs["paragraph_id"])}
    rank = {t: i for i, t in enumerate(THEMES)}
    out = pd.DataFrame(
        {
            "erratum_id": errata["erratum_id"],
            "theme": errata["theme"],
            "where": [_labels(c, plabel) for c in errata["paragraphs"]],
            "quote": errata["quote"],
            "says": errata["says_en"],
            "record": errata["record_en"],
            "record_where": [_labels(c, plabel) for c in errata["record_paragraphs"]],
            "bib": [", ".join(split_ids(c)) for c in errata["bib"]],
            "verdict": errata["verdict"],
            "note": errata["note"],
        }
    )
    first = [
        min((order.get(p, len(order)) for p in split_ids(c)), default=len(order))
        for c in errata["paragraphs"]
    ]
    out = out.assign(_t=out["theme"].map(rank).fillna(len(rank)), _p=first)
    out = out.sort_values(["_t", "_p", "erratum_id"], kind="stable")
    return out.drop(columns=["_t", "_p"]).reset_index(drop=True)


def errata_counts(errata: pd.DataFrame) -> pd.DataFrame:
    """Errata per theme (rows, THEMES order, only themes with an erratum) × verdict (columns,
    VERDICTS order, zeros kept)."""
    table = pd.crosstab(errata["theme"], errata["verdict"])
    table = table.reindex(
        index=[t for t in THEMES if t in set(errata["theme"])],
        columns=list(VERDICTS),
        fill_value=0,
    )
    table.index.name, table.columns.name = "theme", "verdict"
    return table.astype("int64")


def errata_by_witness(
    errata: pd.DataFrame, paragraphs: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """Errata per independent witness (rows: "S1+S5", "S2", … in manifest order) × verdict:
    an erratum repeated by both translations of one article counts once for their witness."""
    source_of = dict(zip(paragraphs["paragraph_id"], paragraphs["source_id"], strict=True))
    witness = dict(zip(sources["source_id"], sources["witness"], strict=True))
    names: dict[str, list[str]] = {}
    for lab, wit in zip(sources["label"], sources["witness"], strict=True):
        names.setdefault(str(wit), []).append(str(lab))
    rows = []
    for e in errata.itertuples(index=False):
        wits = {witness[source_of[p]] for p in split_ids(e.paragraphs) if p in source_of}
        rows += [("+".join(names[str(w)]), e.verdict) for w in wits]
    table = pd.crosstab(
        pd.Series([r[0] for r in rows], name="witness", dtype=object),
        pd.Series([r[1] for r in rows], name="verdict", dtype=object),
    )
    order = list(dict.fromkeys("+".join(names[str(w)]) for w in sources["witness"]))
    table = table.reindex(index=order, columns=list(VERDICTS), fill_value=0)
    table.index.name, table.columns.name = "witness", "verdict"
    return table.astype("int64")


# ---------------------------------------------------------------- contradictions


def contradictions(
    claims: pd.DataFrame,
    stances: pd.DataFrame,
    sources: pd.DataFrame,
    paragraphs: pd.DataFrame,
    errata: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per claim that some source contradicts: who supports it and who contradicts it
    (source labels and paragraph labels), how many independent witnesses stand on each side,
    the claim's note, and the errata that settle it against the record (errata whose `claims`
    cell names the claim; their ids, verdicts and records).

    Columns: claim_id, theme, claim_en, supports, contradicts, support_paragraphs,
    contradict_paragraphs, n_support_witnesses, n_contradict_witnesses, contested, note,
    errata, verdicts, record."""
    from .timeline import claims_tally

    tally = claims_tally(claims, stances, sources).set_index("claim_id")
    plabel = paragraph_labels(paragraphs)
    note = dict(zip(claims["claim_id"], claims["note"], strict=True))
    rows = []
    for claim_id, t in tally.iterrows():
        if not t["contradicts"]:
            continue
        st = stances[stances["claim_id"] == claim_id]
        side = {
            k: [p for cell in st.loc[st["stance"] == k, "paragraphs"] for p in split_ids(cell)]
            for k in ("supports", "contradicts")
        }
        settle = pd.DataFrame(columns=ERRATA_COLUMNS)
        if errata is not None and len(errata):
            settle = errata[[claim_id in split_ids(c) for c in errata["claims"]]]
        rows.append(
            {
                "claim_id": str(claim_id),
                "theme": t["theme"],
                "claim_en": t["claim_en"],
                "supports": ", ".join(t["supports"]),
                "contradicts": ", ".join(t["contradicts"]),
                "support_paragraphs": ", ".join(plabel.get(p, p) for p in side["supports"]),
                "contradict_paragraphs": ", ".join(plabel.get(p, p) for p in side["contradicts"]),
                "n_support_witnesses": int(t["n_support_witnesses"]),
                "n_contradict_witnesses": int(t["n_contradict_witnesses"]),
                "contested": bool(t["contested"]),
                "note": note.get(claim_id, ""),
                "errata": ", ".join(settle["erratum_id"]),
                "verdicts": ", ".join(settle["verdict"]),
                "record": " / ".join(settle["record_en"]),
            }
        )
    columns = [
        "claim_id",
        "theme",
        "claim_en",
        "supports",
        "contradicts",
        "support_paragraphs",
        "contradict_paragraphs",
        "n_support_witnesses",
        "n_contradict_witnesses",
        "contested",
        "note",
        "errata",
        "verdicts",
        "record",
    ]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- independence


def witness_groups(shares: pd.DataFrame, source_ids, threshold: float = 0.5) -> dict[str, int]:
    """Sources that share at least `threshold` of their text with each other, both ways
    (saga.overlap.source_overlap: source, aligned_with, share), grouped together:
    source_id -> group number (0, 1, … in the order of source_ids). Sources in one group are,
    on the text's evidence, one witness."""
    ids = [str(s) for s in source_ids]
    share = {
        (str(a), str(b)): float(v)
        for a, b, v in zip(shares["source"], shares["aligned_with"], shares["share"], strict=True)
    }
    parent = {s: s for s in ids}

    def find(s: str) -> str:
        while parent[s] != s:
            s = parent[s]
        return s

    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if min(share.get((a, b), 0.0), share.get((b, a), 0.0)) >= threshold:
                parent[find(b)] = find(a)
    roots = list(dict.fromkeys(find(s) for s in ids))
    return {s: roots.index(find(s)) for s in ids}


def independence_table(
    shares: pd.DataFrame, sources: pd.DataFrame, threshold: float = 0.5
) -> pd.DataFrame:
    """Per source: its label, the manifest's witness, the group the text overlap puts it in
    (as the labels of the group's sources, e.g. "S1+S5"), its largest overlap with another
    source (share of its characters, and with whom), and whether text and manifest agree."""
    ids = [str(s) for s in sources["source_id"]]
    groups = witness_groups(shares, ids, threshold)
    label = dict(zip(ids, map(str, sources["label"]), strict=True))
    members: dict[int, list[str]] = {}
    for s in ids:
        members.setdefault(groups[s], []).append(label[s])
    witness_members: dict[str, set[str]] = {}
    for s, w in zip(ids, sources["witness"], strict=True):
        witness_members.setdefault(str(w), set()).add(s)
    rows = []
    for s, w in zip(ids, sources["witness"], strict=True):
        mine = shares[shares["source"] == s]
        best = mine.loc[mine["share"].idxmax()] if len(mine) else None
        rows.append(
            {
                "label": label[s],
                "source_id": s,
                "witness": str(w),
                "text_group": "+".join(members[groups[s]]),
                "max_shared": float(best["share"]) if best is not None else 0.0,
                "max_shared_with": label.get(str(best["aligned_with"]), "")
                if best is not None
                else "",
                "agrees": {x for x in ids if groups[x] == groups[s]} == witness_members[str(w)],
            }
        )
    return pd.DataFrame(rows)


def share_matrix(shares: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """source_overlap as a label × label matrix of shares (0 where nothing is shared; the
    diagonal NaN), rows and columns in manifest order, for a heatmap."""
    label = dict(zip(sources["source_id"], sources["label"], strict=True))
    labs = [label[s] for s in sources["source_id"]]
    m = pd.DataFrame(0.0, index=labs, columns=labs)
    for a, b, v in zip(shares["source"], shares["aligned_with"], shares["share"], strict=True):
        if a in label and b in label:
            m.loc[label[a], label[b]] = float(v)
    for lab in labs:
        m.loc[lab, lab] = float("nan")
    m.index.name, m.columns.name = "source", "aligned_with"
    return m


def pair_counts(overlap: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Aligned paragraph pairs (saga.overlap.aligned_pairs) between each two sources, as a
    symmetric label × label matrix (diagonal 0)."""
    label = dict(zip(sources["source_id"], sources["label"], strict=True))
    labs = [label[s] for s in sources["source_id"]]
    m = pd.DataFrame(0, index=labs, columns=labs, dtype="int64")
    for a, b in zip(overlap["source_a"], overlap["source_b"], strict=True):
        m.loc[label[a], label[b]] += 1
        m.loc[label[b], label[a]] += 1
    m.index.name, m.columns.name = "source", "aligned_with"
    return m


def corroboration(timeline: pd.DataFrame) -> dict[str, int]:
    """How corroboration looks when sources are counted as witnesses (saga.timeline
    events_timeline frame): events, events with two or more supporting sources, with two or
    more independent witnesses, and events whose source count overstates their witnesses."""
    return {
        "events": int(len(timeline)),
        "multi_source": int((timeline["n_sources"] >= 2).sum()),
        "multi_witness": int((timeline["n_witnesses"] >= 2).sum()),
        "overstated": int((timeline["n_sources"] > timeline["n_witnesses"]).sum()),
        "single_witness": int((timeline["n_witnesses"] == 1).sum()),
        "contradicted": int(timeline["contradicted"].sum()),
    }


# ---------------------------------------------------------------- names


LATIN = re.compile(r"[A-Za-z]")
HAN = re.compile(r"[\u3400-\u9fff]")


def script_of(surface: str) -> str:
    """The script of one written form of a name: "Latin", "Han (traditional)" (some character
    changes under OpenCC t2s), "Han (simplified)" (none does), or "mixed"."""
    latin, han = bool(LATIN.search(surface)), bool(HAN.search(surface))
    if latin and han:
        return "mixed"
    if latin:
        return "Latin"
    if not han:
        return "other"
    return "Han (traditional)" if to_simplified(surface) != surface else "Han (simplified)"


def naming_profile(variants: pd.DataFrame, entity_ids) -> pd.DataFrame:
    """For each entity and source (saga.entities.variant_table frame): mentions, number of
    distinct written forms, the commonest form, and the share of mentions in Latin script.
    Rows: entity order as given, then source label."""
    v = variants[variants["entity_id"].isin(list(entity_ids))].copy()
    v["script"] = [script_of(str(s)) for s in v["surface"]]
    rows = []
    for eid in entity_ids:
        for lab, g in v[v["entity_id"] == eid].groupby("label", sort=True):
            g = g.sort_values(["mentions", "surface"], ascending=[False, True], kind="stable")
            total = int(g["mentions"].sum())
            rows.append(
                {
                    "entity_id": eid,
                    "label": str(lab),
                    "mentions": total,
                    "forms": int(g["surface"].nunique()),
                    "commonest": str(g["surface"].iat[0]),
                    "latin_share": float(g.loc[g["script"] == "Latin", "mentions"].sum() / total),
                    "all_forms": " · ".join(
                        f"{s} ({int(n)})" for s, n in zip(g["surface"], g["mentions"], strict=True)
                    ),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "entity_id",
            "label",
            "mentions",
            "forms",
            "commonest",
            "latin_share",
            "all_forms",
        ],
    )


# ---------------------------------------------------------------- the GPU race (S3)

# (paragraph_id, the figure as written, GPUs, what the figure stands for). S3 is the only
# source with GPU counts; xAI's US$6 billion round (same ¶15) is in the money table.
_GPU = [
    ("vinda-2024-06-14", "一万张显卡", 10_000, "GPUs Musk stockpiled before founding xAI"),
    ("vinda-2024-06-15", "仅为2万", 20_000, "H100s xAI has for Grok now (April 2024)"),
    ("vinda-2024-06-15", "10万个英伟达H100", 100_000, "H100s Musk says Grok 3 will need"),
    ("vinda-2024-06-16", "1.5万左右", 15_000, "Oracle H100s xAI reportedly uses"),
]
GPU_COLUMNS = ["paragraph_id", "text", "gpus", "what"]


def gpu_figures(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The GPU counts of the xAI–OpenAI race as S3 gives them (hand annotation; raises
    SagaError when a figure is no longer in its paragraph's text)."""
    text = dict(zip(paragraphs["paragraph_id"], paragraphs["text"], strict=True))
    gone = [f"{p} {t!r}" for p, t, _, _ in _GPU if t not in text.get(p, "")]
    if gone:
        raise SagaError("GPU figures not found in their paragraphs: " + "; ".join(gone))
    return pd.DataFrame(_GPU, columns=GPU_COLUMNS)


# ---------------------------------------------------------------- emphasis


def keyword_digest(
    keywords: pd.DataFrame,
    sources: pd.DataFrame,
    names: set[str] = frozenset(),
    top: int = 8,
    method: str = "tfidf",
) -> pd.DataFrame:
    """Each source's top keywords (saga.keywords table grouped by source) other than the
    names in `names` (e.g. every alias of the entity lexicon), as one row per source: label,
    keywords (" · "-joined, best first)."""
    label = dict(zip(sources["source_id"], sources["label"], strict=True))
    k = keywords[(keywords["method"] == method) & ~keywords["keyword"].isin(set(names))]
    rows = []
    for sid in sources["source_id"]:
        words = k[k["group"] == sid].sort_values("rank", kind="stable")["keyword"].head(top)
        rows.append({"label": label[sid], "keywords": " · ".join(words)})
    return pd.DataFrame(rows, columns=["label", "keywords"])
