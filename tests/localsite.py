"""A tiny site on 127.0.0.1 that answers from a dict of routes and records every raw request path."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

# A route answers the raw path (query included) with (status, content type, body).
Route = Callable[[str], "tuple[int, str, bytes] | None"]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.paths.append(self.path)
        answer = self.server.route(self.path)
        status, kind, body = answer if answer else (404, "text/plain", b"not found")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
        pass


@contextmanager
def serving(server: ThreadingHTTPServer) -> Iterator[ThreadingHTTPServer]:
    """Answer requests with ``server`` in a thread while the block runs; then shut it and its port."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def local_site(route: Route) -> Iterator[ThreadingHTTPServer]:
    """Serve ``route`` in a thread; the server has ``base_url`` and ``paths`` (raw, in order)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.route, server.paths = route, []
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    with serving(server):
        yield server


def html(text: str) -> tuple[int, str, bytes]:
    """Return a 200 answer of UTF-8 HTML."""
    return 200, "text/html; charset=utf-8", text.encode("utf-8")


def article_html(title: str, day: str = "2024-05-20 09:30", paragraphs: int = 3) -> str:
    """Return an article page the extractor reads: a headline, a date line and a body."""
    body = "".join(f"<p>第{i}段：{title}，内容足够长以便提取正文，这里再多写几个字。</p>" for i in range(paragraphs))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<h1>{title}</h1><div class="time">{day}</div><div class="content">{body}</div></body></html>')
