"""The book build's log: everything to _build/<builder>.log, a short account on the terminal.

A notebook that fails makes myst-nb log its traceback as a warning and abort the build, after
which Sphinx prints its own traceback of the abort. On the terminal that is a long log a reader
must dig through; here the full text goes to the log file and the terminal gets one paragraph
naming the chapter, the cell, the error and what to do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

EXEC_FAILED = "Executing notebook failed"
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # IPython colours its tracebacks; a file needs none


class Tee:
    """A text stream writing everything to log and to terminal as well, until a notebook
    failure's report: that and the abort that follows it are summarised at the end instead."""

    def __init__(self, log: TextIO, terminal: TextIO | None):
        self.log, self.terminal = log, terminal

    def write(self, text: str) -> int:
        self.log.write(ANSI.sub("", text))
        if EXEC_FAILED in text:
            self.terminal = None
        if self.terminal is not None:
            self.terminal.write(text)
        return len(text)

    def flush(self) -> None:
        self.log.flush()
        if self.terminal is not None:
            self.terminal.flush()

    def isatty(self) -> bool:
        return False


@dataclass
class NotebookFailure:
    notebook: Path
    title: str
    cell: int | None  # 1-based among the notebook's code cells
    cells: int
    error: str


def notebook_title(nb: dict, fallback: str) -> str:
    """The text of the notebook's first Markdown heading (its chapter title)."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if m := re.match(r"#+\s+(.+)", line.strip()):
                    return m.group(1).strip()
    return fallback


def failure(exc: BaseException, root: Path) -> NotebookFailure | None:
    """What failed, if exc is myst-nb's abort for a notebook whose cell raised (or timed out)."""
    cause = exc.__cause__
    if cause is None or not hasattr(cause, "ename"):
        return None
    path = Path(str(exc.args[0]) if exc.args else "")
    if not path.is_absolute():
        path = root / path
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        nb = {}
    code = [
        "".join(c.get("source", "")) for c in nb.get("cells", []) if c.get("cell_type") == "code"
    ]
    message = str(cause)
    cell = next(
        (i + 1 for i, src in enumerate(code) if src.strip() and src.strip() in message), None
    )
    evalue = str(getattr(cause, "evalue", "")).strip().splitlines()
    error = f"{cause.ename}: {evalue[0]}" if evalue else str(cause.ename)
    return NotebookFailure(path, notebook_title(nb, path.stem), cell, len(code), error)


def summary(f: NotebookFailure, root: Path, log: Path) -> str:
    """One paragraph: chapter, cell, error, what to do, where the full log is."""
    try:
        where = f.notebook.relative_to(root)
    except ValueError:
        where = f.notebook
    cell = f"code cell {f.cell} of {f.cells}" if f.cell else "a code cell"
    return (
        f"The book build stopped: chapter “{f.title}” ({where}) failed in {cell} with "
        f"{f.error}. Open the notebook (make lab) and run it top to bottom to see the error in "
        f"place; fix the cell, or the saga/ code or data it reads, then run `make book` again. "
        f"The full log, with the traceback, is {log}."
    )
