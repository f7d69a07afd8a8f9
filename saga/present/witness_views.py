"""Tables and labels of who reports what for chapters 3 and 4: the claims table with the
sources that have no stances yet named as "not yet annotated" (never as silent), the
timeline's chart labels and spaced annotation ids."""

from __future__ import annotations

import pandas as pd

from saga.analysis.timelines import NOT_ANNOTATED
from saga.labels import label_map
from saga.present.premises import listed


def claims_table(tally: pd.DataFrame, sources, annotated: list[str]) -> pd.DataFrame:
    """The claims tally as shown: stances as short lists of labels, and the sources not yet
    annotated named as such (never counted among the silent)."""
    missing = [lab for lab in label_map(sources).values() if lab not in set(annotated)]
    return pd.DataFrame(
        {
            "claim": tally["claim_id"],
            "what it says": tally["claim_en"],
            "supports": tally["supports"].map(listed),
            "contradicts": tally["contradicts"].map(listed),
            "silent": tally["silent"].map(listed),
            NOT_ANNOTATED: len(tally) * [listed(missing)],
            "supporting witnesses": tally["n_support_witnesses"],
        }
    )


def timeline_labels(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline with a ``what`` column for the chart: the event id, marked when its date
    comes from an outside document."""
    return timeline.assign(
        what=[e + (" (outside date)" if x else "") for e, x in zip(
            timeline["event_id"], timeline["external"], strict=True
        )]
    )  # fmt: skip


def spaced(ids) -> list[str]:
    """Annotation ids as chart labels: 'altman-removed' -> 'altman removed'."""
    return [str(i).replace("-", " ") for i in ids]
