"""The `testimonium` command: parses arguments, calls the stages, prints results.

Each command group lives in its own module and registers itself on `app`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from testimonium import __version__
from testimonium.settings import Settings

app = typer.Typer(
    name="testimonium",
    help="Turn human-rights reporting into traceable, cross-checked evidence records.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"testimonium {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option("--home", envvar="TESTIMONIUM_HOME", help="Folder of the embedded store (originals, database)."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", envvar="TESTIMONIUM_DB", help="Database URL; default: SQLite file in the home folder."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = Settings.from_env(home=home, db_url=db)


def main() -> None:
    app()


# Registered after `app` exists; each module adds its commands to it.
from testimonium.cli import connect, documents, extract, web  # noqa: E402,F401
