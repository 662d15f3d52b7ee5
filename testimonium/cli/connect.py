"""Commands over what several documents say together: `connect`, `entity`, `corroborate`, and
people's merge/split decisions (`entities merge`, `entities split`)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from testimonium.cli import app
from testimonium.cli.common import console, fail, open_store, run_connect
from testimonium.settings import Settings, current_actor

entities_app = typer.Typer(help="People's decisions on cross-document entities.", no_args_is_help=True)
app.add_typer(entities_app, name="entities")

ReasonOption = Annotated[str, typer.Option("--reason", help="Why: kept with the decision in the custody log.")]


@app.command("connect")
def connect_command(ctx: typer.Context) -> None:
    """Bring cross-document links up to date (ingest and reextract do this themselves)."""
    store = open_store(ctx)
    run_connect(ctx, store)
    store.close()


@app.command("entity")
def entity_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Any spelling a document uses, or the canonical entity's id.")],
) -> None:
    """One entity across documents: its canonical name, aliases, documents and timeline."""
    from testimonium.connect import views

    store = open_store(ctx)
    found = _find(store, name)
    view = views.canonical_view(store, found[0]["id"])
    store.close()
    canonical = view["canonical"]
    console.print(f"[bold]{escape(canonical['name'])}[/] ({canonical['type']}, canonical entity {canonical['id']}): "
                  f"{_count(view['mentions'], 'mention')} in {_count(view['documents'], 'document')}")
    if view["aliases"]:
        console.print("also written as: " + "; ".join(escape(alias) for alias in view["aliases"]))
    documents = Table(title="Documents", show_edge=False)
    for column in ("entity", "document", "published", "outlet", "as", "mentions"):
        documents.add_column(column, overflow="fold")
    for member in view["members"]:
        documents.add_row(str(member["id"]), f"{member['document_id']} {escape(member['title'] or '')}",
                          member["published"] or "", escape(member["outlet"] or ""), escape(member["name"]),
                          str(member["mentions"]))
    console.print(documents)
    timeline = Table(title="Timeline", show_edge=False)
    for column in ("date", "what", "document"):
        timeline.add_column(column, overflow="fold")
    for item in view["timeline"]:
        if item["kind"] == "event":
            what = f"{item['label']} ({item['modality']}; as {item['role']})"
        else:
            what = f"{item['speaker'] or 'unknown speaker'} {item['cue'] or 'said'}: “{item['label']}”"
        date = item["date"] + (" (published)" if item["date_source"] == "published" else "")
        timeline.add_row(date, escape(what), str(item["document_id"]))
    console.print(timeline)
    if len(found) > 1:
        others = ", ".join(f"{escape(f['name'])} ({f['type']}, {f['id']})" for f in found[1:])
        console.print(f"[dim]also matching: {others}[/]")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _find(store, name: str) -> list[dict]:
    from testimonium.connect import views

    if name.isdigit():
        view = views.canonical_view(store, int(name))
        if view:
            return [dict(view["canonical"])]
    found = views.find_entities(store, name)
    if not found:
        store.close()
        fail(f"no entity called {name!r}; names are matched ignoring case, accents and script")
    return found


@app.command("corroborate")
def corroborate_command(
    ctx: typer.Context,
    entity: Annotated[str | None, typer.Option("--entity", help="Only what involves this entity.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many of each.")] = 20,
) -> None:
    """Events and propositions with their sources, independent sources and contradictions."""
    from testimonium.connect import views

    store = open_store(ctx)
    canonical_id = _find(store, entity)[0]["id"] if entity else None
    found = views.corroboration(store, canonical_id)
    console.print("[bold]Events[/]")
    for group in found["events"][:limit]:
        outcome = f" {group['outcome']}" if group["outcome"] else ""
        console.print(f"- event {group['id']}: {group['type']}{outcome}, {group['date'] or 'undated'}, "
                      f"{group['modality'] or ''}: {group['sources']} sources, "
                      f"[bold]{group['independent']} independent[/], "
                      f"{len(group['contradicted_by'])} contradicting claims")
        _chains(group["chains"])
    console.print("[bold]Propositions[/]")
    for proposition in found["propositions"][:limit]:
        console.print(f"- proposition {proposition['id']}: “{escape(proposition['label'])}”: "
                      f"{proposition['sources']} sources, [bold]{proposition['independent']} independent[/], "
                      f"contradicted by {len(proposition['contradicted_by'])} claims")
        _chains(proposition["chains"])
        _contradictions(store, proposition["contradicted_by"])
    if found["contested"]:
        console.print("[bold]Contested in the same reports[/]")
        for proposition in found["contested"][:limit]:
            console.print(f"- proposition {proposition['id']}: “{escape(proposition['label'])}”: "
                          f"{proposition['sources']} sources, [bold]{proposition['independent']} independent[/], "
                          f"contradicted by {len(proposition['contradicted_by'])} claims")
            _contradictions(store, proposition["contradicted_by"])
    store.close()


def _contradictions(store, claim_ids: list[int]) -> None:
    from testimonium.connect import views

    for claim in views.claims_by_id(store, claim_ids):
        denial = " (denial)" if claim["stance"] == "deny" else ""
        console.print(f"    [red]contradicted[/] by {escape(claim['speaker'] or 'unknown speaker')}{denial}: "
                      f"“{escape(claim['content'])}” [dim](document {claim['document_id']})[/]")


def _chains(chains: list[dict]) -> None:
    for chain in chains:
        console.print(f"    {escape(chain['origin'])}: documents {', '.join(map(str, chain['documents']))}"
                      f" [dim]({escape(chain['reason'])})[/]")


@entities_app.command("merge")
def merge_command(
    ctx: typer.Context,
    first: Annotated[int, typer.Argument(help="Canonical entity id.")],
    second: Annotated[int, typer.Argument(help="Canonical entity id to merge with it.")],
    reason: ReasonOption,
) -> None:
    """Decide that two canonical entities are one; automatic resolution will keep them together."""
    from testimonium.connect.decisions import DecisionError, merge

    store = open_store(ctx)
    try:
        result = merge(store, first, second, actor=current_actor(), reason=reason, embedder=_embedder(ctx))
    except DecisionError as error:
        store.close()
        fail(str(error))
    store.close()
    console.print(f"merged: now canonical entity {result.canonical_ids[0]}")


@entities_app.command("split")
def split_command(
    ctx: typer.Context,
    canonical: Annotated[int, typer.Argument(help="Canonical entity id.")],
    entity: Annotated[int, typer.Argument(help="The document entity to take out (the `entity` column of `testimonium entity`).")],
    reason: ReasonOption,
) -> None:
    """Decide that one document's entity is not the rest; automatic resolution will keep it apart."""
    from testimonium.connect.decisions import DecisionError, split

    store = open_store(ctx)
    try:
        result = split(store, canonical, entity, actor=current_actor(), reason=reason, embedder=_embedder(ctx))
    except DecisionError as error:
        store.close()
        fail(str(error))
    store.close()
    console.print(f"split: now canonical entities {', '.join(map(str, result.canonical_ids))}")


def _embedder(ctx: typer.Context):
    from testimonium.connect.embeddings import Embedder

    settings: Settings = ctx.obj
    return Embedder.load(settings.embedding_model)
