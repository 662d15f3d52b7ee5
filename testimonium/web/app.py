"""The application factory: store, accounts, templates, middleware, routes and error pages."""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib.resources import files
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from testimonium import __version__
from testimonium.settings import Settings
from testimonium.store import Store
from testimonium.store.accounts import Accounts, SessionPolicy
from testimonium.web.auth import CsrfRejected, Forbidden, NotSignedIn, check_every_route_is_guarded
from testimonium.web.options import WebOptions
from testimonium.web.render import make_templates, render
from testimonium.web.routes import account, admin, api, pages
from testimonium.web.security import BodyLimit, SecurityHeaders
from testimonium.web.uploads import Uploader

UPLOAD_PATHS = ("/upload", "/api/v1/upload")


def create_app(settings: Settings, options: WebOptions | None = None, *, store: Store | None = None) -> FastAPI:
    """The web application over the store `settings` names (or `store`, already open)."""
    options = options or WebOptions.from_env()
    store = store or Store.open(settings.home, settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        store.close()

    app = FastAPI(
        title="testimonium API",
        version=__version__,
        description=(
            "Documents, entities, claims, events and search over a testimonium store. Every call needs "
            "an API token (`Authorization: Bearer tm_...`; create one on the Account page or with "
            "`testimonium tokens create USER`). Every document fetched is recorded in its custody log."
        ),
        # The description is served by a guarded route; Swagger UI would need inline script.
        openapi_url=None, docs_url=None, redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.options = options
    app.state.accounts = Accounts(
        store, sessions_policy=SessionPolicy(idle_timeout=options.idle_timeout, lifetime=options.session_lifetime),
    )
    app.state.templates = make_templates()
    app.state.uploader = Uploader(store, settings.model, settings.embedding_model)

    for router in (account.router, pages.router, admin.router, api.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(files("testimonium.web") / "static")), name="static")
    check_every_route_is_guarded(app)

    _add_error_handlers(app)
    app.add_middleware(BodyLimit, upload_paths=UPLOAD_PATHS, max_upload=options.max_upload_bytes,
                       max_other=options.max_form_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, error: NotSignedIn):
        if _is_api(request):
            return JSONResponse({"detail": str(error)}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden):
        return _error(request, 403, str(error))

    @app.exception_handler(CsrfRejected)
    async def csrf_rejected(request: Request, error: CsrfRejected):
        return _error(request, 403, str(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        return _error(request, error.status_code, str(error.detail), headers=error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        if _is_api(request):
            return JSONResponse({"detail": _plain(error.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in error.errors())
        return _error(request, 400, f"the request is not valid ({problems})")


def _plain(errors) -> list[dict]:
    # Echoing the rejected input back is pointless and could return witness data into logs.
    return [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]


def _error(request: Request, status: int, message: str, headers=None):
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return render(request, "error.html", status_code=status, status=status, message=message)
