"""Run the real `testimonium` command in a child process, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(home: Path, *args: str, db: str | None = None, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, TESTIMONIUM_HOME=str(home), TESTIMONIUM_ACTOR="cli-test", COLUMNS="200")
    env.pop("TESTIMONIUM_DB", None)
    if db:
        env["TESTIMONIUM_DB"] = db
    return subprocess.run(
        [sys.executable, "-m", "testimonium", *args], env=env, capture_output=True, text=True, timeout=600, **kwargs
    )
