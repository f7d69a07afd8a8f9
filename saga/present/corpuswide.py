"""The generated "Across the whole corpus" section of each theme chapter.

``show_corpus_wide(theme)`` displays, for every source in the current corpus (edition or
added): a summary that cites the most relevant paragraph of each added source with {para},
the sources that tell the theme, a chart of the dates they mention, the name forms and
amounts they use, and which of them are copies of one another. Markdown output is parsed as
MyST (``nb_render_markdown_format: myst``), so it carries only labels, dates and paragraph
IDs; everything taken from a source's text goes through escaped HTML tables or the figure.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown, display

from saga.analysis import corpuswide as cw
from saga.analysis.bounded import TOP, others, top_table
from saga.analysis.money_flows import usd_range
from saga.analysis.overview import theme_labels
from saga.corpus.entities import load_entities
from saga.corpus.store import read_table
from saga.labels import label_map
from saga.present.style import PALETTE, finish, new_figure, show
from saga.present.tables import table_html
from saga.records.edition import edition_sources

SOURCE_LINE = "every source in the current corpus (data/processed); saga.analysis.corpuswide"


def summary(theme_name: str, told: pd.DataFrame, n_sources: int, top: int = TOP) -> str:
    """The section's opening paragraph (MyST): counts, first and latest report, and the added
    sources' most relevant paragraphs, cited."""
    if told.empty:
        return (
            f"No source in the current corpus ({n_sources} sources) carries the {theme_name} theme."
        )
    n_ed = int(told["edition"].sum())
    added = told[~told["edition"]]
    first, last = told.iloc[0], told.iloc[-1]
    text = (
        f"In the current corpus of {n_sources} sources, {len(told)} carry the theme "
        f"“{theme_name}”: {n_ed} of the edition sources and {len(added)} added by readers. "
        f"The earliest is {first['label']} ({first['published']}), "
        f"the latest {last['label']} ({last['published']})."
    )
    if added.empty:
        return text + (
            " No added source tells it yet: add articles with `python -m saga add` and "
            "rebuild, and they appear here."
        )
    cites = [f"{r.label} {{para}}`{r.top_paragraph}`" for r in added.head(top).itertuples()]
    more = f", and {len(added) - top} more" if len(added) > top else ""
    return (
        text + f" Added sources, each with its most relevant paragraph: {', '.join(cites)}{more}."
    )


def sources_table(told: pd.DataFrame, top: int = TOP) -> pd.DataFrame:
    """The sources table as shown: at most ``top`` rows plus one row for the rest."""
    shown = told.drop(columns=["source_id", "top_paragraph"]).assign(
        edition=told["edition"].map({True: "edition", False: "added"})
    )
    return top_table(
        shown,
        top,
        {
            "outlet": lambda r: f"{r['outlet'].nunique()} outlets",
            "script": lambda r: ", ".join(sorted(set(r["script"]))),
            "published": lambda r: f"{min(r['published'])} – {max(r['published'])}",
            "edition": lambda r: f"{int((r['edition'] == 'edition').sum())} edition",
            "paragraphs": lambda r: int(r["paragraphs"].sum()),
        },
    )


def dates_chart(dated: pd.DataFrame, told: pd.DataFrame, theme_name: str, top: int = TOP):
    """Dates mentioned in the theme's paragraphs, one row per source (the ``top`` sources with
    most theme paragraphs; the rest share one row). The title names the most cited year."""
    keep = list(told.sort_values("paragraphs", ascending=False, kind="stable")["label"][:top])
    rows = keep + ([others(len(told) - top)] if len(told) > top else [])
    row_of = {lab: (lab if lab in keep else rows[-1]) for lab in told["label"]}
    years = dated["start"].dt.year
    mode = int(years.mode().min())
    share = float((years == mode).mean())
    fig, ax = new_figure(7.5, max(2.4, 0.38 * len(rows) + 1.6))
    ys = {lab: len(rows) - 1 - i for i, lab in enumerate(rows)}
    for precision, marker in (("day", "o"), ("month", "s"), ("year", "D")):
        d = dated[dated["precision"] == precision]
        ax.scatter(
            d["start"], [ys[row_of[lab]] for lab in d["label"]], marker=marker, s=36,
            color=PALETTE[["day", "month", "year"].index(precision)], label=precision, zorder=3,
        )  # fmt: skip
    ax.set_yticks(list(ys.values()), list(ys))
    ax.grid(axis="x", color="#dddddd")
    ax.legend(title="precision", fontsize=8, title_fontsize=8, loc="best")
    title = (
        f"Most dates the {theme_name} passages give fall in {mode} ({share:.0%} of {len(dated)})"
    )
    return finish(fig, title, SOURCE_LINE)


def show_corpus_wide(theme: str, root=None, top: int = TOP) -> None:
    """Display the corpus-wide section for ``theme`` (a theme id from data/lexicon/themes.yml)."""
    sources, paragraphs = read_table("sources", root), read_table("paragraphs", root)
    themes = read_table("themes", root)
    theme_name = theme_labels(root).get(theme, theme)
    told = cw.theme_sources(theme, sources, paragraphs, themes, set(edition_sources(root)))
    display(Markdown(summary(theme_name, told, len(sources), top)))
    if told.empty:
        return
    display(table_html(sources_table(told, top), f"{theme}-sources", "Sources that tell it"))
    pids = cw.theme_paragraphs(theme, themes, paragraphs)["paragraph_id"]
    dated = cw.dated_mentions(pids, read_table("dates", root), paragraphs)
    if not dated.empty:
        fig = dates_chart(dated, told, theme_name, top)
        show(fig, f"Dates mentioned in {theme_name} passages, by source and precision.")
    people = set(_people(root))
    forms = cw.name_forms(pids, read_table("mentions", root), people, label_map(sources))
    if not forms.empty:
        display(
            table_html(
                forms.head(top), f"{theme}-name-forms", "Name forms used (most widely used first)"
            )
        )
    money = cw.amounts(pids, read_table("money", root), paragraphs)
    money["usd"] = [
        usd_range(lo, hi) if pd.notna(lo) else ""
        for lo, hi in zip(money.pop("usd"), money.pop("usd_high"), strict=True)
    ]
    money = money[["as_written", "usd", "sources", "where"]]
    if not money.empty:
        display(
            table_html(
                money.head(top), f"{theme}-amounts", "Amounts given (most widely given first)"
            )
        )
    copies = cw.copies(told["source_id"], read_table("source_overlap", root), sources)
    caption = "Sources that share most of their text (copies or translations of one article)"
    if copies.empty:
        display(Markdown("No two of these sources share most of their text."))
    else:
        display(table_html(copies.head(top), f"{theme}-copies", caption))


def _people(root) -> list[str]:
    lexicon = load_entities(root)
    return list(lexicon.loc[lexicon["type"] == "person", "id"])
