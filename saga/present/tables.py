"""Tables for the book: escaped HTML cells with a CSV download link (a data: URI, so it
works without a server and in the single-page build)."""

from __future__ import annotations

import base64
import html

import pandas as pd

from saga.present.style import Html


def csv_link(df: pd.DataFrame, filename: str) -> str:
    """An <a download> link holding the table as a CSV data: URI (no server needed)."""
    data = base64.b64encode(df.to_csv(index=False).encode("utf-8-sig")).decode("ascii")
    name = html.escape(filename, quote=True)
    return (
        f'<a class="saga-csv" download="{name}" '
        f'href="data:text/csv;charset=utf-8;base64,{data}">Download this table as CSV ({name})</a>'
    )


def table_html(df: pd.DataFrame, filename: str, caption: str | None = None) -> Html:
    """A table with escaped cells and a CSV download link."""
    if not filename.endswith(".csv"):
        filename += ".csv"
    df = df.copy()
    df.columns.name = None
    body = df.to_html(index=False, escape=True, border=0, classes="saga-table table")
    cap = f'<p class="saga-table-caption">{html.escape(caption)}</p>' if caption else ""
    markup = f'<div class="saga-table-wrap">{cap}{body}<p>{csv_link(df, filename)}</p></div>'
    return Html(markup, df.to_string(index=False))


def show_table(df: pd.DataFrame, filename: str, caption: str | None = None):
    from IPython.display import display

    display(table_html(df, filename, caption))
