"""Quoted text in simplified-script Chinese, classified as term or speech, with a named speaker.

Quotes: “ ”, 「 」, 『 』, ‘ ’, straight "…" and '…'; a quote nested in another stays part of the
outer one; an opener that never closes is ignored; ‘ or ' between two Latin letters is an
apostrophe (D‘Angelo). Kind: "term" when the inside is at most 6 units (a CJK character, or a run
of Latin letters/digits, is one unit; punctuation and spaces are not counted) and has no
sentence punctuation; else "speech".
Speaker, decided per sentence (split at 。！？!? outside quotes):
1. named: the first alias in the sentence (outside quotes) that a speech verb follows (说, 表示,
   写道 …, and as other outlets write it: 他指：, 坦承, 回复, 发文, 形容, 批评; or a colon right
   before a quote: 奥特曼：“…”);
2. pronoun: no alias but 他/她 before a speech verb: the first alias of the previous sentence
   (of this paragraph, else the last sentence of `context`, the previous paragraph);
3. continuation: a sentence that is nothing but quotes inherits the previous sentence's speaker.
Otherwise None. Terms get a speaker by the same rules (filter on kind). Pass people only as
speakers: with organisations, "OpenAI首席执行官萨姆·奥特曼认为" would pick OpenAI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from saga.corpus.readers import any_word, initials
from saga.corpus.store import rows_frame, rows_of

_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "'": "'"}
_SENTENCE_END = "。！？!?"
_OPENING = re.compile("[" + re.escape("".join(_PAIRS)) + "]")
_MARK = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + "]")
_SENTENCE_MARK = re.compile("[" + re.escape(_SENTENCE_END) + "]")
_VERBS = (
    "说|表示|称|写道|写着|回应|认为|透露|指出|强调|告诉|宣称|声称|发推|谈到|坦言|直言|警告|问道"
    # as Hong Kong and Taiwanese papers write it (他指：, 坦承, 回覆), posts (发文, 贴文) and
    # verbs that introduce what someone said (形容, 批评, 反驳 …); a name with a colon before a
    # quote (奥特曼：“…”: the quote is blanked to spaces here)
    "|指(?=[：:，,])|坦承|形容|发文|发帖|贴文|撰文|批评|反驳|回复|质疑|呼吁|补充|重申|承认|否认"
    "|[：:](?=\\s)"
)
# the lookahead on first characters lets the regex engine skip most positions at once
_SPEECH_VERB = re.compile(f"(?=[{initials(_VERBS)}：:])(?:{_VERBS})")
_PRONOUN = re.compile("[他她]")
_UNIT = re.compile(r"[A-Za-z0-9]+|[\u3400-\u9fff]")
_TERM_MAX_UNITS = 6


@dataclass(frozen=True)
class Quote:
    """One outermost quotation: its text (without the marks), span (with them), kind, speaker."""

    quote: str
    start: int
    end: int
    kind: str
    speaker: str | None


def _is_apostrophe(text: str, i: int) -> bool:
    return (
        text[i] in "‘'"
        and 0 < i < len(text) - 1
        and text[i - 1].isascii()
        and text[i - 1].isalpha()
        and text[i + 1].isascii()
        and text[i + 1].isalpha()
    )


def _close(text: str, i: int) -> int | None:
    """Index of the mark closing the quote opened at i, allowing nested quotes."""
    stack = [_PAIRS[text[i]]]
    for mark in _MARK.finditer(text, i + 1):  # jump from one quotation mark to the next
        j, ch = mark.start(), mark[0]
        if _is_apostrophe(text, j):
            continue
        if ch == stack[-1]:
            stack.pop()
            if not stack:
                return j
        elif ch in _PAIRS:
            stack.append(_PAIRS[ch])
    return None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost quote, marks included."""
    spans, i = [], 0
    while m := _OPENING.search(text, i):  # jump from one opening mark to the next
        i = m.start()
        if not _is_apostrophe(text, i) and (j := _close(text, i)) is not None:
            spans.append((i, j + 1))
            i = j + 1
            continue
        i += 1
    return spans


def quote_kind(inner: str) -> str:
    """'term' for a short scare-quote (≤ 6 units, no sentence punctuation), else 'speech'."""
    if any(ch in inner for ch in _SENTENCE_END + "，,；;：:") or (
        len(_UNIT.findall(inner)) > _TERM_MAX_UNITS
    ):
        return "speech"
    return "term"


def _sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans, ending at sentence punctuation outside any quote."""
    inside = {k for s, e in spans for k in range(s, e)}
    bounds, start = [], 0
    for m in _SENTENCE_MARK.finditer(text):
        if (k := m.start()) not in inside:
            bounds.append((start, k + 1))
            start = k + 1
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds


def _blank_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """text with every quote replaced by spaces of equal length (keeps offsets)."""
    chars = list(text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def _first_alias(text: str, speakers: dict[str, str]) -> tuple[int, str] | None:
    """(position, entity id) of the earliest alias in text; longer aliases win ties."""
    finder = any_word(tuple(speakers))
    if not (hit := finder and finder.search(text)):
        return None
    return hit.start(), speakers[hit[0]]


def _named(outside: str, speakers: dict[str, str]) -> str | None:
    """The first alias that a speech verb follows in this sentence."""
    verbs = [m.start() for m in _SPEECH_VERB.finditer(outside)]
    if not verbs:
        return None
    hit = _first_alias(outside[: verbs[-1]], speakers)
    return hit[1] if hit else None


def _antecedent(before: str, speakers: dict[str, str]) -> str | None:
    """The first alias of the last sentence of before (quotes already blanked)."""
    sentences = _sentences(before, [])
    if not sentences:
        return None
    hit = _first_alias(before[sentences[-1][0] :], speakers)
    return hit[1] if hit else None


def extract_quotes(text: str, speakers: dict[str, str], context: str = "") -> list[Quote]:
    """Outermost quotes in text with kind and speaker id; context is the previous paragraph."""
    spans = quote_spans(text)
    if not spans:
        return []  # most paragraphs: nothing to attribute
    blanked = _blank_quotes(text, spans)
    previous_speaker: str | None = None
    quotes: list[Quote] = []
    for s_start, s_end in _sentences(text, spans):
        outside = blanked[s_start:s_end]
        speaker = _named(outside, speakers)
        verb = _SPEECH_VERB.search(outside)
        pronoun = _PRONOUN.search(outside)
        if speaker is None and verb and pronoun and pronoun.start() < verb.start():
            before = blanked[:s_start] if s_start else _blank_quotes(context, quote_spans(context))
            speaker = _antecedent(before, speakers)
        inner_spans = [(s, e) for s, e in spans if s_start <= s < s_end]
        if speaker is None and inner_spans and not outside.strip(" ，,。！？!?：:"):
            speaker = previous_speaker
        for s, e in inner_spans:
            quotes.append(
                Quote(text[s + 1 : e - 1], s, e, quote_kind(text[s + 1 : e - 1]), speaker)
            )
        previous_speaker = speaker
    return quotes


def person_speakers(entities: pd.DataFrame) -> dict[str, str]:
    """alias → entity id for the people of a saga.corpus.entities.load_entities() frame."""
    people = entities[entities["type"] == "person"]
    pairs = zip(people["id"], people["match"], strict=True)
    return {alias: eid for eid, aliases in pairs for alias in aliases}


QUOTE_COLUMNS = ["paragraph_id", "source_id", "quote", "start", "end", "kind", "speaker"]


def quotes_table(paragraphs: pd.DataFrame, speakers: dict[str, str]) -> pd.DataFrame:
    """One row per quote; the paragraph n-1 of the same source, if given, resolves pronouns."""
    rows = []
    previous: dict[str, tuple[int, str]] = {}
    columns = ["source_id", "n", "paragraph_id", "text", "text_simplified"]
    given = list(rows_of(paragraphs, columns))
    # each source's paragraphs by number, the sources in the order given (the manifest's): not
    # by ID, which would make a source's place depend on which others share its batch
    place = {source: i for i, source in enumerate(dict.fromkeys(r[0] for r in given))}
    ordered = sorted(given, key=lambda r: (place[r[0]], r[1]))
    for source_id, n, pid, text, simplified in ordered:
        aligned = len(text) == len(simplified)
        prev_n, prev_text = previous.get(source_id, (0, ""))
        context = prev_text if prev_n == n - 1 else ""
        for q in extract_quotes(simplified, speakers, context):
            start, end = (q.start, q.end) if aligned else (None, None)
            rows.append([pid, source_id, q.quote, start, end, q.kind, q.speaker])
        previous[source_id] = (n, simplified)
    return rows_frame(rows, QUOTE_COLUMNS, {"start": "Int64", "end": "Int64"})
