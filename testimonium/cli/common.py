"""What every command shares: the console, opening the store, one-line errors."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from testimonium.model import partial_date
from testimonium.pipeline import ExtractionOutcome, extract_pending
from testimonium.settings import Settings, current_actor
from testimonium.store import Store

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

PublishedOption = Annotated[
    str | None, typer.Option("--published", help="Publication date, full or partial ISO (2018-10-08, 2018-10, 2018).")
]
OutletOption = Annotated[str | None, typer.Option("--outlet", help="Outlet that published the documents.")]
TitleOption = Annotated[str | None, typer.Option("--title", help="Title, instead of the one read from the file.")]
ModelOption = Annotated[
    str | None, typer.Option("--model", help="spaCy model name or path (default: en_core_web_sm, or TESTIMONIUM_MODEL).")
]


def check_partial_date(value: str) -> str:
    try:
        return partial_date(value)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--published") from None


def fail(message: str, code: int = 1) -> NoReturn:
    errors.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(code)


def open_store(ctx: typer.Context) -> Store:
    settings: Settings = ctx.obj
    try:
        return Store.open(settings.home, settings.db_url)
    except Exception as error:  # noqa: BLE001 - any failure to reach the store ends the command the same way
        fail(f"cannot open the store at {settings.db_url or settings.home}: {error}")


def progress_bar() -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
    )


def run_extraction(ctx: typer.Context, store: Store, model: str | None) -> list[ExtractionOutcome]:
    """Catch up extraction on the store with a progress bar; print and return the failures."""
    from testimonium.extract.identity import extractor_identity

    settings: Settings = ctx.obj
    model = model or settings.model
    identity = extractor_identity(model)
    if not store.needing_extraction(identity):
        return []
    from testimonium.extract import Extractor  # loads spaCy: only when there is work for it

    try:
        extractor = Extractor(model)
    except OSError as error:
        fail(f"cannot load the spaCy model {model!r}: {error}")
    with progress_bar() as progress:
        task = progress.add_task("Extracting", total=None)
        outcomes = extract_pending(
            store, extractor, actor=current_actor(),
            on_start=lambda total: progress.update(task, total=total),
            on_document=lambda _outcome: progress.update(task, advance=1),
        )
    failures = [outcome for outcome in outcomes if outcome.error]
    extracted = len(outcomes) - len(failures)
    console.print(f"extracted {extracted} document{'s' if extracted != 1 else ''} with {identity}")
    for outcome in failures:
        console.print(f"[bold red]document {outcome.document_id}:[/] {escape(outcome.error or '')}")
    return failures


def run_connect(ctx: typer.Context, store: Store) -> None:
    """Bring cross-document links up to date and say what changed."""
    from testimonium.connect.embeddings import Embedder
    from testimonium.connect.run import connect

    settings: Settings = ctx.obj
    try:
        embedder = Embedder.load(settings.embedding_model)
    except (ImportError, OSError) as error:
        fail(f"cannot load the sentence-embedding model {settings.embedding_model!r}: {error}")
    with errors.status("Connecting documents"):
        report = connect(store, embedder=embedder)
    console.print(
        f"connected: {report.new_entities} new entities, {report.canonical_entities} canonical entities, "
        f"{report.event_groups} events, {report.propositions} propositions, "
        f"{report.contradictions} contradictions, {report.copies} copies"
    )
