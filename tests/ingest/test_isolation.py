import os
import signal
import time

import pytest

from testimonium.ingest import IngestError, Limits, read, read_isolated
from testimonium.ingest.errors import NeedsOCR, ParseTimeout, TooLarge
from testimonium.ingest.isolation import run_isolated

from .builders import build_email
from .pdfs import build_pdf

MiB = 1024 * 1024


@pytest.fixture(autouse=True)
def no_children_left():
    yield
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # every child was reaped: no zombies


def _double(value):
    return value * 2


def _allocate_4_gib():
    return len(bytearray(4 * 1024**3))


def _fail():
    raise ValueError("the parser tripped over byte 1234")


def _killed():
    os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would


def test_result_comes_back():
    assert run_isolated(_double, 21, timeout=10, max_memory=512 * MiB) == 42


def test_slow_function_is_killed_at_the_deadline():
    started = time.monotonic()
    with pytest.raises(ParseTimeout) as caught:
        run_isolated(time.sleep, 30, timeout=0.3, max_memory=512 * MiB)
    assert time.monotonic() - started < 5
    assert str(caught.value).startswith("parsing took longer than 0.3 s (limit); ")


def test_memory_cap():
    with pytest.raises(TooLarge, match="more than 512 MiB of memory"):
        run_isolated(_allocate_4_gib, timeout=30, max_memory=512 * MiB)


def test_exception_message_is_carried():
    with pytest.raises(IngestError, match="ValueError: the parser tripped over byte 1234"):
        run_isolated(_fail, timeout=10, max_memory=512 * MiB)


def test_ingest_error_keeps_its_class_and_message():
    with pytest.raises(NeedsOCR, match="^PDF has no text layer"):
        read_isolated(build_pdf([[]]))


def test_death_by_signal():
    with pytest.raises(IngestError, match="SIGKILL"):
        run_isolated(_killed, timeout=10, max_memory=512 * MiB)


def test_read_isolated_matches_read():
    pdf = build_pdf([["A certificate issued to the second volunteer."]])
    data = build_email(
        "Statement attached.\n", attachments=[("certificate.pdf", "application/pdf", pdf)]
    ).as_bytes()
    limits = Limits(parse_timeout=30)
    isolated = read_isolated(data, "mail.eml", limits)
    direct = read(data, "mail.eml", limits)
    assert isolated == direct
    assert isolated.content == data
    assert isolated.attachments[0].content == pdf


def test_default_limits_are_used():
    assert read_isolated(b"Short note.\n").text == "Short note.\n"
