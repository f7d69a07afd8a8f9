"""saga.bench: the corpus generator and the measuring tools (the measurements are `make bench`)."""

from __future__ import annotations

import pandas as pd

from saga.bench.generate import generate, new_article
from saga.bench.run import page_weights, summary_rows, verdict
from saga.corpus.manifest import load_manifest
from saga.corpus.script import detect_script


def test_the_generated_corpus_is_a_valid_project_and_the_same_for_a_seed(root, tmp_path):
    kinds = generate(root, tmp_path / "a", 60, seed=7)
    generate(root, tmp_path / "b", 60, seed=7)
    manifest = load_manifest(tmp_path / "a")  # verifies every file and checksum
    assert len(manifest) == 60 and manifest["source_id"].is_unique
    assert list(manifest["source_id"][:5]) == list(load_manifest(root)["source_id"])
    assert kinds["seed"] == 5 and sum(kinds.values()) == 60
    for name in manifest["file"]:
        a = (tmp_path / "a" / "data" / "raw" / name).read_bytes()
        assert a == (tmp_path / "b" / "data" / "raw" / name).read_bytes()


def test_the_generated_corpus_mixes_scripts_lengths_and_copies(root, tmp_path):
    kinds = generate(root, tmp_path, 200, seed=1)
    assert kinds["copy"] > 0 and kinds["near"] > 0 and kinds["new"] > kinds["copy"]
    manifest = load_manifest(tmp_path).iloc[5:]
    texts = [(tmp_path / "data" / "raw" / f).read_text(encoding="utf-8") for f in manifest["file"]]
    assert {detect_script(t) for t in texts} == {"simplified", "traditional"}
    paragraphs = [t.count("\n\n") for t in texts]  # title + body paragraphs
    assert min(paragraphs) == 1 and max(paragraphs) >= 20
    bodies = [t.split("\n\n", 1)[1] for t in texts]
    copies = [b for b, n in zip(bodies, manifest["notes"], strict=True) if n.endswith("(copy)")]
    assert any(bodies.index(c) < i for i, c in enumerate(bodies) if c in copies)


def test_page_weight_counts_the_page_and_its_local_images(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"x" * 1000)
    page = tmp_path / "ch.html"
    page.write_text(
        '<img src="img/a.png"><img src="img/a.png"><img src="data:image/png;base64,AA">'
    )
    assert page_weights(tmp_path) == {"ch.html": page.stat().st_size + 1000}


def test_verdict_reads_each_target_the_right_way_round():
    assert verdict("speedup_vs_lcut", 1.7, 3000).endswith("met")
    assert verdict("speedup_vs_lcut", 0.5, 3000).endswith("MISSED")
    assert verdict("book_300_add_ratio", 0.4).endswith("met")
    assert verdict("book_300_add_ratio", 0.6).endswith("MISSED")
    assert verdict("chars", 10) == ""


def test_a_pipeline_target_is_judged_only_at_the_size_it_is_set_for():
    """Memory under 2 GB at 3,000 sources says nothing of 30,000, where the issue sets it."""
    assert verdict("pipeline_peak_mem_mb", 900, 3000) == "target <= 2048 is for 30,000 sources"
    assert verdict("pipeline_peak_mem_mb", 2500, 30000).endswith("MISSED")
    assert verdict("speedup_vs_lcut", 2.0, 300) == "target >= 1.6 is for 3,000 sources"


def test_the_summary_has_one_row_per_measure_and_stage():
    run = {"sources": 300, "pipeline_s": 10.0, "lcut_s": 20.0, "speedup_vs_lcut": 2.0}
    run |= {"pipeline_peak_mem_mb": 900, "stage_s": {"tokens": 4.0, "overlap": 1.0}}
    rows = pd.DataFrame(summary_rows({"pipeline": [run], "book": {"page_max_kb": 3000}}))
    assert len(rows) == 7
    speed = rows.set_index("measure").loc["speedup_vs_lcut (300 sources)"]
    assert speed["value"] == 2.0 and speed["target"] == "target >= 1.6 is for 3,000 sources"
    assert rows.set_index("measure").loc["page_max_kb", "target"].endswith("MISSED")


def test_overlap_recall_counts_the_exact_methods_pairs_found_missed_and_added(tmp_path):
    from saga.bench.run import overlap_recall

    paragraphs = pd.DataFrame(
        {
            "paragraph_id": ["a-1", "b-1", "c-1", "d-1"],
            "source_id": ["a", "b", "c", "d"],
            "text_simplified": [
                "马斯克离开了董事会。",
                "马斯克离开了董事会",
                "天气很好",
                "天气很好。",
            ],
        }
    )
    paragraphs.to_parquet(tmp_path / "paragraphs.parquet")
    # the exact method pairs a-1 with b-1 and c-1 with d-1; the table keeps one and adds one
    built = pd.DataFrame(
        {
            "paragraph_a": ["a-1", "a-1"],
            "paragraph_b": ["b-1", "c-1"],
            "source_a": ["a", "a"],
            "source_b": ["b", "c"],
            "score": [1.0, 0.3],
        }
    )
    built.to_parquet(tmp_path / "overlap.parquet")
    assert overlap_recall(tmp_path) == {
        "overlap_exact_pairs": 2,
        "overlap_pairs": 2,
        "overlap_recall": 0.5,
        "overlap_misses": 1,
        "overlap_extra": 1,
    }


def test_the_notebooks_run_are_those_book_prepare_sends_to_execution():
    from saga.bench.run import executed_notebooks

    log = (
        "data/processed up to date: 17 tables\n"
        "notebooks to re-execute: notebooks/06_synthesis.ipynb, notebooks/00_corpus.ipynb; "
        "source-appendix pages written or removed: 1\n_build/html built\n"
    )
    assert executed_notebooks(log) == ["00_corpus.ipynb", "06_synthesis.ipynb"]
    assert executed_notebooks("notebooks to re-execute: none; source-appendix pages ...") == []


def test_two_measures_alternate_so_a_spell_of_load_falls_on_both():
    from saga.bench.run import interleaved

    calls = []
    runs = interleaved(
        {"a": lambda: calls.append("a") or (1.0,), "b": lambda: calls.append("b") or (2.0,)}, 3
    )
    assert calls == ["a", "b", "a", "b", "a", "b"]
    assert runs == {"a": [(1.0,)] * 3, "b": [(2.0,)] * 3}


def test_the_article_the_bench_adds_is_new_to_its_corpus_never_a_copy(root, tmp_path):
    """A corpus of 9 sources ends with a syndicated copy, which saga add would refuse: the bench
    adds the last article of the next corpus whose last article is new text."""
    generate(root, tmp_path / "base", 8)
    row = new_article(root, tmp_path / "extra", 8)
    assert "(copy)" not in row["notes"]
    base = pd.read_csv(tmp_path / "base" / "data" / "sources.csv", dtype=str)
    assert row["sha256"] not in set(base["sha256"])
    assert (tmp_path / "extra" / "data" / "raw" / row["file"]).is_file()
