"""The related-article teasers (相關推薦) of the captured pages as a dated trail of the story.

S2 and S4 were captured months after they were written, with a list of dated teasers for
other articles on the same portals. The teasers are not article text, but their dates and
opening words show, day by day, what the portals were running while the story moved: a trail
the articles themselves (each frozen at its writing date) cannot show.

Each teaser gets the book's themes (the rules of data/lexicon/themes.yml, applied by
saga.themes to the teaser's simplified text, keyword and entity rules only: a teaser's date is
its publication date, not a date it reports) and one storyline stage (STAGES, see CHECK).
"""

from __future__ import annotations

import pandas as pd

from .themes import assign_themes

# Storyline stages of the 2023 board crisis and its aftermath. A teaser gets the first stage,
# in CHECK order, whose words occur in its simplified text: a teaser on investors pressing for
# the return (施压) is "pressure" even if it also says 重返, one that weighs a cause of the
# removal is "cause" even if it mentions the return. Chart order is the storyline's (STAGES).
STAGES: list[tuple[str, str, tuple[str, ...]]] = [
    ("removal", "Altman removed", ("罢免", "开除", "出局", "被自己一手创办的公司", "离职", "解雇")),
    ("microsoft", "Altman and Brockman to Microsoft", ("加入微软",)),
    ("pressure", "Investors and staff press for his return", ("施压", "辞呈")),
    ("return", "Altman's return", ("重返", "重新掌舵", "重新聘", "回归")),
    (
        "cause",
        "Explaining the crisis (causes, effective altruism)",
        ("有效利他", "终极原因", "原因进行解释", "纽约客", "危险的发现"),
    ),
    ("lawsuit", "Musk's lawsuit (2024)", ("诉讼", "起诉")),
    ("review", "Board review and new directors (March 2024)", ("调查结果",)),
]
CHECK = ["review", "lawsuit", "pressure", "cause", "return", "microsoft", "removal"]
OTHER = ("other", "Other OpenAI / Musk news")
TRAIL_COLUMNS = ["source_id", "label", "n", "date", "stage", "stage_label", "themes", "text"]


def stage_of(text_simplified: str) -> str:
    """The storyline stage of one teaser (see STAGES), or "other"."""
    words = {stage: ws for stage, _label, ws in STAGES}
    for stage in CHECK:
        if any(w in text_simplified for w in words[stage]):
            return stage
    return OTHER[0]


def stage_labels() -> dict[str, str]:
    """stage id -> English label, in storyline order (removal first, other last)."""
    return {s: lab for s, lab, _ in STAGES} | {OTHER[0]: OTHER[1]}


def trail(
    related: pd.DataFrame,
    sources: pd.DataFrame,
    themes: dict[str, dict] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """The teasers as a dated trail: one row per teaser, sorted by date then source and n.

    themes: saga.themes.load_themes() (optional; without it the themes column is empty).
    start/end: ISO dates bounding the trail (inclusive). Columns: source_id, label, n, date,
    stage, stage_label, themes (';'-joined, themes.yml order), text (original script)."""
    rel = related.copy()
    if start:
        rel = rel[rel["date"] >= start]
    if end:
        rel = rel[rel["date"] <= end]
    rel = rel.assign(
        paragraph_id=[f"{s}-r{n}" for s, n in zip(rel["source_id"], rel["n"], strict=True)]
    )
    by_teaser: dict[str, list[str]] = {}
    if themes is not None and len(rel):
        assigned = assign_themes(rel[["paragraph_id", "source_id", "text_simplified"]], themes)
        for pid, theme in zip(assigned["paragraph_id"], assigned["theme"], strict=True):
            by_teaser.setdefault(pid, []).append(theme)
    labels = dict(zip(sources["source_id"], sources["label"], strict=True))
    names = stage_labels()
    rows = []
    for r in rel.itertuples(index=False):
        stage = stage_of(r.text_simplified)
        rows.append(
            [
                r.source_id,
                labels[r.source_id],
                int(r.n),
                r.date,
                stage,
                names[stage],
                ";".join(by_teaser.get(r.paragraph_id, [])),
                r.text,
            ]
        )
    out = pd.DataFrame(rows, columns=TRAIL_COLUMNS)
    return out.sort_values(["date", "label", "n"], kind="stable").reset_index(drop=True)


def first_dates(trail_frame: pd.DataFrame) -> pd.DataFrame:
    """The first teaser date of each stage, with how many teasers each stage has and on how
    many pages (sources) they appear. Rows in stage_labels() order, absent stages left out."""
    rows = []
    for stage, label in stage_labels().items():
        g = trail_frame[trail_frame["stage"] == stage]
        if len(g):
            rows.append(
                {
                    "stage": stage,
                    "stage_label": label,
                    "first": str(g["date"].min()),
                    "last": str(g["date"].max()),
                    "teasers": int(len(g)),
                    "pages": int(g["source_id"].nunique()),
                }
            )
    return pd.DataFrame(rows, columns=["stage", "stage_label", "first", "last", "teasers", "pages"])


def days_after(dates: pd.Series, origin: str) -> pd.Series:
    """Whole days from origin (ISO date) to each ISO date (negative before it)."""
    return (pd.to_datetime(dates) - pd.Timestamp(origin)).dt.days.astype("int64")


def reported_dates(trail_frame: pd.DataFrame) -> pd.DataFrame:
    """Day-precision dates that the teasers' own words give (e.g. 當地時間11月17日), resolved
    against the teaser's date with saga.dates, beside the teaser's date: how long after an
    event the portal ran the piece. Columns: label, n, date (the teaser's), stage,
    date_text, reported (ISO day), lag_days (date minus reported)."""
    from .dates import extract_dates
    from .script import to_simplified

    rows = []
    for r in trail_frame.itertuples(index=False):
        for d in extract_dates(to_simplified(r.text), r.date):
            if d.value and len(d.value) == 10:
                lag = (pd.Timestamp(r.date) - pd.Timestamp(d.value)).days
                rows.append([r.label, int(r.n), r.date, r.stage, d.text, d.value, int(lag)])
    columns = ["label", "n", "date", "stage", "date_text", "reported", "lag_days"]
    out = pd.DataFrame(rows, columns=columns)
    return out.drop_duplicates(["label", "n", "reported"]).reset_index(drop=True)


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
    from matplotlib.figure import Figure

    from . import plots

    plots.use_style()
    names = stage_labels()
    stages = [s for s in names if s in set(trail_frame["stage"])]
    ys = {s: i for i, s in enumerate(reversed(stages))}
    spans = [(pd.Timestamp(a), pd.Timestamp(b)) for a, b in windows]
    ratios = [max(1, (b - a).days) for a, b in spans]
    fig = Figure(figsize=(9.5, 0.5 * len(stages) + 4.2), layout="constrained")
    axes = fig.subplots(1, len(spans), sharey=True, width_ratios=ratios, squeeze=False)[0]
    pages = sorted(trail_frame["label"].unique())
    color = {p: plots.PALETTE[i] for i, p in enumerate(pages)}
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
    return plots.finish(fig, title, source)
