"""Events and contested claims joined with the paragraphs that carry them, counted by source
and by independent witness.

Two translations of one article (the two Semafor texts) are two *sources* but one *witness*
(the `witness` column of the sources table), so an event reported by S1 and S5 only has one
independent witness. Every function here takes the frames as they come from
``saga.records.annotations`` (strings, ';'-separated lists) and ``saga.corpus.store.read_table``; none of them
reads files, so they work the same on the real corpus and on tiny test frames.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from saga.analysis.bounded import TOP, others, shown_rows
from saga.errors import SagaError
from saga.labels import label_map, witness_map
from saga.records.annotations import split_ids

PRECISIONS = ("day", "month", "year")
TIMELINE_COLUMNS = [
    "event_id",
    "date",
    "precision",
    "start",
    "theme",
    "summary_en",
    "summary_zh",
    "supporting",
    "contradicting",
    "supporting_sources",
    "contradicting_sources",
    "n_sources",
    "n_witnesses",
    "n_contradicting_sources",
    "n_contradicting_witnesses",
    "contradicted",
    "external",
    "external_bib",
]
CLAIM_TALLY_COLUMNS = [
    "claim_id",
    "theme",
    "claim_en",
    "supports",
    "contradicts",
    "silent",
    "n_support_sources",
    "n_support_witnesses",
    "n_contradict_sources",
    "n_contradict_witnesses",
    "contested",
]
STANCE_CODES = {"supports": 1, "silent": 0, "contradicts": -1}
NOT_ANNOTATED = "not yet annotated"


def date_start(value: str, precision: str) -> pd.Timestamp:
    """The first day of an ISO date at its precision ('2015' -> 2015-01-01)."""
    if precision not in PRECISIONS:
        raise SagaError(f"precision {precision!r} is not one of {list(PRECISIONS)}")
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    try:
        return pd.to_datetime(value, format=formats[precision])
    except ValueError as err:
        raise SagaError(f"date {value!r} does not have {precision} precision") from err


def _source_maps(sources: pd.DataFrame) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """source_id -> label, source_id -> witness, and the manifest order of source_ids."""
    return label_map(sources), witness_map(sources), [str(s) for s in sources["source_id"]]


def _sources_of(pids: list[str], para_source: dict[str, str], where: str) -> list[str]:
    unknown = [p for p in pids if p not in para_source]
    if unknown:
        raise SagaError(f"{where}: unknown paragraph(s) {unknown}")
    return [para_source[p] for p in pids]


def events_timeline(
    events: pd.DataFrame,
    paragraphs: pd.DataFrame,
    sources: pd.DataFrame,
    theme: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per event (optionally only those of one theme or several), in date order.

    Columns (TIMELINE_COLUMNS): the event's own fields, ``start`` (first day of its date, for
    plotting), the supporting/contradicting paragraph IDs as lists, the labels of the sources
    they come from (manifest order), how many distinct sources and independent witnesses
    support and contradict it, ``contradicted`` (any contradicting paragraph), ``external``
    (bool) and ``external_bib`` (list). Unknown paragraph IDs raise SagaError.
    """
    labels, witness, order = _source_maps(sources)
    rank = {s: i for i, s in enumerate(order)}
    para_source = dict(
        zip(map(str, paragraphs["paragraph_id"]), map(str, paragraphs["source_id"]), strict=True)
    )
    if theme is not None:
        wanted = {theme} if isinstance(theme, str) else set(theme)
        events = events[events["theme"].isin(wanted)]
    rows = []
    for ev in events.itertuples(index=False):
        where = f"event {ev.event_id}"
        sup, con = split_ids(ev.supporting), split_ids(ev.contradicting)
        sup_src = sorted(set(_sources_of(sup, para_source, where)), key=rank.__getitem__)
        con_src = sorted(set(_sources_of(con, para_source, where)), key=rank.__getitem__)
        rows.append(
            {
                "event_id": str(ev.event_id),
                "date": str(ev.date),
                "precision": str(ev.precision),
                "start": date_start(str(ev.date), str(ev.precision)),
                "theme": str(ev.theme),
                "summary_en": str(ev.summary_en),
                "summary_zh": str(ev.summary_zh),
                "supporting": sup,
                "contradicting": con,
                "supporting_sources": [labels[s] for s in sup_src],
                "contradicting_sources": [labels[s] for s in con_src],
                "n_sources": len(sup_src),
                "n_witnesses": len({witness[s] for s in sup_src}),
                "n_contradicting_sources": len(con_src),
                "n_contradicting_witnesses": len({witness[s] for s in con_src}),
                "contradicted": bool(con),
                "external": str(ev.external).strip().lower() == "true",
                "external_bib": split_ids(ev.external_bib),
            }
        )
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    if out.empty:
        return out
    out = out.sort_values(["start", "event_id"], kind="stable").reset_index(drop=True)
    for col in ("n_sources", "n_witnesses", "n_contradicting_sources", "n_contradicting_witnesses"):
        out[col] = out[col].astype(int)
    return out


def event_source_grid(timeline: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Events (rows, timeline order, by event_id) × source labels (columns, manifest order):
    1 = the source reports the event, -1 = it tells it differently, 0 = it does not mention it.
    A source that does both (one paragraph each way) gets -1: the disagreement is the news."""
    labels, _, order = _source_maps(sources)
    cols = [labels[s] for s in order]
    grid = pd.DataFrame(0, index=list(timeline["event_id"]), columns=cols, dtype=int)
    for ev in timeline.itertuples(index=False):
        for lab in ev.supporting_sources:
            grid.loc[ev.event_id, lab] = 1
        for lab in ev.contradicting_sources:
            grid.loc[ev.event_id, lab] = -1
    grid.index.name, grid.columns.name = "event", "source"
    return grid


def claims_tally(
    claims: pd.DataFrame,
    stances: pd.DataFrame,
    sources: pd.DataFrame,
    theme: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per claim: which source labels support, contradict or are silent on it, and how
    many distinct sources and independent witnesses support and contradict it. ``contested``:
    at least one witness on each side. Claims keep their order in claims.csv."""
    labels, witness, order = _source_maps(sources)
    rank = {s: i for i, s in enumerate(order)}
    if theme is not None:
        wanted = {theme} if isinstance(theme, str) else set(theme)
        claims = claims[claims["theme"].isin(wanted)]
    rows = []
    for c in claims.itertuples(index=False):
        st = stances[stances["claim_id"] == c.claim_id]
        if unknown := sorted(set(map(str, st["source_id"])) - set(order)):
            raise SagaError(f"claim {c.claim_id}: unknown source(s) {unknown}")
        by = {
            k: sorted(set(map(str, st.loc[st["stance"] == k, "source_id"])), key=rank.__getitem__)
            for k in STANCE_CODES
        }
        n_sw = len({witness[s] for s in by["supports"]})
        n_cw = len({witness[s] for s in by["contradicts"]})
        rows.append(
            {
                "claim_id": str(c.claim_id),
                "theme": str(c.theme),
                "claim_en": str(c.claim_en),
                "supports": [labels[s] for s in by["supports"]],
                "contradicts": [labels[s] for s in by["contradicts"]],
                "silent": [labels[s] for s in by["silent"]],
                "n_support_sources": len(by["supports"]),
                "n_support_witnesses": n_sw,
                "n_contradict_sources": len(by["contradicts"]),
                "n_contradict_witnesses": n_cw,
                "contested": bool(n_sw and n_cw),
            }
        )
    return pd.DataFrame(rows, columns=CLAIM_TALLY_COLUMNS)


def claim_source_grid(
    claims: pd.DataFrame,
    stances: pd.DataFrame,
    sources: pd.DataFrame,
    theme: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Claims (rows, by claim_id, claims.csv order) × source labels (columns, manifest order):
    1 supports, -1 contradicts, 0 silent or no stance recorded."""
    labels, _, order = _source_maps(sources)
    if theme is not None:
        wanted = {theme} if isinstance(theme, str) else set(theme)
        claims = claims[claims["theme"].isin(wanted)]
    cols = [labels[s] for s in order]
    grid = pd.DataFrame(0, index=list(claims["claim_id"]), columns=cols, dtype=int)
    for st in stances.itertuples(index=False):
        if st.claim_id in grid.index:
            if st.stance not in STANCE_CODES:
                raise SagaError(f"claim {st.claim_id}: unknown stance {st.stance!r}")
            grid.loc[st.claim_id, labels[str(st.source_id)]] = STANCE_CODES[st.stance]
    grid.index.name, grid.columns.name = "claim", "source"
    return grid


def supporting_witnesses(grid: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """Per row of an event or claim grid: how many independent witnesses report or support it.

    Only cells of 1 count: a source that tells an episode differently or contradicts a claim
    is a witness against it, not for it, and silent or unannotated cells say nothing."""
    witness = dict(zip(map(str, sources["label"]), map(str, sources["witness"]), strict=True))
    columns = [c for c in grid.columns if c in witness]
    names = np.array([witness[c] for c in columns], dtype=object)
    ones = grid[columns].eq(1).to_numpy()  # one comparison for the grid, not one per cell
    return pd.Series(
        {row: len(set(names[ones[i]])) for i, row in enumerate(grid.index)},
        dtype=int,
    )


def told_only_by(grid: pd.DataFrame, labels: Iterable[str]) -> list:
    """Rows that some source tells (a non-zero cell) and that only the given sources tell."""
    told = grid.fillna(0) != 0
    keep = set(labels)
    return [r for r in grid.index if told.loc[r].any() and set(grid.columns[told.loc[r]]) <= keep]


def annotated_sources(
    stances: pd.DataFrame, sources: pd.DataFrame, claims: pd.DataFrame | None = None
) -> list[str]:
    """Labels (manifest order) of the sources an annotator has coded: any row in
    claim_stances.csv, or only rows on ``claims`` when given (a theme's claims)."""
    if claims is not None:
        stances = stances[stances["claim_id"].isin(set(claims["claim_id"]))]
    have = set(map(str, stances["source_id"]))
    return [lab for sid, lab in label_map(sources).items() if sid in have]


def unannotated_sources(sources: pd.DataFrame, annotated: Iterable[str]) -> list[str]:
    """Labels (manifest order) of the sources not among ``annotated`` (annotated_sources)."""
    done = set(annotated)
    return [lab for lab in label_map(sources).values() if lab not in done]


def stance_view(grid: pd.DataFrame, annotated: Iterable[str], top: int = TOP) -> pd.DataFrame:
    """A ±1/0 grid (claim_source_grid, event_source_grid) for display: the annotated sources'
    columns (the ``top`` with most non-silent cells, table order kept), the rest merged into
    one "N other sources" column (-1 if any contradicts, else 1 if any supports, else 0), and
    one NaN column for the sources not yet annotated, so an added source is shown as "not yet
    annotated", never as silent, and the width stays bounded."""
    coded = [c for c in grid.columns if c in set(annotated)]
    pending = [c for c in grid.columns if c not in set(coded)]
    shown = shown_rows(grid[coded].ne(0).astype(int).T, top, rank=True)
    view = grid[shown].astype(float)
    if len(shown) < len(coded):
        rest = grid[[c for c in coded if c not in set(shown)]]
        merged = rest.max(axis=1).clip(lower=0).where(~rest.eq(-1).any(axis=1), -1)
        view[others(rest.shape[1])] = merged.astype(float)
    if pending:
        name = pending[0] if len(pending) == 1 else f"{len(pending)} sources"
        view[f"{name}: {NOT_ANNOTATED}"] = float("nan")
    view.index.name, view.columns.name = grid.index.name, grid.columns.name
    return view


def claims_view(
    claims: pd.DataFrame, stances: pd.DataFrame, sources: pd.DataFrame, theme: str | None = None
) -> tuple[pd.DataFrame, list[str], pd.DataFrame]:
    """A theme's claims (every claim when ``theme`` is None) as a chapter shows them: the
    tally (claims_tally), the labels of the sources annotated on them, and the bounded
    stance grid (stance_view) with the others as "not yet annotated"."""
    mine = claims if theme is None else claims[claims["theme"] == theme]
    annotated = annotated_sources(stances, sources, mine)
    grid = claim_source_grid(claims, stances, sources, theme=theme)
    return (
        claims_tally(claims, stances, sources, theme=theme),
        annotated,
        stance_view(grid, annotated),
    )
