"""Charts of dates: the related-article teasers day by day (the storyline's trail) and the
dates decoded from tweet IDs against the dates the texts give."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from saga.analysis.teasers import stage_labels
from saga.present.style import PALETTE, finish, new_figure, use_style


def trail_chart(
    trail_frame: pd.DataFrame,
    markers: list[tuple[str, str]],
    *,
    windows: list[tuple[str, str]],
    title: str,
    source: str,
):
    """The teaser trail day by day: one row per storyline stage, one dot per teaser coloured
    by page (source label), in one panel per date window (e.g. the crisis weeks and the
    following March), with vertical lines for dated markers [(ISO date, label), ...]."""
    import matplotlib.dates as mdates

    use_style()
    names = stage_labels()
    stages = [s for s in names if s in set(trail_frame["stage"])]
    ys = {s: i for i, s in enumerate(reversed(stages))}
    spans = [(pd.Timestamp(a), pd.Timestamp(b)) for a, b in windows]
    ratios = [max(1, (b - a).days) for a, b in spans]
    fig = Figure(figsize=(9.5, 0.5 * len(stages) + 4.2), layout="constrained")
    axes = fig.subplots(1, len(spans), sharey=True, width_ratios=ratios, squeeze=False)[0]
    pages = sorted(trail_frame["label"].unique())
    color = {p: PALETTE[i] for i, p in enumerate(pages)}
    dodge = {p: (i - (len(pages) - 1) / 2) * 0.18 for i, p in enumerate(pages)}
    for k, (ax, (a, b)) in enumerate(zip(axes, spans, strict=True)):
        t = trail_frame.assign(_t=pd.to_datetime(trail_frame["date"]))
        t = t[(t["_t"] >= a) & (t["_t"] <= b)]
        for p in pages:
            g = t[t["label"] == p]
            ax.scatter(
                g["_t"],
                [ys[s] + dodge[p] for s in g["stage"]],
                s=46,
                color=color[p],
                label=f"teaser on the {p} page" if k == 0 else None,
                zorder=3,
            )
        for d, text in markers:
            x = pd.Timestamp(d)
            if a <= x <= b:
                ax.axvline(x, color="#999999", linewidth=0.9, linestyle="--", zorder=1)
                ax.annotate(
                    text,
                    (x, len(stages) + 1.5),
                    rotation=90,
                    fontsize=8,
                    ha="right",
                    va="top",
                    color="#444444",
                )
        ax.set_xlim(a - pd.Timedelta(days=0.7), b + pd.Timedelta(days=0.7))
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=3 if (b - a).days > 12 else 2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d"))
        ax.tick_params(axis="x", labelrotation=45, labelsize=8.5)
        ax.grid(axis="y", color="#eeeeee")
        ax.set_xlabel(f"{a:%Y}: {a:%b %d} – {b:%b %d}")
        if k:
            ax.spines["left"].set_visible(False)
            ax.tick_params(axis="y", length=0)
    axes[0].set_yticks(list(ys.values()), [names[s] for s in ys])
    axes[0].set_ylim(-0.6, len(stages) + 1.6)  # headroom above the top row for marker labels
    handles, names_ = axes[0].get_legend_handles_labels()
    # legend in the later panel's empty rows; a blank supxlabel keeps the "Source:" line clear
    axes[-1].legend(
        handles, names_, loc="upper left", bbox_to_anchor=(0.0, 0.74), frameon=False, fontsize=9
    )
    fig.supxlabel(" ", fontsize=9)
    return finish(fig, title, source)


def tweet_chart(checked: pd.DataFrame, labels: dict[str, str], *, title: str, source: str):
    """Each tweet (a row): its decoded date (diamond) and the date each text gives for it
    (one marker per source label; a hollow marker where the text disagrees), on a day axis
    centred on the tweet. labels: paragraph_id -> display label, e.g. "S5 ¶19".

    Month-precision text dates are drawn as a bar over the month."""
    tweets = list(dict.fromkeys(checked["status_id"]))
    fig, ax = new_figure(8.0, 0.9 * len(tweets) + 2.0)
    ys = list(range(len(tweets)))[::-1]
    for y, sid in zip(ys, tweets, strict=True):
        g = checked[checked["status_id"] == sid]
        decoded = pd.Timestamp(g["date_utc"].iloc[0])
        ax.scatter([0], [y], marker="D", s=60, color="#222222", zorder=4)
        for i, r in enumerate(g.itertuples(index=False)):
            lab = labels.get(r.paragraph_id, r.paragraph_id)
            color = PALETTE[i % len(PALETTE)]
            dy = 0.18 * (i - (len(g) - 1) / 2)
            if pd.isna(r.days_off):  # month precision: the whole month, as a bar
                start = pd.Timestamp(r.date_value + "-01")
                end = start + pd.offsets.MonthEnd(0)
                ax.plot(
                    [(start - decoded).days, (end - decoded).days],
                    [y + dy, y + dy],
                    color=color,
                    linewidth=4,
                    alpha=0.6,
                    solid_capstyle="butt",
                )
                ax.annotate(
                    f"{lab}: {r.date_text}",
                    ((end - decoded).days, y + dy),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8.5,
                )
                continue
            off = int(r.days_off)
            ax.scatter(
                [off],
                [y + dy],
                s=50,
                zorder=3,
                edgecolors=color,
                facecolors=color if r.agrees else "none",
                linewidths=1.5,
            )
            ax.annotate(
                f"{lab}: {r.date_text}" + ("" if r.agrees else f" ({off:+d} days)"),
                (off, y + dy),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=8.5,
            )
    ax.axvline(0, color="#bbbbbb", linewidth=0.8, zorder=1)
    ax.set_yticks(
        ys,
        [f"tweet of {checked.loc[checked['status_id'] == s, 'date_utc'].iloc[0]}" for s in tweets],
    )
    ax.set_xlabel("days from the date decoded from the tweet ID (diamond)")
    ax.set_xlim(-12, 40)
    ax.grid(axis="x", color="#eeeeee")
    return finish(fig, title, source)


def tweet_alt(checked: pd.DataFrame, labels: dict[str, str]) -> str:
    """Alt text of tweet_chart: each text date against the decoded date."""
    return "Dot chart of Musk's tweets: decoded date versus the dates the texts give. " + "; ".join(
        f"tweet of {r.date_utc}: {labels.get(r.paragraph_id, r.paragraph_id)} says {r.date_text} "
        f"({'agrees' if r.agrees else 'month only' if pd.isna(r.days_off) else f'{int(r.days_off):+d} days'})"
        for r in checked.itertuples()
    )


def trail_alt(trail: pd.DataFrame) -> str:
    """Alt text of trail_chart: each teaser's date, page and stage."""
    return "Dot chart of related-article teasers by date and storyline stage: " + "; ".join(
        f"{r.date} {r.label} {r.stage}" for r in trail.itertuples()
    )
