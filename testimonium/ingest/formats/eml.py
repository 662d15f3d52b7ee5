"""E-mail (.eml): a header block plus the body as text; attachments become child documents."""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import timezone
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from testimonium.ingest import media
from testimonium.ingest.context import Context, make_document
from testimonium.ingest.errors import CorruptFile, EmptyFile, IngestError
from testimonium.ingest.formats.html import html_to_text
from testimonium.ingest.textcodec import clean_text, decode_text
from testimonium.model import Document

# The text block shown above the body, in this order.
_SHOWN_HEADERS = (
    ("From", "from"),
    ("To", "to"),
    ("Cc", "cc"),
    ("Date", "date"),
    ("Subject", "subject"),
)
_RECORDED_HEADERS = ("message-id", "from", "to", "cc", "date", "subject")
# Forwarded messages are re-serialised without refolding so their bytes stay close to the source.
_VERBATIM = policy.default.clone(refold_source="none")
_MAX_NAME_BYTES = 255
_MAX_SUFFIX = 16


def read(data: bytes, context: Context) -> Document:
    message = email.message_from_bytes(data, policy=policy.default)
    defects = _defects(message)
    headers = {name: _header(message, name) for name in _RECORDED_HEADERS}
    body_part = message.get_body(preferencelist=("plain", "html"))
    shown = "".join(f"{label}: {headers[key]}\n" for label, key in _SHOWN_HEADERS if headers[key])
    body = _body_text(body_part) if body_part is not None else ""
    text = f"{shown}\n{body}" if shown else body
    children, errors = _read_attachments(message, body_part, context)
    if not text.strip() and not children:
        raise EmptyFile("e-mail has no headers, body text or readable attachments")
    metadata = {
        "message_id": headers["message-id"],
        "from": headers["from"],
        "to": headers["to"],
        "cc": headers["cc"],
        "date": headers["date"],
        "subject": headers["subject"],
        "body_type": body_part.get_content_type() if body_part is not None else None,
    }
    if errors:
        metadata["attachment_errors"] = errors
    if defects:
        metadata["defects"] = defects
    return make_document(
        data,
        media.EML,
        text,
        title=headers["subject"],
        author=_sender(message),
        published=_published(headers["date"]),
        metadata=metadata,
        attachments=children,
    )


def _defects(message: EmailMessage) -> list[str]:
    """Names of the MIME defects found; CorruptFile if a multipart section lost its boundaries.

    A missing closing boundary is what a cut-off message looks like, and a missing opening one
    hides every part: either way the text and attachments would be stored incomplete.
    """
    found = sorted({type(defect).__name__ for part in message.walk() for defect in part.defects})
    if "CloseBoundaryNotFoundDefect" in found:
        raise CorruptFile("e-mail is truncated: a multipart section has no closing boundary")
    if "StartBoundaryNotFoundDefect" in found:
        raise CorruptFile("e-mail is damaged: its multipart boundary never appears in the body")
    return found


def safe_filename(name: str | None) -> str | None:
    """A declared attachment name reduced to a printable base name, or None."""
    if not name:
        return None
    name = _unescape(name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(char for char in name if char.isprintable()).strip().lstrip(".").strip()
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > _MAX_SUFFIX:
        stem, suffix = name, ""
    else:
        suffix = dot + suffix
    while len((stem + suffix).encode("utf-8")) > _MAX_NAME_BYTES:
        stem = stem[:-1]  # shorten the stem, keeping the extension that says what it is
    return (stem + suffix) or None


def _read_attachments(
    message: EmailMessage, body_part: EmailMessage | None, context: Context
) -> tuple[list[Document], list[dict[str, str | None]]]:
    """Children read through the dispatcher; a child that fails is recorded, never fatal."""
    limits = context.limits
    children: list[Document] = []
    errors: list[dict[str, str | None]] = []
    for part in _attachment_parts(message, body_part):
        name = safe_filename(_declared_name(part))
        if context.depth + 1 > limits.max_depth:
            reason = f"attachment nested more than {limits.max_depth} levels deep; not read"
        elif context.budget.attachments >= limits.max_attachments:
            reason = f"more than {limits.max_attachments} attachments in this file; not read"
        else:
            context.budget.attachments += 1
            try:
                children.append(context.read(_payload(part), name, context.child()))
                continue
            except IngestError as err:
                reason = str(err)
        errors.append({"filename": name, "reason": reason})
    return children, errors


def _attachment_parts(
    message: EmailMessage, body_part: EmailMessage | None
) -> Iterator[EmailMessage]:
    if not message.is_multipart():
        # A single-part message whose only content is not text is itself the attachment.
        if body_part is None and message.get_content_maintype() != "text":
            yield message
        return
    for part in message.iter_attachments():
        yield from _leaves(part)


def _leaves(part: EmailMessage) -> Iterator[EmailMessage]:
    """Leaf parts of an attached multipart; a forwarded message counts as one leaf."""
    if part.get_content_maintype() == "multipart":
        for child in part.iter_parts():
            yield from _leaves(child)
    else:
        yield part


def _payload(part: EmailMessage) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload(0)
        return inner.as_bytes(policy=_VERBATIM)
    return part.get_payload(decode=True) or b""


def _body_text(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True) or b""
    try:
        text = decode_text(payload, declared=part.get_content_charset())[0] if payload else ""
    except IngestError:
        text = payload.decode("utf-8", errors="replace")
    if part.get_content_subtype() == "html" and text.strip():
        try:
            text = html_to_text(text)
        except IngestError:
            text = ""
    return clean_text(text)


def _header(message: EmailMessage, name: str) -> str | None:
    try:
        value = message[name]
    except Exception:  # the stdlib header parser has crashed on hostile headers
        value = next((raw for key, raw in message.raw_items() if key.lower() == name), None)
    if value is None:
        return None
    return " ".join(_unescape(str(value)).split()).replace("\x00", "") or None


def _sender(message: EmailMessage) -> str | None:
    try:
        sender = message["from"]
        addresses = sender.addresses if sender is not None else ()
    except Exception:  # as in _header
        return _header(message, "from")
    first = next(iter(addresses), None)
    if first is None:
        return None
    return _unescape(first.display_name or first.addr_spec) or None


def _published(date: str | None) -> str | None:
    if not date:
        return None
    try:
        moment = parsedate_to_datetime(date)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # "-0000": UTC, local zone unknown (RFC 5322 3.3)
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def _declared_name(part: EmailMessage) -> str | None:
    try:
        return part.get_filename()
    except Exception:  # as in _header
        return None


def _unescape(value: str) -> str:
    """Raw 8-bit header bytes arrive as surrogate escapes; most are UTF-8 sent unencoded."""
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")
