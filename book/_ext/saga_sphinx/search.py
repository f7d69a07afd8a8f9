"""Search in both scripts, with titles escaped: the zh index also holds the simplified form
of traditional text, the browser converts a query to simplified with a character table made
from OpenCC (static/saga-search.js, generated saga-t2s.js), and section titles reach
searchindex.js HTML-escaped, because searchtools.js renders them with innerHTML."""

from __future__ import annotations

import html
import json
from functools import lru_cache
from pathlib import Path

import jieba
from sphinx.search import languages
from sphinx.search.zh import SearchChinese

from saga.corpus.script import to_simplified

from .data import read_table

T2S_SCRIPT = "saga-t2s.js"
VARIANTS = ("s2t", "s2tw", "s2hk")  # traditional forms a reader may type for a simplified char


class LatinTerms(set):
    """Sphinx 7.4's zh indexer keeps every Latin term it has seen in a list (shared by the
    class) and searches that list for every word it stems: quadratic, 100 s of a 300-source
    build. A set gives the same answers; `extend` is the one list method the indexer calls."""

    def extend(self, terms) -> None:
        self.update(terms)


@lru_cache(maxsize=1 << 18)
def _block_words(block: str) -> tuple[str, ...]:
    return tuple(jieba.cut_for_search(block))


@lru_cache(maxsize=1 << 18)
def _stem_word(word: str, stemmer, latin_term: bool) -> str:
    """SearchChinese.stem(word), which depends only on the word and on whether it is a Latin
    term the indexer has seen (a set that only grows): so each answer can be remembered."""
    stemmed = stemmer.stemWord(word.lower())
    return word.lower() if latin_term and len(word) >= 3 and len(stemmed) < 3 else stemmed


class SearchBothScripts(SearchChinese):
    """Chinese search (jieba) that also indexes the OpenCC-simplified form of traditional
    text, so a query converted to simplified finds traditional paragraphs too.

    The words are Sphinx's own, found faster: jieba cuts a text block by block (runs between
    punctuation), so each distinct block is cut once (wire copy, reposts and stock phrases
    repeat), and each word is stemmed once (Sphinx stems every word of every page, and the
    snowball stemmer is pure Python)."""

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        self.latin_terms = LatinTerms()

    def split(self, input: str) -> list[str]:
        words = self._words(input)
        simplified = to_simplified(input)
        return words if simplified == input else words + self._words(simplified)

    def _words(self, text: str) -> list[str]:
        """SearchChinese.split(text): jieba's search words, then the Latin terms."""
        latin = [term.strip() for term in self.latin1_letters.findall(text)]
        self.latin_terms.extend(latin)
        return [w for b in jieba.re_han_default.split(text) if b for w in _block_words(b)] + latin

    def stem(self, word: str) -> str:
        return _stem_word(word, self.stemmer, word in self.latin_terms)


def use_both_scripts(app, config) -> None:
    """Index Chinese pages with SearchBothScripts (Sphinx picks the class by language code)."""
    if (config.html_search_language or config.language or "").startswith("zh"):
        languages["zh"] = SearchBothScripts


def escape_search_titles(app, doctree, docname) -> None:
    """Make the html indexer store section titles HTML-escaped: Sphinx writes them raw into
    searchindex.js (alltitles) and searchtools.js shows them with innerHTML, so a source
    title holding markup would run as script on the search page (page titles are escaped
    already). Installed on the first resolved doctree, when the indexer exists."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or getattr(indexer, "_saga_escaped", False):
        return
    feed = indexer.feed

    def feed_escaped(pagename, filename, title, tree):
        feed(pagename, filename, title, tree)
        titles = indexer._all_titles.get(pagename, [])
        indexer._all_titles[pagename] = [(html.escape(t, quote=False), i) for t, i in titles]

    indexer.feed = feed_escaped
    indexer._saga_escaped = True


def t2s_table(texts) -> dict[str, str]:
    """Traditional -> simplified for every character of texts and every traditional variant
    of them (OpenCC, character by character): small enough to ship to the browser."""
    import opencc

    # the set of the joined text: a Python loop over every character took 1 s at 3,000 sources
    chars = {c for c in set("".join(map(str, texts))) if not c.isascii()}
    variants = [opencc.OpenCC(v) for v in VARIANTS]
    chars |= {v.convert(c) for v in variants for c in chars}
    table = {}
    for c in sorted(chars):
        s = to_simplified(c)
        if s != c and len(s) == 1 and len(c) == 1:
            table[c] = s
    return table


def generated_static(app) -> Path:
    """The builder's folder of generated static files (beside its doctrees)."""
    return Path(app.doctreedir) / "saga-static"


def add_generated_static(app, config) -> None:
    """Serve the generated files as static files, so every page links them the same way."""
    generated_static(app).mkdir(parents=True, exist_ok=True)
    config.html_static_path = [*config.html_static_path, str(generated_static(app))]


def write_t2s_table(app) -> None:
    """saga-t2s.js, the character table the search page converts queries with: written
    before any page, so each page's link carries the same checksum."""
    if app.builder.format != "html":
        return
    paragraphs = read_table(app.env, "paragraphs", docname_dep=False)
    related = read_table(app.env, "related", docname_dep=False)
    texts = [] if paragraphs is None else list(paragraphs["text"])
    texts += [] if related is None else list(related["text"])
    body = json.dumps(t2s_table(texts), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = f"window.SAGA_T2S = {body};\n"
    target = generated_static(app) / T2S_SCRIPT
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app) -> None:
    app.add_js_file(T2S_SCRIPT, loading_method="defer")
    app.add_js_file("saga-search.js", loading_method="defer")
    app.connect("config-inited", use_both_scripts)
    app.connect("config-inited", add_generated_static)
    app.connect("builder-inited", write_t2s_table)
    app.connect("doctree-resolved", escape_search_titles)
