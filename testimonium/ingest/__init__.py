"""Ingest: hostile files in, Documents out; anything that cannot be read fully is refused.

Public surface: `Limits`, `IngestError` (and its subclasses in `errors`), `read_bytes`, `read`,
`read_isolated`.
"""

from testimonium.ingest.core import read, read_bytes
from testimonium.ingest.errors import IngestError
from testimonium.ingest.isolation import read_isolated
from testimonium.ingest.limits import Limits

__all__ = ["IngestError", "Limits", "read", "read_bytes", "read_isolated"]
