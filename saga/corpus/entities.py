"""Named entities: the alias lexicon and every mention of it in the paragraphs.

Mentions are found by longest match over text_simplified (one compiled alternation, longest
alias first), not over jieba tokens, so 萨姆·奥特曼 is one mention and ElonMusk never also
yields Musk. Latin aliases match case-sensitively and not inside a longer Latin word.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd

from saga.corpus.script import to_simplified
from saga.errors import SagaError
from saga.paths import lexicon_dir

TYPES = ("person", "org", "product")
NAME_SEPARATORS = ("·", "・", "‧", "-", "")
APOSTROPHES = ("'", "‘", "’")
HAN_SEPARATOR = re.compile(r"(?<=[\u4e00-\u9fff])[·・‧•\-](?=[\u4e00-\u9fff])")
MENTION_COLUMNS = ["paragraph_id", "source_id", "entity_id", "alias", "start", "end", "surface"]


def load_entities(root: Path | None = None) -> pd.DataFrame:
    """data/lexicon/entities.csv with aliases as a list and `match`: every string searched for."""
    path = lexicon_dir(root) / "entities.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if df["id"].duplicated().any():
        raise SagaError(f"{path}: duplicate ids {sorted(set(df['id'][df['id'].duplicated()]))}")
    if bad := sorted(set(df["type"]) - set(TYPES)):
        raise SagaError(f"{path}: unknown type(s) {bad}; use one of {TYPES}")
    df["aliases"] = [[a.strip() for a in s.split("|") if a.strip()] for s in df["aliases"]]
    df["match"] = [
        sorted({v for a in [zh, *aliases] if a for v in alias_variants(a)})
        for zh, aliases in zip(df["name_zh"], df["aliases"], strict=True)
    ]
    owners = df.explode("match").groupby("match")["id"].unique()
    if clashes := {a: list(ids) for a, ids in owners.items() if len(ids) > 1}:
        raise SagaError(f"{path}: aliases claimed by several entities: {clashes}")
    return df


def alias_variants(alias: str) -> set[str]:
    """Simplified spellings of one alias: any name separator between Han characters, Latin
    names with and without spaces, and any apostrophe."""
    simplified = to_simplified(alias)
    forms = {simplified}
    if HAN_SEPARATOR.search(simplified):
        forms = {HAN_SEPARATOR.sub(sep, simplified) for sep in NAME_SEPARATORS}
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 '‘’.\-]*", simplified) and " " in simplified:
        forms.add(simplified.replace(" ", ""))
    if any(q in simplified for q in APOSTROPHES):
        forms |= {re.sub("['‘’]", q, f) for f in forms for q in APOSTROPHES}
    return forms


def _pattern(alias: str) -> str:
    """An alias as a regex, kept from matching inside a longer Latin word or number."""
    head = {True: r"(?<![A-Za-z])", False: ""}[alias[0].isascii() and alias[0].isalpha()]
    if alias[0].isascii() and alias[0].isdigit():
        head = r"(?<![0-9])"
    tail = ""
    if alias[-1].isascii() and alias[-1].isalpha():
        tail = r"(?![A-Za-z])"
    elif alias[-1].isascii() and alias[-1].isdigit():
        tail = r"(?![0-9])"
    return head + re.escape(alias) + tail


@cache
def _matcher(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, str]]:
    aliases = sorted({a for a, _ in pairs}, key=lambda a: (-len(a), a))
    # The lookahead on first characters lets the regex engine skip most positions at once
    # (about 15x faster on our text); the alternation still picks the longest alias.
    firsts = "".join(re.escape(c) for c in sorted({a[0] for a in aliases}))
    alternation = "|".join(_pattern(a) for a in aliases)
    return re.compile(f"(?=[{firsts}])(?:{alternation})"), dict(pairs)


def mentions_table(paragraphs: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Every alias occurrence: offsets into text_simplified and `surface`, the same span of the
    original text (None when the two texts differ in length, so offsets cannot carry over)."""
    pairs = tuple(
        (a, eid)
        for eid, match in zip(entities["id"], entities["match"], strict=True)
        for a in match
    )
    pattern, owner = _matcher(pairs)
    rows = []
    for p in paragraphs.itertuples():
        same_length = len(p.text) == len(p.text_simplified)
        for m in pattern.finditer(p.text_simplified):
            surface = p.text[m.start() : m.end()] if same_length else None
            rows.append(
                (p.paragraph_id, p.source_id, owner[m[0]], m[0], m.start(), m.end(), surface)
            )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS).astype({"start": "int64", "end": "int64"})


def variant_table(mentions: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """How often each source writes each entity in each surface form, with its share of the
    source's mentions of that entity: a record of each outlet's naming habits."""
    counts = (
        mentions.groupby(["entity_id", "source_id", "surface"], dropna=False)
        .size()
        .rename("mentions")
        .reset_index()
    )
    counts["share"] = counts["mentions"] / counts.groupby(["entity_id", "source_id"])[
        "mentions"
    ].transform("sum")
    meta = sources[["source_id", "label", "outlet"]]
    out = counts.merge(meta, on="source_id", how="left")
    out = out.sort_values(
        ["entity_id", "label", "mentions", "surface"], ascending=[True, True, False, True]
    )
    columns = ["entity_id", "source_id", "label", "outlet", "surface", "mentions", "share"]
    return out[columns].reset_index(drop=True)
