"""saga.records.edition.edition_labels: the labels of the edition sources a corpus holds, so a
chapter keeps them in view however many sources a reader adds."""

from __future__ import annotations

import pandas as pd

from saga.records.edition import edition_labels


def test_edition_sources_are_named_by_label_in_the_editions_order(root):
    # data/edition.csv lists S1..S5 in manifest order; an added source (S6) is not one of them
    sources = pd.DataFrame(
        {
            "source_id": ["vinda-2024-06", "qianjia-2023-03-25", "added-2025-01-01"],
            "label": ["S3", "S1", "S6"],
        }
    )
    assert edition_labels(sources, root) == ["S1", "S3"]  # the others are not in this corpus


def test_the_shipped_corpus_is_the_edition(root, sources):
    assert edition_labels(sources, root) == ["S1", "S2", "S3", "S4", "S5"]
