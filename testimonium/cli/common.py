"""What every command shares: the console, opening the store, one-line errors."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from testimonium.settings import Settings
from testimonium.store import Store

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date, full or partial ISO (2018-10-08, 2018-10, 2018).")
]
OutletOption = Annotated[str | None, typer.Option("--outlet", help="Outlet that published the documents.")]
TitleOption = Annotated[str | None, typer.Option("--title", help="Title, instead of the one read from the file.")]


def check_partial_date(value: str) -> str:
    """Accept a full or partial ISO date (2018-10-08, 2018-10, 2018) and nothing else."""
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
            raise ValueError
        date.fromisoformat(value + "-01" * (2 - value.count("-")))
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not an ISO date like 2018-10-08, 2018-10 or 2018", param_hint="--published"
        ) from None
    return value


def fail(message: str, code: int = 1) -> NoReturn:
    errors.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def open_store(ctx: typer.Context) -> Store:
    settings: Settings = ctx.obj
    try:
        return Store.open(settings.home, settings.db_url)
    except Exception as error:  # noqa: BLE001 - any failure to reach the store ends the command the same way
        fail(f"cannot open the store at {settings.db_url or settings.home}: {error}")
