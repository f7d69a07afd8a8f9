"""Money in the capped-profit story: what each amount in the sources stands for, and how the
sources' figures compare with each other and with the public record.

``saga.money`` finds the amounts; this module says what they are. ROLES is a hand annotation
keyed by (paragraph_id, amount text as saga.money finds it in text_simplified): the flow of
money the amount belongs to, who paid whom, when the source places it and on whose word.
``annotate`` fails loudly when an annotated amount is no longer found, so a change in the
cleaning or the extractor cannot silently detach an annotation. RECORD holds the outside
figures (with their book/references.bib keys) the chapter sets against the sources.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .errors import SagaError

# Flows in chart order, with an English label.
FLOWS = {
    "founding-pledge": "Pledge at the founding (2015)",
    "founding-seed": "Money to start the lab (2015)",
    "musk-pledge": "Musk's pledge",
    "musk-given": "Musk's donations",
    "microsoft-first": "Microsoft's first investment",
    "microsoft-later": "Microsoft's later investments",
    "microsoft-total": "Microsoft's investments (all)",
    "valuation": "Valuation of OpenAI",
    "softbank-sought": "Money Altman sought from SoftBank",
    "conversion": "Editor's CNY conversion",
    "unrelated": "Not about OpenAI's money",
}

ROLE_COLUMNS = ["paragraph_id", "text", "flow", "payer", "payee", "as_of", "basis", "note"]

# One amount per line, fields separated by " | ": paragraph_id | amount text (as saga.money
# finds it) | flow | payer | payee | as_of | basis | note. as_of is the time the source places
# the amount at (ISO, any precision), empty when it gives none.
_ROLES = """
qianjia-2023-03-25-3 | 10 亿美元 | founding-pledge | Musk, Hoffman and other backers | OpenAI | 2015 | article | 组团投资: pledged jointly at the founding
qianjia-2023-03-25-15 | 1 亿美元 | musk-given | Musk | OpenAI | 2018 | unnamed sources | already given when he left
qianjia-2023-03-25-15 | 约 6.87 亿元人民币 | conversion |  |  | 2023-03 | editor's note | CTOnews.com note converting US$100 million
qianjia-2023-03-25-15 | 大约 10 亿美元 | musk-pledge | Musk | OpenAI | 2018 | unnamed sources | promised over the next few years; stopped when he left
qianjia-2023-03-25-15 | 约 68.7 亿元人民币 | conversion |  |  | 2023-03 | editor's note | CTOnews.com note converting US$1 billion
qianjia-2023-03-25-19 | 10 亿美元 | microsoft-first | Microsoft | OpenAI | 2019 | article | less than six months after the 2019-03-11 announcement
qianjia-2023-03-25-25 | 1 亿美元左右 | musk-given | Musk | OpenAI | 2023-03-15 | Musk's tweet | Musk's own figure, in his tweet
qianjia-2023-03-25-25 | 300 亿美元 | valuation |  | OpenAI | 2023-03-15 | Musk's tweet | the for-profit's value according to Musk's tweet
unknown-2023-12-04-7 | 几百万美元 | founding-seed | Musk, Thiel, Hoffman and others | OpenAI | 2015 | article | 'a few million dollars' to get the lab running
unknown-2023-12-04-13 | 几十亿美元 | microsoft-total | Microsoft | OpenAI | 2019 | article | committed 'from 2019' on (从2019年开始承诺)
unknown-2023-12-04-14 | 几十亿美元 | microsoft-total | Microsoft | OpenAI |  | article | repeats the previous paragraph's figure
vinda-2024-06-2 | 560亿美元 | unrelated | Tesla | Musk | 2024-06 | article | Musk's Tesla pay package
vinda-2024-06-2 | 约合4000亿人民币 | unrelated | Tesla | Musk | 2024-06 | article | CNY conversion of the Tesla pay package
vinda-2024-06-15 | 60亿美元 | unrelated | investors | xAI | 2024 | article | xAI's Series B
unknown-2023-11-20-19 | 10 亿美元 | microsoft-first | Microsoft | OpenAI | 2018 | article | negotiated by Altman in the 2018 conversion, as the source tells it
unknown-2023-11-20-19 | 120 亿美元 | microsoft-later | Microsoft | OpenAI |  | article | 'since the first investment' (自最初投資以來), undated
unknown-2023-11-20-24 | 最多10亿美元 | softbank-sought | SoftBank | a new hardware venture | 2023-09 | two unnamed sources | sought 'up to' this much on a Middle East trip
unknown-2023-11-20-25 | 超过 800 亿美元 | valuation |  | OpenAI | 2023-11 | article | tender offer under negotiation; 'nearly three times' six months earlier
semafor-zh-2023-03-24-8 | 大约 10 亿美元 | musk-pledge | Musk | OpenAI | 2018 | unnamed sources | promised over several years
semafor-zh-2023-03-24-8 | 1 亿美元 | musk-given | Musk | OpenAI | 2018 | unnamed sources | already given
semafor-zh-2023-03-24-14 | 10 亿美元 | microsoft-first | Microsoft | OpenAI | 2019 | article | links TechCrunch's 2019-07-22 report
semafor-zh-2023-03-24-18 | 约 100 百万美元 | musk-given | Musk | OpenAI | 2023-03-15 | Musk's tweet | Musk's own figure, in his tweet
semafor-zh-2023-03-24-18 | 300 亿美元 | valuation |  | OpenAI | 2023-03-15 | Musk's tweet | the for-profit's value according to Musk's tweet
"""

RECORD_COLUMNS = ["flow", "value_usd", "bound", "date", "bib", "note"]

# Outside figures: flow | value_usd | bound | date | bib | note. bound: "=" stated by a party,
# "<" an upper bound stated by a party, "~" reported by others. Keys are in book/references.bib.
_RECORD = """
founding-pledge | 1e9 | = | 2015-12-11 | openai2015introducing | committed jointly by Altman, Brockman, Musk, Hoffman, Livingston, Thiel, AWS, Infosys and YC Research
musk-given | 45e6 | < | 2024-03-05 | openai2024musk | OpenAI: 'we raised less than $45M from Elon'
microsoft-first | 1e9 | = | 2019-07-22 | techcrunch2019microsoft | announced four months after the capped-profit company
microsoft-later | 10e9 | ~ | 2023-01-23 | latimes2023microsoft | reported from a person familiar; Microsoft gave no figure (microsoft2023extend); a 2021 round of undisclosed size came between
valuation | 27e9 | ~ | 2023-04-17 | theinformation2023tender | price of an employee tender offer, 'roughly $27 billion'
"""


def _table(text: str, columns: list[str]) -> pd.DataFrame:
    rows = [[c.strip() for c in line.split("|")] for line in text.strip().splitlines()]
    if bad := [r for r in rows if len(r) != len(columns)]:
        raise SagaError(f"malformed annotation rows in saga.amounts: {bad}")
    return pd.DataFrame(rows, columns=columns)


def roles() -> pd.DataFrame:
    """The hand annotation of the amounts (one row per amount)."""
    return _table(_ROLES, ROLE_COLUMNS)


def record() -> pd.DataFrame:
    """Outside figures for the flows, with bibliography keys."""
    rec = _table(_RECORD, RECORD_COLUMNS)
    return rec.assign(value_usd=rec["value_usd"].astype(float))


def annotate(money: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The money table (saga.money) with each amount's role, source label and witness.

    Amounts no role describes get flow "unannotated"; a role whose amount is not in the table
    raises SagaError (the annotation has come loose from the text)."""
    r = roles()
    keys = set(zip(money["paragraph_id"], money["text"], strict=True))
    loose = [
        f"{p} {t!r}"
        for p, t in zip(r["paragraph_id"], r["text"], strict=True)
        if (p, t) not in keys
    ]
    if loose:
        raise SagaError("amount annotations not found in the money table: " + "; ".join(loose))
    out = money.merge(r, on=["paragraph_id", "text"], how="left", validate="many_to_one")
    out["flow"] = out["flow"].fillna("unannotated")
    for col in ROLE_COLUMNS[3:]:
        out[col] = out[col].fillna("")
    meta = sources.set_index("source_id")[["label", "witness"]]
    out = out.join(meta, on="source_id")
    return out.reset_index(drop=True)


def witness_names(sources: pd.DataFrame) -> dict[str, str]:
    """witness -> display name: its labels joined ("S1+S5" for the two Semafor translations)."""
    names: dict[str, list[str]] = {}
    for lab, wit in zip(sources["label"], sources["witness"], strict=True):
        names.setdefault(str(wit), []).append(str(lab))
    return {w: "+".join(labs) for w, labs in names.items()}


def flow_figures(annotated: pd.DataFrame, sources: pd.DataFrame, flows=None) -> pd.DataFrame:
    """One row per (flow, witness): the USD figure(s) that witness gives for the flow.

    A witness counts once however many of its sources or paragraphs repeat a figure; low/high
    span every figure it gives (a vague 几十亿 is 2–9 billion). Columns: flow, witness, who
    (S-labels), low, high, n_mentions, hedges (approximation words such as 约, 超过),
    paragraphs (';'-joined)."""
    names = witness_names(sources)
    usd = annotated[annotated["currency"] == "USD"]
    if flows is not None:
        usd = usd[usd["flow"].isin(list(flows))]
    rows = []
    order = {f: i for i, f in enumerate(FLOWS)}
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


def musk_money(annotated: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Musk's money: pledged vs given, by who says so — the article's unnamed sources, Musk's
    own tweet as the article quotes it, and OpenAI's 2024 statement (the record).
    Columns: what, who, value_usd, bound, basis, cite (paragraph IDs or a bib key)."""
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
            }
        )
    rec = record()
    for r in rec[rec["flow"] == "musk-given"].itertuples(index=False):
        rows.append(
            {
                "what": "given",
                "who": f"OpenAI, {r.date[:4]} (record)",
                "value_usd": float(r.value_usd),
                "bound": r.bound,
                "basis": "OpenAI statement",
                "cite": r.bib,
            }
        )
    out = pd.DataFrame(rows, columns=["what", "who", "value_usd", "bound", "basis", "cite"])
    return out.sort_values(
        ["what", "value_usd"], ascending=[False, False], kind="stable"
    ).reset_index(drop=True)


def microsoft_totals(annotated: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """How much Microsoft put in, according to each witness, as a low–high range in USD:
    the first investment plus every later sum the witness gives (a witness that names only an
    aggregate gives that). Columns: who, witness, low, high, parts, paragraphs."""
    names = witness_names(sources)
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
                    f"{FLOWS[f]}: {_usd(r.low, r.high)}" for f, r in per_flow.iterrows()
                ),
                "paragraphs": ";".join(dict.fromkeys(g["paragraph_id"])),
            }
        )
    return pd.DataFrame(rows, columns=["who", "witness", "low", "high", "parts", "paragraphs"])


def valuations(
    annotated: pd.DataFrame,
    sources: pd.DataFrame,
    implied: tuple[str, float, int] | None = None,
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
    rec = record()
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


def billions(value: float) -> str:
    """'US$1 billion', 'US$2.5 billion', 'US$100 million' for prose and labels."""
    if value >= 1e9:
        x = value / 1e9
        return f"US${x:g} billion"
    return f"US${value / 1e6:g} million"


def _usd(low: float, high: float) -> str:
    return billions(low) if low == high else f"{billions(low)}–{billions(high)[3:]}"


# ---------------------------------------------------------------- charts


def microsoft_chart(totals: pd.DataFrame, *, title: str, source: str):
    """Microsoft's money according to each witness (low–high bars, US$ billion), with the
    record's reported figures (first investment + the 2023 round) as a last bar."""
    from . import plots

    rec = record().set_index("flow")
    rows = [(r.who, r.low / 1e9, r.high / 1e9) for r in totals.itertuples(index=False)]
    rec_low = (
        rec.loc["microsoft-first", "value_usd"] + rec.loc["microsoft-later", "value_usd"]
    ) / 1e9
    fig, ax = plots.new_figure(8.0, 0.6 * (len(rows) + 1) + 1.8)
    labels = [r[0] for r in rows] + ["record (2019 + reported 2023)"]
    ys = list(range(len(labels)))[::-1]
    for y, (_, low, high) in zip(ys, rows, strict=False):
        ax.barh(y, low, color=plots.PALETTE[0], height=0.55)
        if high > low:
            ax.barh(y, high - low, left=low, color=plots.PALETTE[0], alpha=0.35, height=0.55)
        text = f"{low:g}" if high == low else f"{low:g}–{high:g}"
        plots.label_right(ax, high, y, f"US${text} bn")
    ax.barh(ys[-1], rec_low, color="#888888", height=0.55, hatch="//", edgecolor="white")
    plots.label_right(ax, rec_low, ys[-1], f"≥ US${rec_low:g} bn (a 2021 round undisclosed)")
    ax.set_yticks(ys, labels)
    ax.set_xlabel("Microsoft's investment in OpenAI, US$ billion (pale: range of a vague figure)")
    ax.margins(x=0.5)  # room for the record bar's label
    return plots.finish(fig, title, source)


def musk_chart(musk: pd.DataFrame, *, title: str, source: str):
    """Musk's money: what he pledged and what he gave, by who says so (US$ million)."""
    from . import plots

    fig, ax = plots.new_figure(8.0, 0.55 * len(musk) + 1.9)
    ys = list(range(len(musk)))[::-1]
    colors = {"pledged": plots.PALETTE[2], "given": plots.PALETTE[0]}
    for y, r in zip(ys, musk.itertuples(index=False), strict=True):
        value = r.value_usd / 1e6
        record_row = "record" in r.who
        ax.barh(
            y,
            value,
            height=0.55,
            color="#888888" if record_row else colors[r.what],
            hatch="//" if record_row else None,
            edgecolor="white",
        )
        prefix = {"<": "less than ", "~": "about ", "=": ""}[r.bound]
        plots.label_right(ax, value, y, f"{prefix}{billions(r.value_usd)}")
    ax.set_yticks(ys, [f"{r.what}: {r.who}" for r in musk.itertuples(index=False)])
    ax.set_xlabel("US$ million")
    ax.margins(x=0.3)
    return plots.finish(fig, title, source)


def valuation_chart(vals: pd.DataFrame, *, title: str, source: str):
    """OpenAI's valuation over time: stated, lower-bound, implied and record points."""
    from . import plots

    fig, ax = plots.new_figure(8.0, 4.2)
    style = {
        "stated": dict(marker="o", color=plots.PALETTE[0]),
        "lower bound": dict(marker="^", color=plots.PALETTE[1]),
        "implied": dict(marker="o", color=plots.PALETTE[1], facecolors="none"),
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
    return plots.finish(fig, title, source)


def yi(value: float) -> str:
    """A US$ amount the Chinese way, in 亿 (10^8): 1e9 -> '10 亿美元', 4.5e7 -> '0.45 亿美元'."""
    return f"{value / 1e8:g} 亿美元"
