"""saga.analysis.cast and saga.analysis.bounded: who each source names in a theme, and
per-source tables kept to a readable size."""

import pandas as pd

from saga.analysis.cast import named_by, named_everywhere, named_only_by, theme_cast

SOURCES = pd.DataFrame({"source_id": ["a", "b", "c"], "label": ["S1", "S2", "S3"]})
MENTIONS = pd.DataFrame(
    {
        "paragraph_id": ["a-1", "a-1", "a-2", "b-1", "b-1", "c-9"],
        "source_id": ["a", "a", "a", "b", "b", "c"],
        "entity_id": ["musk", "musk", "musk", "musk", "page", "musk"],
    }
)
NAMES = {"musk": "Elon Musk", "page": "Larry Page"}


def test_cast_counts_paragraphs_not_mentions_and_skips_other_paragraphs():
    cast = theme_cast(MENTIONS, ["a-1", "a-2", "b-1"], SOURCES, ["musk", "page"], NAMES)
    assert cast.to_dict("index") == {
        "S1": {"Elon Musk": 2, "Larry Page": 0},
        "S2": {"Elon Musk": 1, "Larry Page": 1},
    }
    assert named_everywhere(cast) == ["Elon Musk"]
    assert named_only_by(cast, "S2") == ["Larry Page"]
    assert named_by(cast, "Larry Page") == ["S2"] and named_by(cast, "Nobody") == []


def test_the_founding_cast_of_the_edition(root, sources):
    from saga.corpus.entities import load_entities
    from saga.corpus.store import read_table

    ents = load_entities(root)
    themes, mentions = read_table("themes", root), read_table("mentions", root)
    pids = themes.loc[themes["theme"] == "founding", "paragraph_id"]
    people = ents.loc[ents["type"] == "person", "id"]
    names = dict(zip(ents["id"], ents["name_en"], strict=True))
    cast = theme_cast(mentions, pids, sources, people, names)
    # read in the founding paragraphs: S2 ¶3-¶7 name Page and Thiel, no one else does;
    # Brockman is at S3's dinner (¶11) and among S4's founders (¶18)
    assert {"Larry Page", "Peter Thiel"} <= set(named_only_by(cast, "S2"))
    assert named_by(cast, "Greg Brockman") == ["S3", "S4"]
    assert "S5" not in cast.index  # S5 lacks the founding paragraphs
