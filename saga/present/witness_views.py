"""Who reports what, as the chapters show it: the events, claims and errata tables of a theme,
the synthesis tables of events and contradicted claims, and the labels of timeline and grid
rows. Sources that have no stances yet are named "not yet annotated" (never silent)."""

from __future__ import annotations

import pandas as pd

from saga.analysis.contradictions import errata_table
from saga.analysis.timelines import NOT_ANNOTATED, unannotated_sources
from saga.present.premises import listed

_JOIN = ", ".join


def claims_table(tally: pd.DataFrame, sources, annotated: list[str]) -> pd.DataFrame:
    """The claims tally as shown: stances as short lists of labels, and the sources not yet
    annotated named as such (never counted among the silent)."""
    missing = unannotated_sources(sources, annotated)
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


def stance_table(tally: pd.DataFrame) -> pd.DataFrame:
    """A theme's claims tally (timelines.claims_tally) as the annotation record: the claim,
    the sources on each side and the independent witnesses for and against."""
    lists = {k: tally[k].map(_JOIN) for k in ["supports", "contradicts", "silent"]}
    return tally.assign(**lists)[
        ["claim_en", *lists, "n_support_witnesses", "n_contradict_witnesses"]
    ]


def events_table(timeline: pd.DataFrame) -> pd.DataFrame:
    """A theme's events (timelines.events_timeline) as the annotation record: who reports and
    who differs, the counts, and whether the date comes from the sources or from outside."""
    return timeline.assign(
        reported_by=timeline["supporting_sources"].map(_JOIN),
        differs=timeline["contradicting_sources"].map(_JOIN),
        date_from=timeline["external_bib"].map(lambda b: "outside: " + _JOIN(b) if b else "the sources"),
    )[
        ["event_id", "date", "summary_en", "reported_by", "differs", "n_sources", "n_witnesses",
         "date_from"]
    ]  # fmt: skip


BY_WITNESS_LAST = {"date from": "external_bib", "told differently by": "contradicting_sources"}


def events_by_witness(timeline: pd.DataFrame, last: str) -> pd.DataFrame:
    """Events with their summary, independent witnesses and reporting sources, then ``last``:
    "date from" (the bib keys of an outside date) or "told differently by" (sources)."""
    columns = {
        "date": "date",
        "event_id": "event",
        "summary_en": "summary",
        "n_witnesses": "witnesses",
        "supporting_sources": "reported by",
        BY_WITNESS_LAST[last]: last,
    }
    shown = timeline[list(columns)].rename(columns=columns)
    return shown.assign(**{c: [_JOIN(x) for x in shown[c]] for c in ["reported by", last]})


def theme_errata(errata: pd.DataFrame, theme: str, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """A theme's errata as its chapter shows them, in the order of errata.csv: where, the
    quote, what the source says, the record, the verdict, the sources of the record."""
    mine = errata[errata["theme"] == theme]
    table = errata_table(mine, paragraphs).set_index("erratum_id").loc[list(mine["erratum_id"])]
    columns = {
        "where": "where",
        "quote": "quote",
        "says": "the source says",
        "record": "the record",
        "verdict": "verdict",
        "bib": "sources of the record",
    }
    return table[list(columns)].rename(columns=columns).reset_index(drop=True)


def contradictions_shown(contra: pd.DataFrame) -> pd.DataFrame:
    """The contradicted claims (contradictions.contradictions) as shown: the sides, their
    paragraphs and witnesses, the note and the errata (theme, contested flag and record left
    out: the table is per claim and every row is contested)."""
    return contra.drop(columns=["theme", "contested", "record"])


def timeline_labels(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline with a ``what`` column for the chart: the event id, marked when its date
    comes from an outside document."""
    return timeline.assign(
        what=[e + (" (outside date)" if x else "") for e, x in zip(
            timeline["event_id"], timeline["external"], strict=True
        )]
    )  # fmt: skip


def dated_labels(timeline: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The timeline with an ``event`` column for the chart: the short name (else the id), its
    date, who tells it differently and whether the date comes from outside."""
    return timeline.assign(
        event=[
            f"{names.get(e, e)} ({d}"
            + (f"; {'/'.join(c)} differs" if c else "")
            + ("; outside date" if x else "")
            + ")"
            for e, d, c, x in zip(
                timeline["event_id"],
                timeline["date"],
                timeline["contradicting_sources"],
                timeline["external"],
                strict=True,
            )
        ]
    )


def contested_labels(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline with an ``event`` column for the chart: the id, starred when some source
    tells the event differently."""
    return timeline.assign(
        event=[f"{e} *" if c else e for e, c in zip(
            timeline["event_id"], timeline["contradicted"], strict=True
        )]
    )  # fmt: skip


def spaced(ids) -> list[str]:
    """Annotation ids as chart labels: 'altman-removed' -> 'altman removed'."""
    return [str(i).replace("-", " ") for i in ids]
