"""The accounts repository on SQLite and PostgreSQL: users, sessions, tokens, throttling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from testimonium.store import Store
from testimonium.store.accounts import AccountError, Accounts, SessionPolicy, ThrottlePolicy, role_allows
from testimonium.store.schema import api_tokens, sessions, users

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts(store: Store, clock: Clock) -> Accounts:
    # Cheap hashing parameters: the tests are about the rules, not argon2's cost.
    return Accounts(store, clock=clock, hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
                    sessions_policy=SessionPolicy(idle_timeout=timedelta(minutes=30), lifetime=timedelta(hours=8)))


def test_passwords_are_stored_as_argon2_hashes(accounts: Accounts, store: Store):
    accounts.add_user("amina", PASSWORD, "editor")
    with store.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.authenticate("amina", PASSWORD).role == "editor"
    assert accounts.authenticate("amina", PASSWORD + "x") is None
    assert accounts.authenticate("nobody", PASSWORD) is None


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("amina", "short", "viewer", "at least"),
    ("amina", PASSWORD, "owner", "role must be"),
    ("../etc", PASSWORD, "viewer", "user name"),
    ("", PASSWORD, "viewer", "user name"),
])
def test_bad_accounts_are_refused_with_a_reason(accounts: Accounts, name, password, role, message):
    with pytest.raises(AccountError, match=message):
        accounts.add_user(name, password, role)


def test_names_are_unique_ignoring_case(accounts: Accounts):
    accounts.add_user("Amina", PASSWORD, "viewer")
    with pytest.raises(AccountError, match="already exists"):
        accounts.add_user("amina", PASSWORD, "viewer")


def test_session_ids_are_random_and_stored_hashed(accounts: Accounts, store: Store):
    user = accounts.add_user("amina", PASSWORD, "viewer")
    first, session = accounts.start_session(user)
    second, _ = accounts.start_session(user)
    assert first != second and len(first) >= 40
    with store.engine.connect() as conn:
        stored = set(conn.execute(select(sessions.c.id_hash)).scalars())
    assert first not in stored and session.id_hash in stored
    assert accounts.session(first).user.name == "amina"
    assert accounts.session("forged") is None


def test_sessions_end_when_idle_or_too_old_or_ended(accounts: Accounts, clock: Clock):
    user = accounts.add_user("amina", PASSWORD, "viewer")
    idle, _ = accounts.start_session(user)
    clock.advance(minutes=31)
    assert accounts.session(idle) is None

    busy, _ = accounts.start_session(user)
    for _ in range(20):  # active every 25 minutes: never idle, but only for the lifetime
        clock.advance(minutes=25)
        if accounts.session(busy) is None:
            break
    assert clock.now - datetime(2026, 1, 1, 12, 31, tzinfo=UTC) <= timedelta(hours=8, minutes=25)
    assert accounts.session(busy) is None

    ended, _ = accounts.start_session(user)
    accounts.end_session(ended)
    assert accounts.session(ended) is None


def test_changing_role_or_password_ends_the_users_sessions(accounts: Accounts):
    accounts.add_user("root", PASSWORD, "admin")
    user = accounts.add_user("amina", PASSWORD, "viewer")
    raw, _ = accounts.start_session(user)
    accounts.set_role("amina", "editor")
    assert accounts.session(raw) is None
    raw, _ = accounts.start_session(accounts.user("amina"))
    accounts.set_password("amina", PASSWORD + "!")
    assert accounts.session(raw) is None
    assert accounts.authenticate("amina", PASSWORD + "!") is not None


def test_the_last_admin_cannot_be_removed_or_demoted(accounts: Accounts):
    accounts.add_user("root", PASSWORD, "admin")
    with pytest.raises(AccountError, match="only admin"):
        accounts.set_role("root", "viewer")
    with pytest.raises(AccountError, match="only admin"):
        accounts.remove_user("root")
    accounts.add_user("second", PASSWORD, "admin")
    accounts.remove_user("root")
    assert [u.name for u in accounts.users()] == ["second"]


def test_removing_a_user_removes_their_sessions_and_tokens(accounts: Accounts, store: Store):
    user = accounts.add_user("amina", PASSWORD, "viewer")
    raw_session, _ = accounts.start_session(user)
    _, raw_token = accounts.create_token("amina")
    accounts.remove_user("amina")
    assert accounts.session(raw_session) is None
    assert accounts.token_user(raw_token) is None
    with store.engine.connect() as conn:
        assert conn.execute(select(api_tokens)).all() == []


def test_api_tokens_are_shown_once_stored_hashed_and_revocable(accounts: Accounts, store: Store):
    accounts.add_user("amina", PASSWORD, "editor")
    accounts.add_user("omar", PASSWORD, "viewer")
    token, raw = accounts.create_token("amina", "laptop")
    assert accounts.token_user(raw).name == "amina"
    with store.engine.connect() as conn:
        assert raw not in set(conn.execute(select(api_tokens.c.token_hash)).scalars())
    assert [t.label for t in accounts.tokens("amina")] == ["laptop"]
    assert accounts.revoke_token(token.id, owner="omar") is False
    assert accounts.token_user(raw) is not None
    assert accounts.revoke_token(token.id, owner="amina") is True
    assert accounts.token_user(raw) is None
    assert accounts.token_user("tm_guess") is None


def test_failed_sign_ins_lock_a_name_out_for_longer_each_time(accounts: Accounts, clock: Clock):
    keys = Accounts.throttle_keys("Amina", "192.0.2.7")
    for _ in range(4):
        accounts.record_failure(keys)
    assert accounts.locked_for(keys) is None
    accounts.record_failure(keys)
    first = accounts.locked_for(keys)
    assert first == timedelta(seconds=30)
    clock.advance(seconds=31)
    assert accounts.locked_for(keys) is None
    accounts.record_failure(keys)
    assert accounts.locked_for(keys) == timedelta(seconds=60)
    # the same name from elsewhere is locked too; another name from elsewhere is not
    assert accounts.locked_for(Accounts.throttle_keys("amina", "198.51.100.1")) is not None
    assert accounts.locked_for(Accounts.throttle_keys("omar", "198.51.100.1")) is None


def test_an_address_guessing_many_names_is_locked_out(store: Store, clock: Clock):
    accounts = Accounts(store, clock=clock, throttle=ThrottlePolicy(user_failures=5, address_failures=8))
    for number in range(8):
        accounts.record_failure(Accounts.throttle_keys(f"user{number}", "192.0.2.7"))
    assert accounts.locked_for(Accounts.throttle_keys("someone-else", "192.0.2.7")) is not None
    assert accounts.locked_for(Accounts.throttle_keys("someone-else", "192.0.2.8")) is None


def test_success_forgets_the_names_failures_but_not_the_addresses(accounts: Accounts):
    keys = Accounts.throttle_keys("amina", "192.0.2.7")
    for _ in range(4):
        accounts.record_failure(keys)
    accounts.record_success("amina")
    accounts.record_failure(keys)
    assert accounts.locked_for(keys[:1]) is None


def test_roles_are_ordered():
    assert role_allows("admin", "editor") and role_allows("editor", "viewer")
    assert not role_allows("viewer", "editor") and not role_allows("editor", "admin")
