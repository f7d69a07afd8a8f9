"""What each amount in the sources stands for: the money flows (data/annotations/money_flows.csv)
and the hand annotation of the amounts (data/annotations/money_roles.csv).

A role is keyed by (paragraph_id, amount text as saga.corpus.money finds it in
text_simplified) and says which flow the amount belongs to, who paid whom, when the source
places it (as_of, ISO at any precision, empty when it gives none) and on whose word (basis).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from saga.records.annotations import read_records

FLOW_COLUMNS = ["flow", "label"]
ROLE_COLUMNS = ["paragraph_id", "text", "flow", "payer", "payee", "as_of", "basis", "note"]
AS_OF = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def load_flows(root: Path | None = None) -> dict[str, str]:
    """flow id -> English label, in chart order (data/annotations/money_flows.csv)."""
    flows = read_records(root, "money_flows.csv", FLOW_COLUMNS)
    return dict(zip(flows["flow"], flows["label"], strict=True))


def load_money_roles(root: Path | None = None) -> pd.DataFrame:
    """data/annotations/money_roles.csv: one row per annotated amount, every cell a string."""
    return read_records(root, "money_roles.csv", ROLE_COLUMNS)


def loose_roles(roles: pd.DataFrame, money: pd.DataFrame) -> list[str]:
    """Roles whose (paragraph_id, text) the money table no longer holds: "<pid> '<text>'"."""
    keys = set(zip(money["paragraph_id"], money["text"], strict=True))
    return [
        f"{p} {t!r}"
        for p, t in zip(roles["paragraph_id"], roles["text"], strict=True)
        if (p, t) not in keys
    ]


def money_role_problems(
    roles: pd.DataFrame, flows: dict[str, str], money: pd.DataFrame
) -> list[str]:
    """Problems with the roles: unknown flows, bad as_of dates, duplicate keys, and amounts
    the money table (saga.corpus.money.money_table) no longer finds."""
    problems = []
    for i, r in enumerate(roles.itertuples(index=False), start=2):
        where = f"money_roles.csv line {i}"
        if r.flow not in flows:
            problems.append(f"{where}: unknown flow {r.flow!r}; add it to money_flows.csv")
        if r.as_of and not AS_OF.fullmatch(r.as_of):
            problems.append(f"{where}: as_of {r.as_of!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    keys = roles[["paragraph_id", "text"]]
    if dupes := sorted(set(map(tuple, keys[keys.duplicated()].to_numpy()))):
        problems.append(f"money_roles.csv: several rows for {dupes}")
    if loose := loose_roles(roles, money):
        problems.append("money_roles.csv: amounts not in the money table: " + "; ".join(loose))
    return problems
