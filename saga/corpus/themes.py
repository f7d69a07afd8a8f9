"""Story themes per paragraph: keyword, entity and date rules from data/lexicon/themes.yml,
corrected by hand in data/annotations/paragraph_themes.csv."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from saga.corpus.entities import load_entities
from saga.corpus.readers import any_word, read_csv, read_yaml
from saga.corpus.script import to_simplified
from saga.corpus.store import rows_of
from saga.errors import SagaError
from saga.paths import annotations_dir, lexicon_dir

COLUMNS = ["paragraph_id", "source_id", "theme", "origin", "evidence"]
OVERRIDE_COLUMNS = ["paragraph_id", "theme", "action", "note"]
SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    """Text without whitespace, so '2019 年' and '2019年' match alike."""
    return SPACE.sub("", text)


def load_themes(root: Path | None = None) -> dict[str, dict]:
    """themes.yml in file order, keywords simplified and entity ids expanded to their aliases."""
    path = lexicon_dir(root) / "themes.yml"
    spec = read_yaml(path)
    match = load_entities(root).set_index("id")["match"]
    themes = {}
    for name, t in spec.items():
        if not isinstance(t, dict) or not t.get("label") or not t.get("description"):
            raise SagaError(f"{path}: theme {name} needs a label and a description")
        dates = t.get("dates") or {}
        if dates and not (isinstance(dates, dict) and {"from", "to"} <= set(dates)):
            raise SagaError(f"{path}: theme {name}: dates needs from and to (YYYY-MM-DD)")
        if unknown := sorted(set(t.get("entities", [])) - set(match.index)):
            raise SagaError(f"{path}: theme {name}: unknown entity ids {unknown}")
        themes[name] = {
            "label": t["label"],
            "description": t["description"],
            "keywords": [_squeeze(to_simplified(str(k))) for k in t.get("keywords", [])],
            "entities": {e: [_squeeze(a) for a in match[e]] for e in t.get("entities", [])},
            "dates": (str(dates["from"]), str(dates["to"])) if dates else None,
        }
    return themes


def load_overrides(root: Path | None = None) -> pd.DataFrame:
    """Hand corrections (data/annotations/paragraph_themes.csv): add or remove one theme."""
    return read_csv(annotations_dir(root) / "paragraph_themes.csv", OVERRIDE_COLUMNS)[
        OVERRIDE_COLUMNS
    ]


YEAR_PARTS = {"early": ("01-01", "04-30"), "late": ("09-01", "12-31")}
MONTH_PARTS = {"early": ("01", "10"), "mid": ("11", "20"), "late": ("21", "31")}


@lru_cache(maxsize=1 << 12)  # the same few values recur across paragraphs and themes
def date_interval(value: str) -> tuple[str, str] | None:
    """First and last day an ISO value of saga.corpus.dates covers: day, month, year, or a part of a
    year (YYYY-early/late) or of a month (YYYY-MM-early/mid/late); None if unrecognised."""
    if m := re.fullmatch(r"(\d{4})(?:-(early|late))?", value):
        lo, hi = YEAR_PARTS.get(m[2], ("01-01", "12-31"))
        return f"{m[1]}-{lo}", f"{m[1]}-{hi}"
    if m := re.fullmatch(r"(\d{4}-\d{2})(?:-(early|mid|late))?", value):
        lo, hi = MONTH_PARTS.get(m[2], ("01", "31"))
        return f"{m[1]}-{lo}", f"{m[1]}-{hi}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value, value
    return None


def _finders(theme: dict) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Regexes finding any keyword, and any entity alias, of a theme."""
    aliases = tuple(a for names in theme["entities"].values() for a in names)
    return any_word(tuple(theme["keywords"])), any_word(aliases)


def _rule_evidence(
    text: str,
    dates: list[tuple[str, tuple[str, str] | None]],
    theme: dict,
    finders: tuple[re.Pattern[str] | None, re.Pattern[str] | None],
) -> str:
    """Why a paragraph (text squeezed, dates with their intervals) has the theme (with its
    _finders): its keywords, entities and dates inside the theme's period; "" when none."""
    parts = []
    keywords, names = finders
    if keywords and keywords.search(text):
        parts.append("keyword: " + ", ".join(k for k in theme["keywords"] if k in text))
    if names and names.search(text):
        entities = theme["entities"].items()
        ents = [e for e, aliases in entities if any(a in text for a in aliases)]
        parts.append("entity: " + ", ".join(ents))
    if theme["dates"] and dates:
        lo, hi = theme["dates"]
        if inside := [d for d, iv in dates if iv and lo <= iv[0] and iv[1] <= hi]:
            parts.append("date: " + ", ".join(inside))
    return "; ".join(parts)


def assign_themes(
    paragraphs: pd.DataFrame,
    themes: dict[str, dict],
    dates: pd.DataFrame | None = None,
    overrides: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Zero or more themes per paragraph, with origin 'rule' or 'manual' and the evidence.

    dates (optional, saga.corpus.dates.dates_table): paragraph_id, value, resolved; only resolved
    values count. overrides:
    load_overrides(); rows for paragraphs not in `paragraphs` are ignored, so subsets work.
    """
    by_paragraph: dict[str, list[str]] = {}
    if dates is not None:
        for pid, value, resolved in rows_of(dates, ["paragraph_id", "value", "resolved"]):
            if resolved:
                by_paragraph.setdefault(pid, []).append(value)
    rules = [(name, theme, _finders(theme)) for name, theme in themes.items()]
    rows = {}
    order: dict[str, int] = {}  # paragraph id -> its row
    source: dict[str, str] = {}  # paragraph id -> its source
    columns = ["paragraph_id", "source_id", "text_simplified"]
    for i, (pid, source_id, simplified) in enumerate(rows_of(paragraphs, columns)):
        order[pid], source[pid] = i, source_id
        text = _squeeze(simplified)
        values = [(d, date_interval(d)) for d in by_paragraph.get(pid, [])]
        for name, theme, finders in rules:
            if evidence := _rule_evidence(text, values, theme, finders):
                rows[pid, name] = (source_id, "rule", evidence)
    if overrides is not None:
        _apply_overrides(rows, source, themes, overrides)
    rank = {name: i for i, name in enumerate(themes)}
    keys = sorted(rows, key=lambda k: (order[k[0]], rank[k[1]]))
    return pd.DataFrame(
        [(pid, *rows[pid, t][:1], t, *rows[pid, t][1:]) for pid, t in keys], columns=COLUMNS
    )


def _apply_overrides(
    rows: dict, source: dict[str, str], themes: dict, overrides: pd.DataFrame
) -> None:
    """Apply the hand corrections to rows for the paragraphs in source (paragraph -> source)."""
    corrections = list(rows_of(overrides, ["paragraph_id", "theme", "action", "note"]))
    if bad := sorted({theme for _, theme, _, _ in corrections} - set(themes)):
        raise SagaError(f"paragraph_themes.csv: unknown theme(s) {bad}; see themes.yml")
    if bad := sorted({action for _, _, action, _ in corrections} - {"add", "remove"}):
        raise SagaError(f"paragraph_themes.csv: unknown action(s) {bad}; use add or remove")
    for pid, theme, action, note in corrections:
        if pid not in source:
            continue
        if action == "remove":
            rows.pop((pid, theme), None)
        else:
            rows[pid, theme] = (source[pid], "manual", note)


def coverage(
    assignments: pd.DataFrame, sources: pd.DataFrame, themes: dict | None = None
) -> pd.DataFrame:
    """Paragraphs per source (rows, manifest order) and theme (columns, themes.yml order)."""
    columns = list(themes) if themes else list(dict.fromkeys(assignments["theme"]))
    table = pd.crosstab(assignments["source_id"], assignments["theme"])
    table = table.reindex(index=sources["source_id"], columns=columns, fill_value=0)
    table.columns.name = "theme"
    return table.astype("int64")
