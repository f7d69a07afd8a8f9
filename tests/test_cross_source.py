"""Cross-source analyses: errata validation, contradictions, independence, names, GPU figures.

Expected values on the real corpus come from reading the five texts (cited in comments), on the
tiny frames from how the frames are built."""

from __future__ import annotations

import pandas as pd
import pytest

from saga.analysis import contradictions, independence, naming, overview
from saga.corpus.entities import variant_table
from saga.corpus.store import read_table
from saga.errors import SagaError
from saga.records import errata as errata_records
from saga.records import gpu_figures
from saga.records.annotations import bib_keys, load_claims, load_stances

# ---------------------------------------------------------------- tiny frames

SOURCES = pd.DataFrame(
    {
        "source_id": ["a", "b", "c"],
        "label": ["S1", "S2", "S3"],
        "witness": ["orig", "b", "orig"],  # a and c translate one article
    }
)
PARAS = pd.DataFrame(
    {
        "paragraph_id": ["a-1", "a-2", "b-1", "c-1"],
        "source_id": ["a", "a", "b", "c"],
        "label": ["S1", "S1", "S2", "S3"],
        "n": [1, 2, 1, 1],
        "text": ["他在2018年离开。", "捐了 1 亿美元", "2019 年 3 月宣布", "他在 2018 年离开"],
    }
)


def erratum(**kw) -> dict:
    row = dict(
        erratum_id="left-2018",
        theme="power-struggle-2018",
        paragraphs="a-1",
        quote="2018年离开",
        says_en="left in 2018",
        record_en="left in Feb 2018",
        record_paragraphs="",
        bib="k1",
        verdict="error",
        note="",
        claims="",
    )
    row.update(kw)
    return row


def problems(*rows, bibs=frozenset({"k1", "k2"})):
    return errata_records.errata_problems(
        pd.DataFrame(list(rows), columns=errata_records.ERRATA_COLUMNS),
        PARAS,
        None if bibs is None else set(bibs),
    )


def test_a_good_erratum_has_no_problem():
    assert problems(erratum()) == []
    # whitespace inside the quote is ignored: translators space numbers differently
    assert problems(erratum(paragraphs="c-1", quote="2018年离开")) == []


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (dict(quote="2019年离开"), "is not in"),
        (dict(paragraphs="a-9"), "unknown paragraph"),
        (dict(paragraphs=""), "at least one paragraph"),
        (dict(verdict="wrong"), "unknown verdict"),
        (dict(theme="gossip"), "unknown theme"),
        (dict(erratum_id="Left_2018"), "kebab-case"),
        (dict(bib="", record_paragraphs=""), "give the record"),
        (dict(bib="k9"), "not in book/references.bib"),
        (dict(record_paragraphs="a-1"), "both cited and given as the record"),
        (dict(record_en=" "), "empty record_en"),
    ],
)
def test_bad_errata_are_named(change, needle):
    found = problems(erratum(**change))
    assert len(found) >= 1 and any(needle in p for p in found), found
    assert all(p.startswith("errata.csv") for p in found)


def test_claims_named_by_an_erratum_must_exist():
    rows = pd.DataFrame([erratum(claims="left;gone")], columns=errata_records.ERRATA_COLUMNS)
    found = errata_records.errata_problems(rows, PARAS, {"k1"}, {"left"})
    assert found == ["errata.csv left-2018: claims not in claims.csv: ['gone']"]
    assert (
        errata_records.errata_problems(rows, PARAS, {"k1"}) == []
    )  # not checked without claim ids


def test_record_paragraphs_alone_are_a_record_and_bibs_can_be_skipped():
    assert problems(erratum(bib="", record_paragraphs="b-1")) == []
    assert problems(erratum(bib="k9"), bibs=None) == []


def test_duplicate_ids_and_wrong_columns():
    assert any("duplicate erratum_id" in p for p in problems(erratum(), erratum()))
    bad = errata_records.errata_problems(pd.DataFrame({"x": [1]}), PARAS, set())
    assert len(bad) == 1 and "columns" in bad[0]


def test_errata_by_witness_counts_a_repeated_translation_once():
    errata = pd.DataFrame(
        [
            erratum(paragraphs="a-1;c-1"),
            erratum(erratum_id="gift", paragraphs="a-2", quote="1 亿美元", verdict="disputed"),
        ],
        columns=errata_records.ERRATA_COLUMNS,
    )
    table = contradictions.errata_by_witness(errata, PARAS, SOURCES)
    assert list(table.index) == ["S1+S3", "S2"]
    assert table.loc["S1+S3", "error"] == 1  # a-1 and c-1: one witness, one erratum
    assert table.loc["S1+S3", "disputed"] == 1
    assert table.loc["S2"].sum() == 0


def test_contradictions_count_witnesses_and_link_errata():
    cl = pd.DataFrame(
        {
            "claim_id": ["left", "agreed"],
            "theme": ["power-struggle-2018"] * 2,
            "claim_en": ["He left in 2018.", "x"],
            "note": ["n1", ""],
        }
    )
    st = pd.DataFrame(
        {
            "claim_id": ["left"] * 3 + ["agreed"] * 3,
            "source_id": ["a", "b", "c"] * 2,
            "stance": ["supports", "contradicts", "supports", "supports", "silent", "silent"],
            "paragraphs": ["a-1", "b-1", "c-1", "a-2", "", ""],
        }
    )
    errata = pd.DataFrame(
        [
            erratum(paragraphs="b-1", quote="2019 年 3 月", claims="left"),
            erratum(erratum_id="other", paragraphs="b-1", quote="2019 年 3 月"),  # not linked
        ],
        columns=errata_records.ERRATA_COLUMNS,
    )
    out = contradictions.contradictions(cl, st, SOURCES, PARAS, errata)
    assert list(out["claim_id"]) == ["left"]  # "agreed" has no contradicting source
    row = out.iloc[0]
    assert (row["n_support_witnesses"], row["n_contradict_witnesses"]) == (1, 1)  # a+c: one
    assert row["supports"] == "S1, S3" and row["contradicts"] == "S2"
    assert row["contradict_paragraphs"] == "S2 ¶1"
    assert row["errata"] == "left-2018" and row["verdicts"] == "error"
    assert bool(row["contested"]) and row["note"] == "n1"


def test_witness_groups_join_sources_that_share_most_of_their_text():
    shares = pd.DataFrame(
        {
            "source": ["a", "a", "b", "c"],
            "aligned_with": ["b", "c", "a", "a"],
            "share": [0.05, 0.8, 0.1, 0.7],
        }
    )
    assert independence.witness_groups(shares, ["a", "b", "c"]) == {"a": 0, "b": 1, "c": 0}
    assert independence.witness_groups(shares, ["a", "b", "c"], threshold=0.75) == {
        "a": 0,
        "b": 1,
        "c": 2,
    }
    table = independence.independence_table(shares, SOURCES).set_index("label")
    assert table.loc["S1", "text_group"] == "S1+S3" and table["agrees"].all()
    assert table.loc["S3", "max_shared_with"] == "S1"
    assert table.loc["S3", "max_shared"] == pytest.approx(0.7)
    shared = independence.labelled_shares(shares, SOURCES)
    assert list(shared.index) == [("S1", "S2"), ("S1", "S3"), ("S2", "S1"), ("S3", "S1")]
    assert independence.share_between(shared, "S1", "S3") == pytest.approx(0.8)
    assert independence.share_between(shared, "S2", "S3") == 0.0  # no row: nothing shared
    labels = ["S1", "S2", "S3"]
    assert independence.largest_share(shared, labels) == (pytest.approx(0.8), ("S1", "S3"))
    # with every sharing pair left out, the first pair left in manifest order, sharing nothing
    assert independence.largest_share(shared, labels, leave_out=list(shared.index)) == (
        0.0,
        ("S2", "S3"),
    )


def test_witness_groups_are_transitive_numbered_in_source_order_and_ignore_strangers():
    # d~b and b~a both ways join a, b and d, though a and d share nothing; c shares with a one
    # way only; "x" is not among the sources asked about
    shares = pd.DataFrame(
        {
            "source": ["d", "b", "b", "a", "a", "c", "x", "a"],
            "aligned_with": ["b", "d", "a", "b", "c", "a", "a", "x"],
            "share": [0.9, 0.6, 0.7, 0.55, 0.9, 0.2, 1.0, 1.0],
        }
    )
    ids = ["c", "a", "b", "d"]
    assert independence.witness_groups(shares, ids) == {"c": 0, "a": 1, "b": 1, "d": 1}
    assert independence.witness_groups(shares, ids, threshold=0.58) == {
        "c": 0,
        "a": 1,
        "b": 2,
        "d": 2,
    }
    # nothing shared is still 0 ≥ a threshold of 0: every source joins
    assert set(independence.witness_groups(shares, ids, threshold=0.0).values()) == {0}
    assert independence.witness_groups(shares.iloc[:0], ids) == {"c": 0, "a": 1, "b": 2, "d": 3}


def test_independence_table_names_each_sources_largest_share_first_of_equals():
    shares = pd.DataFrame(
        {
            "source": ["a", "a", "b", "c"],
            "aligned_with": ["c", "b", "a", "a"],
            "share": [0.3, 0.3, 0.1, 0.6],
        }
    )
    table = independence.independence_table(shares, SOURCES).set_index("label")
    assert table.loc["S1", "max_shared_with"] == "S3"  # a's 0.3 with c comes first in the table
    assert table.loc["S2", "max_shared"] == pytest.approx(0.1)
    # a and c share under half their text: three groups, so the manifest's orig (a+c) disagrees
    assert list(table["text_group"]) == ["S1", "S2", "S3"]
    assert list(table["agrees"]) == [False, True, False]
    nobody = independence.independence_table(shares.iloc[:0], SOURCES)
    assert list(nobody["max_shared"]) == [0.0] * 3 and list(nobody["max_shared_with"]) == [""] * 3


def test_corroboration_counts():
    tl = pd.DataFrame(
        {
            "n_sources": [2, 1, 3, 2],
            "n_witnesses": [1, 1, 2, 2],
            "contradicted": [False, True, False, False],
        }
    )
    assert independence.corroboration(tl) == {
        "events": 4,
        "multi_source": 3,
        "multi_witness": 2,
        "overstated": 2,
        "single_witness": 2,
        "contradicted": 1,
    }


@pytest.mark.parametrize(
    ("surface", "script"),
    [
        ("Altman", "Latin"),
        ("Sam Altman", "Latin"),
        ("奧特曼", "Han (traditional)"),
        ("奥特曼", "Han (simplified)"),
        ("埃隆・马斯克", "Han (simplified)"),
        ("薩姆·奧特曼", "Han (traditional)"),
        ("Sam奥特曼", "mixed"),
    ],
)
def test_script_of(surface, script):
    assert naming.script_of(surface) == script


def test_gpu_figures_fail_loudly_when_the_text_changes():
    with pytest.raises(SagaError, match="vinda-2024-06-14"):
        gpu_figures.gpu_figures(PARAS)


# ---------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def tables():
    return {
        name: read_table(name)
        for name in ("sources", "paragraphs", "mentions", "overlap", "source_overlap")
    }


def test_the_real_errata_are_valid(root, tables):
    errata = errata_records.load_errata(root)
    assert errata_records.errata_problems(errata, tables["paragraphs"], None) == []
    assert len(errata) >= 10


def test_the_real_errata_cite_only_known_bibliography(root, tables):
    assert errata_records.validate_errata(root, tables["paragraphs"]) == []
    assert "albergotti2023secret" in bib_keys(root)


def test_s1_and_s5_are_one_text_and_s3_s4_share_none(tables):
    # S5 translates the same Semafor article as S1 from its fifth paragraph on; S3 (a June 2024
    # blog) and S4 (the November 2023 crisis report) share no text with any other source.
    ids = list(tables["sources"]["source_id"])
    groups = independence.witness_groups(tables["source_overlap"], ids)
    assert groups["qianjia-2023-03-25"] == groups["semafor-zh-2023-03-24"]
    assert len(set(groups.values())) == 4
    overlap, sources = tables["overlap"], tables["sources"]
    # S5 ¶2–¶20 each render a paragraph of S1, in either order of the pair
    assert independence.pairs_between(overlap, sources, "S1", "S5") >= 15
    assert independence.pairs_between(overlap, sources, "S5", "S1") >= 15
    for lonely in ("S3", "S4"):
        assert all(
            independence.pairs_between(overlap, sources, lonely, other) == 0
            for other in sources["label"]
        )
    table = independence.independence_table(tables["source_overlap"], tables["sources"])
    assert table["agrees"].all()  # the manifest's witness column says the same


def test_the_for_profit_date_contradiction_is_settled_by_the_errata(root, tables):
    # S4 ¶19 dates the for-profit turn to 2018 (2018 年,Altman 將 OpenAI 轉變為一傢營利性公司);
    # S1 ¶16 and S5 ¶11 give 2019-03-11.
    out = contradictions.contradictions(
        load_claims(root),
        load_stances(root),
        tables["sources"],
        tables["paragraphs"],
        errata_records.load_errata(root),
    )
    row = out.set_index("claim_id").loc["for-profit-in-2019"]
    assert row["contradicts"] == "S4" and "S4 ¶19" in row["contradict_paragraphs"]
    assert row["n_support_witnesses"] == 1  # S1 and S5 are one witness
    assert "for-profit-in-2018" in row["errata"]


def test_outlets_write_altman_differently(tables):
    # S4 writes "Altman" in Latin script almost throughout; S2 writes 奧特曼 (traditional);
    # S1 and S5 (the Semafor translations) write 阿尔特曼; S3 writes 奥特曼.
    v = variant_table(tables["mentions"], tables["sources"])
    prof = naming.naming_profile(v, ["altman"]).set_index("label")
    assert prof.loc["S4", "commonest"] == "Altman" and prof.loc["S4", "latin_share"] > 0.9
    assert prof.loc["S2", "commonest"] == "奧特曼"
    assert prof.loc["S1", "commonest"] == prof.loc["S5", "commonest"] == "阿尔特曼"
    assert prof.loc["S3", "commonest"] == "奥特曼"


def test_naming_profile_rows_follow_the_entities_given_then_the_labels():
    variants = pd.DataFrame(
        {
            "entity_id": ["musk", "altman", "altman", "altman", "musk"],
            "label": ["S2", "S10", "S10", "S2", "S1"],
            "surface": ["马斯克", "奧特曼", "Altman", "阿尔特曼", "Musk"],
            "mentions": [3, 2, 5, 1, 4],
        }
    )
    prof = naming.naming_profile(variants, ["musk", "altman"])
    assert list(zip(prof["entity_id"], prof["label"], strict=True)) == [
        ("musk", "S1"),
        ("musk", "S2"),
        ("altman", "S10"),  # labels in text order, as the table has always listed them
        ("altman", "S2"),
    ]
    s10 = prof.iloc[2]
    assert (s10["mentions"], s10["forms"], s10["commonest"]) == (7, 2, "Altman")
    assert s10["all_forms"] == "Altman (5) · 奧特曼 (2)"
    assert s10["latin_share"] == pytest.approx(5 / 7)
    assert list(prof["latin_share"]) == [1.0, 0.0, pytest.approx(5 / 7), 0.0]
    assert naming.naming_profile(variants, ["brockman"]).empty


def test_gpu_figures_of_s3(tables):
    # ¶14: 囤了一万张显卡; ¶15: 需要10万个英伟达H100 … 目前这个数字仅为2万; ¶16: 用量在1.5万左右
    gpu = gpu_figures.gpu_figures(tables["paragraphs"])
    assert sorted(gpu["gpus"]) == [10_000, 15_000, 20_000, 100_000]
    assert set(gpu["paragraph_id"]) == {"vinda-2024-06-14", "vinda-2024-06-15", "vinda-2024-06-16"}


def test_keyword_digest_drops_names_and_keeps_rank_order():
    kw = pd.DataFrame(
        {
            "group": ["a", "a", "a", "b"],
            "method": ["tfidf", "tfidf", "textrank", "tfidf"],
            "rank": [2, 1, 1, 1],
            "keyword": ["诉讼", "马斯克", "董事会", "捐款"],
            "weight": [0.5, 0.9, 0.4, 0.3],
        }
    )
    out = overview.keyword_digest(kw, SOURCES, names={"马斯克"}).set_index("label")
    assert out.loc["S1", "keywords"] == "诉讼"
    assert out.loc["S2", "keywords"] == "捐款" and out.loc["S3", "keywords"] == ""


def test_source_overview_counts_each_sources_paragraphs_and_keeps_silent_sources():
    sources = SOURCES.assign(
        outlet=["千家", "", "维达"], published=["2023-03-25", "2023-12", "2024-06"], script="zh"
    )
    paragraphs = PARAS.assign(kind=["body", "heading", "body", "body"]).iloc[[0, 1, 3]]
    out = overview.source_overview(sources, paragraphs).set_index("label")
    assert list(out.index) == ["S1", "S2", "S3"]  # manifest order, b without paragraphs kept
    assert out.loc["S1", ["paragraphs", "body_paragraphs", "characters"]].tolist() == [
        2,
        1,
        18,
    ]  # 10 + 8 characters
    assert out.loc["S2", ["paragraphs", "body_paragraphs", "characters"]].tolist() == [0, 0, 0]
    assert out.loc["S3", "published"] == "2024-06" and out.loc["S1", "witness"] == "orig"


def test_naming_variants_count_forms_per_source_under_axis_labels():
    sources = pd.DataFrame(
        {"source_id": ["a", "b"], "label": ["S1", "S2"], "outlet": ["千家信息网", "Semafor (中文)"]}
    )
    mentions = pd.DataFrame(
        {
            "entity_id": ["altman", "altman", "altman", "musk"],
            "surface": ["奥特曼", "Altman", "奥特曼", "马斯克"],
            "source_id": ["a", "b", "a", "a"],
        }
    )
    table = naming.naming_variants(mentions, sources, "altman")
    assert list(table.columns) == ["S1 千家信息网", "S2 Semafor"]
    assert table.loc["奥特曼"].tolist() == [2, 0]
    assert table.loc["Altman"].tolist() == [0, 1]


def test_the_glossary_names_a_forms_first_sources_and_counts_the_rest():
    sources = pd.DataFrame({"source_id": [f"s{i}" for i in range(1, 13)]})
    sources["label"] = [f"S{i}" for i in range(1, 13)]
    # 奥特曼 in all twelve sources (twice in S10), 阿尔特曼 once, in S12
    mentions = pd.DataFrame(
        {
            "entity_id": ["altman"] * 14,
            "surface": ["奥特曼"] * 13 + ["阿尔特曼"],
            "source_id": [f"s{i}" for i in range(12, 0, -1)] + ["s10", "s12"],
        }
    )
    assert naming.forms_in_use(mentions, sources, few=3) == {
        "altman": "奥特曼 (S1: 1, S2: 1, S3: 1 and 9 more sources); 阿尔特曼 (S12: 1)"
    }
    # sources in manifest order, not as strings: S2 before S10
    assert naming.forms_in_use(mentions, sources, few=12)["altman"].startswith(
        "奥特曼 (S1: 1, S2: 1,"
    )
