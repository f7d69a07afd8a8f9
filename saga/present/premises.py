"""Premises: the facts about the corpus that a chapter's prose rests on, checked at every build.

A sentence such as "only S4 was written during the crisis" is true of the corpus it was written
about; an article a reader adds can make it false. A notebook states each such fact as a named
premise right after the paragraph that relies on it. While the premise holds nothing shows.
When it fails, the chapter shows a note there saying what changed (computed from the data), the
book build prints one warning line, and the execution appendix lists it (the Sphinx side is
``book/_ext/saga_sphinx/premises.py``). With ``SAGA_STRICT_PREMISES=1`` a stale premise fails
the build instead, which is how the tests hold the shipped book to zero stale premises.
"""

from __future__ import annotations

import os
import re

from IPython.display import Markdown

STRICT_ENV = "SAGA_STRICT_PREMISES"
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BACKTICKS = re.compile(r"`+")


class StalePremise(RuntimeError):
    """A premise failed while strict mode is on."""


def strict() -> bool:
    """Whether stale premises should fail the build (``SAGA_STRICT_PREMISES`` set, not 0)."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def premise(name: str, holds: bool, change: str) -> Markdown | None:
    """Check one premise: None when it holds, else the note to display at its sentence.

    ``name`` is a kebab-case id unique in the book (prefix it with the chapter, e.g.
    ``ch4-one-crisis-witness``); ``change`` says, in one sentence computed from the data,
    what is different in the current corpus. The note is shown as literal text (never parsed
    as markup), so it may quote outlet names or titles safely.
    """
    if not NAME.fullmatch(name):
        raise ValueError(f"premise name {name!r} is not kebab-case")
    if holds:
        return None
    text = " ".join(str(change).split())
    if strict():
        raise StalePremise(f"premise {name} no longer holds: {text}")
    fence = "`" * max([3] + [len(run) + 1 for run in _BACKTICKS.findall(text)])
    return Markdown(f"{fence}{{stale-premise}} {name}\n{text}\n{fence}\n")


def listed(labels, limit: int = 8) -> str:
    """Labels as an English list ("S6, S7 and S8"), the rest counted beyond ``limit``."""
    labels = [str(label) for label in labels]
    if len(labels) > limit:
        return f"{', '.join(labels[:limit])} and {len(labels) - limit} more"
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} and {labels[-1]}"
