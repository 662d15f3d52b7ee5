"""Parse in a forked child, so a hostile file costs at most a timeout and a memory cap.

The child inherits the bytes through fork (nothing is copied in), runs the reader under an
address-space limit, and sends back a pickle of the Document or of the IngestError. The parent
reads the pipe against a wall-clock deadline, kills the child when it runs out, and always
reaps it. This contains runaway parsers; it is not a security sandbox (the child keeps the
parent's file access), and the parent trusts the pickle its own fork writes.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

from testimonium.ingest.core import read
from testimonium.ingest.errors import IngestError, ParseTimeout, TooLarge, human_size, shorten
from testimonium.ingest.limits import Limits
from testimonium.model import Document

T = TypeVar("T")

_EXIT_OUT_OF_MEMORY = 3
_CHUNK = 1 << 20


def read_isolated(
    data: bytes, filename: str | None = None, limits: Limits | None = None
) -> Document:
    """`read` in a child process limited to limits.parse_timeout and limits.max_memory."""
    limits = limits or Limits()
    document = run_isolated(
        _read_without_content,
        data,
        filename,
        limits,
        timeout=limits.parse_timeout,
        max_memory=limits.max_memory,
    )
    document.content = data
    return document


def run_isolated(func: Callable[..., T], *args: Any, timeout: float, max_memory: int) -> T:
    """func(*args) in a forked child; its result, or an IngestError explaining its failure.

    `max_memory` is address space the child may add to what it inherits at fork: a parent that
    has already loaded large libraries or models must not leave the child no room at all.
    """
    read_fd, write_fd = os.pipe()
    try:
        pid = os.fork()
    except OSError as err:
        os.close(read_fd)
        os.close(write_fd)
        raise IngestError(f"cannot start a parser process: {err.strerror}") from None
    if pid == 0:
        os.close(read_fd)
        _run_child(write_fd, func, args, max_memory)
    os.close(write_fd)
    reaped = False
    try:
        payload = _read_until(read_fd, time.monotonic() + timeout, timeout)
        _, status = os.waitpid(pid, 0)
        reaped = True
    finally:
        os.close(read_fd)
        if not reaped:
            _kill(pid)
    return _outcome(status, payload, max_memory)


def _read_without_content(data: bytes, filename: str | None, limits: Limits) -> Document:
    document = read(data, filename, limits)
    document.content = None  # the parent holds these bytes already; do not pipe them back
    return document


def _run_child(write_fd: int, func: Callable[..., Any], args: tuple, max_memory: int) -> None:
    code = 1
    try:
        _limit_memory(max_memory)
        try:
            outcome: tuple[str, Any] = ("ok", func(*args))
        except IngestError as err:
            outcome = ("error", err)
        except MemoryError:
            raise
        except Exception as err:  # carried to the parent as a reason, whatever its type
            outcome = ("error", IngestError(f"{type(err).__name__}: {shorten(err)}"))
        payload = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(payload)
        code = 0
    except MemoryError:
        code = _EXIT_OUT_OF_MEMORY
    finally:
        # Never return into the parent's stack (test runners, CLI) from a forked child.
        os._exit(code)


def _limit_memory(max_memory: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _address_space() + max_memory
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _address_space() -> int:
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def _read_until(fd: int, deadline: float, timeout: float) -> bytes:
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ParseTimeout(
                f"parsing took longer than {timeout:g} s (limit); the file may be hostile or "
                "too complex; raise TESTIMONIUM_PARSE_TIMEOUT to try again"
            )
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _outcome(status: int, payload: bytes, max_memory: int) -> Any:
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        raise IngestError(f"the parser crashed ({name}); the file may be malformed or hostile")
    code = os.WEXITSTATUS(status)
    if code == _EXIT_OUT_OF_MEMORY:
        raise TooLarge(
            f"parsing needed more than {human_size(max_memory)} of memory (limit); "
            "raise TESTIMONIUM_MAX_MEMORY to try again"
        )
    if code != 0:
        raise IngestError(f"the parser process failed (exit status {code})")
    kind, value = pickle.loads(payload)
    if kind == "error":
        raise value
    return value
