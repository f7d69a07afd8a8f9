"""{name-glossary}: the names of data/lexicon/entities.csv and the written forms each source
uses (from the mentions table)."""

from __future__ import annotations

import csv

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from saga.labels import label_map
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
        used: dict[str, dict[str, dict[str, int]]] = {}
        if mentions is None:
            logger.warning(
                "name-glossary: data/processed/mentions.parquet missing",
                location=self.get_location(),
            )
        else:
            columns = ("entity_id", "surface", "source_id")
            for e, s, sid in zip(*(mentions[c] for c in columns), strict=True):
                d = used.setdefault(str(e), {}).setdefault(str(s), {})
                d[str(sid)] = d.get(str(sid), 0) + 1
        labels = label_map(sources) if sources is not None else {}
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
            found = used.get(e.get("id", ""), {})
            parts = []
            for v, per in sorted(found.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
                by_src = sorted(per.items(), key=lambda kv: labels.get(kv[0], kv[0]))
                counts = ", ".join(f"{labels.get(s, s)}: {c}" for s, c in by_src)
                parts.append(f"{v} ({counts})")
            found_txt = "; ".join(parts) or "—"
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
