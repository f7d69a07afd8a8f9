"""One vocabulary for naming sources, so saga, the Sphinx extension and the notebooks agree.

A source is "S1", "S2", … in manifest order; a witness (one article, however many sources
translate it) is its sources' labels joined ("S1+S5"); a paragraph is "S3 ¶10"; a related
teaser is "S3 teaser 2"; an axis label adds the outlet ("S1 千家信息网").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

OUTLET_MAX = 22  # characters of an outlet's name shown in an axis label


def source_label(position: int) -> str:
    """The label of the source at 1-based manifest position: 1 -> "S1"."""
    return f"S{position}"


def label_map(sources) -> dict[str, str]:
    """source_id -> "S1" from a sources table (source_id, label columns)."""
    return dict(zip(map(str, sources["source_id"]), map(str, sources["label"]), strict=True))


def witness_map(sources) -> dict[str, str]:
    """source_id -> witness; without a witness column every source is its own witness."""
    ids = list(map(str, sources["source_id"]))
    if "witness" not in sources.columns:
        return {s: s for s in ids}
    return dict(zip(ids, map(str, sources["witness"]), strict=True))


def witness_names(sources) -> dict[str, str]:
    """witness -> display name: its sources' labels joined ("S1+S5"), in manifest order."""
    names: dict[str, list[str]] = {}
    for lab, wit in zip(sources["label"], sources["witness"], strict=True):
        names.setdefault(str(wit), []).append(str(lab))
    return {w: "+".join(labs) for w, labs in names.items()}


def paragraph_label(label: str, n: int) -> str:
    """'S3 ¶10': the label the book's {para} role shows, without brackets."""
    return f"{label} ¶{int(n)}"


def teaser_label(label: str, n: int) -> str:
    """'S3 teaser 2': the label the book's {teaser} role shows."""
    return f"{label} teaser {int(n)}"


def paragraph_labels(paragraphs) -> dict[str, str]:
    """paragraph_id -> "S3 ¶10" for a paragraphs table (paragraph_id, label, n columns)."""
    return {
        str(p): paragraph_label(lab, n)
        for p, lab, n in zip(
            paragraphs["paragraph_id"], paragraphs["label"], paragraphs["n"], strict=True
        )
    }


def cite_labels(paragraph_ids: Iterable[str], labels: Mapping[str, str]) -> str:
    """ "S1 ¶4, S5 ¶3" for a list of paragraph ids (unknown ids shown as they are)."""
    return ", ".join(labels.get(p, p) for p in paragraph_ids)


def axis_labels(sources) -> dict[str, str]:
    """source_id -> "S1 千家信息网 …" style axis label (label + outlet, shortened)."""
    out = {}
    for sid, lab, outlet in zip(
        sources["source_id"], sources["label"], sources["outlet"], strict=True
    ):
        short = str(outlet).split(" (")[0]
        short = short if len(short) <= OUTLET_MAX else short[: OUTLET_MAX - 1] + "…"
        out[str(sid)] = f"{lab} {short}"
    return out
