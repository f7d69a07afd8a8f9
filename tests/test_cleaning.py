"""The five real sources clean into the structure a reader expects."""

from __future__ import annotations

import pytest

from saga.corpus.cleaning import clean, decode, load_rules


@pytest.fixture(scope="module")
def tables(corpus):
    return corpus


def texts(paragraphs, source_id):
    return list(paragraphs.loc[paragraphs.source_id == source_id, "text"])


def test_every_paragraph_id_is_unique_and_numbered_from_one_per_source(paragraphs):
    assert paragraphs["paragraph_id"].is_unique
    for source_id, group in paragraphs.groupby("source_id"):
        assert list(group["n"]) == list(range(1, len(group) + 1))
        assert all(
            pid == f"{source_id}-{n}" for pid, n in zip(group.paragraph_id, group.n, strict=True)
        )


def test_each_source_starts_with_its_title(paragraphs):
    titles = paragraphs[paragraphs.kind == "title"].set_index("source_id")["text"]
    assert titles["qianjia-2023-03-25"] == "马斯克为何没做出 ChatGPT,揭秘 OpenAI 创始人的权力斗争"
    assert titles["vinda-2024-06"] == "马斯克与OpenAI的爱恨纠缠"
    assert titles["semafor-zh-2023-03-24"].startswith("Elon Musk、Sam Altman 和 OpenAI")
    assert (paragraphs[paragraphs.kind == "title"].n == 1).all()


def test_the_repeated_header_of_the_repost_appears_once(paragraphs):
    body = texts(paragraphs, "qianjia-2023-03-25")
    assert sum("北京时间 3 月 25 日消息" in t for t in body) == 1
    assert sum("马斯克为何没做出 ChatGPT" in t for t in body) == 1
    assert not any("千家信息网" in t for t in body)


def test_page_chrome_is_not_article_text(paragraphs):
    everything = "\n".join(paragraphs["text"])
    for chrome in (
        "发表于",
        "69 热度",
        "粉丝",
        "Vinda",
        "用户评论",
        ".webp",
        "![",
        "原文链接",
        "路透社/NTB",
    ):
        assert chrome not in everything
    assert "0" not in texts(paragraphs, "qianjia-2023-03-25")


def test_related_teasers_are_dated_and_not_body_paragraphs(tables, paragraphs):
    related = tables["related"]
    # Counted by reading: 14 dated teasers under 相關推薦 in each of the two portal pages.
    assert related.groupby("source_id").size().to_dict() == {
        "unknown-2023-11-20": 14,
        "unknown-2023-12-04": 14,
    }
    assert related["date"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    first = related[related.source_id == "unknown-2023-12-04"].iloc[0]
    assert first["date"] == "2024-03-04" and first["text"].startswith("3月3日消息")
    assert not paragraphs["text"].str.contains("3月3日消息,在人工智能領域").any()


def test_markdown_links_keep_their_text_and_record_the_url(tables, paragraphs):
    p = paragraphs.set_index("paragraph_id")["text"]
    assert "特斯拉正在努力实现 Model 3" in p["semafor-zh-2023-03-24-2"]
    links = tables["links"]
    row = links[links.url == "https://openai.com/blog/openai-supporters"].iloc[0]
    assert row["paragraph_id"] == "semafor-zh-2023-03-24-8" and row["text"] == "公告"


def test_every_removal_is_reported_with_a_reason(tables):
    report = tables["cleaning_report"]
    assert report["reason"].str.len().gt(0).all()
    reasons = set(report.loc[report.source_id == "semafor-zh-2023-03-24", "reason"])
    assert reasons == {
        "source link (URL kept in the manifest)",
        "markdown image",
        "image caption or credit",
    }


def test_simplified_column_converts_traditional_text_and_keeps_length(paragraphs):
    row = paragraphs.set_index("paragraph_id").loc["unknown-2023-12-04-2"]
    assert "萨姆·奥特曼" in row["text_simplified"] and "薩姆·奧特曼" in row["text"]
    assert (paragraphs.text.str.len() == paragraphs.text_simplified.str.len()).all()


def test_subheadings_are_marked_as_headings(paragraphs):
    kinds = paragraphs.set_index("paragraph_id")["kind"]
    assert kinds["qianjia-2023-03-25-6"] == "heading"  # 权力斗争
    assert kinds["vinda-2024-06-9"] == "heading"  # 01马斯克与OpenAI的爱恨纠缠
    assert kinds["qianjia-2023-03-25-7"] == "body"


def test_bom_and_crlf_are_read_as_plain_text():
    assert decode("\ufeff標題\r\n\r\n正文。\r\n".encode(), "x") == "標題\n\n正文。\n"


def test_a_line_of_chrome_between_paragraphs_is_reported(root):
    cleaned = clean(
        "標題\n\n第一段。\n\n![圖](a.png)\n\n圖片來源\n\n第二段。\n", "t", load_rules(root)
    )
    assert [p["text"] for p in cleaned.paragraphs] == ["標題", "第一段。", "第二段。"]
    assert [r["reason"] for r in cleaned.removed] == ["markdown image", "image caption or credit"]


def test_share_buttons_editor_credits_and_further_reading_are_chrome(root):
    """News-site footers (issue 13): 分享到： with its buttons, 責任編輯：, 延伸閱讀：; a bare
    "Facebook" line once gave a spurious mention of the company."""
    page = (
        "標題\n\n奧特曼17日遭解雇。\n\n分享到：\nFacebook\nLINE\n責任編輯：國際新聞中心\n"
        "延伸閱讀：台股盤中震盪\n分享到：微信 微博 QQ空间\n【免责声明】本文仅代表作者个人观点。\n"
    )
    cleaned = clean(page, "t", load_rules(root))
    assert [p["text"] for p in cleaned.paragraphs] == ["標題", "奧特曼17日遭解雇。"]
    assert len(cleaned.removed) == 7


def test_a_paragraph_that_only_starts_like_a_share_button_is_kept(root):
    cleaned = clean("標題\n\nFacebook母公司Meta今日宣布裁員。\n", "t", load_rules(root))
    assert [p["text"] for p in cleaned.paragraphs] == ["標題", "Facebook母公司Meta今日宣布裁員。"]


def test_a_taiwanese_pages_timestamp_byline_and_photo_credit_are_chrome(root):
    page = (
        "標題\n\n2024/03/03 10:25\n記者王小明／綜合報導\n\n馬斯克前（1）日提告。\n\n圖／路透社\n\n"
        "OpenAI表示，指控毫無根據。\n"
    )
    cleaned = clean(page, "t", load_rules(root))
    assert [p["text"] for p in cleaned.paragraphs] == [
        "標題",
        "馬斯克前（1）日提告。",
        "OpenAI表示，指控毫無根據。",
    ]
    assert [r["reason"].split(" (")[0] for r in cleaned.removed] == [
        "timestamp",
        "byline",
        "photo credit",
    ]


def test_the_headlines_listed_under_further_reading_are_chrome_too(root):
    """Other stories' headlines under a 延伸閱讀 standing alone are not this story's text (their
    amounts and names were counted as the source's); a line with a full stop ends the list."""
    page = (
        "標題\n\n馬斯克提告。\n\n延伸閱讀\n．馬斯克xAI開源Grok 挑戰OpenAI\n．OpenAI估值破800億美元\n"
        "奧特曼隨後回應，稱公司將反擊。\n"
    )
    cleaned = clean(page, "t", load_rules(root))
    assert [p["text"] for p in cleaned.paragraphs] == [
        "標題",
        "馬斯克提告。",
        "奧特曼隨後回應，稱公司將反擊。",
    ]
    assert [r["text"] for r in cleaned.removed][1:] == [
        "．馬斯克xAI開源Grok 挑戰OpenAI",
        "．OpenAI估值破800億美元",
    ]


def test_a_further_reading_line_with_its_link_leaves_the_lines_after_it_alone(root):
    """延伸閱讀：a headline carries its one link: the short subheading after it is the story's."""
    page = "標題\n\n第一段。\n\n延伸閱讀：台股盤中震盪\n董事會的分歧\n第二段。\n"
    cleaned = clean(page, "t", load_rules(root))
    assert [p["text"] for p in cleaned.paragraphs] == [
        "標題",
        "第一段。",
        "董事會的分歧",
        "第二段。",
    ]
