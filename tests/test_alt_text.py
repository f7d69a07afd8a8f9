"""saga.present.alt_text: one alt text per kind of chart, saying in words what it shows."""

import pandas as pd

from saga.present.alt_text import alt_pairs, alt_rows, network_alt, stance_alt, timeline_alt


def test_a_table_is_told_row_by_row_with_its_non_zero_cells():
    frame = pd.DataFrame({"safety": [4, 0], "commercial": [8.5, 0]}, index=["S2", "S4"])
    assert alt_rows(frame) == "S2: safety 4, commercial 8.5; S4: none"


def test_a_stance_grid_names_who_supports_contradicts_or_is_not_yet_annotated():
    grid = pd.DataFrame(
        {"S1": [1.0, -1.0], "S2": [1.0, 0.0], "S3: not yet annotated": [float("nan")] * 2},
        index=["c1", "c2"],
    )
    assert stance_alt(grid) == (
        "c1: supports S1 S2, not yet annotated S3; c2: contradicts S1, not yet annotated S3"
    )


def test_a_table_can_be_told_with_a_format_and_its_zero_cells():
    shares = pd.DataFrame(
        {"founding": [0.5, 0.0], "lawsuit": [0.25, float("nan")]}, index=["S1", "S2"]
    )
    assert alt_rows(shares, "{:.0%}", zeros=True) == (
        "S1: founding 50%, lawsuit 25%; S2: founding 0%"  # NaN is never told
    )
    counts = pd.DataFrame({"chars": [1234.0, 0.0]}, index=["S1", "S2"])
    assert alt_rows(counts, "{:.0f}") == "S1: chars 1234; S2: none"


def test_one_value_per_label_is_told_as_label_then_value():
    gpus = pd.Series([100000, 20000], index=["Grok 3 needs", "xAI has"])
    assert alt_pairs(gpus, "{:,}", sep=": ") == "Grok 3 needs: 100,000; xAI has: 20,000"
    assert alt_pairs(pd.Series({"S1": 3.0, "S2": 12.0}), "{:.0f} characters") == (
        "S1 3 characters; S2 12 characters"
    )


TIMELINE = pd.DataFrame(
    {
        "date": ["2017-06", "2018-02-20"],
        "event_id": ["karpathy-joins-tesla", "musk-departure-announced"],
        "n_witnesses": [1, 2],
        "supporting_sources": [["S1", "S5"], ["S1", "S2"]],
        "contradicting_sources": [[], ["S3"]],
        "contradicted": [False, True],
    }
)


def test_a_timeline_names_each_event_its_witnesses_and_who_tells_it_differently():
    assert timeline_alt(
        TIMELINE, "power-struggle", {"karpathy-joins-tesla": "Tesla hires Karpathy"}
    ) == (
        "Timeline of the power-struggle events with their independent witnesses: "
        "2017-06 Tesla hires Karpathy: 1 witness(es) (S1, S5); "
        "2018-02-20 musk-departure-announced: 2 witness(es) (S1, S2), told differently by S3"
    )


def test_a_network_names_each_link_with_its_paragraphs_and_witnesses():
    edges = pd.DataFrame(
        {"source": ["Musk"], "target": ["Altman"], "weight": [4], "n_witnesses": [2]}
    )
    assert network_alt(edges) == "Musk–Altman (4 paragraphs, 2 witnesses)"


def test_a_large_network_names_its_strongest_links_and_counts_the_rest():
    edges = pd.DataFrame(
        {
            "source": ["Musk", "Musk", "Altman"],
            "target": ["Altman", "Tesla", "Brockman"],
            "weight": [9, 4, 1],
            "n_witnesses": [3, 2, 1],
        }
    )
    assert network_alt(edges, top=2) == (
        "Musk–Altman (9 paragraphs, 3 witnesses); Musk–Tesla (4 paragraphs, 2 witnesses); "
        "and 1 weaker links"
    )
