"""Money in the capped-profit story: the amounts the sources give (saga.corpus.money) with
their roles (saga.records.money_roles), compared across independent witnesses and with the
outside record (saga.records.outside_record), and money formatted for prose and labels.

``annotate`` fails loudly when an annotated amount is no longer found, so a change in the
cleaning or the extractor cannot silently detach an annotation.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from saga.errors import SagaError
from saga.labels import witness_names
from saga.records.money_roles import ROLE_COLUMNS, load_flows, load_money_roles, loose_roles
from saga.records.outside_record import load_outside_record

UNANNOTATED = "unannotated"  # the flow of an amount no role describes: not a flow of its own


def as_written(money: pd.DataFrame, paragraphs: pd.DataFrame) -> list[str]:
    """Each amount as its source wrote it: the span of the paragraph's original text where the
    offsets carry over (a traditional-script page keeps its script; the money table matches the
    simplified text), else the match itself."""
    if not {"start", "end"} <= set(money.columns) or "text" not in paragraphs.columns:
        return [str(t) for t in money["text"]]
    original = dict(zip(paragraphs["paragraph_id"], paragraphs["text"], strict=True))
    spans = zip(money["paragraph_id"], money["start"], money["end"], money["text"], strict=True)
    return [
        str(original[p])[int(a) : int(b)] if p in original and pd.notna(a) else str(t)
        for p, a, b, t in spans
    ]


def annotate(
    money: pd.DataFrame, sources: pd.DataFrame, roles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The money table (saga.corpus.money) with each amount's role, source label and witness.

    Amounts no role describes get flow "unannotated"; a role whose amount is not in the table
    raises SagaError (the annotation has come loose from the text). roles: the
    money_roles table (default: data/annotations/money_roles.csv)."""
    r = load_money_roles() if roles is None else roles
    if loose := loose_roles(r, money):
        raise SagaError("amount annotations not found in the money table: " + "; ".join(loose))
    out = money.merge(r, on=["paragraph_id", "text"], how="left", validate="many_to_one")
    out["flow"] = out["flow"].fillna(UNANNOTATED)
    for col in ROLE_COLUMNS[3:]:
        out[col] = out[col].fillna("")
    meta = sources.set_index("source_id")[["label", "witness"]]
    out = out.join(meta, on="source_id")
    return out.reset_index(drop=True)


def flow_figures(
    annotated: pd.DataFrame, sources: pd.DataFrame, flows=None, order: list[str] | None = None
) -> pd.DataFrame:
    """One row per (flow, witness): the USD figure(s) that witness gives for the flow.

    A witness counts once however many of its sources or paragraphs repeat a figure; low/high
    span every figure it gives (a vague 几十亿 is 2–9 billion). Columns: flow, witness, who
    (S-labels), low, high, n_mentions, hedges (approximation words such as 约, 超过),
    paragraphs (';'-joined). Rows in flow order (order, default money_flows.csv)."""
    names = witness_names(sources)
    usd = annotated[annotated["currency"] == "USD"]
    if flows is not None:
        usd = usd[usd["flow"].isin(list(flows))]
    rows = []
    order = {f: i for i, f in enumerate(order or load_flows())}
    for (flow, wit), g in usd.groupby(["flow", "witness"], sort=False):
        rows.append(
            {
                "flow": str(flow),
                "witness": str(wit),
                "who": names[str(wit)],
                "low": float(g["low"].min()),
                "high": float(g["high"].max()),
                "n_mentions": int(len(g)),
                "hedges": ";".join(
                    dict.fromkeys(w for w in g["approx_word"] if isinstance(w, str))
                ),
                "paragraphs": ";".join(dict.fromkeys(g["paragraph_id"])),
            }
        )
    columns = ["flow", "witness", "who", "low", "high", "n_mentions", "hedges", "paragraphs"]
    out = pd.DataFrame(rows, columns=columns)
    out["_o"] = out["flow"].map(order).fillna(len(order))
    return out.sort_values(["_o", "who"], kind="stable").drop(columns="_o").reset_index(drop=True)


def musk_money(
    annotated: pd.DataFrame,
    sources: pd.DataFrame,
    record: pd.DataFrame | None = None,
    bases: tuple[str, ...] | None = ("OpenAI statement",),
) -> pd.DataFrame:
    """Musk's money: pledged vs given, by who says so — the article's unnamed sources, Musk's
    own tweet as the article quotes it, and the record's figures (the outside record's
    ``musk-given`` rows, whose note names who states the figure before a colon: "OpenAI
    statement", "Musk's federal complaint"). bases: the record's statements to include (None:
    all). Columns: what, who, value_usd, bound, basis, cite (paragraph IDs or a bib key),
    record (True for the outside record's rows)."""
    names = witness_names(sources)
    rows = []
    m = annotated[annotated["flow"].isin(["musk-pledge", "musk-given"])]
    for (flow, wit, basis), g in m.groupby(["flow", "witness", "basis"], sort=False):
        rows.append(
            {
                "what": "pledged" if flow == "musk-pledge" else "given",
                "who": f"{names[str(wit)]} ({basis})",
                "value_usd": float(g["value"].iloc[0]),
                "bound": "~" if bool(g["approx"].any()) else "=",
                "basis": str(basis),
                "cite": ";".join(dict.fromkeys(g["paragraph_id"])),
                "record": False,
            }
        )
    rec = load_outside_record() if record is None else record
    for r in rec[rec["flow"] == "musk-given"].itertuples(index=False):
        basis = record_basis(r.note)
        if bases is None or basis in bases:
            rows.append(
                {
                    "what": "given",
                    "who": f"{basis}, {r.date[:4]} (record)",
                    "value_usd": float(r.value_usd),
                    "bound": r.bound,
                    "basis": basis,
                    "cite": r.bib,
                    "record": True,
                }
            )
    columns = ["what", "who", "value_usd", "bound", "basis", "cite", "record"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(
        ["what", "value_usd"], ascending=[False, False], kind="stable"
    ).reset_index(drop=True)


def record_basis(note: str) -> str:
    """Who states an outside figure: the note's text before its first colon."""
    head, sep, _ = str(note).partition(":")
    return head.strip() if sep else "record"


def microsoft_totals(
    annotated: pd.DataFrame, sources: pd.DataFrame, flows: dict[str, str] | None = None
) -> pd.DataFrame:
    """How much Microsoft put in, according to each witness, as a low–high range in USD:
    the first investment plus every later sum the witness gives (a witness that names only an
    aggregate gives that). Columns: who, witness, low, high, parts, paragraphs."""
    names, flows = witness_names(sources), flows or load_flows()
    ms = annotated[
        annotated["flow"].isin(["microsoft-first", "microsoft-later", "microsoft-total"])
    ]
    rows = []
    for wit, g in ms.groupby("witness", sort=False):
        # one figure per flow per witness (repeats are the same money, not more of it)
        per_flow = g.groupby("flow").agg(low=("low", "min"), high=("high", "max"))
        if "microsoft-total" in per_flow.index and len(per_flow) == 1:
            low, high = per_flow.loc["microsoft-total", ["low", "high"]]
        else:
            parts = per_flow.drop(index="microsoft-total", errors="ignore")
            low, high = parts["low"].sum(), parts["high"].sum()
        rows.append(
            {
                "who": names[str(wit)],
                "witness": str(wit),
                "low": float(low),
                "high": float(high),
                "parts": " + ".join(
                    f"{flows[f]}: {usd_range(r.low, r.high)}" for f, r in per_flow.iterrows()
                ),
                "paragraphs": ";".join(dict.fromkeys(g["paragraph_id"])),
            }
        )
    return pd.DataFrame(rows, columns=["who", "witness", "low", "high", "parts", "paragraphs"])


def valuations(
    annotated: pd.DataFrame,
    sources: pd.DataFrame,
    implied: tuple[str, float, int] | None = None,
    record: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """OpenAI's valuation over time: the figures the sources give (dated by ROLES' as_of), an
    earlier value a source implies, and the record's figures.

    implied: (paragraph_id, multiple, months_before) for a statement such as S4's "over US$80
    billion, nearly three times six months earlier": the implied value is the paragraph's
    valuation / multiple, dated months_before its as_of month. Columns: date (ISO month or
    day), value_usd, who, kind ("stated", "lower bound", "implied", "record"), cite."""
    names = witness_names(sources)
    v = annotated[annotated["flow"] == "valuation"]
    rows = []
    for (wit, as_of), g in v.groupby(["witness", "as_of"], sort=False):
        first = g.iloc[0]
        kind = "lower bound" if first["approx_word"] in ("超过", "逾", "至少") else "stated"
        rows.append(
            {
                "date": str(as_of),
                "value_usd": float(first["value"]),
                "who": f"{names[str(wit)]} ({first['basis']})",
                "kind": kind,
                "cite": ";".join(dict.fromkeys(g["paragraph_id"])),
            }
        )
    if implied is not None:
        pid, multiple, months = implied
        src = v[v["paragraph_id"] == pid]
        if src.empty:
            raise SagaError(f"no valuation annotated in {pid}")
        first = src.iloc[0]
        then = pd.Period(str(first["as_of"])[:7], freq="M") - int(months)
        rows.append(
            {
                "date": str(then),
                "value_usd": implied_prior(float(first["value"]), float(multiple)),
                "who": f"{names[str(first['witness'])]} (implied)",
                "kind": "implied",
                "cite": pid,
            }
        )
    rec = load_outside_record() if record is None else record
    for r in rec[rec["flow"] == "valuation"].itertuples(index=False):
        rows.append(
            {
                "date": r.date,
                "value_usd": float(r.value_usd),
                "who": "record (reported)",
                "kind": "record",
                "cite": r.bib,
            }
        )
    out = pd.DataFrame(rows, columns=["date", "value_usd", "who", "kind", "cite"])
    return out.sort_values("date", kind="stable").reset_index(drop=True)


def implied_prior(current: float, multiple: float) -> float:
    """The earlier value a statement 'now X, about `multiple` times what it was' implies."""
    if multiple <= 0:
        raise ValueError("multiple must be positive")
    return current / multiple


def months_between(start: str, end: str) -> float:
    """Months (days / (365.25/12)) from one ISO date to another; negative if end is earlier."""
    d0, d1 = date.fromisoformat(start), date.fromisoformat(end)
    return (d1 - d0).days / (365.25 / 12)


SYMBOLS = {  # money.py's currencies, as amounts are written here
    "USD": "US$",
    "CNY": "CN¥",
    "HKD": "HK$",
    "TWD": "NT$",
    "JPY": "JP¥",
    "EUR": "€",
    "GBP": "£",
}


def billions(value: float, symbol: str = "US$") -> str:
    """'US$1 billion', 'US$2.5 billion', 'US$100 million' for prose and labels."""
    if value >= 1e9:
        x = value / 1e9
        return f"{symbol}{x:g} billion"
    return f"{symbol}{value / 1e6:g} million"


def usd_range(low: float, high: float, symbol: str = "US$") -> str:
    """'US$1 billion' or 'US$2 million–9 million' for a low–high range (in another currency
    with its symbol: 'CN¥3 billion')."""
    if low == high:
        return billions(low, symbol)
    return f"{billions(low, symbol)}–{billions(high, symbol)[len(symbol) :]}"


def yi(value: float) -> str:
    """A US$ amount the Chinese way, in 亿 (10^8): 1e9 -> '10 亿美元', 4.5e7 -> '0.45 亿美元'."""
    return f"{value / 1e8:g} 亿美元"


def shared_figures(figures: pd.DataFrame) -> list[str]:
    """The flows (flow_figures rows) for which two or more independent witnesses give the
    same figure (equal low and high), in flow order. Unannotated amounts are no flow: two
    sources giving the same unrelated number do not agree on anything."""
    figures = figures[figures["flow"] != UNANNOTATED]
    same = figures.groupby(["flow", "low", "high"], sort=False)["witness"].nunique()
    return list(dict.fromkeys(f for (f, _, _), n in same.items() if n >= 2))


def gap(musk: pd.DataFrame) -> dict[str, float]:
    """Musk's money given, claimed against the record (musk_money rows): the largest figure
    the sources give, the lowest and highest the record gives, and the claim's multiple of
    the record's highest."""
    given = musk[musk["what"] == "given"]
    rec = given[given["record"]]
    claimed = float(given[~given["record"]]["value_usd"].max())
    high = float(rec["value_usd"].max())
    return {
        "claimed": claimed,
        "record_low": float(rec["value_usd"].min()),
        "record_high": high,
        "multiple": claimed / high,
    }
