"""Ceilings that keep one hostile file from exhausting time, memory or disk."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

ENV_PREFIX = "TESTIMONIUM_"


@dataclass(frozen=True)
class Limits:
    """Per-file ceilings; `from_env` lets an operator raise them without code changes.

    max_memory is address space the parsing child may add to what it inherits from its parent
    (see isolation.run_isolated); max_zip_ratio applies to zip entries of 1 MiB and more;
    max_attachments counts every attachment read under one top-level file, at any depth.
    """

    max_bytes: int = 100 * 1024 * 1024
    parse_timeout: float = 60.0
    max_memory: int = 2 * 1024**3
    max_zip_entries: int = 5000
    max_zip_uncompressed: int = 512 * 1024 * 1024
    max_zip_ratio: int = 200
    max_attachments: int = 100
    max_depth: int = 3
    max_pages: int = 5000

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ValueError(f"limit {spec.name} must be a positive number, got {value!r}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Defaults overridden by TESTIMONIUM_<FIELD> variables, e.g. TESTIMONIUM_MAX_BYTES."""
        environ = os.environ if environ is None else environ
        values: dict[str, int | float] = {}
        for spec in fields(cls):
            name = ENV_PREFIX + spec.name.upper()
            raw = environ.get(name, "").strip()
            if not raw:
                continue
            kind, noun = (float, "number") if spec.type == "float" else (int, "whole number")
            try:
                values[spec.name] = kind(raw)
            except ValueError:
                raise ValueError(f"{name} must be a {noun}, got {raw!r}") from None
        try:
            return cls(**values)
        except ValueError as err:
            raise ValueError(f"{err} (from {ENV_PREFIX}* environment variables)") from None
