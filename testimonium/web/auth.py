"""Who is asking, and may they: the one dependency every route declares.

    @router.get("/claims")
    def claims(request: Request, principal: Viewer): ...     # Viewer = Depends(require("viewer"))

A request is signed in by its session cookie or by an API token (`Authorization: Bearer`).
State-changing requests on a session must carry the session's CSRF token (form field
`csrf_token` or header `X-CSRF-Token`); token requests carry no cookie, so a forged cross-site
request cannot use them and they need none. Anonymous requests are sent to the login page (401
for the API); signed-in users without the role get 403.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.concurrency import run_in_threadpool
from starlette.routing import Mount

from testimonium.store.accounts import ROLES, Accounts, User, role_allows

SESSION_COOKIE = "testimonium_session"
LOGIN_COOKIE = "testimonium_login"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC = "public"


class NotSignedIn(Exception):
    pass


class Forbidden(Exception):
    pass


class CsrfRejected(Exception):
    pass


@dataclass(frozen=True)
class Principal:
    user: User
    via: str  # "session" or "token"
    csrf_token: str | None = None

    @property
    def name(self) -> str:
        return self.user.name

    def may(self, role: str) -> bool:
        return role_allows(self.user.role, role)


Guard = Callable[[Request], Coroutine[Any, Any, Principal | None]]
_guards: dict[str, Guard] = {}


def require(role: str) -> Guard:
    """The dependency for routes that need at least `role` (viewer < editor < admin)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if role not in _guards:
        async def guard(request: Request) -> Principal:
            return await authorize(request, role)

        guard.access = role  # type: ignore[attr-defined]
        _guards[role] = guard
    return _guards[role]


async def public(request: Request) -> Principal | None:
    """The dependency for the few routes anyone may use (the login page); it still tells who
    is signed in, if anyone."""
    try:
        return await _identify(request)
    except NotSignedIn:
        return None


public.access = PUBLIC  # type: ignore[attr-defined]


async def authorize(request: Request, role: str) -> Principal:
    principal = await _identify(request)
    request.state.principal = principal  # error pages, too, show who is signed in
    if not principal.may(role):
        raise Forbidden(f"this needs the {role} role; {principal.name} is {principal.user.role}")
    if request.method not in SAFE_METHODS and principal.via == "session":
        await check_csrf(request, principal.csrf_token or "")
    return principal


async def _identify(request: Request) -> Principal:
    accounts: Accounts = request.app.state.accounts
    header = request.headers.get("authorization")
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise NotSignedIn("only Bearer API tokens are accepted")
        user = await run_in_threadpool(accounts.token_user, token.strip())
        if user is None:
            raise NotSignedIn("unknown or revoked API token")
        return Principal(user, "token")
    raw = request.cookies.get(SESSION_COOKIE)
    session = await run_in_threadpool(accounts.session, raw) if raw else None
    if session is None:
        raise NotSignedIn("sign in first")
    return Principal(session.user, "session", session.csrf_token)


async def check_csrf(request: Request, expected: str) -> None:
    """The request's CSRF token must equal `expected`. Reading the form here parses the body;
    it happens only after the role check, so no anonymous upload is ever parsed."""
    given = request.headers.get(CSRF_HEADER)
    if given is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form(max_files=request.app.state.options.max_upload_files)
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not expected or not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise CsrfRejected("the form has expired or did not come from this site; reload the page and try again")


@dataclass(frozen=True)
class RouteRule:
    path: str
    methods: frozenset[str]
    access: str | None  # None: no rule declared


def route_rules(app: FastAPI) -> list[RouteRule]:
    """Every route the app answers, with the access rule it declares (routers included)."""
    rules = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            declared = [d.call.access for d in route.dependant.dependencies if hasattr(d.call, "access")]
            access = declared[0] if len(declared) == 1 else None
            rules.append(RouteRule(context.path, frozenset(route.methods), access))
        elif isinstance(route, Mount) and route.path == "/static":
            rules.append(RouteRule(route.path, frozenset({"GET", "HEAD"}), PUBLIC))
        else:
            rules.append(RouteRule(getattr(route, "path", repr(route)), frozenset(), None))
    return rules


def check_every_route_is_guarded(app: FastAPI) -> None:
    """Refuse to build an app with a route that declares no access rule, or two."""
    for rule in route_rules(app):
        if rule.access is None:
            raise RuntimeError(f"route {rule.path!r} must declare exactly one access rule (require(role) or public)")

Viewer = Annotated[Principal, Depends(require("viewer"))]
Editor = Annotated[Principal, Depends(require("editor"))]
Admin = Annotated[Principal, Depends(require("admin"))]
Anyone = Annotated[Principal | None, Depends(public)]
