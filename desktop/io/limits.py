"""Limits that keep a hostile or broken file from exhausting memory or hanging the app."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Configurable ceilings; every reader checks the ones that apply and names the one it hit."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_actors: int = 250_000
    max_interactions: int = 2_000_000
    max_string_length: int = 100_000
    max_json_depth: int = 64


DEFAULT_LIMITS = Limits()
