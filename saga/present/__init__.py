"""Presentation: the figure style, charts, tables and glue."""
