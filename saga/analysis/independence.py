"""Which sources are one witness: the text overlap (saga.corpus.overlap) set against the
manifest's `witness` column, and how much corroboration shrinks when sources are counted as
witnesses. Functions take frames and read no files."""

from __future__ import annotations

import numpy as np
import pandas as pd

from saga.labels import label_map


def witness_groups(shares: pd.DataFrame, source_ids, threshold: float = 0.5) -> dict[str, int]:
    """Sources that share at least `threshold` of their text with each other, both ways
    (saga.corpus.overlap.source_overlap: source, aligned_with, share), grouped together:
    source_id -> group number (0, 1, … in the order of source_ids). Sources in one group are,
    on the text's evidence, one witness. Only the pairs in `shares` are looked at (a pair
    absent shares nothing), so the cost grows with the overlap, not the square of the sources;
    a threshold of 0 or less joins every source."""
    ids = [str(s) for s in source_ids]
    parent = {s: s for s in ids}

    def find(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]  # halve the path: finds stay short
            s = parent[s]
        return s

    if threshold <= 0:
        pairs = list(zip(ids, ids[1:], strict=False))
    else:  # the pairs strong both ways, found with arrays (a table row per source and partner)
        position = {s: i for i, s in enumerate(ids)}
        found = pd.DataFrame(
            {
                "a": shares["source"].astype(str).map(position),
                "b": shares["aligned_with"].astype(str).map(position),
                "v": shares["share"].astype(float),
            }
        ).dropna(subset=["a", "b"])
        found = found.drop_duplicates(["a", "b"], keep="last")  # as a dict would keep it
        found = found[(found["v"] >= threshold) & (found["a"] != found["b"])]
        a, b = found["a"].to_numpy(dtype=np.int64), found["b"].to_numpy(dtype=np.int64)
        both = np.isin(a * len(ids) + b, b * len(ids) + a)
        pairs = [(ids[i], ids[j]) for i, j in zip(a[both], b[both], strict=True)]
    for a, b in pairs:
        parent[find(b)] = find(a)
    numbers: dict[str, int] = {}
    for s in ids:
        numbers.setdefault(find(s), len(numbers))
    return {s: numbers[find(s)] for s in ids}


def independence_table(
    shares: pd.DataFrame, sources: pd.DataFrame, threshold: float = 0.5
) -> pd.DataFrame:
    """Per source: its label, the manifest's witness, the group the text overlap puts it in
    (as the labels of the group's sources, e.g. "S1+S5"), its largest overlap with another
    source (share of its characters, and with whom), and whether text and manifest agree."""
    ids = [str(s) for s in sources["source_id"]]
    groups = witness_groups(shares, ids, threshold)
    label = label_map(sources)
    members: dict[int, list[str]] = {}
    for s in ids:
        members.setdefault(groups[s], []).append(s)
    witness_members: dict[str, set[str]] = {}
    for s, w in zip(ids, sources["witness"], strict=True):
        witness_members.setdefault(str(w), set()).add(s)
    # each source's largest share (the first of equals, in table order) and with whom
    best = shares.loc[shares.groupby("source", sort=False)["share"].idxmax()]
    largest = {
        str(s): (float(v), str(b))
        for s, v, b in zip(best["source"], best["share"], best["aligned_with"], strict=True)
    }
    rows = []
    for s, w in zip(ids, sources["witness"], strict=True):
        value, other = largest.get(s, (0.0, None))
        rows.append(
            {
                "label": label[s],
                "source_id": s,
                "witness": str(w),
                "text_group": "+".join(label[x] for x in members[groups[s]]),
                "max_shared": value,
                "max_shared_with": label.get(other, "") if other is not None else "",
                "agrees": set(members[groups[s]]) == witness_members[str(w)],
            }
        )
    return pd.DataFrame(rows)


def labelled_shares(shares: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """source_overlap's shares (the part of the row source's characters aligned with the other
    source) on a (source, aligned_with) index of labels, in manifest order row by row; pairs
    naming a source outside the manifest, or a source with itself, left out. Only the pairs
    that share text: a sources × sources matrix would grow with the square of the corpus."""
    position = {str(s): i for i, s in enumerate(sources["source_id"])}
    labels = list(label_map(sources).values())
    a = shares["source"].astype(str).map(position)
    b = shares["aligned_with"].astype(str).map(position)
    known = a.notna() & b.notna() & (a != b)
    frame = pd.DataFrame(
        {"a": a[known].astype(int), "b": b[known].astype(int), "share": shares["share"][known]}
    ).sort_values(["a", "b"], kind="stable")
    index = pd.MultiIndex.from_arrays(
        [[labels[i] for i in frame["a"]], [labels[i] for i in frame["b"]]],
        names=["source", "aligned_with"],
    )
    return pd.Series(frame["share"].to_numpy(dtype=float), index=index, name="share")


def share_between(shared: pd.Series, source: str, other: str) -> float:
    """The share of source's text aligned with other (labels; labelled_shares), 0 if none."""
    return float(shared.get((source, other), 0.0))


def largest_share(
    shared: pd.Series, labels: list[str], leave_out=()
) -> tuple[float, tuple[str, str]]:
    """The largest share between two different sources (labelled_shares), pairs in leave_out
    aside, and its pair: the first in manifest order row by row among equals, and the first
    pair of all when no other pair shares anything (its share 0)."""
    rest = shared.drop(index=list(leave_out), errors="ignore")
    if len(rest) and rest.max() > 0:
        return float(rest.max()), tuple(rest.idxmax())
    skip = set(leave_out)
    first = next(((a, b) for a in labels for b in labels if a != b and (a, b) not in skip), None)
    return 0.0, first


def pairs_between(overlap: pd.DataFrame, sources: pd.DataFrame, a: str, b: str) -> int:
    """Aligned paragraph pairs (saga.corpus.overlap.aligned_pairs) between the sources
    labelled a and b, in either order."""
    ids = {lab: sid for sid, lab in label_map(sources).items()}
    x, y = overlap["source_a"].astype(str), overlap["source_b"].astype(str)
    return int((((x == ids[a]) & (y == ids[b])) | ((x == ids[b]) & (y == ids[a]))).sum())


def corroboration(timeline: pd.DataFrame) -> dict[str, int]:
    """How corroboration looks when sources are counted as witnesses (saga.analysis.timelines
    events_timeline frame): events, events with two or more supporting sources, with two or
    more independent witnesses, and events whose source count overstates their witnesses."""
    return {
        "events": int(len(timeline)),
        "multi_source": int((timeline["n_sources"] >= 2).sum()),
        "multi_witness": int((timeline["n_witnesses"] >= 2).sum()),
        "overstated": int((timeline["n_sources"] > timeline["n_witnesses"]).sum()),
        "single_witness": int((timeline["n_witnesses"] == 1).sum()),
        "contradicted": int(timeline["contradicted"].sum()),
    }


def supported_by_several(tally: pd.DataFrame) -> pd.DataFrame:
    """Per theme (claims_tally frame, first-seen order): how many claims there are and how
    many rest on two or more *supporting* independent witnesses. A witness that contradicts
    a claim is not support for it."""
    out = tally.groupby("theme", sort=False).agg(
        claims=("claim_id", "size"),
        several=("n_support_witnesses", lambda n: int((n >= 2).sum())),
    )
    return out.astype("int64")
