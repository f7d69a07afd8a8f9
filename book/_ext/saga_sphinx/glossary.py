"""{name-glossary}: the names of data/lexicon/entities.csv and the written forms each source
uses (from the mentions table)."""

from __future__ import annotations

import csv

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from saga.analysis.naming import forms_in_use
from saga.paths import lexicon_dir

from .data import data_root, read_table
from .tables import simple_table

logger = logging.getLogger(__name__)


class NameGlossary(SphinxDirective):
    """Entities from data/lexicon/entities.csv and the name variants each source uses."""

    def run(self):
        env = self.env
        path = lexicon_dir(data_root(env)) / "entities.csv"
        env.note_dependency(str(path))
        if not path.is_file():
            logger.warning(f"name-glossary: {path} missing", location=self.get_location())
            return []
        with path.open(encoding="utf-8", newline="") as f:
            entities = list(csv.DictReader(f))
        mentions = read_table(env, "mentions")
        sources = read_table(env, "sources")
        if mentions is None or sources is None:
            logger.warning(
                "name-glossary: data/processed/{mentions,sources}.parquet missing",
                location=self.get_location(),
            )
            used = {}
        else:
            used = forms_in_use(mentions, sources)
        headers = [
            "English name",
            "Chinese name",
            "Type",
            "Lexicon variants",
            "Variants found (source: count)",
        ]
        rows = []
        type_order = {"person": 0, "org": 1, "organization": 1, "product": 2}
        ids = []
        for e in sorted(
            entities,
            key=lambda r: (
                type_order.get(r.get("type", ""), 9),
                r.get("type", ""),
                r.get("name_en", ""),
            ),
        ):
            ids.append(f"name-{e.get('id', '')}")
            variants = [a for a in (e.get("aliases") or "").split("|") if a]
            found_txt = used.get(e.get("id", ""), "") or "—"
            rows.append(
                [
                    e.get("name_en", ""),
                    e.get("name_zh", ""),
                    e.get("type", ""),
                    "、".join(variants) or "—",
                    found_txt,
                ]
            )
        table = simple_table(headers, rows, ids=["name-glossary"], classes=["saga-glossary"])
        for row, rid in zip(table.findall(nodes.row), [None, *ids], strict=True):
            if rid:
                row["ids"].append(rid)  # link a name with [text](../book/glossary.md#name-musk)
        return [table]
