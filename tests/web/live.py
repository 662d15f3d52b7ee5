"""A real uvicorn server on a free loopback port, in a background thread, over a fresh store."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from testimonium.settings import Settings
from testimonium.store import Store
from testimonium.web import WebOptions, create_app


@dataclass
class LiveServer:
    url: str
    store: Store
    app: object
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
        self.store.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(home: Path) -> LiveServer:
    store = Store.open(home, f"sqlite:///{home / 'live.db'}")
    app = create_app(Settings(home=home), WebOptions(), store=store)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, access_log=False, log_level="warning"))
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    return LiveServer(f"http://127.0.0.1:{port}", store, app, server, thread)
