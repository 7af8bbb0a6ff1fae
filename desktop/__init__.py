"""Relmap: a desktop viewer for relationship maps that change over time."""

__version__ = "0.1.0"
