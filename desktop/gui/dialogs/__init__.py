"""Dialogs: export, import mapping, load report, help."""
