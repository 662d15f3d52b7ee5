"""Settings of the web application, with defaults an operator can override from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class WebOptions:
    idle_timeout: timedelta = timedelta(minutes=30)
    session_lifetime: timedelta = timedelta(hours=12)
    # Largest upload request (all files together); each file also obeys ingest's own limit.
    max_upload_bytes: int = 50 * 1024 * 1024
    max_upload_files: int = 20
    # Largest body of any other request: forms are a few fields.
    max_form_bytes: int = 64 * 1024

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebOptions:
        """Defaults, overridden by TESTIMONIUM_IDLE_MINUTES, TESTIMONIUM_SESSION_HOURS,
        TESTIMONIUM_MAX_UPLOAD_BYTES and TESTIMONIUM_MAX_UPLOAD_FILES."""
        environ = os.environ if environ is None else environ
        defaults = cls()

        def number(name: str, default: float) -> float:
            value = environ.get(name)
            if value is None:
                return default
            try:
                parsed = float(value)
            except ValueError:
                raise ValueError(f"{name} must be a number, got {value!r}") from None
            if parsed <= 0:
                raise ValueError(f"{name} must be positive, got {value!r}")
            return parsed

        return cls(
            idle_timeout=timedelta(minutes=number("TESTIMONIUM_IDLE_MINUTES", defaults.idle_timeout.total_seconds() / 60)),
            session_lifetime=timedelta(hours=number("TESTIMONIUM_SESSION_HOURS", defaults.session_lifetime.total_seconds() / 3600)),
            max_upload_bytes=int(number("TESTIMONIUM_MAX_UPLOAD_BYTES", defaults.max_upload_bytes)),
            max_upload_files=int(number("TESTIMONIUM_MAX_UPLOAD_FILES", defaults.max_upload_files)),
        )
