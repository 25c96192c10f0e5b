"""Fixtures for the distributed crawls: a redis-server of the tests' own on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest
import redis

from tests.helpers import need_tool

REDIS_SERVER = "redis-server"


def free_port() -> int:
    """Return a TCP port nobody listens on (now) on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory) -> Iterator[str]:
    """Start redis-server on a free port of 127.0.0.1 (no persistence); yield its URL prefix."""
    need_tool(REDIS_SERVER, ".ci/run installs Debian's redis-server")
    binary = shutil.which(REDIS_SERVER)
    port = free_port()
    folder: Path = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail(f"redis-server did not answer on port {port}")
        yield f"redis://127.0.0.1:{port}"
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture()
def redis_url(redis_server) -> Iterator[str]:
    """Yield the URL of an empty database of the tests' redis-server."""
    url = f"{redis_server}/0"
    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()
