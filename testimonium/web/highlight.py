"""A document's text as HTML with its extracted records marked, built from their offsets.

Spans may overlap or nest (a name inside a claim, a date inside an event's sentence). The text
is cut at every span boundary; each piece is wrapped once, carrying the classes of every span
over it and linking to the narrowest of them, so no element is ever opened across another's
end. Every character of the text is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # CSS classes, each prefixed "hl-": "entity person", "date", "claim", "cue", "event" ...
    href: str | None = None
    label: str | None = None  # shown as the title (tooltip) of the piece
    anchor: str | None = None  # element id at the span's start, a target for links into the text


def highlight(text: str, spans: list[Span]) -> Markup:
    spans = [s for s in (_clamp(s, len(text)) for s in spans) if s is not None]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    anchors: dict[int, list[str]] = {}
    for span in spans:
        if span.anchor:
            anchors.setdefault(span.start, []).append(span.anchor)
    starts = sorted(spans, key=lambda s: (s.start, -s.end))
    out: list[str] = []
    active: list[Span] = []
    next_span = 0
    for left, right in zip(cuts, cuts[1:]):
        active = [s for s in active if s.end > left]
        while next_span < len(starts) and starts[next_span].start == left:
            active.append(starts[next_span])
            next_span += 1
        for anchor in anchors.get(left, []):
            out.append(f'<span class="anchor" id="{escape(anchor)}"></span>')
        piece = escape(text[left:right])
        if not active:
            out.append(str(piece))
            continue
        out.append(_wrap(piece, active))
    return Markup("".join(out))


def _clamp(span: Span, length: int) -> Span | None:
    start, end = max(0, span.start), min(length, span.end)
    if end <= start:
        return None
    return Span(start, end, span.kind, span.href, span.label, span.anchor)


def _wrap(piece: Markup, active: list[Span]) -> str:
    classes = " ".join(sorted({f"hl-{kind}" for s in active for kind in s.kind.split()}))
    labels = "; ".join(dict.fromkeys(s.label for s in active if s.label))
    title = f' title="{escape(labels)}"' if labels else ""
    linked = [s for s in active if s.href]
    if linked:
        target = min(linked, key=lambda s: s.end - s.start)
        return f'<a class="hl {classes}" href="{escape(target.href)}"{title}>{piece}</a>'
    return f'<span class="hl {classes}"{title}>{piece}</span>'


_MARK = re.compile(r"(</?mark>)")


def safe_snippet(snippet: str) -> Markup:
    """A search snippet as HTML in which only balanced <mark> elements survive, whatever the
    index returned: its text is unescaped once and escaped again."""
    out: list[str] = []
    marked = False
    for part in _MARK.split(html.unescape(snippet or "")):
        if part == "<mark>":
            if not marked:
                out.append(part)
            marked = True
        elif part == "</mark>":
            if marked:
                out.append(part)
            marked = False
        else:
            out.append(str(escape(part)))
    if marked:
        out.append("</mark>")
    return Markup("".join(out))
