"""saga.analysis.bounded: every per-source table, matrix and chart stays readable at any corpus
size, ``top`` sources one by one and the rest in one row or column "N other sources"."""

import pandas as pd

from saga.analysis.bounded import fold_long, fold_pairs, top_rows, top_table


def test_top_rows_keep_the_first_rows_and_sum_the_rest():
    m = pd.DataFrame({"x": [1, 5, 2, 4]}, index=["S1", "S2", "S3", "S4"])
    assert top_rows(m, top=2).to_dict()["x"] == {"S1": 1, "S2": 5, "2 other sources": 6}
    assert top_rows(m, top=9) is m


def test_ranked_rows_are_the_largest_in_table_order_and_sorted_rows_are_largest_first():
    m = pd.DataFrame({"x": [1, 5, 2, 4]}, index=["S1", "S2", "S3", "S4"])
    assert top_rows(m, top=2, rank=True).to_dict()["x"] == {"S2": 5, "S4": 4, "2 other sources": 3}
    k = pd.DataFrame({"k": [1, 5, 0, 3]}, index=["S1", "S2", "S3", "S4"])
    out = top_rows(k, top=2, sort=True)
    assert list(out.index) == ["S2", "S4", "2 other sources"]
    assert list(out["k"]) == [5, 3, 1]
    assert list(top_rows(k, sort=True).index) == ["S2", "S4", "S1", "S3"]


def test_three_hundred_sources_fold_into_twelve_rows_and_one_summary():
    table = pd.DataFrame({"n": range(300)}, index=[f"S{i + 1}" for i in range(300)])
    out = top_rows(table, keep=["S1", "S2"], rank=True)
    # S1 and S2 are kept whatever their size; the ten largest (S291-S300) fill the rest
    assert list(out.index[:3]) == ["S1", "S2", "S291"]
    assert len(out) == 13 and out.index[-1] == "288 other sources"
    assert out["n"].sum() == table["n"].sum()


def test_folded_shares_are_averaged_not_summed():
    table = pd.DataFrame({"share": [0.5, 0.1, 0.3]}, index=["S1", "S2", "S3"])
    assert top_rows(table, top=1, how="mean").loc["2 other sources", "share"] == 0.2


def test_a_display_table_names_the_rest_and_sums_only_when_asked():
    t = pd.DataFrame({"label": ["S1", "S2", "S3"], "outlet": ["a", "b", "c"], "chars": [10, 20, 5]})
    assert top_table(t, top=1, summary="sum").to_dict("records") == [
        {"label": "S1", "outlet": "a", "chars": 10},
        {"label": "2 other sources", "outlet": "", "chars": 25},
    ]
    assert top_table(t, top=1).iloc[-1].to_dict() == {
        "label": "2 other sources",
        "outlet": "",
        "chars": "",
    }
    assert top_table(t, top=2, noun="rows").iloc[-1]["label"] == "1 other rows"
    outlets = top_table(t, top=1, summary={"outlet": lambda r: f"{r['outlet'].nunique()} outlets"})
    assert outlets.iloc[-1]["outlet"] == "2 outlets"
    assert top_table(t).equals(t)


def test_pairs_fold_to_a_square_of_their_strongest_sources():
    pairs = pd.Series(
        {("a", "b"): 0.9, ("d", "c"): 0.4, ("c", "a"): 0.2, ("b", "b"): 1.0, ("x", "a"): 1.0},
        name="share",
    ).rename_axis(["source", "aligned_with"])
    out = fold_pairs(pairs, list("abcd"), top=2)  # a (0.9) and d (0.4) have the largest rows
    assert list(out.index) == ["a", "d", "2 other sources"] and list(out.columns) == list(out.index)
    assert out.loc["a", "d"] == 0.0 and pd.isna(out.loc["a", "a"])  # absent 0, diagonal empty
    assert out.loc["a", "2 other sources"] == 0.9 and out.loc["d", "2 other sources"] == 0.4
    assert out.loc["2 other sources", "a"] == 0.2 and out.loc["2 other sources", "d"] == 0.0
    assert pd.isna(out.loc["2 other sources", "2 other sources"])
    assert (out.index.name, out.columns.name) == ("source", "aligned_with")
    whole = fold_pairs(pairs, list("abcd"))  # b with itself and x (not a source) are left out
    assert whole.shape == (4, 4) and whole.loc["a", "b"] == 0.9 and pd.isna(whole.loc["b", "b"])


def test_a_long_table_keeps_its_first_sources_and_folds_the_rest_per_term():
    hits = pd.DataFrame(
        {
            "label": ["S1", "S1", "S2", "S3", "S3", "S4"],
            "term": ["宫斗", "夺权", "宫斗", "夺权", "宫斗", "夺权"],
            "count": [3, 1, 2, 1, 1, 4],
        }
    )
    folded = fold_long(hits, by="term", top=2)
    assert folded.to_dict("records") == [
        {"label": "S1", "term": "宫斗", "count": 3},
        {"label": "S1", "term": "夺权", "count": 1},
        {"label": "S2", "term": "宫斗", "count": 2},
        {"label": "2 other sources", "term": "夺权", "count": 5},
        {"label": "2 other sources", "term": "宫斗", "count": 1},
    ]
    assert fold_long(hits, by="term", top=4).equals(hits)
