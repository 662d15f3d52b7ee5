"""A name for "this extractor": model, model version, code version and vocabulary contents.

Stored with every document's results, so a changed model or an edited vocabulary file makes
the store re-extract what the old one produced. Computed without loading the model.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files

from testimonium import __version__
from testimonium.extract.pipeline import MODEL_PACKAGES


def model_version(model: str) -> str:
    for package in (model, MODEL_PACKAGES.get(model, model)):
        try:
            return version(package)
        except (PackageNotFoundError, ValueError):
            continue
    return "unversioned"


def vocabulary_digest() -> str:
    digest = hashlib.sha256()
    data = files("testimonium.extract") / "data"
    for entry in sorted(data.iterdir(), key=lambda item: item.name):
        if entry.is_file():
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def extractor_identity(model: str) -> str:
    return f"{model}@{model_version(model)}+testimonium-{__version__}+vocab-{vocabulary_digest()}"
