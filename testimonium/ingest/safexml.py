"""XML from untrusted files is checked with defusedxml before any other parser sees it."""

from __future__ import annotations

from typing import IO
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

import defusedxml.sax
from defusedxml import DefusedXmlException

from testimonium.ingest.errors import CorruptFile, UnsafeContainer


def check_stream(stream: IO[bytes], label: str) -> None:
    """Parse `stream` without building a tree: UnsafeContainer on a DTD, CorruptFile on bad XML.

    Office parts never legitimately carry a DTD, so any DTD is refused (forbid_dtd), which
    rules out entity expansion ("billion laughs") and external entities (XXE) alike.
    """
    try:
        defusedxml.sax.parse(
            stream, ContentHandler(), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as err:
        raise UnsafeContainer(
            f"{label} declares a DTD or XML entities ({type(err).__name__}); "
            "refused as a possible entity bomb or external-entity attack"
        ) from None
    except SAXException as err:
        raise CorruptFile(f"{label} is not well-formed XML: {err.getMessage()}") from None
