"""The GPU counts S3 gives for xAI's race with OpenAI (data/annotations/gpu_figures.csv): the
figure as written in its paragraph, the number of GPUs, and what the figure stands for."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from saga.errors import SagaError
from saga.records.annotations import read_records

GPU_COLUMNS = ["paragraph_id", "text", "gpus", "what"]


def load_gpu_figures(root: Path | None = None) -> pd.DataFrame:
    """The GPU figures, gpus as an integer (SagaError when a count is not a whole number)."""
    df = read_records(root, "gpu_figures.csv", GPU_COLUMNS)
    if bad := [g for g in df["gpus"] if not g.isdigit()]:
        raise SagaError(f"gpu_figures.csv: gpus must be whole numbers, not {bad}")
    return df.assign(gpus=df["gpus"].astype("int64"))


def gpu_problems(figures: pd.DataFrame, paragraphs: pd.DataFrame) -> list[str]:
    """Figures no longer found in their paragraph's text (the annotation has come loose)."""
    text = dict(zip(paragraphs["paragraph_id"], paragraphs["text"], strict=True))
    return [
        f"gpu_figures.csv: {t!r} not in paragraph {p}"
        for p, t in zip(figures["paragraph_id"], figures["text"], strict=True)
        if t not in text.get(p, "")
    ]


def gpu_figures(paragraphs: pd.DataFrame, root: Path | None = None) -> pd.DataFrame:
    """The GPU figures, checked against the text (SagaError when a figure came loose)."""
    figures = load_gpu_figures(root)
    if gone := gpu_problems(figures, paragraphs):
        raise SagaError("; ".join(gone))
    return figures
