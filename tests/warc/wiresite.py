"""A fixture newspaper served the way real sites send pages: gzip, chunked listings, a redirect, a 404, ETags.

The pages are :class:`tests.e2e.sitegen.FixtureSite`'s; this server answers
HTML with ``Content-Encoding: gzip`` when the client accepts it, sends listing
pages with ``Transfer-Encoding: chunked``, redirects each path of
``redirects`` (301), answers a missing file with 404 and a matching
``If-None-Match`` with 304. It logs each path it answered, with the status.
``delay`` slows every article page down (for killing a crawl half-way).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from tests.e2e.sitegen import FixtureSite, story

TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".json": "application/json"}


@dataclass
class Wire:
    """What the server serves and what it saw."""

    root: Path
    redirects: dict[str, str] = field(default_factory=dict)  # path -> path it moved to
    delay: float = 0.0  # seconds before each article page is answered
    seen: list[tuple[str, int]] = field(default_factory=list)  # (path, status) answered


class WireHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wire: Wire

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?")[0]
        if path in self.wire.redirects:
            return self._send(301, b"", {"Location": self.wire.redirects[path]}, path)
        file = self.wire.root / path.lstrip("/")
        if not file.is_file():
            return self._send(404, b"<html><body>not found</body></html>",
                              {"Content-Type": "text/html; charset=utf-8"}, path)
        if self.wire.delay and path.startswith("/news/"):
            time.sleep(self.wire.delay)
        body = file.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {"Content-Type": TYPES.get(file.suffix, "application/octet-stream"), "ETag": etag}
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", {"ETag": etag}, path)
        if file.suffix == ".html" and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
        chunked = path == "/" or path.endswith("index.html") or "/list_" in path
        self._send(200, body, headers, path, chunked=chunked)

    def _send(self, status: int, body: bytes, headers: dict, path: str, chunked: bool = False) -> None:
        self.wire.seen.append((path, status))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(body), 700):
                piece = body[start:start + 700]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet
        pass


class QuietServer(ThreadingHTTPServer):
    """A threading server that says nothing when a client goes away mid-request (a killed crawl)."""

    def handle_error(self, request, client_address) -> None:
        pass


@contextmanager
def serve_wire(wire: Wire) -> Iterator[str]:
    """Serve ``wire`` on 127.0.0.1; yield its base URL (ending in /)."""
    handler = type("Handler", (WireHandler,), {"wire": wire})
    server = QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def fixture_site(root: Path, articles: int = 6, bylines: tuple[int, ...] = ()) -> FixtureSite:
    """Write a fixture paper of ``articles`` stories (story n's page is news/2024/05/100n.html).

    The stories numbered in ``bylines`` end with a ``<p class="byline">`` naming
    a correspondent, which a profile selector can make the author.
    """
    site = FixtureSite(root)
    for n in range(1, articles + 1):
        raw = f'<p class="byline">通讯员 李{n}</p>' if n in bylines else None
        site.add_article(f"第{n}号新闻：城市更新项目稳步推进", story(n), raw_body=raw)
    site.write()
    return site
