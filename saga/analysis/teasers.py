"""The related-article teasers (相關推薦) of the captured pages as a dated trail of the story.

S2 and S4 were captured months after they were written, with a list of dated teasers for
other articles on the same portals. The teasers are not article text, but their dates and
opening words show, day by day, what the portals were running while the story moved: a trail
the articles themselves (each frozen at its writing date) cannot show.

Each teaser gets the book's themes (the rules of data/lexicon/themes.yml, applied by
saga.corpus.themes to the teaser's simplified text, keyword and entity rules only: a teaser's date is
its publication date, not a date it reports) and one storyline stage (data/lexicon/teaser_stages.csv).
"""

from __future__ import annotations

import pandas as pd

from saga.corpus.themes import assign_themes
from saga.labels import label_map
from saga.records.teaser_stages import fallback_stage, load_teaser_stages, stage_words

TRAIL_COLUMNS = ["source_id", "label", "n", "date", "stage", "stage_label", "themes", "text"]


def stage_of(text_simplified: str, stages: pd.DataFrame | None = None) -> str:
    """The storyline stage of one teaser (data/lexicon/teaser_stages.csv), or the fallback."""
    stages = load_teaser_stages() if stages is None else stages
    for stage, words in stage_words(stages):
        if any(w in text_simplified for w in words):
            return stage
    return fallback_stage(stages)


def stage_labels(stages: pd.DataFrame | None = None) -> dict[str, str]:
    """stage id -> English label, in storyline order (the fallback last)."""
    stages = load_teaser_stages() if stages is None else stages
    return dict(zip(stages["stage"], stages["label"], strict=True))


def trail(
    related: pd.DataFrame,
    sources: pd.DataFrame,
    themes: dict[str, dict] | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """The teasers as a dated trail: one row per teaser, sorted by date then source and n.

    themes: saga.corpus.themes.load_themes() (optional; without it the themes column is empty).
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
    labels = label_map(sources)
    stages = load_teaser_stages()
    names = stage_labels(stages)
    rows = []
    for r in rel.itertuples(index=False):
        stage = stage_of(r.text_simplified, stages)
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
    against the teaser's date with saga.corpus.dates, beside the teaser's date: how long after an
    event the portal ran the piece. Columns: label, n, date (the teaser's), stage,
    date_text, reported (ISO day), lag_days (date minus reported)."""
    from saga.corpus.dates import extract_dates
    from saga.corpus.script import to_simplified

    rows = []
    for r in trail_frame.itertuples(index=False):
        for d in extract_dates(to_simplified(r.text), r.date):
            if d.value and len(d.value) == 10:
                lag = (pd.Timestamp(r.date) - pd.Timestamp(d.value)).days
                rows.append([r.label, int(r.n), r.date, r.stage, d.text, d.value, int(lag)])
    columns = ["label", "n", "date", "stage", "date_text", "reported", "lag_days"]
    out = pd.DataFrame(rows, columns=columns)
    return out.drop_duplicates(["label", "n", "reported"]).reset_index(drop=True)
