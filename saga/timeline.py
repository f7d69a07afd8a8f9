"""Events and contested claims joined with the paragraphs that carry them, counted by source
and by independent witness.

Two translations of one article (the two Semafor texts) are two *sources* but one *witness*
(the `witness` column of the sources table), so an event reported by S1 and S5 only has one
independent witness. Every function here takes the frames as they come from
``saga.annotations`` (strings, ';'-separated lists) and ``saga.store.read_table``; none of them
reads files, so they work the same on the real corpus and on tiny test frames.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .annotations import split_ids
from .errors import SagaError

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
    order = [str(s) for s in sources["source_id"]]
    labels = dict(zip(order, map(str, sources["label"]), strict=True))
    if "witness" in sources.columns:
        witness = dict(zip(order, map(str, sources["witness"]), strict=True))
    else:  # no witness column: every source is its own witness
        witness = {s: s for s in order}
    return labels, witness, order


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


def stance_chart(grid: pd.DataFrame, *, title: str, source: str, row_labels=None):
    """A grid of ±1/0 cells (event_source_grid / claim_source_grid) as a coloured matrix:
    blue = reports/supports, red = tells it differently/contradicts, grey = silent."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    from . import plots

    rows = list(row_labels) if row_labels is not None else [str(i) for i in grid.index]
    if len(rows) != len(grid):
        raise ValueError(f"{len(rows)} row labels for {len(grid)} rows")
    # a '$' pair in a label (US$1 billion … US$100 million) would start matplotlib mathtext
    rows = [r.replace("$", r"\$") for r in rows]
    cols = [str(c) for c in grid.columns]
    width = max(6.5, 0.9 * len(cols) + 0.09 * max((len(r) for r in rows), default=10) + 2.0)
    height = max(2.6, 0.42 * len(rows) + 1.9)
    fig, ax = plots.new_figure(width, height)
    cmap = ListedColormap(["#d1495b", "#eeeeee", "#1f5f8b"])
    ax.imshow(grid.to_numpy(dtype=float), cmap=cmap, vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(len(cols)), cols)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_xticks([x - 0.5 for x in range(1, len(cols))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.xaxis.tick_top()
    handles = [
        Patch(color="#1f5f8b", label="reports / supports"),
        Patch(color="#d1495b", label="differs / contradicts"),
        Patch(color="#eeeeee", label="silent"),
    ]
    # left-aligned under the grid, so it never runs past the figure's right edge
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.01),
        ncol=3,
        frameon=False,
        fontsize=8.5,
        handlelength=1.2,
        columnspacing=1.0,
    )
    return plots.finish(fig, title, source)
