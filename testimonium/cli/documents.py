"""ingest, documents, show, verify: getting originals in and proving they are intact."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from testimonium.cli import app
from testimonium.cli.common import (
    ModelOption,
    OutletOption,
    PublishedOption,
    TitleOption,
    check_partial_date,
    console,
    errors,
    fail,
    open_store,
    progress_bar,
    run_connect,
    run_extraction,
)
from testimonium.ingest import Limits
from testimonium.pipeline import Outcome, Overrides, ingest_paths
from testimonium.settings import current_actor
from testimonium.store import DocumentNotFound

@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (folders are read recursively).")],
    published: PublishedOption = None,
    outlet: OutletOption = None,
    title: TitleOption = None,
    max_size: Annotated[
        int | None, typer.Option("--max-size", help="Largest file accepted, in bytes (default 100 MB).")
    ] = None,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Extract entities, claims and events after storing.")
    ] = True,
    model: ModelOption = None,
) -> None:
    """Store originals byte-for-byte with their text, metadata and a custody record."""
    if published:
        published = check_partial_date(published)
    try:
        limits = Limits.from_env()
    except ValueError as error:
        fail(str(error))
    store = open_store(ctx)
    if max_size:
        limits = replace(limits, max_bytes=max_size)
    overrides = Overrides(published=published, outlet=outlet, title=title)
    with progress_bar() as progress:
        task = progress.add_task("Ingesting", total=None)

        def advance(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"Ingesting {escape(Path(outcome.path).name)}")

        report = ingest_paths(
            store,
            paths,
            actor=current_actor(),
            overrides=overrides,
            limits=limits,
            on_start=lambda total: progress.update(task, total=total),
            on_file=advance,
        )
    summary = Table(title="Ingest", show_edge=False)
    summary.add_column("ingested", justify="right")
    summary.add_column("already present", justify="right")
    summary.add_column("failed", justify="right")
    summary.add_column("attachments", justify="right")
    summary.add_row(
        str(report.count("ingested")), str(report.count("already present")), str(report.count("failed")),
        str(sum(outcome.attachments for outcome in report.outcomes)),
    )
    console.print(summary)
    if report.failed:
        failures = Table(title="Failed", show_edge=False)
        failures.add_column("file", overflow="fold")
        failures.add_column("reason", overflow="fold")
        for outcome in report.failed:
            failures.add_row(escape(outcome.path), escape(outcome.reason or "unknown"))
        console.print(failures)
    extraction_failures = run_extraction(ctx, store, model) if extract else []
    if extract:
        run_connect(ctx, store)
    store.close()
    if report.failed or extraction_failures:
        raise typer.Exit(1)


@app.command()
def reextract(ctx: typer.Context, model: ModelOption = None) -> None:
    """Extract every stored document whose results are missing or from another model or rule set."""
    store = open_store(ctx)
    failures = run_extraction(ctx, store, model)
    run_connect(ctx, store)
    store.close()
    if failures:
        raise typer.Exit(1)


@app.command("documents")
def list_documents(
    ctx: typer.Context,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Show at most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List stored documents, newest publication first."""
    store = open_store(ctx)
    rows = store.documents(limit)
    store.close()
    if as_json:
        console.print_json(json.dumps(rows))
        return
    table = Table(show_edge=False)
    table.add_column("id", justify="right", no_wrap=True, min_width=3)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=48)
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=22)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("sha256", no_wrap=True, min_width=12)
    for row in rows:
        title = row["title"] or "(untitled)"
        if row["parent_id"]:
            title = f"↳ {title}"
        table.add_row(str(row["id"]), escape(title), escape(row["outlet"] or ""), row["published"] or "", row["sha256"][:12])
    console.print(table)
    console.print(f"{len(rows)} document{'s' if len(rows) != 1 else ''}")


@app.command()
def show(
    ctx: typer.Context,
    document: Annotated[str, typer.Argument(help="Document id or SHA-256 prefix (4+ hex digits).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Show one document: metadata, custody record and text. Viewing is logged."""
    store = open_store(ctx)
    try:
        record = store.get(document)
    except DocumentNotFound as error:
        fail(str(error))
    store.log_event("viewed", record["sha256"], actor=current_actor(), details={"via": "cli"})
    events = store.custody_events(record["sha256"])
    children = store.children(record["id"])
    store.close()
    if as_json:
        console.print_json(json.dumps({"document": record, "custody": events, "attachments": children}))
        return
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")
    for name in ("id", "sha256", "title", "author", "outlet", "dateline", "published", "media_type", "size", "filename"):
        value = record[name]
        if value not in (None, ""):
            meta.add_row(name, escape(str(value)))
    if record["parent_id"]:
        meta.add_row("attachment of", str(record["parent_id"]))
    for name, value in sorted(record["metadata"].items()):
        meta.add_row(name, escape(json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value))
    console.print(meta)
    if children:
        console.print("\n[bold]Attachments[/]")
        for child in children:
            console.print(f"  {child['id']}  {escape(child['filename'] or '')}  {child['sha256'][:12]}")
    custody_table = Table(title="Custody", show_edge=False, title_justify="left")
    for column in ("seq", "at", "event", "actor", "tool"):
        custody_table.add_column(column, no_wrap=True)
    custody_table.add_column("source", overflow="fold")
    for event in events:
        custody_table.add_row(
            str(event["seq"]), event["at"], event["event"], escape(event["actor"]),
            f"{event['tool']} {event['tool_version']}", escape(event["source"] or ""),
        )
    console.print()
    console.print(custody_table)
    console.print()
    console.rule("text")
    console.print(escape(record["text"]))


@app.command()
def verify(ctx: typer.Context) -> None:
    """Re-hash every stored original and re-check the custody chain; exit 1 on any mismatch."""
    store = open_store(ctx)
    report = store.verify()
    store.log_event(
        "verified", None, actor=current_actor(),
        details={"ok": report.ok, "problems": len(report.problems), "documents": report.documents},
    )
    store.close()
    console.print(
        f"checked {report.documents} documents, {report.blobs} originals, {report.custody_rows} custody events"
    )
    if report.head:
        console.print(f"custody head: row {report.head[0]}, hash {report.head[1]} (keep it elsewhere to detect cut rows)")
    for note in report.notes:
        console.print(f"[yellow]note:[/] {escape(note)}")
    if report.problems:
        for problem in report.problems:
            console.print(f"[bold red]FAIL[/] {escape(problem)}")
        raise typer.Exit(1)
    console.print("[green]OK[/]: every original matches its hash and the custody chain is intact")
