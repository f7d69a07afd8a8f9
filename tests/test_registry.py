"""The table registry (saga.corpus.registry): every table and column the pipeline writes and
every hand-made record is documented, and datapackage.json is made from it."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from conftest import write_files

from saga.corpus.registry import PROCESSED, check_tables, problems
from saga.errors import SagaError
from saga.present.datapackage import DESCRIPTOR, write_package
from saga.records.registry import RECORDS


@pytest.fixture(scope="module")
def built(root, tmp_path_factory):
    """Every processed table, built from the real corpus as `saga data` builds it."""
    from saga.corpus.build import write_tables

    folder = tmp_path_factory.mktemp("processed")
    write_tables(root, folder, workers=1)
    return {p.stem: pd.read_parquet(p) for p in folder.glob("*.parquet")}


@pytest.fixture(scope="module")
def theme_ids(root):
    from saga.corpus.themes import load_themes

    return list(load_themes(root))


def test_every_table_and_column_the_pipeline_writes_is_documented(built, theme_ids):
    assert set(built) == set(PROCESSED)
    check_tables(built, theme_ids)  # raises on an undocumented table or column
    for name, df in built.items():
        assert problems(name, df.columns, theme_ids) == [], name


def test_an_undocumented_table_or_column_is_refused():
    frame = pd.DataFrame({"paragraph_id": ["a-1"], "text": ["x"], "url": ["u"], "extra": [1]})
    assert problems("links", frame.columns) == [
        "table links: column extra is not in saga/corpus/registry.py"
    ]
    assert problems("scratch", ["a"]) == ["table scratch is not in saga/corpus/registry.py"]
    with pytest.raises(SagaError, match="column extra is not in saga/corpus/registry.py"):
        check_tables({"links": frame})


def test_a_documented_column_the_pipeline_stopped_writing_is_a_problem():
    assert problems("links", ["paragraph_id", "url"]) == [
        "table links: documented column text is missing"
    ]


def test_theme_columns_are_allowed_only_for_the_themes_of_themes_yml(theme_ids):
    assert problems("theme_coverage", ["source_id", *theme_ids], theme_ids) == []
    assert problems("theme_coverage", ["source_id", "gossip"], theme_ids) == [
        "table theme_coverage: column gossip is not in saga/corpus/registry.py"
    ]


def header(path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def test_every_hand_made_csv_is_registered_with_its_exact_header(root):
    data = root / "data"
    files = [*data.glob("annotations/*.csv"), *data.glob("lexicon/*.csv"), data / "edition.csv"]
    registered = {root / t.path: t for t in RECORDS.values()}
    for path in files:
        assert path in registered, f"{path.relative_to(root)} is not in the registry"
        assert header(path) == list(registered[path].columns), path
    for path in data.glob("translations/*.csv"):
        assert header(path) == list(RECORDS["translations"].columns), path
    assert all(meaning.strip() for t in RECORDS.values() for meaning in t.columns.values())
    assert all(meaning.strip() for t in PROCESSED.values() for meaning in t.columns.values())


@pytest.fixture(scope="module")
def package(root, tmp_path_factory):
    folder = tmp_path_factory.mktemp("package")
    names = write_package(root, folder, "saga")
    return folder, names


def test_the_package_has_one_csv_per_table_and_a_descriptor_of_each(package):
    folder, names = package
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    paths = [r["path"] for r in descriptor["resources"]]
    assert paths == names
    assert {p.removesuffix(".csv") for p in paths} == set(PROCESSED) | set(RECORDS)
    for res in descriptor["resources"]:
        fields = res["schema"]["fields"]
        assert [f["name"] for f in fields] == header(folder / res["path"]), res["path"]
        assert all(f["description"] for f in fields), res["path"]
        assert res["description"]


def test_a_csv_holds_the_table_as_built(root, package):
    from saga.corpus.store import read_table

    folder, _ = package
    csv_paragraphs = pd.read_csv(folder / "paragraphs.csv", dtype={"n": int})
    built = read_table("paragraphs", root)
    assert csv_paragraphs["paragraph_id"].tolist() == built["paragraph_id"].tolist()
    assert csv_paragraphs["text"].tolist() == built["text"].tolist()
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    fields = {
        f["name"]: f["type"]
        for r in descriptor["resources"]
        if r["path"] == "paragraphs.csv"
        for f in r["schema"]["fields"]
    }
    assert fields["n"] == "integer" and fields["text"] == "string"
    translations = pd.read_csv(folder / "translations.csv", dtype=str, keep_default_na=False)
    rows = []
    for path in sorted((root / "data" / "translations").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows += list(csv.reader(f))[1:]
    assert translations.values.tolist() == rows


def test_writing_the_package_twice_gives_identical_bytes(root, package, tmp_path):
    folder, names = package
    write_package(root, tmp_path, "saga")
    for name in [*names, DESCRIPTOR]:
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name


def test_a_table_written_in_parts_gives_the_csv_of_the_whole(root, package, tmp_path, monkeypatch):
    """Large tables go to CSV a part at a time (the token table is 4 million rows at 3,000
    sources); the bytes are those of the whole table written at once."""
    from saga.corpus.store import read_table
    from saga.present import datapackage

    monkeypatch.setattr(datapackage, "CSV_ROWS", 7)
    write_package(root, tmp_path, "saga")
    for name in ("paragraphs", "dates", "money"):
        whole = datapackage.csv_bytes(read_table(name, root))
        assert (tmp_path / f"{name}.csv").read_bytes() == whole, name
    folder, _ = package
    assert (tmp_path / DESCRIPTOR).read_bytes() == (folder / DESCRIPTOR).read_bytes()


def test_an_empty_table_still_gives_its_header(tmp_path):
    from saga.corpus.store import read_batches, table_bytes
    from saga.present.datapackage import csv_chunks

    folder = tmp_path / "data" / "processed"
    folder.mkdir(parents=True)
    empty = pd.DataFrame({"paragraph_id": pd.Series(dtype=str), "n": pd.Series(dtype="int64")})
    (folder / "links.parquet").write_bytes(table_bytes(empty))
    frames = list(read_batches("links", 10, tmp_path))
    assert len(frames) == 1 and list(frames[0].columns) == ["paragraph_id", "n"]
    assert b"".join(csv_chunks(frames)) == b"paragraph_id,n\n"


def test_an_unchanged_package_is_not_written_again(root, tmp_path):
    """Each builder asks for the package after every build; it is written only when what it
    is made of changed (125 MB of CSV at 3,000 sources)."""
    from saga.present.datapackage import refresh_package

    assert refresh_package(root, tmp_path, "saga") is True
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert refresh_package(root, tmp_path, "saga") is False
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert refresh_package(root, tmp_path, "another title") is True


def _data_project(root):
    return write_files(
        root,
        {
            "data/processed/_manifest.json": '{"tables": {}}',
            "data/annotations/events.csv": "event_id\ne1\n",
            "data/raw/a.txt": "正文",
        },
    )


@pytest.mark.parametrize(
    ("changed", "rewrites"),
    [
        ("data/processed/_manifest.json", True),  # the tables were rebuilt
        ("data/annotations/events.csv", True),  # a hand-made record
        ("data/raw/a.txt", False),  # reaches the package only through a rebuild of the tables
    ],
)
def test_the_package_key_follows_the_tables_stamp_and_the_records(tmp_path, changed, rewrites):
    from saga.present.datapackage import package_key

    root = _data_project(tmp_path)
    before = package_key(root, "saga")
    (root / changed).write_text("changed", encoding="utf-8")
    assert (package_key(root, "saga") != before) is rewrites


def test_publishing_links_exactly_the_package_files(tmp_path):
    from saga.present.datapackage import KEY, publish

    made, dest = tmp_path / "made", tmp_path / "html" / "data"
    made.mkdir()
    dest.mkdir(parents=True)
    for name in ("a.csv", DESCRIPTOR, KEY):
        (made / name).write_text(name, encoding="utf-8")
    (dest / "gone.csv").write_text("a table no longer built", encoding="utf-8")
    publish(made, dest)
    assert sorted(p.name for p in dest.iterdir()) == sorted(["a.csv", DESCRIPTOR])
    assert (dest / "a.csv").read_text(encoding="utf-8") == "a.csv"
    assert (dest / "a.csv").stat().st_ino == (made / "a.csv").stat().st_ino  # a link, no copy
    publish(made, dest)  # again: nothing to do, nothing lost
    assert sorted(p.name for p in dest.iterdir()) == sorted(["a.csv", DESCRIPTOR])
