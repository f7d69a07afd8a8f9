"""A subset CJK web font holding exactly the characters the book uses."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)


CJK_RANGES = [
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3040, 0x30FF),
    (0x3100, 0x31FF),
    (0x3200, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
]


WEBFONT = "saga-cjk.otf"


CJK_CHARS = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in CJK_RANGES) + "]")


def write_cjk_webfont(app, exception):
    """Subset Noto Sans CJK SC (from the mplfonts package) to the CJK characters the built
    pages use and write it to _static, so Chinese renders on machines without a CJK font.
    saga.css loads it with unicode-range after local() fonts, so most readers never fetch it.
    The subset is remade only when the set of characters changes (a no-op rebuild skips it)."""
    if exception is not None or app.builder.format != "html":
        return
    import hashlib
    import importlib.util

    outdir = Path(app.outdir)
    chars: set[str] = set()
    pages = [p for p in outdir.rglob("*.html") if "_static" not in p.parts]
    for page in [*pages, outdir / "searchindex.js"]:
        if page.is_file():
            chars.update(CJK_CHARS.findall(page.read_text(encoding="utf-8")))
    target = outdir / "_static" / WEBFONT
    stamp = target.with_suffix(".chars.sha256")
    digest = hashlib.sha256("".join(sorted(chars)).encode()).hexdigest()
    if target.is_file() and stamp.is_file() and stamp.read_text() == digest:
        return
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        logger.warning("mplfonts not installed: no CJK web font for the book")
        return
    from fontTools import subset

    src = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NotoSansCJKsc-Regular.otf"
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    font = subset.load_font(str(src), opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(ord(c) for c in chars) or [0x3000])
    sub.subset(font)
    target.parent.mkdir(exist_ok=True)
    subset.save_font(font, str(target), opts)
    stamp.write_text(digest)
