"""A local stand-in for the replaced system's media-news API (tests/sites/finews).

It answers the real request shapes on 127.0.0.1 — ``/web/webapi?type=45|102``,
``/information/newmarket/web/webapi?marketType=37|38|39`` and
``/NewsData/GetNewsText.do?id=<infoCode>`` — with the JSON files of a data
folder (our own records, the real field names). The three public hosts are
reached through ``--mirror``; :attr:`StandIn.mirror_args` gives the options.
Every request path+query is logged in :attr:`StandIn.requests`.
"""

from __future__ import annotations

import re
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

DATA = Path(__file__).resolve().parents[1] / "sites" / "finews"
PUBLIC_HOSTS = ("http://183.136.162.242/", "http://43.240.125.15:1818/", "http://finews.zning.xyz/")
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def route(path: str, query: dict[str, list[str]]) -> str | None:
    """Return the data file answering a request, or None for a 404."""
    def arg(name: str) -> str:
        value = (query.get(name) or [""])[0]
        return value if _TOKEN.fullmatch(value) else ""

    if path == "/web/webapi" and arg("type"):
        return f"type{arg('type')}.json"
    if path == "/information/newmarket/web/webapi" and arg("marketType"):
        return f"market{arg('marketType')}.json"
    if path == "/NewsData/GetNewsText.do" and arg("id"):
        return f"detail/{arg('id')}.json"
    return None


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        self.server.requests.append(self.path)
        name = route(parts.path, parse_qs(parts.query))
        target = self.server.root / name if name else None
        if target is None or not target.is_file():
            self.send_response(HTTPStatus.NOT_FOUND)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = target.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.root = root
        self.requests: list[str] = []


@dataclass
class StandIn:
    """A running stand-in: its URL, its data folder and the requests it answered."""

    base_url: str
    root: Path
    requests: list[str] = field(default_factory=list)

    @property
    def mirror_args(self) -> list[str]:
        """Return the ``--mirror`` options that send the three public hosts here."""
        return [arg for host in PUBLIC_HOSTS for arg in ("--mirror", f"{host}={self.base_url}")]


def copy_data(dest: Path) -> Path:
    """Copy the stand-in's records to ``dest`` (so a test may change them) and return it."""
    shutil.copytree(DATA, dest)
    return dest


@contextmanager
def serve_standin(root: Path) -> Iterator[StandIn]:
    """Serve the records under ``root`` on 127.0.0.1 while the block runs."""
    server = _Server(root)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield StandIn(f"http://127.0.0.1:{server.server_address[1]}/", root, server.requests)
    finally:
        server.shutdown()
        server.server_close()
