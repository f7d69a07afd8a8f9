"""Glue for the book's prose: every number in a chapter is computed and glued as a plain
Python str/int/float (myst-nb's {glue:text} breaks on NumPy scalars)."""

from __future__ import annotations


def plain(value):
    """A plain Python str/int/float for glue (NumPy scalars break {glue:text})."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"glue plain str/int/float only, got {type(value).__name__}")
    return value


def glue(name: str, value) -> None:
    """Glue a number or string for {glue:text} without displaying it."""
    from myst_nb import glue as _glue

    _glue(name, plain(value), display=False)
