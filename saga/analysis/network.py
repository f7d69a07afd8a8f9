"""Who appears with whom: actor co-occurrence within a set of paragraphs.

Two actors co-occur when both are mentioned in the same paragraph. An edge's ``weight`` is the
number of paragraphs in which they co-occur; ``n_sources`` and ``n_witnesses`` say in how many
distinct sources and independent witnesses (two translations of one article are one witness)
those paragraphs lie, so a pair that only one article links can be told apart from one that
several outlets link. Everything is sorted, so the same mentions give the same edges, graph
and picture every run.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import pandas as pd

EDGE_COLUMNS = ["source", "target", "weight", "n_sources", "n_witnesses", "paragraphs"]
NODE_COLUMNS = ["node", "mentions", "paragraphs", "degree", "weighted_degree"]


def paragraph_key(paragraph_id: str) -> tuple[str, int]:
    """Sort key putting '<source_id>-9' before '<source_id>-10'."""
    head, _, n = paragraph_id.rpartition("-")
    return (head, int(n)) if n.isdigit() else (paragraph_id, -1)


def select_mentions(
    mentions: pd.DataFrame,
    paragraph_ids: Iterable[str] | None = None,
    keep: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The mentions lying in paragraph_ids (all when None) of the entities in keep (all when
    None), in their original order."""
    m = mentions
    if paragraph_ids is not None:
        m = m[m["paragraph_id"].isin(set(paragraph_ids))]
    if keep is not None:
        m = m[m["entity_id"].isin(set(keep))]
    return m


def cooccurrence_edges(
    mentions: pd.DataFrame,
    paragraph_ids: Iterable[str] | None = None,
    keep: Iterable[str] | None = None,
    sources: pd.DataFrame | None = None,
    names: Mapping[str, str] | None = None,
    min_weight: int = 1,
) -> pd.DataFrame:
    """Edges (EDGE_COLUMNS) between entities mentioned in the same paragraph.

    paragraph_ids: restrict to these paragraphs (e.g. one theme's); keep: only these entity ids;
    sources: the sources table, for witnesses (without it every source is its own witness);
    names: entity id -> display name (applied to source/target; ids are used for grouping, so
    two ids never merge). Pairs are ordered (source < target by id); rows sorted by weight
    (descending), then ids. ``paragraphs``: the ';'-joined paragraph IDs (source, then ¶)."""
    m = select_mentions(mentions, paragraph_ids, keep)
    ecol = "entity_id"
    witness = {}
    if sources is not None and "witness" in sources.columns:
        witness = dict(
            zip(map(str, sources["source_id"]), map(str, sources["witness"]), strict=True)
        )
    pairs: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for (pid, sid), ents in m.groupby(["paragraph_id", "source_id"], sort=True)[ecol]:
        for a, b in itertools.combinations(sorted(set(map(str, ents))), 2):
            pairs.setdefault((a, b), set()).add((str(pid), str(sid)))
    names = names or {}
    rows = []
    for (a, b), where in pairs.items():
        if len(where) < min_weight:
            continue
        srcs = {s for _, s in where}
        rows.append(
            {
                "source": names.get(a, a),
                "target": names.get(b, b),
                "weight": len(where),
                "n_sources": len(srcs),
                "n_witnesses": len({witness.get(s, s) for s in srcs}),
                "paragraphs": ";".join(sorted((p for p, _ in where), key=paragraph_key)),
                "_a": a,
                "_b": b,
            }
        )
    out = pd.DataFrame(rows, columns=[*EDGE_COLUMNS, "_a", "_b"])
    out = out.sort_values(["weight", "_a", "_b"], ascending=[False, True, True], kind="stable")
    out = out.drop(columns=["_a", "_b"]).reset_index(drop=True)
    return out.astype({"weight": int, "n_sources": int, "n_witnesses": int})


def graph(edges: pd.DataFrame, nodes: Iterable[str] = ()):
    """A networkx Graph of the edges (weight, n_sources, n_witnesses as edge attributes), built
    in sorted order so iteration order is the same every run; extra isolated nodes may be given."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(
        sorted(
            set(map(str, nodes)) | set(map(str, edges["source"])) | set(map(str, edges["target"]))
        )
    )
    rows = sorted(edges.itertuples(index=False), key=lambda r: (str(r.source), str(r.target)))
    for r in rows:
        g.add_edge(
            str(r.source),
            str(r.target),
            weight=int(r.weight),
            n_sources=int(r.n_sources),
            n_witnesses=int(r.n_witnesses),
        )
    return g


def node_table(
    mentions: pd.DataFrame,
    edges: pd.DataFrame,
    paragraph_ids: Iterable[str] | None = None,
    keep: Iterable[str] | None = None,
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per entity in the selection (NODE_COLUMNS): its mentions, the paragraphs it is
    mentioned in, its number of co-occurring partners (degree) and the summed weight of its
    edges; sorted by weighted degree, then mentions (descending), then name."""
    m = select_mentions(mentions, paragraph_ids, keep)
    ecol = "entity_id"
    names = names or {}
    m = m.assign(_node=[names.get(str(e), str(e)) for e in m[ecol]])
    counts = m.groupby("_node").agg(mentions=(ecol, "size"), paragraphs=("paragraph_id", "nunique"))
    g = graph(edges, counts.index)
    rows = [
        {
            "node": n,
            "mentions": int(counts.loc[n, "mentions"]) if n in counts.index else 0,
            "paragraphs": int(counts.loc[n, "paragraphs"]) if n in counts.index else 0,
            "degree": int(g.degree(n)),
            "weighted_degree": int(g.degree(n, weight="weight")),
        }
        for n in sorted(g.nodes)
    ]
    out = pd.DataFrame(rows, columns=NODE_COLUMNS)
    out = out.sort_values(
        ["weighted_degree", "mentions", "node"], ascending=[False, False, True], kind="stable"
    )
    return out.reset_index(drop=True)


def edge_sources(edges: pd.DataFrame, actors: Iterable[str]) -> list[str]:
    """The source_ids whose paragraphs make the links touching any of ``actors`` (display
    names), sorted: which texts a claim such as "Karpathy's links come from one article" rests
    on."""
    wanted = set(actors)
    touching = edges[edges["source"].isin(wanted) | edges["target"].isin(wanted)]
    return sorted(
        {paragraph_key(p)[0] for ps in touching["paragraphs"] for p in str(ps).split(";") if p}
    )
