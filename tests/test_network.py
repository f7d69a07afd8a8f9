"""saga.analysis.network: actor co-occurrence within a set of paragraphs, deterministic."""

from __future__ import annotations

import pandas as pd
import pytest

from saga.analysis.network import (
    EDGE_COLUMNS,
    cooccurrence_edges,
    edge_sources,
    graph,
    node_table,
    select_mentions,
)
from saga.corpus.cleaning import corpus_tables
from saga.corpus.entities import load_entities, mentions_table
from saga.corpus.manifest import load_manifest

SOURCES = pd.DataFrame(
    {"source_id": ["a", "b", "c"], "label": ["S1", "S2", "S3"], "witness": ["w", "b", "w"]}
)


def mentions(*rows: tuple[str, str]) -> pd.DataFrame:
    """(paragraph_id, entity_id) pairs; the source is the paragraph id's prefix."""
    return pd.DataFrame(
        {
            "paragraph_id": [p for p, _ in rows],
            "source_id": [p.split("-")[0] for p, _ in rows],
            "entity_id": [e for _, e in rows],
        }
    )


M = mentions(
    ("a-1", "musk"),
    ("a-1", "altman"),
    ("a-1", "musk"),  # a second mention in the same paragraph adds nothing
    ("a-2", "musk"),
    ("a-2", "altman"),
    ("a-2", "page"),
    ("b-1", "musk"),
    ("b-1", "page"),
    ("c-1", "altman"),
    ("c-1", "musk"),
    ("c-2", "karpathy"),  # alone in its paragraph: a node without edges
)


def test_edges_count_paragraphs_sources_and_witnesses():
    e = cooccurrence_edges(M, sources=SOURCES).set_index(["source", "target"])
    # altman–musk: a-1, a-2, c-1 -> 3 paragraphs, 2 sources (a, c), 1 witness (w)
    assert e.loc[("altman", "musk")].to_dict() == {
        "weight": 3,
        "n_sources": 2,
        "n_witnesses": 1,
        "paragraphs": "a-1;a-2;c-1",
    }
    # musk–page: a-2 and b-1 -> 2 sources, 2 witnesses
    assert e.loc[("musk", "page")][["weight", "n_witnesses"]].tolist() == [2, 2]
    assert e.loc[("altman", "page")]["weight"] == 1
    assert len(e) == 3


def test_order_is_by_weight_then_ids_and_input_order_does_not_matter():
    e1 = cooccurrence_edges(M, sources=SOURCES)
    e2 = cooccurrence_edges(M.iloc[::-1].reset_index(drop=True), sources=SOURCES)
    pd.testing.assert_frame_equal(e1, e2)
    assert list(e1.columns) == EDGE_COLUMNS
    assert list(zip(e1["source"], e1["target"], strict=True)) == [
        ("altman", "musk"),
        ("musk", "page"),
        ("altman", "page"),
    ]


def test_paragraph_and_entity_filters_and_min_weight():
    e = cooccurrence_edges(M, paragraph_ids=["a-2", "b-1"])
    assert set(zip(e["source"], e["target"], strict=True)) == {
        ("altman", "musk"),
        ("altman", "page"),
        ("musk", "page"),
    }
    e = cooccurrence_edges(M, keep=["musk", "page"])
    assert list(e["weight"]) == [2]
    assert list(cooccurrence_edges(M, min_weight=3)["weight"]) == [3]
    assert select_mentions(M, keep=["karpathy"])["paragraph_id"].tolist() == ["c-2"]


def test_paragraphs_are_listed_in_paragraph_order():
    m = mentions(("a-10", "musk"), ("a-10", "page"), ("a-9", "musk"), ("a-9", "page"))
    assert cooccurrence_edges(m).loc[0, "paragraphs"] == "a-9;a-10"


def test_without_sources_every_source_is_its_own_witness():
    e = cooccurrence_edges(M).set_index(["source", "target"])
    assert e.loc[("altman", "musk"), "n_witnesses"] == 2


def test_names_relabel_but_do_not_merge():
    e = cooccurrence_edges(M, names={"musk": "Elon Musk", "altman": "Sam Altman"})
    assert ("Sam Altman", "Elon Musk") in set(zip(e["source"], e["target"], strict=True))


def test_graph_and_node_table():
    e = cooccurrence_edges(M, sources=SOURCES)
    g = graph(e, nodes=["karpathy"])
    assert sorted(g.nodes) == ["altman", "karpathy", "musk", "page"]
    assert g["altman"]["musk"]["weight"] == 3
    nodes = node_table(M, e).set_index("node")
    assert nodes.loc["musk"].to_dict() == {
        "mentions": 5,
        "paragraphs": 4,
        "degree": 2,
        "weighted_degree": 5,
    }
    assert nodes.loc["karpathy", "degree"] == 0
    assert node_table(M, e)["node"].iloc[0] == "musk"


def test_empty_selection():
    e = cooccurrence_edges(M, paragraph_ids=[])
    assert e.empty and list(e.columns) == EDGE_COLUMNS


# ---------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def real(root):
    sources = load_manifest(root)
    paragraphs = corpus_tables(sources, root)["paragraphs"]
    return sources, mentions_table(paragraphs, load_entities(root))


def test_page_meets_musk_only_in_s2(real):
    # Larry Page appears only in S2: ¶3 and ¶19 by full name, ¶4, ¶6 and ¶7 as 佩奇; Musk is
    # named in each of them (¶5 speaks of "the two men" without naming Page).
    sources, m = real
    e = cooccurrence_edges(m, keep=["musk", "page"], sources=sources)
    assert e.loc[0, "n_sources"] == 1
    assert set(e.loc[0, "paragraphs"].split(";")) == {
        f"unknown-2023-12-04-{n}" for n in (3, 4, 6, 7, 19)
    }


def test_karpathy_links_musk_in_one_witness_only(real):
    # Karpathy is named only in S1 ¶12 and S5 ¶6 (the two Semafor translations); S1 ¶12 also
    # names Musk (马斯克), S5 ¶6 does not.
    sources, m = real
    e = cooccurrence_edges(m, keep=["musk", "karpathy"], sources=sources)
    assert e[["weight", "n_sources", "n_witnesses"]].values.tolist() == [[1, 1, 1]]
    assert e.loc[0, "paragraphs"] == "qianjia-2023-03-25-12"


def test_edge_sources_name_the_texts_behind_an_actors_links():
    edges = pd.DataFrame(
        {
            "source": ["Musk", "Musk"],
            "target": ["Karpathy", "Page"],
            "paragraphs": ["sem-a-12;sem-b-6", "nyt-3"],
        }
    )
    assert edge_sources(edges, ["Karpathy"]) == ["sem-a", "sem-b"]
    assert edge_sources(edges, ["Page", "Karpathy"]) == ["nyt", "sem-a", "sem-b"]
    assert edge_sources(edges, ["Nobody"]) == []
