"""The reading pages (documents, search, entities, claims) and the upload page."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import FileResponse, RedirectResponse

from testimonium.connect import decisions
from testimonium.connect import views as connect_views
from testimonium.store import CORRECTABLE, DocumentNotFound, views
from testimonium.web import search
from testimonium.web.auth import Editor, Viewer
from testimonium.web.highlight import Span, highlight, safe_snippet
from testimonium.web.render import render
from testimonium.web.uploads import UploadError

router = APIRouter(include_in_schema=False)

MAX_ID = 2**31 - 1
PAGE = 50
SEARCH_PAGE = 20
SEARCH_PAGES = 500  # the search engine pages no deeper than 10,000 hits
Id = Annotated[int, Query(ge=1, le=MAX_ID)]
Page = Annotated[int, Query(ge=1, le=100_000)]
Text = Annotated[str, Query(max_length=200)]


def _pages(total: int, size: int) -> int:
    return max(1, math.ceil(total / size))


@router.get("/")
def home(request: Request, principal: Viewer, page: Page = 1):
    total, documents = views.document_page(request.app.state.store, limit=PAGE, offset=(page - 1) * PAGE)
    return render(request, "home.html", documents=documents, total=total, page=page, pages=_pages(total, PAGE))


@router.get("/search")
def search_page(
    request: Request, principal: Viewer, q: Text = "", kind: Annotated[list[str], Query(max_length=3)] = [],  # noqa: B006
    entity: Id | None = None, entity_type: Text | None = None, event_type: Text | None = None,
    outlet: Text | None = None, year: Annotated[int | None, Query(ge=1, le=9999)] = None,
    page: Annotated[int, Query(ge=1, le=SEARCH_PAGES)] = 1,
):
    kinds = tuple(k for k in search.KINDS if k in kind) or search.KINDS
    filters = search.Filters(text=q.strip(), kinds=kinds, entity_id=entity, entity_type=entity_type,
                             event_type=event_type, outlet=outlet, year=year, limit=SEARCH_PAGE, offset=(page - 1) * SEARCH_PAGE)
    results = None
    if filters.wanted():
        results = search.search(request.app.state.store, filters)
    return render(
        request, "search.html", filters=filters, results=results, kinds=kinds, all_kinds=search.KINDS,
        link=search.hit_link, snippet=safe_snippet, choice=search.facet_choice, page=page,
        pages=min(_pages(results.total, SEARCH_PAGE), SEARCH_PAGES) if results else 1, facet_names=search.FACETS,
    )


@router.get("/documents/{document_id}")
def document(request: Request, principal: Viewer, document_id: int):
    store = request.app.state.store
    view = views.document_view(store, document_id) if document_id <= MAX_ID else None
    if view is None:
        raise HTTPException(404, "no such document")
    record = view["document"]
    store.log_event("viewed", record["sha256"], actor=principal.name, details={"via": "web"})
    return render(request, "document.html", view=view, document=record, correctable=CORRECTABLE,
                  text=highlight(record["text"], _spans(view)), custody=store.custody_events(record["sha256"]))


@router.post("/documents/{document_id}/correct")
async def correct(request: Request, principal: Editor, document_id: int):
    """Editors correct a document's metadata; the change and its reason go to the custody log."""
    if document_id > MAX_ID:
        raise HTTPException(404, "no such document")
    form = await request.form(max_files=0)
    changes = {name: str(form.get(name) or "").strip() for name in CORRECTABLE if name in form}
    try:
        await run_in_threadpool(request.app.state.store.correct, document_id, changes, actor=principal.name,
                                reason=str(form.get("reason") or ""))
    except DocumentNotFound:
        raise HTTPException(404, "no such document") from None
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.get("/documents/{document_id}/original")
def original(request: Request, principal: Viewer, document_id: int):
    store = request.app.state.store
    view = views.document_view(store, document_id) if document_id <= MAX_ID else None
    if view is None:
        raise HTTPException(404, "no such document")
    sha256 = view["document"]["sha256"]
    store.log_event("exported", sha256, actor=principal.name, details={"via": "web", "what": "original"})
    # Always a download of opaque bytes: an uploaded HTML original must never run in our origin.
    return FileResponse(store.blobs.path(sha256), media_type="application/octet-stream", filename=sha256,
                        headers={"Content-Security-Policy": "sandbox"})


def _spans(view: dict) -> list[Span]:
    spans: list[Span] = []
    for mention in view["mentions"]:
        entity = mention["entity"] or {}
        spans.append(Span(mention["start"], mention["end"], f"entity {entity.get('type', '')}",
                          href=f"/entities/{mention['entity_id']}",
                          label=f"{entity.get('type', 'entity')}: {entity.get('name', '')}", anchor=f"m-{mention['id']}"))
    for date in view["dates"]:
        spans.append(Span(date["start"], date["end"], "date", label=f"date: {date['value'] or '?'}",
                          anchor=f"date-{date['id']}"))
    for quantity in view["quantities"]:
        spans.append(Span(quantity["start"], quantity["end"], "quantity", label=f"quantity: {quantity['value']}"))
    for claim in view["claims"]:
        speaker = (claim["speaker"] or {}).get("name") or claim["speaker_text"] or "unknown speaker"
        spans.append(Span(claim["start"], claim["end"], "claim", href=f"/claims?document_id={claim['document_id']}#claim-{claim['id']}",
                          label=f"claim by {speaker} ({claim['stance']})", anchor=f"claim-{claim['id']}"))
        if claim["cue_start"] is not None and claim["cue_end"]:
            spans.append(Span(claim["cue_start"], claim["cue_end"], "cue", label=f"cue: {claim['cue']}"))
    for event in view["events"]:
        if event["trigger_start"] is not None:
            spans.append(Span(event["trigger_start"], event["trigger_end"], "event", href=f"#ev-{event['id']}",
                              label=f"event: {event['type']} ({event['modality']})", anchor=f"event-{event['id']}"))
    return spans


@router.get("/entities/{entity_id}")
def entity(request: Request, principal: Viewer, entity_id: int):
    """A document's entity shown as the canonical entity it belongs to across documents."""
    store = request.app.state.store
    canonical_id = connect_views.canonical_of(store, entity_id) if entity_id <= MAX_ID else None
    if canonical_id is not None:
        view = connect_views.canonical_view(store, canonical_id)
        return render(request, "canonical.html", view=view, entity=view["canonical"], entity_id=entity_id,
                      corroboration=connect_views.corroboration(store, canonical_id))
    view = views.entity_view(store, entity_id) if entity_id <= MAX_ID else None
    if view is None:
        raise HTTPException(404, "no such entity")
    return render(request, "entity.html", view=view, entity=view["entity"])


@router.post("/entities/{entity_id}/merge")
async def merge_entity(request: Request, principal: Editor, entity_id: int):
    """Editors merge this entity's canonical entity with another; the decision is kept for good."""
    form = await request.form(max_files=0)
    other = str(form.get("other") or "").strip()
    if not other.isdigit() or int(other) > MAX_ID:
        raise HTTPException(400, "give the other canonical entity's number")
    await _decide(request, principal, entity_id, decisions.merge, int(other), str(form.get("reason") or ""))
    return RedirectResponse(f"/entities/{entity_id}", status_code=303)


@router.post("/entities/{entity_id}/split")
async def split_entity(request: Request, principal: Editor, entity_id: int):
    """Editors take one document's entity out of this canonical entity; the decision is kept for good."""
    form = await request.form(max_files=0)
    member = str(form.get("member") or "").strip()
    if not member.isdigit() or int(member) > MAX_ID:
        raise HTTPException(400, "say which document entity to take out")
    await _decide(request, principal, entity_id, decisions.split, int(member), str(form.get("reason") or ""))
    return RedirectResponse(f"/entities/{entity_id}", status_code=303)


async def _decide(request: Request, principal, entity_id: int, decide, argument: int, reason: str) -> None:
    store = request.app.state.store
    canonical_id = connect_views.canonical_of(store, entity_id) if entity_id <= MAX_ID else None
    if canonical_id is None:
        raise HTTPException(404, "no such entity")
    embedder = await run_in_threadpool(request.app.state.uploader.embedder)
    try:
        await run_in_threadpool(decide, store, canonical_id, argument, actor=principal.name, reason=reason,
                                embedder=embedder)
    except decisions.DecisionError as error:
        raise HTTPException(400, str(error)) from None


@router.get("/events/{group_id}")
def event_group(request: Request, principal: Viewer, group_id: int):
    view = connect_views.event_group_view(request.app.state.store, group_id) if group_id <= MAX_ID else None
    if view is None:
        raise HTTPException(404, "no such event")
    return render(request, "event.html", view=view, group=view["group"])


@router.get("/propositions/{proposition_id}")
def proposition(request: Request, principal: Viewer, proposition_id: int):
    view = connect_views.proposition_view(request.app.state.store, proposition_id) if proposition_id <= MAX_ID else None
    if view is None:
        raise HTTPException(404, "no such proposition")
    return render(request, "proposition.html", view=view, proposition=view["proposition"])


@router.get("/corroboration")
def corroboration(request: Request, principal: Viewer, entity: Id | None = None):
    store = request.app.state.store
    canonical = connect_views.canonical_view(store, entity) if entity is not None else None
    if entity is not None and canonical is None:
        raise HTTPException(404, "no such entity")
    found = connect_views.corroboration(store, entity)
    return render(request, "corroboration.html", found=found, canonical=canonical["canonical"] if canonical else None)


@router.get("/claims")
def claims(
    request: Request, principal: Viewer, speaker: Text = "", stance: Text = "",
    date_from: Annotated[str, Query(pattern=r"^(\d{4}(-\d{2}){0,2})?$")] = "",
    date_to: Annotated[str, Query(pattern=r"^(\d{4}(-\d{2}){0,2})?$")] = "",
    document_id: Id | None = None, page: Page = 1,
):
    store = request.app.state.store
    total, found = views.claims_list(
        store, speaker=speaker.strip() or None, stance=stance or None, date_from=date_from or None,
        date_to=date_to or None, document_id=document_id, limit=PAGE, offset=(page - 1) * PAGE,
    )
    filters = {"speaker": speaker, "stance": stance, "date_from": date_from, "date_to": date_to,
               "document_id": document_id}
    return render(request, "claims.html", claims=found, total=total, filters=filters,
                  choices=views.claim_filters(store), page=page, pages=_pages(total, PAGE))


@router.get("/upload")
def upload_form(request: Request, principal: Editor):
    return render(request, "upload.html", report=None, error=None)


@router.post("/upload")
async def upload(request: Request, principal: Editor):
    form = await request.form(max_files=request.app.state.options.max_upload_files)
    try:
        files = [(item.filename or "", item.file) for item in form.getlist("files")
                 if not isinstance(item, str) and (item.filename or item.size)]
        if not files:
            return render(request, "upload.html", status_code=400, report=None, error="choose at least one file")
        published, outlet = form.get("published"), form.get("outlet")
        report = await run_in_threadpool(
            request.app.state.uploader.ingest, files, actor=principal.name,
            published=published if isinstance(published, str) else None,
            outlet=outlet if isinstance(outlet, str) else None,
        )
    except UploadError as error:
        return render(request, "upload.html", status_code=400, report=None, error=str(error))
    finally:
        await form.close()
    return render(request, "upload.html", report=report, error=None)
