"""The JSON API under /api/v1: the records the pages show, for scripts and other tools."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from testimonium.store import views
from testimonium.web import search
from testimonium.web.auth import Editor, Viewer
from testimonium.web.uploads import UploadError

MAX_ID = 2**31 - 1
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
IdFilter = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
# Free text goes into SQL parameters; PostgreSQL refuses NUL characters in text.
Text = Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$")]
Kind = Literal["document", "claim", "entity"]
PartialDate = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}){0,2}$")]


class Problem(BaseModel):
    detail: str


router = APIRouter(
    prefix="/api/v1",
    responses={401: {"model": Problem, "description": "No valid API token or session"},
               403: {"model": Problem, "description": "The user's role does not allow this"}},
)


class DocumentSummary(BaseModel):
    id: int
    sha256: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    media_type: str
    size: int
    parent_id: int | None
    created_at: str


class DocumentList(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


class CustodyEvent(BaseModel):
    seq: int
    at: str
    event: str
    actor: str
    source: str | None
    tool: str
    tool_version: str
    details: dict[str, Any]
    hash: str


class DocumentDetail(BaseModel):
    document: dict[str, Any]
    entities: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    dates: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    events: list[dict[str, Any]]
    attachments: list[dict[str, Any]]
    custody: list[CustodyEvent]


class EntityDetail(BaseModel):
    entity: dict[str, Any]
    same_entities: list[int]
    aliases: list[str]
    documents: int
    mentions: list[dict[str, Any]]
    timeline: list[dict[str, Any]]
    undated: list[dict[str, Any]]


class ClaimList(BaseModel):
    total: int
    limit: int
    offset: int
    claims: list[dict[str, Any]]


class EventList(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[dict[str, Any]]


class SearchHit(BaseModel):
    kind: str
    id: int
    document_id: int | None
    title: str | None
    snippet: str  # HTML: the text escaped, matches in <mark>
    score: float
    published: str | None


class SearchResults(BaseModel):
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[Any, int]]]


class UploadedFile(BaseModel):
    name: str
    status: str
    document_id: int | None
    sha256: str | None
    reason: str | None
    attachments: int


class UploadResult(BaseModel):
    ingested: int
    already_present: int
    failed: int
    files: list[UploadedFile]
    extraction_errors: list[str]


def openapi_document(request: Request) -> dict[str, Any]:
    app = request.app
    if app.openapi_schema is None:
        document = app.openapi()
        document.setdefault("components", {})["securitySchemes"] = {
            "token": {"type": "http", "scheme": "bearer", "description": "An API token: tm_..."},
        }
        document["security"] = [{"token": []}]
        files = document["paths"]["/api/v1/upload"]["post"]["requestBody"]["content"]["multipart/form-data"]
        files["schema"]["properties"]["files"]["maxItems"] = app.state.options.max_upload_files
        app.openapi_schema = document
    return app.openapi_schema


@router.get("/openapi.json", include_in_schema=False)
def openapi(request: Request, principal: Viewer):
    return JSONResponse(openapi_document(request))


@router.get("/documents", response_model=DocumentList, summary="Documents, newest publication first")
def list_documents(request: Request, principal: Viewer, limit: Limit = 50, offset: Offset = 0):
    total, rows = views.document_page(request.app.state.store, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "documents": rows}


@router.get("/documents/{document_id}", response_model=DocumentDetail,
            responses={404: {"model": Problem}}, summary="A document with its text, records and custody (logged)")
def get_document(request: Request, principal: Viewer, document_id: Id):
    store = request.app.state.store
    view = views.document_view(store, document_id)
    if view is None:
        raise HTTPException(404, "no such document")
    sha256 = view["document"]["sha256"]
    store.log_event("viewed", sha256, actor=principal.name, details={"via": "api"})
    custody = [dict(row, details=json.loads(row["details"])) for row in store.custody_events(sha256)]
    return dict(view, custody=custody)


@router.get("/entities/{entity_id}", response_model=EntityDetail, responses={404: {"model": Problem}},
            summary="An entity across documents: aliases, mentions, timeline")
def get_entity(request: Request, principal: Viewer, entity_id: Id):
    view = views.entity_view(request.app.state.store, entity_id)
    if view is None:
        raise HTTPException(404, "no such entity")
    return view


@router.get("/claims", response_model=ClaimList, summary="Claims, filtered by speaker, stance, date, document")
def list_claims(request: Request, principal: Viewer, speaker: Text = None, stance: Text = None,
                date_from: PartialDate = None, date_to: PartialDate = None, document_id: IdFilter = None,
                limit: Limit = 50, offset: Offset = 0):
    total, found = views.claims_list(request.app.state.store, speaker=speaker, stance=stance, date_from=date_from,
                                     date_to=date_to, document_id=document_id, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "claims": found}


@router.get("/events", response_model=EventList, summary="Events, filtered by type, document, entity")
def list_events(request: Request, principal: Viewer, type: Text = None, document_id: IdFilter = None,
                entity_id: IdFilter = None, limit: Limit = 50, offset: Offset = 0):
    total, found = views.events_list(request.app.state.store, event_type=type, document_id=document_id,
                                     entity_id=entity_id, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "events": found}


@router.get("/search", response_model=SearchResults,
            summary="Full-text search over documents, claims and entity names, with facets")
def search_api(
    request: Request, principal: Viewer, q: Annotated[str, Query(max_length=200, pattern=r"^[^\x00]*$")] = "",
    kind: Annotated[list[Kind], Query(max_length=3, description="Kinds of hit; all three when omitted")] = [],  # noqa: B006
    entity: IdFilter = None, entity_type: Text = None, event_type: Text = None, outlet: Text = None,
    year: Annotated[int | None, Query(ge=1, le=9999)] = None, limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=9_900, description="offset + limit may reach 10,000")] = 0,
):
    results = search.search(request.app.state.store, search.Filters(
        text=q, kinds=tuple(dict.fromkeys(kind)) or search.KINDS, entity_id=entity, entity_type=entity_type,
        event_type=event_type, outlet=outlet, year=year, limit=limit, offset=offset,
    ))
    return {"total": results.total,
            "facets": {name: [(search.facet_json(value), count) for value, count in values]
                       for name, values in results.facets.items()},
            "hits": [{"kind": h.kind, "id": h.id, "document_id": h.document_id, "title": h.title,
                      "snippet": h.snippet, "score": h.score, "published": getattr(h, "published", None)}
                     for h in results.hits]}


UPLOAD_BODY = {
    "required": True,
    "content": {"multipart/form-data": {"schema": {
        "type": "object",
        "required": ["files"],
        "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "minItems": 1},
            "published": {
                "description": "Publication date, full or partial ISO (2018-10-08, 2018-10, 2018)",
                "anyOf": [{"type": "string", "format": "date"},
                          {"type": "string", "pattern": r"^[1-9]\d{3}-(0[1-9]|1[0-2])$"},
                          {"type": "string", "pattern": r"^[1-9]\d{3}$"}],
            },
            "outlet": {"type": "string", "maxLength": 200},
        },
    }}},
}


@router.post("/upload", response_model=UploadResult, openapi_extra={"requestBody": UPLOAD_BODY},
             responses={400: {"model": Problem}, 413: {"model": Problem}},
             summary="Ingest and extract files (editors); each file is ingested, already present or failed")
async def upload_api(request: Request, principal: Editor):
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(400, "send the files as multipart/form-data, in fields named 'files'")
    form = await request.form(max_files=request.app.state.options.max_upload_files)
    try:
        files = [(item.filename or "", item.file) for item in form.getlist("files") if not isinstance(item, str)]
        if not files:
            raise HTTPException(400, "no files: send them in fields named 'files'")
        published, outlet = form.get("published"), form.get("outlet")
        report = await run_in_threadpool(
            request.app.state.uploader.ingest, files, actor=principal.name,
            published=published if isinstance(published, str) else None,
            outlet=outlet[:200] if isinstance(outlet, str) else None,
        )
    except UploadError as error:
        raise HTTPException(400, str(error)) from None
    finally:
        await form.close()
    return report.as_json()
