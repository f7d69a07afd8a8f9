"""What `saga add` refuses (one line, exit 2, data/ unchanged) and how it stores what it takes:
files, text, metadata, titles, ids, script; usage errors; a broken manifest; no project."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest
from add_helpers import SENTENCES, article_text, write_article
from conftest import saga, tree_hash
from test_cli import assert_rejected

META = [
    "--title",
    "测试报道第1号：OpenAI风波后续",
    "--outlet",
    "Test Wire",
    "--published",
    "2024-08-01",
]


def last_row(project):
    return pd.read_csv(project / "data" / "sources.csv", dtype=str, keep_default_na=False).iloc[-1]


def refused(project, args, *needles):
    before = tree_hash(project / "data")
    assert_rejected(project, saga(project, *args), *needles)
    assert tree_hash(project / "data") == before


@pytest.mark.parametrize(
    ("flag", "value", "needle"),
    [
        ("--url", "javascript:alert(1)", "http"),
        ("--url", "data:text/html,<b>x</b>", "http"),
        ("--url", "example", "http"),
        ("--original", "no-such-key", "references.bib"),
        ("--published", "1989-12-31", "before 1990"),
        ("--published", "2999-01-01", "future"),
        ("--title", "a\x1bb", "control"),
    ],
)
def test_add_refuses_bad_metadata(project, tmp_path, flag, value, needle):
    article = write_article(tmp_path, 1)
    args = dict(zip(META[::2], META[1::2], strict=True)) | {flag: value}
    refused(project, ["add", str(article), *[x for kv in args.items() for x in kv]], needle)


def test_add_takes_an_http_url_and_a_known_bib_key(project, tmp_path):
    article = write_article(tmp_path, 1)
    url = "https://example.org/a?b=1"
    result = saga(project, "add", str(article), *META, "--url", url,
                  "--original", "albergotti2023secret")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (last_row(project)["url"], last_row(project)["original"]) == (
        url,
        "albergotti2023secret",
    )


def test_add_refuses_what_is_not_an_article_file(project, tmp_path):
    refused(project, ["add", str(tmp_path), *META], "is a directory")
    refused(project, ["add", "/proc/self/status", *META], "not a regular file")
    refused(project, ["add", "/dev/null", *META], "not a regular file")
    refused(project, ["add", str(project / "data" / "sources.csv"), *META], "project's own files")
    raw = next((project / "data" / "raw").iterdir())
    refused(project, ["add", str(raw), *META], "project's own files")


@pytest.mark.parametrize(
    ("content", "encoding", "needle"),
    [
        (article_text(1).encode() + b"\x00\x00", None, "U+0000"),
        (article_text(1).encode("gb18030") + b"\x00\x01\x02", "GB18030", "U+0000"),
        (bytes(range(256)) * 4, "latin-1", "binary"),
        (("\x1b[31m" + article_text(1)).encode(), None, "U+001B"),
    ],
    ids=["nul", "nul-with-encoding", "latin1-binary", "escape"],
)
def test_add_refuses_binary_data_whatever_the_encoding(
    project, tmp_path, content, encoding, needle
):
    article = tmp_path / "bin.txt"
    article.write_bytes(content)
    extra = ["--encoding", encoding] if encoding else []
    refused(project, ["add", str(article), *META, *extra], "bin.txt", needle)


def test_add_strips_bidi_overrides_and_says_so(project, tmp_path):
    article = tmp_path / "bidi.txt"
    text = (
        article_text(1).replace("董事会", "董事\u202e会\u202c").replace("微软", "\u2066微软\u2069")
    )
    article.write_text(text, encoding="utf-8")
    title = "测试\u202e报道"
    result = saga(project, "add", str(article), "--title", title, "--outlet", "Test Wire",
                  "--published", "2024-08-01")  # fmt: skip
    assert result.returncode == 0, result.stderr
    row = last_row(project)
    stored = (project / "data" / "raw" / row["file"]).read_text(encoding="utf-8")
    assert not any(
        ch in stored + row["title"] for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2069"
    )
    assert "董事会" in stored and row["title"] == "测试报道"
    assert "4 bidi control characters removed" in row["notes"]


def test_add_refuses_text_that_is_not_chinese(project, tmp_path):
    article = tmp_path / "en.txt"
    article.write_text("OpenAI news\n\n" + "The board met again on Friday. " * 40 + "董事会",
                       encoding="utf-8")  # fmt: skip
    refused(project, ["add", str(article), *META], "en.txt", "Chinese")


def test_add_records_simplified_traditional_or_mixed_script(project, tmp_path):
    simplified = "\n\n".join(s.format(k=1) for s in SENTENCES)
    traditional = "據知情人士透露，董事會在會議上討論了公司治理結構的調整方案，並將於下週公佈結果。"
    cases = {
        "simplified": simplified,
        "traditional": "\n\n".join([traditional] * 3),
        "mixed": simplified + "\n\n" + traditional,
    }
    for k, (script, body) in enumerate(cases.items()):
        article = tmp_path / f"{script}.txt"
        article.write_text(f"标题{k}\n\n{body}\n", encoding="utf-8")
        result = saga(project, "add", str(article), "--title", f"标题{k}", "--outlet", "Test Wire",
                      "--published", "2024-08-01")  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert last_row(project)["script"] == script
    assert saga(project, "check").returncode == 0


def test_a_first_line_that_is_not_the_title_stays_body(project, tmp_path):
    article = tmp_path / "block.txt"
    block = "".join(s.format(k=k) for k in range(12) for s in SENTENCES)  # one paragraph
    article.write_text(block, encoding="utf-8")
    result = saga(project, "add", str(article), "--title", "一段式报道", "--outlet", "人民日报",
                  "--published", "2024-08-01")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "renminribao-2024-08-01"
    row = last_row(project)
    assert "title line added" in row["notes"]
    assert (project / "data/raw" / row["file"]).read_text(
        encoding="utf-8"
    ) == f"一段式报道\n{block}"
    assert saga(project, "check").returncode == 0


def test_a_first_line_equal_to_the_title_after_normalisation_is_the_title(project, tmp_path):
    article = tmp_path / "titled.txt"
    article.write_text(article_text(1, title="ＯｐｅｎＡＩ　董事會 風波"), encoding="utf-8")
    result = saga(project, "add", str(article), "--title", "OpenAI董事会风波", "--outlet", "Test Wire",
                  "--published", "2024-08-01")  # fmt: skip
    assert result.returncode == 0, result.stderr
    row = last_row(project)
    assert row["notes"] == ""
    assert (project / "data/raw" / row["file"]).read_bytes() == article.read_bytes()


def test_a_660_kb_single_line_article_is_accepted(project, tmp_path):
    from saga.corpus.cleaning import clean_file, load_rules

    article = tmp_path / "huge.txt"
    line = "".join(SENTENCES[i % 4].format(k=i) for i in range(7000))
    article.write_text(line, encoding="utf-8")
    assert article.stat().st_size > 660_000
    result = saga(project, "add", str(article), "--title", "长文", "--outlet", "Test Wire",
                  "--published", "2024-08-01")  # fmt: skip
    assert result.returncode == 0, result.stderr
    source_id = result.stdout.strip()
    paragraphs = clean_file(project / "data/raw" / f"{source_id}.txt", source_id,
                            load_rules(project)).paragraphs  # fmt: skip
    assert [(p["kind"], len(p["text"])) for p in paragraphs] == [("title", 2), ("body", len(line))]


def test_a_file_that_is_only_its_title_is_refused(project, tmp_path):
    article = tmp_path / "title-only.txt"
    article.write_text("OpenAI董事会风波\n", encoding="utf-8")
    refused(project, ["add", str(article), "--title", "OpenAI董事会风波", "--outlet", "o",
                      "--published", "2024-08-01"], "is this an article")  # fmt: skip


@pytest.mark.parametrize(
    ("outlet", "slug"),
    [
        ("新浪科技", "xinlangkeji"),
        ("人民日报", "renminribao"),
        ("新浪科技 (repost)", "xinlangkeji-repost"),
        ("<b>深度</b>科技观察", "shendukejiguancha"),
        ("香江日報 HK Edition", "xiangjiangribao-hk-edition"),
        ("Test Wire", "test-wire"),
        ("Ｃａｆé Ｎｅｗｓ", "cafe-news"),
        ("ニュース", ""),
    ],
)
def test_outlet_slugs_are_pinyin_or_latin_words(outlet, slug):
    from saga.corpus.source_ids import make_source_id, outlet_slug

    assert outlet_slug(outlet) == slug
    assert make_source_id(outlet, "2024-08-01", set()) == f"{slug or 'src'}-2024-08-01"


def test_ids_take_a_suffix_when_taken():
    from saga.corpus.source_ids import make_source_id

    taken = {"renminribao-2024-08-01", "renminribao-2024-08-01-2"}
    assert make_source_id("人民日报", "2024-08-01", taken) == "renminribao-2024-08-01-3"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["add", "x.txt", "--bogus"], "unrecognized arguments: --bogus"),
        (["add", "x.txt", "--title", "t"], "--outlet, --published"),
        (["add"], "PATH"),
        ([], "command"),
        (["frobnicate"], "invalid choice"),
    ],
    ids=["unknown-flag", "missing-flag", "no-path", "no-command", "bad-command"],
)
def test_usage_errors_are_one_line_with_a_pointer_to_help(project, args, needle):
    result = saga(project, *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert needle in result.stderr and "--help`" in result.stderr


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        (
            lambda t: t + 'x,x.txt,0,"open quote,o,2024-01-01,simplified,,,\n',
            ["sources.csv:7", "quote"],
        ),
        (
            lambda t: t + "x,x.txt,0,t,o,2024-01-01,simplified,,,,extra\n",
            ["sources.csv:7", "11 fields"],
        ),
        (lambda t: t.replace("马斯克", "\udcb0"), ["sources.csv:2", "not UTF-8"]),
        (lambda t: "", ["sources.csv", "empty"]),
    ],
    ids=["unbalanced-quote", "extra-field", "not-utf8", "empty"],
)
def test_a_malformed_manifest_is_one_line_naming_file_and_line(project, tmp_path, content, needles):
    article = write_article(tmp_path, 1)
    path = project / "data" / "sources.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(content(text).encode("utf-8", "surrogateescape"))
    for command in (["check"], ["data"], ["add", str(article), *META]):
        refused(project, command, *needles)


def test_outside_a_project_the_cli_says_so(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SAGA_ROOT"}
    for extra_env, needle in [
        ({}, "not inside a saga project"),
        ({"SAGA_ROOT": str(tmp_path)}, "SAGA_ROOT"),
    ]:
        result = subprocess.run([sys.executable, "-m", "saga", "check"], capture_output=True,
                                text=True, cwd=tmp_path, env=env | extra_env)  # fmt: skip
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and needle in result.stderr
