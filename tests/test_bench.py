"""saga.bench: the measuring tools themselves (the measurements are `make bench`)."""

from __future__ import annotations

from saga.bench import make_copies, page_weights, verdict
from saga.corpus.manifest import load_manifest


def test_copies_form_a_valid_manifest_with_distinct_ids(root, tmp_path):
    assert make_copies(root, tmp_path, 3) == 15
    manifest = load_manifest(tmp_path)  # verifies every file and checksum
    assert manifest["source_id"].is_unique and len(manifest) == 15
    assert list(manifest["published"][:5]) == list(load_manifest(root)["published"])


def test_page_weight_counts_the_page_and_its_local_images(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"x" * 1000)
    page = tmp_path / "ch.html"
    page.write_text(
        '<img src="img/a.png"><img src="img/a.png"><img src="data:image/png;base64,AA">'
    )
    assert page_weights(tmp_path) == {"ch.html": page.stat().st_size + 1000}


def test_verdict_reads_each_target_the_right_way_round():
    assert verdict("speedup_vs_lcut", 1.7).endswith("met")
    assert verdict("speedup_vs_lcut", 0.5).endswith("MISSED")
    assert verdict("book_noop_ratio", 0.1).endswith("met")
    assert verdict("book_noop_ratio", 0.3).endswith("MISSED")
    assert verdict("chars", 10) == ""
