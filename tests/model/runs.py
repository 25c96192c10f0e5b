"""Run the ``newscrawl`` command on a generated site: in one process, or as a writer and a worker on Redis.

Every run has a hard timeout. A run still going when it passes is killed
(its whole process group: the crawl, its pool, a worker) and comes back with
``status`` None: it did not end by itself, which is a finding, not a hung test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from tests.model.site import ARTICLE_MAXSIZE

REPO = Path(__file__).resolve().parents[2]
#: Settings of every crawl: no throttling, short timeouts, the model's article size limit.
CRAWL_SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_TIMEOUT": "10",
                  "CONCURRENT_REQUESTS_PER_DOMAIN": "8", "NEWSCRAWL_ARTICLE_MAXSIZE": str(ARTICLE_MAXSIZE)}
#: On Redis: quick to stop once idle, quick to notice a dead process.
REDIS_SETTINGS = {"NEWSCRAWL_REDIS_IDLE": "2", "NEWSCRAWL_REDIS_LOST": "3"}
#: The writer takes few requests at once, so that the worker gets its share of a small site.
WRITER_SETTINGS = {"CONCURRENT_REQUESTS": "2"}


@dataclass
class Run:
    """One crawl: exit status (None: killed at the timeout), stderr, summary, and a worker's when there is one."""

    status: int | None
    stderr: str
    summary: dict
    seconds: float
    worker: bool = False  # a worker took part (on Redis)
    worker_status: int | None = None
    worker_stderr: str = ""
    worker_summary: dict = field(default_factory=dict)

    @property
    def ended(self) -> bool:
        """Return True when every process of the run stopped by itself."""
        return self.status is not None and (self.worker_status is not None or not self.worker)


def _settings(values: dict[str, str]) -> list[str]:
    return [arg for name, value in values.items() for arg in ("-s", f"{name}={value}")]


def _mirror(base_url: str | None) -> dict[str, str]:
    """Return the setting that fetches the profile's base_url from ``base_url`` (none: no mirror)."""
    return {"NEWSCRAWL_BASE_URL_OVERRIDE": base_url} if base_url else {}


def _start(args: list[str], log: Path) -> tuple[subprocess.Popen, object]:
    """Start ``python -m newscrawl ARGS`` in its own process group, stderr to ``log``."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    err = open(log, "w+b")
    process = subprocess.Popen([sys.executable, "-m", "newscrawl", *args], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
    return process, err


def _finish(process: subprocess.Popen, err, deadline: float, before_kill=None) -> tuple[int | None, str]:
    """Wait for ``process`` until ``deadline``; kill its group past it. Return (status or None, stderr).

    ``before_kill`` returns a line added to the stderr of a run that did not end (what it still held).
    """
    try:
        status = process.wait(timeout=max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        if before_kill is not None:
            err.write(f"\n{before_kill()}\n".encode())
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        status = None
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    err.close()
    return status, text


def _summary(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def crawl_local(slug: str, profiles: Path, out: Path, base_url: str | None, timeout: float, tag: str,
                settings: dict[str, str] | None = None) -> Run:
    """Crawl ``slug`` into ``out`` in one process; ``tag`` names the summary and log files beside ``out``.

    ``base_url``: where the profile's base_url is fetched from (None: from itself); ``settings`` add
    to (or replace) CRAWL_SETTINGS.
    """
    summary, log = out.parent / f"{tag}.json", out.parent / f"{tag}.log"
    args = ["crawl", slug, "--profiles-dir", str(profiles), "--out", str(out), "--summary", str(summary),
            *_settings({**CRAWL_SETTINGS, **(settings or {}), **_mirror(base_url)})]
    started = time.monotonic()
    process, err = _start(args, log)
    status, stderr = _finish(process, err, started + timeout)
    return Run(status, stderr, _summary(summary), time.monotonic() - started)


def crawl_redis(slug: str, profiles: Path, out: Path, base_url: str | None, timeout: float, tag: str,
                redis_url: str, key: str, settings: dict[str, str] | None = None) -> Run:
    """Crawl ``slug`` into ``out`` as a writer on ``redis_url`` with one worker, under the key prefix ``key``."""
    summary, log = out.parent / f"{tag}.json", out.parent / f"{tag}.log"
    worker_summary, worker_log = out.parent / f"{tag}-worker.json", out.parent / f"{tag}-worker.log"
    shared = {**CRAWL_SETTINGS, **(settings or {}), **REDIS_SETTINGS, "NEWSCRAWL_REDIS_KEY": key}
    started = time.monotonic()
    worker, worker_err = _start(["worker", "--redis", redis_url, "--summary", str(worker_summary),
                                 *_settings({**shared, "NEWSCRAWL_REDIS_IDLE": "30"})], worker_log)
    time.sleep(1)  # the worker is up and waiting for the writer's run, as a worker started by cron would be
    writer, err = _start(["crawl", slug, "--profiles-dir", str(profiles), "--out", str(out), "--redis", redis_url,
                          "--summary", str(summary),
                          *_settings({**shared, **WRITER_SETTINGS, **_mirror(base_url)})], log)
    status, stderr = _finish(writer, err, started + timeout, lambda: on_loan(redis_url, key))
    # The worker stops by itself once the writer's run is over (or at once if the writer was killed).
    worker_status, worker_stderr = _finish(worker, worker_err, time.monotonic() + (45 if status is not None else 1))
    return Run(status, stderr, _summary(summary), time.monotonic() - started,
               True, worker_status, worker_stderr, _summary(worker_summary))


def on_loan(redis_url: str, key: str) -> str:
    """Return a line naming the URLs the crawl under ``key`` has on loan, queued and unsettled."""
    import redis

    from newscrawl.distributed.keys import RedisKeys

    keys = RedisKeys(key)
    client = redis.Redis.from_url(redis_url)
    try:
        consumers = [raw.decode() for raw in client.smembers(keys.consumers)]
        loans = [value for c in consumers for value in client.hvals(keys.inflight(c))]
        queued = client.zcard(keys.requests)
        urls = sorted({url for value in loans for url in re.findall(rb"https?://[\x21-\x7e]+?(?=[\x00-\x20\x7f-\xff]|$)",
                                                                    value)})
    except redis.RedisError as exc:
        return f"on loan at the timeout: unknown ({exc})"
    finally:
        client.close()
    pages = [u.decode("latin-1") for u in urls if urlsplit(u.decode("latin-1")).path not in ("", "/")]  # not a mirror's base
    shown = ", ".join(pages[:6])
    return f"on loan at the timeout: {len(loans)} requests ({shown}); {queued} queued"


def clear_keys(redis_url: str, key: str) -> None:
    """Delete every key of the crawl under ``key`` (a killed run leaves its run in Redis)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        for name in client.scan_iter(match=f"{key}:*", count=1000):
            client.delete(name)
    finally:
        client.close()


def free_port() -> int:
    """Return a TCP port nobody listens on (now) on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def redis_server() -> Iterator[str]:
    """Start a redis-server of our own on 127.0.0.1 (no persistence); yield its ``redis://`` URL (db 0)."""
    import redis

    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    folder = tempfile.mkdtemp(prefix="modelcheck-redis-")
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", folder],
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
            raise RuntimeError(f"redis-server did not answer on port {port}")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
