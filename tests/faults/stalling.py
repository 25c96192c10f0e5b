"""A newspaper on 127.0.0.1 whose article pages hang, and crawls run as child processes to stop with signals.

``/sitemap.xml`` lists ``/a/<n>.html`` for each article; the server reads an
article request and then holds its answer until :attr:`StallServer.release`
is set (for ever, if the test never sets it): a server that accepts and never
answers (``held`` names the articles held; by default all). ``asked`` is set
once a held article's request has arrived, so a test knows the crawl is
waiting on it. ``delay`` answers each article that many seconds late instead
(a slow site that still makes progress).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from tests.localsite import article_html, serving

REPO = Path(__file__).resolve().parents[2]
HOLD_LIMIT = 600  # seconds a held answer waits at most (the test ends long before)


class _Handler(BaseHTTPRequestHandler):
    server: "StallServer"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt":
            self._send(200, "text/plain", b"User-agent: *\nAllow: /\n")
        elif path == "/sitemap.xml":
            self._send(200, "application/xml", self.server.sitemap())
        elif path.startswith("/a/"):
            name = path.removeprefix("/a/").removesuffix(".html")
            if self.server.delay:
                time.sleep(self.server.delay)
            elif self.server.held is None or name in self.server.held:
                self.server.asked.set()
                self.server.release.wait(HOLD_LIMIT)
            self._send(200, "text/html; charset=utf-8",
                       article_html(f"停滞测试稿件 {name}：全市重点工作推进会召开").encode("utf-8"))
        else:
            self._send(404, "text/plain", b"no such page")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawl gave up on the answer: that is the point

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
        pass


class StallServer(ThreadingHTTPServer):
    """The stalling site: ``articles`` pages listed in a sitemap."""

    daemon_threads = True

    def __init__(self, articles: int = 1, delay: float = 0.0, held: set[str] | None = None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}/"
        self.articles = articles
        self.delay = delay
        self.held = held  # names of the articles whose answer is held (None: all)
        self.asked = threading.Event()
        self.release = threading.Event()

    @property
    def sitemap_url(self) -> str:
        """Return the URL of the sitemap that lists every article."""
        return f"{self.base_url}sitemap.xml"

    def article_urls(self) -> list[str]:
        """Return every article's URL."""
        return [f"{self.base_url}a/{n}.html" for n in range(self.articles)]

    def sitemap(self) -> bytes:
        entries = "".join(f"<url><loc>{url}</loc></url>" for url in self.article_urls())
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"{entries}</urlset>").encode("utf-8")


@contextmanager
def stall_site(articles: int = 1, delay: float = 0.0, held: set[str] | None = None) -> Iterator[StallServer]:
    """Serve the stalling site while the block runs; held answers are let go at the end."""
    server = StallServer(articles, delay, held)
    try:
        with serving(server):
            yield server
    finally:
        server.release.set()


def start(*args: str, scrapy: bool = False) -> subprocess.Popen:
    """Start ``python -m newscrawl ARGS`` (or ``python -m scrapy ARGS``) in the repository.

    Its stderr goes to a temporary file (``child.stderr_file``): a pipe nobody
    reads would stop a crawl that logs much once it is full.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    stderr = tempfile.TemporaryFile()
    child = subprocess.Popen([sys.executable, "-m", "scrapy" if scrapy else "newscrawl", *args], cwd=REPO, env=env,
                             stdout=subprocess.DEVNULL, stderr=stderr)
    child.stderr_file = stderr
    return child


def stop_with(child: subprocess.Popen, *signals: signal.Signals, pause: float = 0.5,
              timeout: float = 60) -> tuple[int, float, str]:
    """Send ``signals`` to ``child``, ``pause`` s apart; return its status, the seconds from the first to its end
    and its stderr."""
    started = time.monotonic()
    for n, sig in enumerate(signals):
        if n:
            time.sleep(pause)
        child.send_signal(sig)
    try:
        child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise AssertionError(f"the crawl did not end {timeout} s after {signals[0].name}:\n"
                             f"{stderr_of(child)[-3000:]}") from None
    return child.returncode, time.monotonic() - started, stderr_of(child)


def stderr_of(child: subprocess.Popen) -> str:
    """Return what ``child`` wrote to stderr so far (the last 100 KB)."""
    child.stderr_file.seek(0)
    return child.stderr_file.read().decode("utf-8", "replace")[-100_000:]


def helpers_of(pid: int) -> list[int]:
    """Return the pids of the processes the fork server started for ``pid``, oldest first (Linux /proc).

    The crawl's children are the fork server (and multiprocessing's resource
    tracker); the extracting and writing processes are the fork server's.
    """
    return sorted({grandchild for child in _children(pid) for grandchild in _children(child)}, key=_started)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _started(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return 0
