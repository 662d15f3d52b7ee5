"""extract: stateless extraction of one or more files to JSON Lines (the extraction contract)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from testimonium import ingest
from testimonium.cli import app
from testimonium.cli.common import OutletOption, PublishedOption, TitleOption, check_partial_date, fail
from testimonium.ingest import IngestError, Limits
from testimonium.pipeline import Overrides
from testimonium.settings import Settings


@app.command()
def extract(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Documents to extract from; nothing is stored.")],
    published: PublishedOption = None,
    outlet: OutletOption = None,
    title: TitleOption = None,
    output_format: Annotated[str, typer.Option("--format", help="Output format (json: one JSON object per line).")] = "json",
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name or path.")] = None,
) -> None:
    """Print each document's text, metadata and extracted records as JSON, one line each."""
    if output_format != "json":
        raise typer.BadParameter("only 'json' is supported", param_hint="--format")
    if published:
        published = check_partial_date(published)
    settings: Settings = ctx.obj
    from testimonium.extract import Extractor  # loads spaCy: only the command that needs it pays

    overrides = Overrides(published=published, outlet=outlet, title=title)
    try:
        limits = Limits.from_env()
    except ValueError as error:
        fail(str(error))
    extractor = Extractor(model or settings.model)
    for path in files:
        try:
            document = ingest.read_isolated(ingest.read_bytes(path, limits), filename=path.name, limits=limits)
        except IngestError as error:
            fail(f"{path}: {error}")
        except OSError as error:
            fail(f"{path}: cannot read: {error.strerror or error}")
        overrides.apply(document)
        for item in [document, *document.attachments]:
            extraction = extractor.extract(item, published=published or item.published)
            sys.stdout.write(json.dumps({"document": item.contract_json(), **extraction.contract_json()}, ensure_ascii=False))
            sys.stdout.write("\n")
