"""A realistic large corpus for `make bench`, deterministic for a seed.

Articles are assembled from the sentences of the seed texts (data/raw, cleaned, and the invented
fixture articles in tests/fixtures/articles/ when present): mostly from one seed text, partly
from others; names swapped for another written form of the same entity (data/lexicon/
entities.csv: 奥特曼, 阿爾特曼, 阿特曼 …), numbers and dates changed; one paragraph to long
features; simplified or traditional script (OpenCC). A controlled share are syndicated copies
of an earlier article (verbatim) or near-copies (some sentences replaced, numbers changed),
some of those converted across scripts. `python -m saga.bench.generate --sources N --out DIR`.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from saga.corpus.cleaning import corpus_tables
from saga.corpus.entities import load_entities
from saga.corpus.manifest import COLUMNS, load_manifest, write_manifest
from saga.paths import data_dir

FIXTURES = Path("tests") / "fixtures" / "articles"
SENTENCE = re.compile(r"[^。！？!?]+[。！？!?」”]*")
DIGITS = re.compile(r"(?<![A-Za-z])\d+")


@dataclass(frozen=True)
class Mix:
    """Shares of the generated corpus (the rest are new assemblies)."""

    copies: float = 0.08  # syndicated verbatim, another outlet and date
    near: float = 0.07  # near-copies: some sentences replaced, numbers changed
    cross_script: float = 0.5  # of copies and near-copies, converted to the other script
    traditional: float = 0.35  # new assemblies written in traditional script
    own_seed: float = 0.7  # share of a new article's sentences from its main seed text


def _converters():
    import opencc

    return {"simplified": opencc.OpenCC("t2s"), "traditional": opencc.OpenCC("s2t")}


def seed_texts(root: Path) -> list[list[str]]:
    """The paragraphs of each seed text: the project's cleaned body paragraphs, then the fixture
    articles' lines after their title (fixtures are read only when they exist)."""
    sources = load_manifest(root)
    paragraphs = corpus_tables(sources, root)["paragraphs"]
    body = paragraphs[paragraphs["kind"] == "body"]
    texts = [list(body.loc[body["source_id"] == s, "text"]) for s in sources["source_id"]]
    for path in sorted((root / FIXTURES).glob("*.txt")):
        lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        texts.append(lines[1:] if len(lines) > 1 else lines)
    return [t for t in texts if t]


def sentence_pool(texts: list[list[str]]) -> list[list[str]]:
    """Each seed text's sentences (punctuation kept), in reading order."""
    return [[s for p in text for s in SENTENCE.findall(p) if len(s.strip()) > 1] for text in texts]


def name_variants(root: Path) -> tuple[re.Pattern, dict[str, list[str]]]:
    """A pattern matching every Han alias of the lexicon's entities (longest first) and, for
    each alias, the written forms of its entity to choose from."""
    variants: dict[str, list[str]] = {}
    for aliases in load_entities(root)["aliases"]:
        han = sorted({a for a in aliases if re.search(r"[\u4e00-\u9fff]", a)})
        if len(han) > 1:
            for a in han:
                variants[a] = han
    pattern = re.compile("|".join(map(re.escape, sorted(variants, key=lambda a: (-len(a), a)))))
    return pattern, variants


class Generator:
    """Builds the articles one by one from a seeded random stream."""

    def __init__(self, root: Path, seed: int = 0, mix: Mix = Mix()):
        self.rng = random.Random(seed)
        self.mix = mix
        self.pool = sentence_pool(seed_texts(root))
        self.names, self.variants = name_variants(root)
        self.convert = _converters()
        self.articles: list[tuple[str, str]] = []  # (title, body) of each article so far

    def _substitute(self, sentence: str) -> str:
        rng = self.rng
        sentence = self.names.sub(lambda m: rng.choice(self.variants[m[0]]), sentence)

        def number(m: re.Match) -> str:
            n, unit = m[0], m.string[m.end() : m.end() + 1]
            if len(n) == 4 and n[:2] in ("19", "20"):
                return str(rng.randint(2015, 2025))
            if unit in "月日号號" and unit:
                return str(rng.randint(1, 12 if unit == "月" else 28))
            return str(rng.randint(10 ** (len(n) - 1) if len(n) > 1 else 1, 10 ** len(n) - 1))

        return DIGITS.sub(number, sentence)

    def _length(self) -> int:
        """Paragraphs in an article: one (brief) to about 40 (feature), most near 8."""
        return max(1, min(40, round(self.rng.lognormvariate(2.0, 0.7))))

    def _assemble(self) -> tuple[str, str]:
        rng, main = self.rng, self.rng.randrange(len(self.pool))
        paragraphs = []
        for _ in range(self._length()):
            sentences = []
            for _ in range(rng.randint(1, 5)):
                seed = main if rng.random() < self.mix.own_seed else rng.randrange(len(self.pool))
                sentences.append(self._substitute(rng.choice(self.pool[seed])))
            paragraphs.append("".join(sentences))
        script = "traditional" if rng.random() < self.mix.traditional else "simplified"
        title = re.sub(r"[。！？!?，,]+$", "", paragraphs[0])[:24]
        return self._script(title, script), self._script("\n\n".join(paragraphs), script)

    def _script(self, text: str, script: str) -> str:
        return self.convert[script].convert(text)

    def _near_copy(self, body: str) -> str:
        paragraphs = body.split("\n\n")
        for i in range(len(paragraphs)):
            if self.rng.random() < 0.25:
                sentence = self.rng.choice(self.rng.choice(self.pool))
                paragraphs[i] = self._substitute(
                    paragraphs[i][: len(paragraphs[i]) // 2] + sentence
                )
        return "\n\n".join(paragraphs)

    def article(self) -> tuple[str, str, str]:
        """(title, body, kind) of the next article: kind is new, copy or near."""
        roll, mix = self.rng.random(), self.mix
        if self.articles and roll < mix.copies + mix.near:
            title, body = self.rng.choice(self.articles)
            kind = "copy" if roll < mix.copies else "near"
            if kind == "near":
                body = self._near_copy(body)
            if self.rng.random() < mix.cross_script:
                other = self.rng.choice(["simplified", "traditional"])
                title, body = self._script(title, other), self._script(body, other)
        else:
            (title, body), kind = self._assemble(), "new"
        self.articles.append((title, body))
        return title, body, kind


def generate(root: Path, dest: Path, n_sources: int, seed: int = 0, mix: Mix = Mix()) -> dict:
    """Write a project's data at dest (root's rules, lexicon and annotations; root's own
    sources first, so the book's citations resolve; then generated articles up to n_sources in
    all); returns counts by kind."""
    from saga.corpus.script import detect_script

    src, data = data_dir(root), dest / "data"
    (data / "raw").mkdir(parents=True, exist_ok=True)
    for name in ("lexicon", "annotations"):
        shutil.copytree(src / name, data / name, dirs_exist_ok=True)
    for name in ("cleaning.yml", "edition.csv"):
        if (src / name).is_file():
            shutil.copy2(src / name, data / name)
    shutil.copy2(root / "requirements.txt", dest / "requirements.txt")
    own = load_manifest(root)
    for name in own["file"]:
        shutil.copy2(src / "raw" / name, data / "raw" / name)
    rows = own[COLUMNS].to_dict("records")
    gen, kinds = Generator(root, seed, mix), {"seed": len(rows), "new": 0, "copy": 0, "near": 0}
    for k in range(n_sources - len(rows)):
        title, body, kind = gen.article()
        kinds[kind] += 1
        sid = f"gen-{k:06d}"
        raw = f"{title}\n\n{body}\n".encode()
        (data / "raw" / f"{sid}.txt").write_bytes(raw)
        day = gen.rng.randrange(3650)
        published = (pd.Timestamp("2015-12-01") + pd.Timedelta(days=day)).strftime("%Y-%m-%d")
        rows.append(
            {
                "source_id": sid,
                "file": f"{sid}.txt",
                "sha256": hashlib.sha256(raw).hexdigest(),
                "title": title,
                "outlet": f"Bench Wire {gen.rng.randrange(200):03d}",
                "published": published,
                "script": detect_script(body),
                "original": "",
                "url": "",
                "notes": f"generated ({kind})",
            }
        )
    write_manifest(pd.DataFrame(rows, columns=COLUMNS), dest)
    return kinds


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m saga.bench.generate", description=__doc__)
    parser.add_argument("--sources", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="a new project folder")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    kinds = generate(Path.cwd(), args.out, args.sources, args.seed)
    print(f"{args.out}: {args.sources} sources ({', '.join(f'{n} {k}' for k, n in kinds.items())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def new_article(root: Path, dest: Path, n_sources: int) -> pd.Series:
    """The manifest row of an article the generated corpus of n_sources lacks, generated into
    dest: the last of the corpus one larger, or of the next larger whose last article is not
    a syndicated copy (saga add refuses a text the corpus holds already)."""
    for size in range(n_sources + 1, n_sources + 50):
        shutil.rmtree(dest, ignore_errors=True)
        generate(root, dest, size)
        row = pd.read_csv(dest / "data" / "sources.csv", dtype=str).iloc[-1]
        if "(copy)" not in str(row["notes"]):
            return row
    raise RuntimeError(f"no new article among corpora of {n_sources + 1} to {n_sources + 49}")
