"""Named entities: the alias lexicon and every mention of it in the paragraphs.

Mentions are found by longest match over text_simplified (one compiled alternation, longest
alias first), not over jieba tokens, so 萨姆·奥特曼 is one mention and ElonMusk never also
yields Musk. Latin aliases match case-sensitively and not inside a longer Latin word.

Name forms are also learned from each source's own glosses: 阿特曼(Sam Altman), 希爾（Emmett
Shear）, 萨姆・阿尔特曼 (Sam Altman). The Latin name picks the entity; the Chinese form is then
an alias of it in that source only (mentions carry origin "learned"), so a Taiwanese report
that glosses 阿特曼 once has all its 阿特曼 counted as Altman.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd

from saga.corpus.readers import read_csv
from saga.corpus.script import to_simplified
from saga.corpus.store import rows_frame, rows_of
from saga.errors import SagaError
from saga.paths import lexicon_dir

TYPES = ("person", "org", "product")
ENTITY_COLUMNS = ["id", "name_en", "name_zh", "type", "aliases"]
NAME_SEPARATORS = ("·", "・", "‧", "•", "-", "")
APOSTROPHES = ("'", "‘", "’")
HAN_SEPARATOR = re.compile(r"(?<=[\u4e00-\u9fff])[·・‧•\-](?=[\u4e00-\u9fff])")
MENTION_COLUMNS = [
    *["paragraph_id", "source_id", "entity_id", "alias", "start", "end", "surface", "origin"]
]
FORM_COLUMNS = ["source_id", "form", "entity_id", "paragraph_id", "gloss", "in_lexicon"]
# A Han run (names joined by separators), then a Latin name in half- or full-width brackets.
# A run starts where the character before is not Han: a match starting after a Han character
# would also start at that character, so the lookbehind only spares the engine from re-reading
# the rest of the run at every position of it.
GLOSS = re.compile(
    r"(?<![\u4e00-\u9fff])"
    r"(?P<run>[\u4e00-\u9fff](?:[\u4e00-\u9fff]|[·・‧•\-](?=[\u4e00-\u9fff]))*)"
    r"\s*[(（]\s*(?P<latin>[A-Za-z][A-Za-z .'‘’\-]*[A-Za-z.])\s*[)）]"
)
FORM_MIN, FORM_MAX = 2, 4  # a surname written without separators: 希尔, 阿特曼, 德安杰洛
# 尔 (爾) writes a final -l or -r in transliterated names (苏茨克维尔, 蘇茨克韋爾) and hardly ever
# starts a word of news prose (尔后 and 尔等 are literary): a Han alias followed by it is the
# start of a longer form of the name, so the mention takes it in and the surface is what the
# source wrote
NAME_FINAL = "尔"


def load_entities(root: Path | None = None) -> pd.DataFrame:
    """data/lexicon/entities.csv with aliases as a list and `match`: every string searched for."""
    path = lexicon_dir(root) / "entities.csv"
    df = read_csv(path, ENTITY_COLUMNS)
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


def _boundary(char: str, lookaround: str) -> str:
    """A lookaround (e.g. "(?<!") keeping an alias that starts or ends with char from matching
    inside a longer Latin word or number."""
    if char.isascii() and char.isalpha():
        return lookaround + "[A-Za-z])"
    if char.isascii() and char.isdigit():
        return lookaround + "[0-9])"
    return ""


@lru_cache(maxsize=16)  # the lexicon, plus one entry per source with learned forms in a batch
def _matcher(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, str]]:
    """One regex for every alias, the longest alias first where several match at a place."""
    aliases = sorted({a for a, _ in pairs}, key=lambda a: (-len(a), a))
    by_first: dict[str, list[str]] = {}
    for a in aliases:
        by_first.setdefault(a[0], []).append(a)
    # Grouped by first character, so at each place only the aliases starting with its character
    # are tried, longest first; the lookahead on first characters lets the regex engine skip
    # most positions at once (each about 2-15x faster on our text).
    firsts = "".join(re.escape(c) for c in sorted(by_first))
    groups = "|".join(
        _boundary(c, "(?<!")
        + re.escape(c)
        + "(?:"
        + "|".join(re.escape(a[1:]) + _boundary(a[-1], "(?!") for a in group)
        + ")"
        for c, group in by_first.items()
    )
    return re.compile(f"(?=[{firsts}])(?:{groups})"), dict(pairs)


def _matches(text: str, patterns: tuple[re.Pattern, ...]) -> Iterator[re.Match]:
    """The matches of several _matcher regexes taken together: the earliest, the longest where
    two start at one place, then on from its end; what one regex of all their aliases finds,
    without compiling the lexicon again for each source's few learned forms."""
    if len(patterns) == 1:
        yield from patterns[0].finditer(text)
        return
    pos = 0
    while hits := [m for p in patterns if (m := p.search(text, pos))]:
        match = min(hits, key=lambda m: (m.start(), -len(m[0])))
        yield match
        pos = match.end()


def _owners(entities: pd.DataFrame) -> dict[str, str]:
    """Every string searched for (simplified) -> the id of the entity it names."""
    return {
        a: eid for eid, match in zip(entities["id"], entities["match"], strict=True) for a in match
    }


def _latin_entity(latin: str, owners: dict[str, str], persons: set[str]) -> str | None:
    """The entity a glossed Latin name names: the whole name, else, for a person, the last
    word (Emmett Shear -> Shear; but Space X is not X, the platform)."""
    name = " ".join(latin.split())
    if entity := owners.get(name) or owners.get(name.replace(" ", "")):
        return entity
    surname = owners.get(name.split(" ")[-1])
    return surname if surname in persons and " " in name else None


def _form(run: str, text: str, owners: dict[str, str], entity: str) -> str | None:
    """The name ending a Han run before a gloss: the part after the last name separator
    (萨姆·阿尔特曼 -> 阿尔特曼), else the longest alias of the entity ending the run, else the
    longest 2-4 character ending that recurs in the source after varied characters, that is,
    where a word starts (前执行长希尔 -> 希尔 when 希尔 also follows 与 or starts a sentence).
    None when the text gives no evidence of where the name starts."""
    if (cut := max(run.rfind(sep) for sep in NAME_SEPARATORS if sep)) >= 0:
        return run[cut + 1 :] if len(run) - cut > FORM_MIN else None
    sizes = range(min(FORM_MAX, len(run)), FORM_MIN - 1, -1)
    if known := next((run[-k:] for k in sizes if owners.get(run[-k:]) == entity), None):
        return known
    for k in sizes:
        starts = [m.start() for m in re.finditer(re.escape(run[-k:]), text)]
        if len(starts) >= 2 and len({text[i - 1 : i] for i in starts}) >= 2:
            return run[-k:]
    return None


def learned_forms(paragraphs: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Name forms each source glosses with the Latin name of a lexicon entity (阿特曼(Sam
    Altman)): one row per source and form, from its first gloss (paragraph_id), with the form
    as written, the Latin gloss and whether the lexicon already lists the form for it."""
    owners = _owners(entities)
    persons = set(entities.loc[entities["type"] == "person", "id"])
    rows: dict[tuple[str, str], tuple] = {}
    columns = ["source_id", "paragraph_id", "text", "text_simplified"]
    by_source: dict[str, list[tuple[str, str, str]]] = {}  # in order of first appearance
    for source_id, *para in rows_of(paragraphs, columns):
        by_source.setdefault(source_id, []).append(para)
    for source_id, paras in by_source.items():
        text = "\n".join(simple for _, _, simple in paras)
        for pid, original, simple in paras:
            if "(" not in simple and "（" not in simple:
                continue  # no gloss without a bracket
            for m in GLOSS.finditer(simple):
                entity = _latin_entity(m["latin"], owners, persons)
                form = entity and _form(m["run"], text, owners, entity)
                if not form or (source_id, form) in rows or owners.get(form, entity) != entity:
                    continue  # no entity, no clear form, seen, or another entity's alias
                end = m.end("run")
                same = len(original) == len(simple)
                written = original[end - len(form) : end] if same else form
                rows[source_id, form] = (
                    source_id,
                    written,
                    entity,
                    pid,
                    m["latin"],
                    form in owners,
                )
    return rows_frame(list(rows.values()), FORM_COLUMNS, {"in_lexicon": bool})


def unlisted_forms(forms: pd.DataFrame) -> pd.DataFrame:
    """Learned forms the lexicon lacks, for a maintainer to adopt into entities.csv."""
    return forms[~forms["in_lexicon"]].reset_index(drop=True)


def mentions_table(
    paragraphs: pd.DataFrame, entities: pd.DataFrame, forms: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every alias occurrence: offsets into text_simplified and `surface`, the same span of the
    original text (None when the two texts differ in length, so offsets cannot carry over);
    a trailing 尔 is part of the span (NAME_FINAL).
    A source's learned forms (learned_forms, computed when not given) count in that source
    only, with origin "learned"; lexicon aliases have origin "lexicon"."""
    lexicon = tuple(
        (a, eid)
        for eid, match in zip(entities["id"], entities["match"], strict=True)
        for a in match
    )
    forms = learned_forms(paragraphs, entities) if forms is None else forms
    learned: dict[str, tuple[tuple[str, str], ...]] = {}
    for f in unlisted_forms(forms).itertuples():
        learned[f.source_id] = learned.get(f.source_id, ()) + tuple(
            (v, f.entity_id) for v in sorted(alias_variants(f.form))
        )
    # per source: the regexes, alias -> entity, and the aliases it learned
    pattern, owner = _matcher(lexicon)
    everywhere = ((pattern,), owner, frozenset())
    matchers = {
        s: ((pattern, _matcher(extra)[0]), owner | dict(extra), {a for a, _ in extra})
        for s, extra in learned.items()
    }
    rows = []
    columns = ["paragraph_id", "source_id", "text", "text_simplified"]
    for pid, source_id, text, simplified in rows_of(paragraphs, columns):
        patterns, owners, learned_here = matchers.get(source_id, everywhere)
        same_length = len(text) == len(simplified)
        for m in _matches(simplified, patterns):
            alias = m[0]
            start, end = m.span()
            if "\u4e00" <= alias[-1] <= "\u9fff" and simplified[end : end + 1] == NAME_FINAL:
                end += 1
            surface = text[start:end] if same_length else None
            origin = "learned" if alias in learned_here else "lexicon"
            rows.append((pid, source_id, owners[alias], alias, start, end, surface, origin))
    return rows_frame(rows, MENTION_COLUMNS, {"start": "int64", "end": "int64"})


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
