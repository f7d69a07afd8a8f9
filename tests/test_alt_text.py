"""saga.present.alt_text: one alt text per kind of chart, saying in words what it shows."""

import pandas as pd

from saga.present.alt_text import alt_rows, stance_alt


def test_a_table_is_told_row_by_row_with_its_non_zero_cells():
    frame = pd.DataFrame({"safety": [4, 0], "commercial": [8.5, 0]}, index=["S2", "S4"])
    assert alt_rows(frame) == "S2: safety 4, commercial 8.5; S4: none"


def test_a_stance_grid_names_who_supports_contradicts_or_is_not_yet_annotated():
    grid = pd.DataFrame(
        {"S1": [1.0, -1.0], "S2": [1.0, 0.0], "S3: not yet annotated": [float("nan")] * 2},
        index=["c1", "c2"],
    )
    assert stance_alt(grid) == (
        "c1: supports S1 S2, not yet annotated S3; c2: contradicts S1, not yet annotated S3"
    )
