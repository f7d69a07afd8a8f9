"""The storyline stages of the 2023 board crisis (data/lexicon/teaser_stages.csv), which
sort the related-article teasers: a teaser gets the stage of lowest `priority` whose words
(';'-separated) occur in its simplified text; the one row without words is the fallback.
Rows are in storyline (chart) order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from saga.errors import SagaError
from saga.paths import lexicon_dir
from saga.records.annotations import read_records, split_ids

STAGE_COLUMNS = ["stage", "label", "priority", "words"]


def load_teaser_stages(root: Path | None = None) -> pd.DataFrame:
    """The stages in storyline order; SagaError unless exactly one row (the fallback) has no
    words and every other row has a whole-number priority."""
    df = read_records(root, "teaser_stages.csv", STAGE_COLUMNS, folder=lexicon_dir)
    fallback = df[df["words"].str.strip() == ""]
    if len(fallback) != 1:
        raise SagaError("teaser_stages.csv: exactly one stage (the fallback) must have no words")
    if bad := [p for p in df.loc[df["words"].str.strip() != "", "priority"] if not p.isdigit()]:
        raise SagaError(f"teaser_stages.csv: priority must be a whole number, not {bad}")
    return df


def stage_words(stages: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """(stage, words) in the order a teaser is checked (priority), fallback left out."""
    worded = stages[stages["words"].str.strip() != ""]
    worded = worded.assign(_p=worded["priority"].astype(int)).sort_values("_p", kind="stable")
    return [(s, split_ids(w)) for s, w in zip(worded["stage"], worded["words"], strict=True)]


def fallback_stage(stages: pd.DataFrame) -> str:
    """The stage of a teaser no words match ("other")."""
    return str(stages.loc[stages["words"].str.strip() == "", "stage"].iat[0])
