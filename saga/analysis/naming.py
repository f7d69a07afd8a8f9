"""How the outlets name people: the written forms of each entity per source, and the script
(Han traditional/simplified or Latin) of each form."""

from __future__ import annotations

import re

import pandas as pd

from saga.analysis.bounded import FEW
from saga.corpus.script import to_simplified
from saga.labels import axis_labels, paragraph_labels

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
    """For each entity and source (saga.corpus.entities.variant_table frame): mentions, number of
    distinct written forms, the commonest form, and the share of mentions in Latin script.
    Rows: entity order as given, then source label. One sort and one grouping for the whole
    frame, not a filter per entity and source (34 s at 3,000 sources)."""
    columns = ["entity_id", "label", "mentions", "forms", "commonest", "latin_share", "all_forms"]
    wanted = list(entity_ids)
    v = variants[variants["entity_id"].isin(wanted)]
    scripts = {s: script_of(str(s)) for s in v["surface"].unique()}  # OpenCC once per form
    v = pd.DataFrame(
        {
            "entity": v["entity_id"].map({e: i for i, e in enumerate(wanted)}).to_numpy(),
            "entity_id": v["entity_id"].astype(str).to_numpy(dtype=object),
            "label": v["label"].astype(str).to_numpy(dtype=object),
            "surface": v["surface"].astype(str).to_numpy(dtype=object),
            "mentions": v["mentions"].astype("int64").to_numpy(),
            "latin": v["mentions"].where(v["surface"].map(scripts) == "Latin", 0).to_numpy(),
        }
    )
    # each source's forms by mentions (most first), then by form
    v = v.sort_values(
        ["entity", "label", "mentions", "surface"], ascending=[True, True, False, True]
    )
    v["form"] = v["surface"] + " (" + v["mentions"].astype(str) + ")"
    groups = v.groupby(["entity", "label"], sort=False)
    out = groups.agg(
        entity_id=("entity_id", "first"),
        mentions=("mentions", "sum"),
        forms=("surface", "nunique"),
        commonest=("surface", "first"),
        latin=("latin", "sum"),
        all_forms=("form", " · ".join),
    ).reset_index()
    out["latin_share"] = out["latin"] / out["mentions"]
    out = out.astype({"mentions": "int64", "forms": "int64", "latin_share": float})
    return out[columns].reset_index(drop=True)


def naming_variants(mentions, sources, entity: str):
    """Surface forms of one entity (rows) × source label (columns): mention counts."""
    ecol, scol = "entity_id", "surface"
    labels = axis_labels(sources)
    m = mentions[mentions[ecol] == entity]
    table = m.pivot_table(
        index=scol, columns="source_id", values=ecol, aggfunc="size", fill_value=0
    )
    table = table.reindex(columns=list(sources["source_id"]), fill_value=0)
    table.columns = [labels[s] for s in table.columns]
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    table.index.name, table.columns.name = "variant", "source"
    return table.astype(int)


def forms_in_use(mentions: pd.DataFrame, sources: pd.DataFrame, few: int = FEW) -> dict[str, str]:
    """Per entity, the written forms the sources use, most mentioned first (ties by form), each
    with its first ``few`` sources in manifest order and their counts: "奥特曼 (S1: 12, S2: 3
    and 40 more sources); 阿尔特曼 (S6: 1)", which grows with the forms, not the sources."""
    position = pd.Series(range(len(sources)), index=sources["source_id"].to_numpy())
    label = dict(zip(sources["source_id"], sources["label"], strict=True))
    counts = mentions.groupby(["entity_id", "surface", "source_id"]).size().rename("n")
    counts = counts.reset_index()
    counts["at"] = counts["source_id"].map(position)
    counts = counts.sort_values(["entity_id", "surface", "at"], kind="stable")
    forms: dict[str, list[tuple[int, str, str]]] = {}
    for (entity, surface), rows in counts.groupby(["entity_id", "surface"], sort=False):
        shown = ", ".join(
            f"{label.get(s, s)}: {n}"
            for s, n in zip(rows["source_id"][:few], rows["n"][:few], strict=True)
        )
        more = f" and {len(rows) - few} more sources" if len(rows) > few else ""
        forms.setdefault(str(entity), []).append(
            (-int(rows["n"].sum()), str(surface), f"{surface} ({shown}{more})")
        )
    return {e: "; ".join(text for *_, text in sorted(found)) for e, found in forms.items()}


def most_varied_entities(mentions, n: int = 2) -> list[str]:
    """The entities written in the most distinct surface forms (ties: most mentions)."""
    ecol, scol = "entity_id", "surface"
    g = mentions.groupby(ecol).agg(forms=(scol, "nunique"), count=(scol, "size"))
    g = g.sort_values(["forms", "count"], ascending=False, kind="stable")
    return [str(e) for e in g.index[:n]]


def latin_share(variants: pd.DataFrame, person_ids, labels) -> pd.Series:
    """Per source label (in the order given, 0 where it names nobody): the share of its
    mentions of the given people written in Latin script."""
    v = variants[variants["entity_id"].isin(set(person_ids))]
    latin = v[[script_of(str(s)) == "Latin" for s in v["surface"]]]
    share = latin.groupby("label")["mentions"].sum() / v.groupby("label")["mentions"].sum()
    return share.reindex(list(labels)).fillna(0.0)


def name_parts(matches) -> set[str]:
    """Every written form of the lexicon's names and its parts (吉姆·法伦 → 吉姆, 法伦), for
    leaving names out of keyword lists."""
    return {p for forms in matches for a in forms for p in [a, *re.split(r"[·・‧\s-]+", a)]}


LEARNED_COLUMNS = ["source", "form", "entity", "gloss", "first gloss"]


def learned_forms_table(forms: pd.DataFrame, paragraphs: pd.DataFrame, names: dict) -> pd.DataFrame:
    """Name forms the sources gloss but the lexicon lacks (the name_forms table's rows with
    in_lexicon False), one row each with the source label, the entity's English name and the
    paragraph of the first gloss, in source order: what a maintainer may adopt."""
    unlisted = forms[~forms["in_lexicon"].astype(bool)]
    plabels = paragraph_labels(paragraphs)
    rows = [
        {
            "source": plabels.get(f.paragraph_id, f.paragraph_id).split(" ")[0],
            "form": f.form,
            "entity": names.get(f.entity_id, f.entity_id),
            "gloss": f.gloss,
            "first gloss": plabels.get(f.paragraph_id, f.paragraph_id),
        }
        for f in unlisted.itertuples()
    ]
    return pd.DataFrame(rows, columns=LEARNED_COLUMNS)
