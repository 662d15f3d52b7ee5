"""serve, users, tokens: the web application and who may use it."""

from __future__ import annotations

import ipaddress
import sys
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from testimonium.cli import app
from testimonium.cli.common import console, errors, fail, open_store
from testimonium.settings import current_actor
from testimonium.store.accounts import ROLES, AccountError, Accounts

users_app = typer.Typer(help="Accounts of the web application and API.", no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens (sent as 'Authorization: Bearer <token>').", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Listen on an address other machines can reach.")
    ] = False,
) -> None:
    """Serve the web application and the API (sign in with an account from `users add`)."""
    if not is_loopback(host) and not allow_remote:
        fail(
            f"refusing to listen on {host}: other machines could reach the store, and this server speaks "
            "plain HTTP, so passwords and witness data would cross the network unencrypted. Put it behind "
            "a TLS reverse proxy and pass --allow-remote, or keep the default 127.0.0.1.",
            code=2,
        )
    import uvicorn

    from testimonium.web import create_app

    store = open_store(ctx)
    if not Accounts(store).users():
        errors.print("[yellow]note:[/] no accounts yet; create one with "
                     "[bold]testimonium users add NAME --role admin[/]")
    web = create_app(ctx.obj, store=store)
    console.print(f"serving on http://{escape(host)}:{port}/ (Ctrl+C to stop)")
    # No access log: request lines carry search words and names, which may be witness data.
    uvicorn.run(web, host=host, port=port, access_log=False, log_level="warning", server_header=False)


@users_app.command("add")
def add_user(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")],
    role: Annotated[str, typer.Option("--role", help=f"One of: {', '.join(ROLES)}.")] = "viewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
    ] = False,
) -> None:
    """Add a user; the password is asked for (hidden) or read from stdin."""
    if role not in ROLES:
        raise typer.BadParameter(f"must be one of {', '.join(ROLES)}", param_hint="--role")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    store = open_store(ctx)
    try:
        Accounts(store).add_user(name, password, role)
    except AccountError as error:
        fail(str(error))
    store.log_event("user-added", None, actor=current_actor(), details={"user": name, "role": role, "via": "cli"})
    store.close()
    console.print(f"added {escape(name)} ({role})")


@users_app.command("list")
def list_users(ctx: typer.Context) -> None:
    """List users with their roles."""
    store = open_store(ctx)
    found = Accounts(store).users()
    store.close()
    table = Table(show_edge=False)
    for column in ("name", "role", "created"):
        table.add_column(column)
    for user in found:
        table.add_row(escape(user.name), user.role, user.created_at)
    console.print(table)
    console.print(f"{len(found)} user{'s' if len(found) != 1 else ''}")


@tokens_app.command("create")
def create_token(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument(help="The user the token acts as.")],
    label: Annotated[str | None, typer.Option("--label", help="What the token is for.")] = None,
) -> None:
    """Create an API token; it is printed once and never shown again."""
    store = open_store(ctx)
    try:
        token, raw = Accounts(store).create_token(user, label)
    except AccountError as error:
        fail(str(error))
    store.close()
    errors.print(f"token {token.id} for {escape(user)}; store it now, it is not shown again:")
    console.print(raw)


@tokens_app.command("revoke")
def revoke_token(
    ctx: typer.Context,
    token_id: Annotated[int, typer.Argument(help="The token's id (see `tokens list`).")],
) -> None:
    """Revoke an API token by its id."""
    store = open_store(ctx)
    revoked = Accounts(store).revoke_token(token_id)
    store.close()
    if not revoked:
        fail(f"no token with id {token_id}")
    console.print(f"revoked token {token_id}")


@tokens_app.command("list")
def list_tokens(
    ctx: typer.Context,
    user: Annotated[str | None, typer.Option("--user", help="Only this user's tokens.")] = None,
) -> None:
    """List API tokens (ids, owners, labels; never the tokens themselves)."""
    store = open_store(ctx)
    found = Accounts(store).tokens(user)
    store.close()
    table = Table(show_edge=False)
    for column in ("id", "user", "label", "created", "last used"):
        table.add_column(column)
    for token in found:
        table.add_row(str(token.id), escape(token.user), escape(token.label or ""), token.created_at,
                      token.last_used or "never")
    console.print(table)
