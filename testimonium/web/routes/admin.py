"""Administration: users and their roles, the custody log and verification."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from testimonium.store import views
from testimonium.store.accounts import ROLES, AccountError, Accounts
from testimonium.web.auth import Admin
from testimonium.web.render import render

router = APIRouter(prefix="/admin", include_in_schema=False)
UserName = Annotated[str, Path(max_length=64)]
LOG_PAGE = 100


def _users_page(request: Request, status: int = 200, error: str | None = None, notice: str | None = None):
    return render(request, "admin_users.html", status_code=status, users=request.app.state.accounts.users(),
                  roles=ROLES, error=error, notice=notice)


@router.get("/users")
def users_page(request: Request, principal: Admin):
    return _users_page(request)


@router.post("/users")
async def add_user(request: Request, principal: Admin):
    form = await request.form(max_files=0)
    name, role = str(form.get("name") or ""), str(form.get("role") or "")
    accounts: Accounts = request.app.state.accounts
    try:
        await run_in_threadpool(accounts.add_user, name, str(form.get("password") or ""), role)
    except AccountError as error:
        return await run_in_threadpool(_users_page, request, 400, str(error))
    request.app.state.store.log_event("user-added", None, actor=principal.name, details={"user": name, "role": role})
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{name}/role")
async def change_role(request: Request, principal: Admin, name: UserName):
    form = await request.form(max_files=0)
    role = str(form.get("role") or "")
    try:
        await run_in_threadpool(request.app.state.accounts.set_role, name, role)
    except AccountError as error:
        return await run_in_threadpool(_users_page, request, 400, str(error))
    request.app.state.store.log_event("role-changed", None, actor=principal.name, details={"user": name, "role": role})
    return RedirectResponse("/admin/users", status_code=303)


@router.post("/users/{name}/delete")
def remove_user(request: Request, principal: Admin, name: UserName):
    if name == principal.name:
        return _users_page(request, 400, "you cannot remove yourself; another admin can")
    try:
        request.app.state.accounts.remove_user(name)
    except AccountError as error:
        return _users_page(request, 400, str(error))
    request.app.state.store.log_event("user-removed", None, actor=principal.name, details={"user": name})
    return RedirectResponse("/admin/users", status_code=303)


@router.get("/custody")
def custody_page(request: Request, principal: Admin, page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    store = request.app.state.store
    total, rows = views.custody_log(store, limit=LOG_PAGE, offset=(page - 1) * LOG_PAGE)
    return render(request, "admin_custody.html", rows=rows, total=total, page=page,
                  pages=max(1, -(-total // LOG_PAGE)), report=None, last=views.last_verification(store))


@router.post("/verify")
def verify(request: Request, principal: Admin):
    store = request.app.state.store
    report = store.verify()
    store.log_event("verified", None, actor=principal.name,
                    details={"ok": report.ok, "problems": len(report.problems), "documents": report.documents,
                             "via": "web"})
    total, rows = views.custody_log(store, limit=LOG_PAGE)
    return render(request, "admin_custody.html", rows=rows, total=total, page=1,
                  pages=max(1, -(-total // LOG_PAGE)), report=report, last=views.last_verification(store))
