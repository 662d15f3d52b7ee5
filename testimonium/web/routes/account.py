"""Signing in and out, and each user's own API tokens."""

from __future__ import annotations

import hmac
import math
import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from testimonium.store.accounts import Accounts
from testimonium.web.auth import CSRF_FIELD, LOGIN_COOKIE, SESSION_COOKIE, Anyone, Viewer
from testimonium.web.render import render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another one."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


def _login_page(request: Request, status: int = 200, error: str | None = None, next_url: str = "/", name: str = ""):
    # Before sign-in there is no session to hold a CSRF token: the form and a cookie carry the
    # same random value, which a forged cross-site form cannot read (double submit).
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status_code=status, login_token=token, error=error,
                      next_url=next_url, name=name, principal=None)
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        path="/login")
    return response


@router.get("/login")
def login_form(request: Request, principal: Anyone, next: str = "/"):
    return _login_page(request, next_url=_safe_next(next))


@router.post("/login")
async def login(request: Request, principal: Anyone):
    accounts: Accounts = request.app.state.accounts
    form = await request.form(max_files=0)
    name, password = str(form.get("name") or "").strip(), str(form.get("password") or "")
    next_url = _safe_next(str(form.get("next") or "/"))
    cookie, field = request.cookies.get(LOGIN_COOKIE, ""), str(form.get(CSRF_FIELD) or "")
    if not cookie or not hmac.compare_digest(cookie.encode(), field.encode()):
        return _login_page(request, 403, "The sign-in form expired; please try again.", next_url, name)
    keys = Accounts.throttle_keys(name, request.client.host if request.client else None)
    wait = await run_in_threadpool(accounts.locked_for, keys)
    if wait is not None:
        seconds = max(1, math.ceil(wait.total_seconds()))
        response = _login_page(request, 429, f"Too many failed sign-ins. Try again in {seconds} seconds.", next_url, name)
        response.headers["Retry-After"] = str(seconds)
        return response
    user = await run_in_threadpool(accounts.authenticate, name, password)
    if user is None:
        await run_in_threadpool(accounts.record_failure, keys)
        return _login_page(request, 401, "Wrong name or password.", next_url, name)
    await run_in_threadpool(accounts.record_success, name)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        await run_in_threadpool(accounts.end_session, old)
    raw, _session = await run_in_threadpool(accounts.start_session, user)
    response = RedirectResponse(next_url, status_code=303)
    # A browser-session cookie (no max-age): closing the browser on a shared computer ends it;
    # the server ends it anyway when idle or too old.
    response.set_cookie(SESSION_COOKIE, raw, httponly=True, samesite="strict", secure=request.url.scheme == "https",
                        path="/")
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, principal: Viewer):
    request.app.state.accounts.end_session(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
    return response


@router.get("/account")
def account_page(request: Request, principal: Viewer):
    tokens = request.app.state.accounts.tokens(principal.name)
    return render(request, "account.html", tokens=tokens, new_token=None)


@router.post("/account/tokens")
async def create_token(request: Request, principal: Viewer):
    form = await request.form(max_files=0)
    label = str(form.get("label") or "").strip()[:100] or None
    accounts: Accounts = request.app.state.accounts
    _token, raw = await run_in_threadpool(accounts.create_token, principal.name, label)
    tokens = await run_in_threadpool(accounts.tokens, principal.name)
    return render(request, "account.html", tokens=tokens, new_token=raw)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(request: Request, principal: Viewer, token_id: Annotated[int, Path(ge=1, le=2**31 - 1)]):
    request.app.state.accounts.revoke_token(token_id, owner=principal.name)
    return RedirectResponse("/account", status_code=303)
