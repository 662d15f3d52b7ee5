"""`testimonium serve`, `users` and `tokens`, run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from testimonium.store import Store
from testimonium.store.accounts import Accounts
from tests.cli.run import run_cli
from tests.web.live import free_port

PASSWORD = "a long enough password"


def test_users_and_tokens_from_the_command_line(tmp_path):
    home = tmp_path / "home"
    added = run_cli(home, "users", "add", "amina", "--role", "editor", "--password-stdin", input=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "added amina (editor)" in added.stdout
    listed = run_cli(home, "users", "list")
    assert "amina" in listed.stdout and "editor" in listed.stdout

    short = run_cli(home, "users", "add", "omar", "--password-stdin", input="short\n")
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    bad_role = run_cli(home, "users", "add", "omar", "--role", "owner", "--password-stdin", input=PASSWORD + "\n")
    assert bad_role.returncode == 2 and "--role" in bad_role.stderr

    created = run_cli(home, "tokens", "create", "amina", "--label", "scripts")
    assert created.returncode == 0, created.stderr
    raw = created.stdout.strip()
    store = Store.open(home)
    accounts = Accounts(store)
    assert accounts.token_user(raw).name == "amina"
    assert accounts.authenticate("amina", PASSWORD) is not None
    token_id = accounts.tokens("amina")[0].id
    assert raw not in run_cli(home, "tokens", "list").stdout

    assert run_cli(home, "tokens", "revoke", str(token_id)).returncode == 0
    assert accounts.token_user(raw) is None
    again = run_cli(home, "tokens", "revoke", str(token_id))
    assert again.returncode == 1 and "no token" in again.stderr
    assert [e["event"] for e in store.custody_events()] == ["user-added"]
    store.close()


def test_serve_refuses_a_non_loopback_address_and_says_why(tmp_path):
    refused = run_cli(tmp_path / "home", "serve", "--host", "0.0.0.0")
    assert refused.returncode == 2
    message = " ".join(refused.stderr.split())
    assert "refusing to listen on 0.0.0.0" in message and "--allow-remote" in message and "TLS" in message


def test_web_commands_have_help(tmp_path):
    for command in (["serve"], ["users", "add"], ["tokens", "create"]):
        shown = run_cli(tmp_path / "home", *command, "--help")
        assert shown.returncode == 0 and "Usage" in shown.stdout


def test_serve_serves_the_login_page_on_loopback(tmp_path):
    port = free_port()
    env = dict(os.environ, TESTIMONIUM_HOME=str(tmp_path / "home"))
    env.pop("TESTIMONIUM_DB", None)
    server = subprocess.Popen([sys.executable, "-m", "testimonium", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert response.status_code == 200 and "Sign in" in response.text
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 303
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert "no accounts yet" in err
    assert "GET /login" not in out + err  # no access log: request lines may carry witness data
