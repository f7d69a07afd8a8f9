"""Clean raw articles into citable paragraphs, related-article teasers and a cleaning report.

Every line of a source ends up in exactly one place: a paragraph, a related teaser, or the
cleaning report with its reason. Nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from saga.corpus.readers import compile_pattern, parse_yaml, read_text
from saga.corpus.script import to_simplified
from saga.errors import SagaError
from saga.labels import label_map
from saga.paths import data_dir, raw_dir

LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
DATE_LINE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HEADING_MAX = 25
HEADLINE_MAX = 40  # a further-reading item: another story's headline
SENTENCE_END = ("。", "！", "!", "；", ";", "，", ",", "…", ":", "：")
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rules:
    """Chrome rules from data/cleaning.yml."""

    # (pattern, reason, may_be_title, headlines_follow)
    drop: tuple[tuple[re.Pattern, str, bool, bool], ...]
    related_heading: re.Pattern


@dataclass
class Cleaned:
    """One source after cleaning: rows for the paragraphs, related, links and report tables."""

    paragraphs: list[dict] = field(default_factory=list)
    related: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)


def load_rules(root: Path | None = None) -> Rules:
    """data/cleaning.yml; a broken file is one error line naming it."""
    path = data_dir(root) / "cleaning.yml"
    return _rules_from_text(read_text(path), path)


@cache
def _rules_from_text(text: str, path: Path) -> Rules:
    spec = parse_yaml(text, path)
    rules = spec.get("drop_lines")
    if not isinstance(rules, list) or not all(
        isinstance(r, dict) and r.get("pattern") and r.get("reason") for r in rules
    ):
        raise SagaError(f"{path}: drop_lines must be a list of rules, each with pattern and reason")
    if not spec.get("related_heading"):
        raise SagaError(f"{path}: related_heading (a pattern) is missing")
    drop = tuple(
        (
            compile_pattern(r["pattern"], path, text),
            str(r["reason"]),
            bool(r.get("may_be_title")),
            bool(r.get("headlines_follow")),
        )
        for r in rules
    )
    return Rules(drop=drop, related_heading=compile_pattern(spec["related_heading"], path, text))


def decode(raw: bytes, name: str, encoding: str | None = None) -> str:
    """Text of a raw file: UTF-8 (BOM and CRLF accepted) unless another encoding is named."""
    if encoding:
        try:
            text = raw.decode(encoding)
        except LookupError:
            raise SagaError(
                f"{name}: unknown encoding {encoding!r}; name one Python knows"
            ) from None
        except UnicodeDecodeError:
            raise SagaError(f"{name}: bytes are not valid {encoding}; check --encoding") from None
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            guess = guess_encoding(raw)
            hint = f"it looks like {guess}; " if guess else ""
            raise SagaError(
                f"{name}: not UTF-8 ({hint}rerun with --encoding {guess or 'ENCODING'})"
            ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def guess_encoding(raw: bytes) -> str | None:
    """Best guess at a non-UTF-8 encoding, for the error message only."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    name = best.encoding.lower()
    return {"gb2312": "GB18030", "gbk": "GB18030", "gb18030": "GB18030", "big5": "Big5"}.get(
        name, best.encoding
    )


def clean(text: str, source_id: str, rules: Rules) -> Cleaned:
    """Split one article into paragraphs (title, headings, body), related teasers and removals."""
    out = Cleaned()
    lines = text.split("\n")
    body_end = next(
        (i for i, line in enumerate(lines) if rules.related_heading.match(line.strip())),
        len(lines),
    )
    kept: set[str] = set()
    after_image = False
    headlines = None  # the reason of a heading whose list of other stories may follow
    for i, line in enumerate(lines[:body_end], start=1):
        stripped = WHITESPACE.sub(" ", line.strip())
        if not stripped:
            continue
        is_title = not out.paragraphs
        reason, heads_list = _drop_reason(stripped, rules, kept, after_image, is_title)
        if reason is None and headlines and _is_headline(stripped):
            reason = f"{headlines} (a headline listed under it)"
        else:
            headlines = reason if heads_list else None
        after_image = reason in ("markdown image", "bare image file name")
        if reason:
            out.removed.append(
                {"source_id": source_id, "line": i, "text": stripped, "reason": reason}
            )
            continue
        kept.add(stripped)
        if is_title:
            _add_paragraph(out, source_id, _title_text(stripped), "title")
        else:
            _add_paragraph(out, source_id, stripped, None)
    if body_end < len(lines):
        out.removed.append(
            {
                "source_id": source_id,
                "line": body_end + 1,
                "text": lines[body_end].strip(),
                "reason": "related-articles heading (teasers go to the related table)",
            }
        )
        _collect_related(out, source_id, lines, body_end + 1)
    return out


def _title_text(line: str) -> str:
    return re.sub(r"^(#+|•)\s*", "", line)


def _is_headline(line: str) -> bool:
    """A short line without a full stop: a link to another story, not a paragraph of this one."""
    return len(line) <= HEADLINE_MAX and "。" not in line and not line.endswith(SENTENCE_END)


def _drop_reason(
    line: str, rules: Rules, kept: set[str], after_image: bool, is_title: bool
) -> tuple[str | None, bool]:
    """(why line is chrome, or None; whether headlines of other stories may follow it: its
    rule says so and matches the whole line, as 延伸閱讀 standing alone does; 延伸閱讀：a
    headline carries its one link itself, and what follows is the story again)."""
    for pattern, reason, may_be_title, headlines_follow in rules.drop:
        if (m := pattern.search(line)) and not (is_title and may_be_title):
            return reason, headlines_follow and m.end() == len(line)
    if line in kept:
        return "duplicate of an earlier line", False
    if after_image and len(line) <= 30 and not any(p in line for p in SENTENCE_END):
        return "image caption or credit", False
    return None, False


def _add_paragraph(out: Cleaned, source_id: str, line: str, kind: str | None) -> None:
    n = len(out.paragraphs) + 1
    pid = f"{source_id}-{n}"
    for m in LINK.finditer(line):
        out.links.append({"paragraph_id": pid, "text": m.group(1).strip("`"), "url": m.group(2)})
    text = LINK.sub(lambda m: m.group(1).strip("`"), line)
    if kind is None:
        is_md_heading = text.startswith("#")
        text = re.sub(r"^#+\s*", "", text)
        short = len(text) <= HEADING_MAX and not text.endswith(SENTENCE_END) and "。" not in text
        kind = "heading" if is_md_heading or short else "body"
    out.paragraphs.append(
        {"paragraph_id": pid, "source_id": source_id, "n": n, "kind": kind, "text": text}
    )


def _collect_related(out: Cleaned, source_id: str, lines: list[str], start: int) -> None:
    date = None
    for i, line in enumerate(lines[start:], start=start + 1):
        stripped = line.strip()
        if not stripped:
            continue
        if DATE_LINE.match(stripped):
            date = stripped
            continue
        if date is None:
            out.removed.append(
                {"source_id": source_id, "line": i, "text": stripped, "reason": "undated teaser"}
            )
            continue
        out.related.append(
            {"source_id": source_id, "n": len(out.related) + 1, "date": date, "text": stripped}
        )
        date = None


def clean_file(path: Path, source_id: str, rules: Rules, encoding: str | None = None) -> Cleaned:
    return clean(decode(path.read_bytes(), str(path), encoding), source_id, rules)


def corpus_tables(sources: pd.DataFrame, root: Path | None = None) -> dict[str, pd.DataFrame]:
    """The paragraphs, related, links and cleaning_report tables for every manifest row."""
    rules = load_rules(root)
    parts = [
        clean_file(raw_dir(root) / row.file, row.source_id, rules) for row in sources.itertuples()
    ]
    labels = label_map(sources)
    paragraphs = _frame(
        [p for c in parts for p in c.paragraphs],
        ["paragraph_id", "source_id", "n", "kind", "text"],
    )
    paragraphs.insert(2, "label", paragraphs["source_id"].map(labels))
    paragraphs["text_simplified"] = [to_simplified(t) for t in paragraphs["text"]]
    related = _frame([r for c in parts for r in c.related], ["source_id", "n", "date", "text"])
    related.insert(0, "teaser_id", related["source_id"] + "-t" + related["n"].astype(str))
    related["text_simplified"] = [to_simplified(t) for t in related["text"]]
    return {
        "paragraphs": paragraphs,
        "related": related,
        "links": _frame([x for c in parts for x in c.links], ["paragraph_id", "text", "url"]),
        "cleaning_report": _frame(
            [x for c in parts for x in c.removed], ["source_id", "line", "text", "reason"]
        ),
    }


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    for col in ("n", "line"):
        if col in df:
            df[col] = df[col].astype("int64")
    return df
