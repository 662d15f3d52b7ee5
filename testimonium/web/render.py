"""Jinja2 templates (autoescaped) and the filters they use."""

from __future__ import annotations

import calendar
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

import jinja2

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from testimonium.store.views import date_precision

SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def when(value: str | None) -> str:
    """A date value as a reader says it, never more precise than it is."""
    precision = date_precision(value)
    if precision is None:
        return "undated"
    if precision == "day":
        return f"{int(value[8:10])} {calendar.month_name[int(value[5:7])]} {value[:4]}"
    if precision == "month":
        return f"{calendar.month_name[int(value[5:7])]} {value[:4]}"
    if precision == "decade":
        return f"the {value}0s"
    if precision == "season":
        return f"{SEASONS[value[5:]]} {value[:4]}"
    if precision == "week":
        return f"week {int(value[6:])} of {value[:4]}"
    if precision == "unknown-year":
        parts = value[2:].split("-")
        month = calendar.month_name[int(parts[0])]
        return f"{int(parts[1])} {month}, year unknown" if len(parts) > 1 else f"{month}, year unknown"
    return value


def make_templates() -> Jinja2Templates:
    loader = jinja2.FileSystemLoader(str(files("testimonium.web") / "templates"))
    templates = Jinja2Templates(env=jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined))
    templates.env.filters["when"] = when
    return templates


def render(request: Request, template: str, /, status_code: int = 200, **context: Any) -> HTMLResponse:
    principal = getattr(request.state, "principal", None)
    context.setdefault("principal", principal)
    context.setdefault("csrf_token", principal.csrf_token if principal else None)
    context.setdefault("page_url", lambda number: page_url(request, number))
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


def page_url(request: Request, number: int) -> str:
    """This page's address with its query kept and only the page number changed."""
    params = [(key, value) for key, value in request.query_params.multi_items() if key != "page"]
    return f"{request.url.path}?{urlencode([*params, ('page', str(number))])}"
