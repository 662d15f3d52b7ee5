"""Accounts: users with roles, sign-in sessions, API tokens and failed sign-in throttling.

    accounts = Accounts(store)
    accounts.add_user("amina", password, "editor")
    user = accounts.authenticate("amina", password)        # None when wrong
    raw_id, session = accounts.start_session(user)          # raw_id goes in the cookie only
    accounts.session(raw_id)                                # None once idle or too old

Passwords are argon2 hashes. Session ids and API tokens are random, handed out once and stored
only as SHA-256 hashes, so reading the database does not let anyone act as a user. Throttling
state lives in the database so that every server process sees the same failures.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, or_, select, update

from testimonium.store import Store
from testimonium.store.database import begin_write
from testimonium.store.schema import api_tokens, login_attempts, sessions, users

__all__ = [
    "ROLES", "Accounts", "AccountError", "ApiToken", "Session", "SessionPolicy", "ThrottlePolicy", "User",
    "role_allows",
]

ROLES = ("viewer", "editor", "admin")
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 10
# argon2 takes any length; a bound keeps one request from costing minutes of hashing.
MAX_PASSWORD = 1024
TOKEN_PREFIX = "tm_"
# Writing "still here" on every request would make every page view a database write.
TOUCH_INTERVAL = timedelta(seconds=60)
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class AccountError(ValueError):
    """A request the accounts cannot honour; the message is safe to show to the user."""


def role_allows(role: str, needed: str) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    created_at: str


@dataclass(frozen=True)
class Session:
    user: User
    id_hash: str
    csrf_token: str
    created_at: datetime


@dataclass(frozen=True)
class ApiToken:
    id: int
    user: str
    label: str | None
    created_at: str
    last_used: str | None


@dataclass(frozen=True)
class SessionPolicy:
    idle_timeout: timedelta = timedelta(minutes=30)
    lifetime: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class ThrottlePolicy:
    """After `user_failures` failed sign-ins for one name (or `address_failures` from one
    address) each further failure doubles the lockout, from `base_lockout` to `max_lockout`.
    A key with no failure for `forget_after` starts again from zero."""

    user_failures: int = 5
    address_failures: int = 20
    base_lockout: timedelta = timedelta(seconds=30)
    max_lockout: timedelta = timedelta(hours=1)
    forget_after: timedelta = timedelta(hours=24)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def _parse(stamp: str) -> datetime:
    return datetime.strptime(stamp, TIME_FORMAT).replace(tzinfo=UTC)


class Accounts:
    def __init__(
        self,
        store: Store,
        *,
        sessions_policy: SessionPolicy | None = None,
        throttle: ThrottlePolicy | None = None,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = store.engine
        self.policy = sessions_policy or SessionPolicy()
        self.throttle = throttle or ThrottlePolicy()
        self.hasher = hasher or PasswordHasher()
        self.clock = clock
        # Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
        self._dummy_hash = self.hasher.hash(secrets.token_urlsafe(16))

    # -- users ---------------------------------------------------------------------------------

    def add_user(self, name: str, password: str, role: str) -> User:
        name = self._check_name(name)
        self._check_role(role)
        self._check_password(password)
        with begin_write(self.engine) as conn:
            if conn.execute(select(users.c.id).where(func.lower(users.c.name) == name.lower())).first():
                raise AccountError(f"a user named {name!r} already exists")
            created = _stamp(self.clock())
            user_id = conn.execute(
                insert(users).values(name=name, role=role, password_hash=self.hasher.hash(password),
                                     created_at=created).returning(users.c.id)
            ).scalar_one()
        return User(user_id, name, role, created)

    def user(self, name: str) -> User | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        return User(row.id, row.name, row.role, row.created_at) if row else None

    def users(self) -> list[User]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(users).order_by(users.c.name)).all()
        return [User(row.id, row.name, row.role, row.created_at) for row in rows]

    def set_role(self, name: str, role: str) -> User:
        self._check_role(role)
        with begin_write(self.engine) as conn:
            user = self._existing(conn, name)
            if user.role == "admin" and role != "admin":
                self._keep_an_admin(conn, user)
            conn.execute(update(users).where(users.c.id == user.id).values(role=role))
            # A session carries the rights it was opened with in the user's mind: end them.
            conn.execute(delete(sessions).where(sessions.c.user_id == user.id))
        return User(user.id, user.name, role, user.created_at)

    def set_password(self, name: str, password: str) -> None:
        self._check_password(password)
        with begin_write(self.engine) as conn:
            user = self._existing(conn, name)
            conn.execute(update(users).where(users.c.id == user.id).values(password_hash=self.hasher.hash(password)))
            conn.execute(delete(sessions).where(sessions.c.user_id == user.id))

    def remove_user(self, name: str) -> None:
        with begin_write(self.engine) as conn:
            user = self._existing(conn, name)
            if user.role == "admin":
                self._keep_an_admin(conn, user)
            conn.execute(delete(sessions).where(sessions.c.user_id == user.id))
            conn.execute(delete(api_tokens).where(api_tokens.c.user_id == user.id))
            conn.execute(delete(users).where(users.c.id == user.id))

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when name and password match; None otherwise, in about the same time."""
        if len(password) > MAX_PASSWORD:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        try:
            self.hasher.verify(row.password_hash if row else self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if row is None:
            return None
        if self.hasher.check_needs_rehash(row.password_hash):
            with begin_write(self.engine) as conn:
                conn.execute(update(users).where(users.c.id == row.id).values(password_hash=self.hasher.hash(password)))
        return User(row.id, row.name, row.role, row.created_at)

    # -- sessions ------------------------------------------------------------------------------

    def start_session(self, user: User) -> tuple[str, Session]:
        """A new session (never a reused id); returns the raw id for the cookie."""
        raw = secrets.token_urlsafe(32)
        now = self.clock()
        session = Session(user, _hash(raw), secrets.token_urlsafe(32), now)
        with begin_write(self.engine) as conn:
            self._forget_expired_sessions(conn, now)
            conn.execute(insert(sessions).values(
                id_hash=session.id_hash, user_id=user.id, csrf_token=session.csrf_token,
                created_at=_stamp(now), last_seen=_stamp(now),
            ))
        return raw, session

    def session(self, raw: str) -> Session | None:
        """The live session for a cookie value; None when unknown, idle too long or too old."""
        if not raw or len(raw) > 128:
            return None
        id_hash = _hash(raw)
        query = (
            select(sessions, users.c.name, users.c.role, users.c.created_at.label("user_created"))
            .join(users, users.c.id == sessions.c.user_id)
            .where(sessions.c.id_hash == id_hash)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        now = self.clock()
        created, last_seen = _parse(row.created_at), _parse(row.last_seen)
        if now - last_seen > self.policy.idle_timeout or now - created > self.policy.lifetime:
            self.end_session(raw)
            return None
        if now - last_seen > TOUCH_INTERVAL:
            with begin_write(self.engine) as conn:
                conn.execute(update(sessions).where(sessions.c.id_hash == id_hash).values(last_seen=_stamp(now)))
        user = User(row.user_id, row.name, row.role, row.user_created)
        return Session(user, id_hash, row.csrf_token, created)

    def end_session(self, raw: str) -> None:
        with begin_write(self.engine) as conn:
            conn.execute(delete(sessions).where(sessions.c.id_hash == _hash(raw)))

    def _forget_expired_sessions(self, conn, now: datetime) -> None:
        conn.execute(delete(sessions).where(or_(
            sessions.c.last_seen < _stamp(now - self.policy.idle_timeout),
            sessions.c.created_at < _stamp(now - self.policy.lifetime),
        )))

    # -- API tokens ----------------------------------------------------------------------------

    def create_token(self, name: str, label: str | None = None) -> tuple[ApiToken, str]:
        """A new token for the user; the raw value is returned here and never again."""
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        created = _stamp(self.clock())
        with begin_write(self.engine) as conn:
            user = self._existing(conn, name)
            token_id = conn.execute(
                insert(api_tokens).values(user_id=user.id, token_hash=_hash(raw), label=label or None,
                                          created_at=created).returning(api_tokens.c.id)
            ).scalar_one()
        return ApiToken(token_id, user.name, label or None, created, None), raw

    def tokens(self, name: str | None = None) -> list[ApiToken]:
        query = (
            select(api_tokens, users.c.name)
            .join(users, users.c.id == api_tokens.c.user_id)
            .order_by(api_tokens.c.id)
        )
        if name is not None:
            query = query.where(users.c.name == name)
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [ApiToken(row.id, row.name, row.label, row.created_at, row.last_used) for row in rows]

    def revoke_token(self, token_id: int, *, owner: str | None = None) -> bool:
        """Delete a token (only the owner's, when `owner` is given); False when there was none."""
        condition = api_tokens.c.id == token_id
        if owner is not None:
            condition &= api_tokens.c.user_id.in_(select(users.c.id).where(users.c.name == owner))
        with begin_write(self.engine) as conn:
            return conn.execute(delete(api_tokens).where(condition)).rowcount > 0

    def token_user(self, raw: str) -> User | None:
        if not raw.startswith(TOKEN_PREFIX) or len(raw) > 128:
            return None
        token_hash = _hash(raw)
        query = (
            select(users, api_tokens.c.id.label("token_id"), api_tokens.c.last_used)
            .join(api_tokens, api_tokens.c.user_id == users.c.id)
            .where(api_tokens.c.token_hash == token_hash)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        now = self.clock()
        if row.last_used is None or now - _parse(row.last_used) > TOUCH_INTERVAL:
            with begin_write(self.engine) as conn:
                conn.execute(update(api_tokens).where(api_tokens.c.id == row.token_id).values(last_used=_stamp(now)))
        return User(row.id, row.name, row.role, row.created_at)

    # -- throttling ----------------------------------------------------------------------------

    @staticmethod
    def throttle_keys(name: str, address: str | None) -> list[str]:
        keys = [f"user:{name.strip().lower()[:150]}"]
        if address:
            keys.append(f"address:{address[:150]}")
        return keys

    def locked_for(self, keys: list[str]) -> timedelta | None:
        """How much longer sign-in stays refused for any of these keys; None when allowed."""
        now = self.clock()
        with self.engine.connect() as conn:
            stamps = conn.execute(
                select(login_attempts.c.locked_until).where(login_attempts.c.key.in_(keys))
            ).scalars().all()
        waits = [_parse(stamp) - now for stamp in stamps if stamp and _parse(stamp) > now]
        return max(waits) if waits else None

    def record_failure(self, keys: list[str]) -> None:
        now = self.clock()
        with begin_write(self.engine) as conn:
            for key in keys:
                row = conn.execute(select(login_attempts).where(login_attempts.c.key == key)).first()
                failures = 1
                if row and now - _parse(row.last_failure) <= self.throttle.forget_after:
                    failures = row.failures + 1
                threshold = self.throttle.address_failures if key.startswith("address:") else self.throttle.user_failures
                locked_until = None
                if failures >= threshold:
                    lockout = min(self.throttle.base_lockout * 2 ** (failures - threshold), self.throttle.max_lockout)
                    locked_until = _stamp(now + lockout)
                values = {"failures": failures, "last_failure": _stamp(now), "locked_until": locked_until}
                if row:
                    conn.execute(update(login_attempts).where(login_attempts.c.key == key).values(**values))
                else:
                    conn.execute(insert(login_attempts).values(key=key, **values))

    def record_success(self, name: str) -> None:
        """Forget the name's failures; an address's stay, so one good account cannot reset the
        lockout of an address that is guessing other accounts."""
        with begin_write(self.engine) as conn:
            conn.execute(delete(login_attempts).where(login_attempts.c.key == self.throttle_keys(name, None)[0]))

    # -- checks --------------------------------------------------------------------------------

    @staticmethod
    def _check_name(name: str) -> str:
        name = name.strip()
        if not NAME_PATTERN.fullmatch(name):
            raise AccountError(
                "a user name is 1 to 64 letters, digits or . _ @ - and starts with a letter or digit"
            )
        return name

    @staticmethod
    def _check_role(role: str) -> None:
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}, not {role!r}")

    @staticmethod
    def _check_password(password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
        if len(password) > MAX_PASSWORD:
            raise AccountError(f"a password has at most {MAX_PASSWORD} characters")

    @staticmethod
    def _existing(conn, name: str) -> User:
        row = conn.execute(select(users).where(users.c.name == name)).first()
        if row is None:
            raise AccountError(f"no user named {name!r}")
        return User(row.id, row.name, row.role, row.created_at)

    @staticmethod
    def _keep_an_admin(conn, user: User) -> None:
        admins = conn.execute(select(func.count()).select_from(users).where(users.c.role == "admin")).scalar_one()
        if admins <= 1:
            raise AccountError(f"{user.name} is the only admin; make someone else admin first")
