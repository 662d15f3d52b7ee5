import hashlib

import pytest

from testimonium.extract import Extractor
from testimonium.model import Document


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


def make_document(text: str, **fields) -> Document:
    data = text.encode("utf-8")
    return Document(sha256=hashlib.sha256(data).hexdigest(), size=len(data), media_type="text/plain",
                    text=text, **fields)


@pytest.fixture(scope="session")
def extract(extractor):
    def run(text: str, published: str | None = None, **fields):
        return extractor.extract(make_document(text, **fields), published=published)
    return run
