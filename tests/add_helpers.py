"""Article texts for the `saga add` tests, written for these tests from a few template
sentences (not taken from any outlet), so every generated article has its own text."""

from __future__ import annotations

from pathlib import Path

SENTENCES = [
    "据知情人士透露，OpenAI董事会在第{k}次会议上讨论了公司治理结构的调整方案。",
    "马斯克当天在社交媒体上再次批评这家公司偏离了非营利的创立初衷，相关帖子获得{k}万次浏览。",
    "微软方面表示，将继续与OpenAI保持合作，并在第{k}季度评估投资安排。",
    "分析人士认为，这场风波暴露出人工智能公司在安全与商业化之间的长期张力，第{k}份报告也持同样看法。",
]


def article_text(k: int, title: str | None = None) -> str:
    """Article number k: a title line, then four body paragraphs that mention k."""
    body = "\n\n".join(s.format(k=k) for s in SENTENCES)
    return f"{title or article_title(k)}\n\n{body}\n"


def article_title(k: int) -> str:
    return f"测试报道第{k}号：OpenAI风波后续"


def write_article(folder: Path, k: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"article-{k:03d}.txt"
    path.write_text(article_text(k), encoding="utf-8")
    return path
