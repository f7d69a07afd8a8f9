"""The money charts of the capped-profit chapter: Microsoft's investment, Musk's money and
OpenAI's valuation, each set against the outside record."""

from __future__ import annotations

import pandas as pd

from saga.analysis.bounded import TOP, top_table
from saga.analysis.money_flows import SYMBOLS, UNANNOTATED, as_written, billions, usd_range
from saga.present.charts import label_right
from saga.present.style import PALETTE, finish, new_figure
from saga.records.outside_record import load_outside_record


def microsoft_chart(
    totals: pd.DataFrame, *, title: str, source: str, record: pd.DataFrame | None = None
):
    """Microsoft's money according to each witness (low–high bars, US$ billion), with the
    record's reported figures (first investment + the 2023 round) as a last bar."""
    rec = (load_outside_record() if record is None else record).set_index("flow")
    rows = [(r.who, r.low / 1e9, r.high / 1e9) for r in totals.itertuples(index=False)]
    rec_low = (
        rec.loc["microsoft-first", "value_usd"] + rec.loc["microsoft-later", "value_usd"]
    ) / 1e9
    fig, ax = new_figure(8.0, 0.6 * (len(rows) + 1) + 1.8)
    labels = [r[0] for r in rows] + ["record (2019 + reported 2023)"]
    ys = list(range(len(labels)))[::-1]
    for y, (_, low, high) in zip(ys, rows, strict=False):
        ax.barh(y, low, color=PALETTE[0], height=0.55)
        if high > low:
            ax.barh(y, high - low, left=low, color=PALETTE[0], alpha=0.35, height=0.55)
        text = f"{low:g}" if high == low else f"{low:g}–{high:g}"
        label_right(ax, high, y, f"US${text} bn")
    ax.barh(ys[-1], rec_low, color="#888888", height=0.55, hatch="//", edgecolor="white")
    label_right(ax, rec_low, ys[-1], f"≥ US${rec_low:g} bn (a 2021 round undisclosed)")
    ax.set_yticks(ys, labels)
    ax.set_xlabel("Microsoft's investment in OpenAI, US$ billion (pale: range of a vague figure)")
    ax.margins(x=0.5)  # room for the record bar's label
    return finish(fig, title, source)


def musk_chart(musk: pd.DataFrame, *, title: str, source: str):
    """Musk's money: what he pledged and what he gave, by who says so (US$ million)."""
    fig, ax = new_figure(8.0, 0.55 * len(musk) + 1.9)
    ys = list(range(len(musk)))[::-1]
    colors = {"pledged": PALETTE[2], "given": PALETTE[0]}
    for y, r in zip(ys, musk.itertuples(index=False), strict=True):
        value = r.value_usd / 1e6
        record_row = bool(r.record)
        ax.barh(
            y,
            value,
            height=0.55,
            color="#888888" if record_row else colors[r.what],
            hatch="//" if record_row else None,
            edgecolor="white",
        )
        prefix = {"<": "less than ", "~": "about ", "=": ""}[r.bound]
        label_right(ax, value, y, f"{prefix}{billions(r.value_usd)}")
    ax.set_yticks(ys, [f"{r.what}: {r.who}" for r in musk.itertuples(index=False)])
    ax.set_xlabel("US$ million")
    ax.margins(x=0.3)
    return finish(fig, title, source)


def valuation_chart(vals: pd.DataFrame, *, title: str, source: str):
    """OpenAI's valuation over time: stated, lower-bound, implied and record points."""
    fig, ax = new_figure(8.0, 4.2)
    style = {
        "stated": dict(marker="o", color=PALETTE[0]),
        "lower bound": dict(marker="^", color=PALETTE[1]),
        "implied": dict(marker="o", color=PALETTE[1], facecolors="none"),
        "record": dict(marker="s", color="#666666"),
    }
    for kind, g in vals.groupby("kind", sort=False):
        t = pd.to_datetime(g["date"], format="mixed")
        st = dict(style[kind])
        face = st.pop("facecolors", None)
        ax.scatter(
            t,
            g["value_usd"] / 1e9,
            s=70,
            label=kind,
            zorder=3,
            facecolors=face if face else st["color"],
            edgecolors=st["color"],
            marker=st["marker"],
        )
    for i, r in enumerate(vals.sort_values("date", kind="stable").itertuples(index=False)):
        ti = pd.to_datetime(r.date, format="mixed")
        below = i % 2 == 1
        ax.annotate(
            f"{r.who}: US${r.value_usd / 1e9:.3g} bn",
            (ti, r.value_usd / 1e9),
            xytext=(6, -14 if below else 7),
            textcoords="offset points",
            fontsize=8.5,
            ha="left" if ti < pd.Timestamp("2023-09-01") else "right",
        )
    ax.set_ylabel("valuation, US$ billion")
    ax.set_ylim(0, max(vals["value_usd"]) / 1e9 * 1.2)
    ax.margins(x=0.25)
    ax.legend(loc="upper left", frameon=False)
    ax.grid(axis="y", color="#e5e5e5")
    return finish(fig, title, source)


BOUND_WORDS = {"<": "less than ", "~": "about ", "=": ""}


def musk_alt(musk: pd.DataFrame) -> str:
    """Alt text of musk_chart: each bar's figure and who gives it."""
    return "Bars of Musk's money: " + "; ".join(
        f"{r.what} according to {r.who}: {BOUND_WORDS[r.bound]}{billions(r.value_usd)}"
        for r in musk.itertuples()
    )


def microsoft_alt(totals: pd.DataFrame, record: pd.DataFrame | None = None) -> str:
    """Alt text of microsoft_chart: each witness's range and the record's lower bound."""
    rec = (load_outside_record() if record is None else record).set_index("flow")
    low = rec.loc["microsoft-first", "value_usd"] + rec.loc["microsoft-later", "value_usd"]
    return (
        "Horizontal bars of Microsoft's investment in OpenAI according to each witness: "
        + "; ".join(f"{r.who} {usd_range(r.low, r.high)}" for r in totals.itertuples())
        + f"; record: at least {billions(low)} (the 2019 investment plus the reported 2023 round)."
    )


def valuation_alt(vals: pd.DataFrame) -> str:
    """Alt text of valuation_chart: each dated figure, by whom and of what kind."""
    return "Scatter of OpenAI valuations over time: " + "; ".join(
        f"{r.date} {r.who} ({r.kind}) {billions(r.value_usd)}" for r in vals.itertuples()
    )


def amounts_table(
    annotated: pd.DataFrame,
    plabel: dict,
    flows: dict,
    paragraphs: pd.DataFrame,
    top: int = TOP,
) -> pd.DataFrame:
    """The chapter's amounts as shown: every annotated amount except currency conversions and
    amounts of other stories, with its paragraph label, its text as the source wrote it
    (as_written), range (in its own currency) and what it stands for; then those no role
    describes yet, flow "unannotated": the first ``top`` one by one, the rest in one row "N
    other unannotated amounts" (thousands of sources add one row, not thousands)."""
    show = annotated[~annotated["flow"].isin(["conversion", "unrelated"])]
    table = pd.DataFrame(
        {
            "paragraph": show["paragraph_id"].map(plabel),
            "text": as_written(show, paragraphs),
            "amount": [
                usd_range(lo, hi, SYMBOLS.get(cur, f"{cur} "))
                for lo, hi, cur in zip(show["low"], show["high"], show["currency"], strict=True)
            ],
            "flow": [flows.get(f, f) for f in show["flow"]],
            "as_of": show["as_of"],
            "basis": show["basis"],
        }
    )
    pending = (show["flow"] == UNANNOTATED).to_numpy()
    folded = top_table(table[pending], top, noun="unannotated amounts")
    return pd.concat([table[~pending], folded], ignore_index=True)
