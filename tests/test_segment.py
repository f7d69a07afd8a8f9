"""saga.corpus.segment: jieba segmentation with the project lexicon."""

from __future__ import annotations

import subprocess
import sys

import pytest

from saga.corpus.segment import init_jieba, is_word, stopwords, tokenize, tokens_table


@pytest.mark.parametrize(
    "word", ["马斯克", "奥特曼", "阿尔特曼", "奥尔特曼", "苏茨克沃", "苏斯克沃", "布罗克曼",
             "非营利", "营利性", "利润上限", "有效利他主义", "超级对齐", "超对齐"],
)  # fmt: skip
def test_names_and_key_terms_stay_whole(word):
    assert word in tokenize(f"据报道，{word}昨天在旧金山表示")


def test_tokens_drop_whitespace_and_punctuation_but_keep_latin_and_numbers():
    assert tokenize("2019 年，OpenAI 宣布：“利润上限”！") == [
        "2019",
        "年",
        "OpenAI",
        "宣布",
        "利润上限",
    ]


def test_is_word():
    assert is_word("GPT") and is_word("2019") and is_word("年")
    assert not any(is_word(t) for t in [" ", "，", "·", "——", "“", "%"])


def test_stopwords_come_from_the_lexicon_file(root):
    lines = (root / "data/lexicon/stopwords.txt").read_text(encoding="utf-8").splitlines()
    assert "知情人士" in lines and "知情人士" in stopwords()
    assert not any(w.startswith("#") for w in stopwords())


def test_tokens_table_covers_every_letter_and_digit_in_order(paragraphs):
    sample = paragraphs[paragraphs["source_id"] == "unknown-2023-11-20"]
    table = tokens_table(sample)
    assert list(table.columns) == ["paragraph_id", "source_id", "i", "token"]
    assert set(table["paragraph_id"]) == set(sample["paragraph_id"])
    for p in sample.itertuples():
        tokens = table[table["paragraph_id"] == p.paragraph_id]
        assert list(tokens["i"]) == list(range(len(tokens)))
        assert all(is_word(t) for t in tokens["token"])
        letters = "".join(c for c in p.text_simplified if is_word(c))
        assert "".join(c for c in "".join(tokens["token"]) if is_word(c)) == letters


def test_init_is_idempotent_and_quiet_in_a_fresh_process(root):
    code = (
        "from saga.corpus.segment import init_jieba, tokenize\n"
        f"init_jieba({str(root)!r}); init_jieba({str(root)!r})\n"
        "print(' '.join(tokenize('萨姆·奥特曼与马斯克')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.split() == ["萨姆", "奥特曼", "与", "马斯克"]
    assert (root / "data/processed/.cache/jieba.cache").is_file()


def test_works_in_process_pool_workers(paragraphs):
    from concurrent.futures import ProcessPoolExecutor

    texts = list(paragraphs["text_simplified"][:4])
    with ProcessPoolExecutor(2, initializer=init_jieba) as pool:
        assert list(pool.map(tokenize, texts)) == [tokenize(t) for t in texts]


def test_remembered_blocks_give_exactly_jiebas_tokens(root):
    """tokenize segments clause by clause with a memo; the result is jieba.lcut's, filtered."""
    from saga.corpus.segment import _jieba

    init_jieba(root)
    texts = [
        line
        for path in sorted((root / "tests" / "fixtures" / "articles").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    texts += ["Ａ１２ 『テスト』 a-b c.d 100% #tag & x_y\r\n马斯克\t说", "奥特曼，奥特曼。" * 3]
    for text in texts * 2:  # the second pass is served from the memo
        assert tokenize(text) == [t for t in _jieba().lcut(text) if is_word(t)]
