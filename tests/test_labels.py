"""saga.labels: the one vocabulary for naming sources, witnesses, paragraphs and teasers."""

import pandas as pd

from saga import labels

SOURCES = pd.DataFrame(
    {
        "source_id": ["semafor-zh", "qianjia", "semafor-en"],
        "label": ["S1", "S2", "S3"],
        "witness": ["albergotti", "qianjia", "albergotti"],
        "outlet": [
            "Semafor (Chinese edition)",
            "千家信息网",
            "A very long outlet name, longer than 22",
        ],
    }
)
PARAGRAPHS = pd.DataFrame(
    {"paragraph_id": ["qianjia-4", "semafor-en-10"], "label": ["S2", "S3"], "n": [4, 10]}
)


def test_source_labels_follow_manifest_position():
    assert [labels.source_label(i) for i in (1, 2, 12)] == ["S1", "S2", "S12"]
    assert labels.label_map(SOURCES) == {"semafor-zh": "S1", "qianjia": "S2", "semafor-en": "S3"}


def test_two_translations_of_one_article_are_one_witness_named_by_both_labels():
    assert labels.witness_names(SOURCES) == {"albergotti": "S1+S3", "qianjia": "S2"}
    assert labels.witness_map(SOURCES)["semafor-en"] == "albergotti"
    alone = SOURCES.drop(columns="witness")
    assert labels.witness_map(alone) == {s: s for s in SOURCES["source_id"]}


def test_paragraph_and_teaser_labels():
    assert labels.paragraph_label("S3", 10) == "S3 ¶10"
    assert labels.teaser_label("S2", 3) == "S2 teaser 3"
    plabel = labels.paragraph_labels(PARAGRAPHS)
    assert plabel == {"qianjia-4": "S2 ¶4", "semafor-en-10": "S3 ¶10"}
    assert labels.cite_labels(["semafor-en-10", "qianjia-4", "gone-1"], plabel) == (
        "S3 ¶10, S2 ¶4, gone-1"
    )


def test_axis_labels_drop_the_bracketed_part_and_shorten_long_outlets():
    axis = labels.axis_labels(SOURCES)
    assert axis["semafor-zh"] == "S1 Semafor"
    assert axis["qianjia"] == "S2 千家信息网"
    assert axis["semafor-en"] == "S3 A very long outlet na…"  # 21 characters and an ellipsis
    assert len(axis["semafor-en"].split(" ", 1)[1]) == labels.OUTLET_MAX
