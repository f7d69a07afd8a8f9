"""Broken hand-edited files (issue 12 item 7): `saga check` and `saga data` print one line
naming the file, the line when known, and what to do; exit 2; no traceback; data/ unchanged.
Also: `saga check` lists the name forms a source glosses that the lexicon lacks (issue 13)."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES, saga, tree_hash


def replace(old: str, new: str):
    """An edit that replaces the first `old` in the file (which must hold it)."""

    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return edit


def append(extra: str):
    return lambda text: text.rstrip("\n") + "\n" + extra


def line_count(project, rel: str) -> int:
    return len((project / rel).read_text(encoding="utf-8").rstrip("\n").split("\n"))


CASES = {
    "bad regex in cleaning.yml": (
        "data/cleaning.yml",
        replace("pattern: '^千家信息网$'", "pattern: '^千家(信息网$'"),
        ["data/cleaning.yml line ", "not a valid regular expression", "'^千家(信息网$'"],
    ),
    "bad YAML in cleaning.yml": (
        "data/cleaning.yml",
        replace("drop_lines:", "drop_lines: ["),
        ["data/cleaning.yml line ", "not valid YAML"],
    ),
    "bad YAML in themes.yml": (
        "data/lexicon/themes.yml",
        append("extra: [one, two\n"),
        ["data/lexicon/themes.yml line ", "not valid YAML"],
    ),
    "theme without a label in themes.yml": (
        "data/lexicon/themes.yml",
        replace("  label: Founding (2015)", "  lable: Founding (2015)"),
        ["themes.yml", "needs a label"],
    ),
    "missing column in entities.csv": (
        "data/lexicon/entities.csv",
        replace("id,name_en,name_zh,type,aliases", "id,name_en,name_zh,kind,aliases"),
        ["data/lexicon/entities.csv", "missing column(s) type"],
    ),
    "missing column in paragraph_themes.csv": (
        "data/annotations/paragraph_themes.csv",
        replace("paragraph_id,theme,action,note", "paragraph_id,theme,act,note"),
        ["data/annotations/paragraph_themes.csv", "missing column(s) action"],
    ),
    "unbalanced quote in events.csv": (
        "data/annotations/events.csv",
        append('x,"an unclosed quote\n'),
        ["data/annotations/events.csv line ", "quotes"],
    ),
    "extra fields in claims.csv": (
        "data/annotations/claims.csv",
        append("c-extra,crisis,claim,note,one too many\n"),
        ["data/annotations/claims.csv line {n}: 5 fields, the header has 4"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_broken_input_is_one_line_naming_file_and_line(project, case):
    rel, edit, needles = CASES[case]
    path = project / rel
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    n = line_count(project, rel)
    before = tree_hash(project / "data")
    result = saga(project, "check")
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle.format(n=n) in lines[0], lines[0]
    assert tree_hash(project / "data") == before


UNREADABLE = [  # (file, bytes, words of the message, commands that read the file)
    ("data/annotations/claim_stances.csv", b"claim_id,source_id\n\xff\xfe\n", "line 2: not UTF-8", ["check"]),
    ("data/annotations/errata.csv", b"", "empty; it needs at least its header line", ["check"]),
    ("data/lexicon/entities.csv", b"id,name_en\nmusk,Elon Musk\n", "missing column", ["check", "data"]),
    ("data/annotations/paragraph_themes.csv", b"paragraph_id,theme,action,note\n\x80\n", "line 2: not UTF-8", ["check", "data"]),
    ("data/lexicon/themes.yml", b"a: [1,\n", "not valid YAML", ["data"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rel", "content", "needle", "command"),
    [(rel, content, needle, c) for rel, content, needle, commands in UNREADABLE for c in commands],
)
def test_unreadable_files_stop_check_and_data_with_one_line(project, rel, content, needle, command):
    (project / rel).write_bytes(content)
    before = tree_hash(project / "data")
    result = saga(project, command)
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert rel in lines[0] and needle in lines[0], lines[0]
    shutil.rmtree(project / "data" / "processed", ignore_errors=True)  # generated (jieba cache)
    assert tree_hash(project / "data") == before


def test_check_lists_a_learned_name_form_the_lexicon_lacks(project):
    """A Taiwanese report glosses 希爾（Emmett Shear）: bare 希爾 is no alias (it is usually
    Hill), so check names the form, where it was learned, and where to adopt it."""
    article = FIXTURES / "articles" / "tw-microsoft-hires-2023-11-20.txt"
    added = saga(
        project, "add", str(article), "--title", "奧特曼、布洛克曼轉戰微軟 OpenAI由希爾接任臨時執行長",
        "--outlet", "Test Wire", "--published", "2023-11-20",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    result = saga(project, "check")
    assert result.returncode == 0, result.stderr
    ok, *infos = result.stdout.strip().splitlines()
    assert ok.startswith("ok: 6 sources")
    assert len(infos) == 1
    assert infos[0].startswith("info: ") and "希爾 as Emmett Shear (shear)" in infos[0]
    assert "data/lexicon/entities.csv" in infos[0]
