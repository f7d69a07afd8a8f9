"""files_digest: the one hash of a list of files behind every fingerprint (the data stamp, the
notebook cache, the single page, the data downloads)."""

from pathlib import Path

from saga.deps import files_digest


def _files(tmp_path: Path, **texts: str) -> dict[str, Path]:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return {name: tmp_path / name for name in texts}


def test_the_same_files_give_the_same_digest(tmp_path):
    f = _files(tmp_path, a="one", b="two")
    assert files_digest(f.items()) == files_digest(list(f.items()))


def test_an_edit_a_rename_and_a_removal_each_change_the_digest(tmp_path):
    f = _files(tmp_path, a="one", b="two")
    before = files_digest(f.items())
    f["b"].write_text("TWO", encoding="utf-8")
    edited = files_digest(f.items())
    renamed = files_digest([("a", f["a"]), ("c", f["b"])])
    f["b"].unlink()
    removed = files_digest(f.items())
    assert len({before, edited, renamed, removed}) == 4


def test_a_missing_file_is_hashed_as_missing_not_skipped(tmp_path):
    f = _files(tmp_path, a="one")
    absent = tmp_path / "nothing"
    assert files_digest([("a", f["a"]), ("n", absent)]) != files_digest([("a", f["a"])])


def test_the_order_and_the_head_count(tmp_path):
    f = _files(tmp_path, a="one", b="two")
    forward, backward = list(f.items()), list(f.items())[::-1]
    assert files_digest(forward) != files_digest(backward)
    assert files_digest(forward, head="site") != files_digest(forward, head="book")


def test_contents_are_told_apart_from_names(tmp_path):
    """A file's bytes never pass for another file's name: the name and the content's hash are
    hashed with separators, so moving text from a name into a file changes the digest."""
    f = _files(tmp_path, a="x", b="")
    assert files_digest([("a", f["a"])]) != files_digest([("ax", f["b"])])
