"""A local stand-in for East Money's 快讯 list endpoint, as public code shows it today (tests/sites/eastmoney).

It answers ``/comm/web/getFastNewsList?client=web&biz=web_724&fastColumn=<N>&sortEnd=<cursor>&pageSize=<n>``
on 127.0.0.1 with ``{"code": "1", "data": {"fastNewsList": [...]}}``: the
records of ``column<N>.json`` (the real field names: ``code``, ``title``,
``summary`` "【标题】正文", ``showTime``, ``realSort``, ``stockList`` …), newest
first, those older than ``sortEnd`` (a ``realSort``) when it is given, at most
:data:`PAGE_CAP` a page whatever ``pageSize`` asks (so that a few records make
several pages). Without the ``Referer`` of kuaixun.eastmoney.com it answers
403, as the public readers' headers suggest. Every request but robots.txt's is
logged with its ``Referer`` in :attr:`StandIn.requests`.
"""

from __future__ import annotations

import json
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

DATA = Path(__file__).resolve().parents[1] / "sites" / "eastmoney"
PUBLIC = "https://np-weblist.eastmoney.com/"
REFERER = "https://kuaixun.eastmoney.com/"
PAGE_CAP = 3
_NUMBER = re.compile(r"\d{1,20}")


def page_of(root: Path, query: dict[str, list[str]]) -> dict | None:
    """Return the response to a list request, or None for a 404."""
    def arg(name: str) -> str:
        return (query.get(name) or [""])[0]

    column, cursor, size = arg("fastColumn"), arg("sortEnd"), arg("pageSize") or "20"
    if not _NUMBER.fullmatch(column) or not _NUMBER.fullmatch(size) or (cursor and not _NUMBER.fullmatch(cursor)):
        return None
    path = root / f"column{column}.json"
    if not path.is_file():
        return None
    records = json.loads(path.read_text(encoding="utf-8"))["records"]
    if cursor:
        records = [r for r in records if int(r["realSort"]) < int(cursor)]
    shown = records[:min(int(size), PAGE_CAP)]
    return {"code": "1", "message": "success",
            "data": {"fastNewsList": shown, "index": 1, "size": len(shown), "total": len(records)}}


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        referer = self.headers.get("Referer")
        if parts.path == "/robots.txt":  # none: every path may be crawled
            return self._send(HTTPStatus.NOT_FOUND, b"")
        self.server.requests.append((self.path, referer))
        if not (referer or "").startswith(REFERER):
            return self._send(HTTPStatus.FORBIDDEN, b"")
        answer = page_of(self.server.root, parse_qs(parts.query)) if parts.path == "/comm/web/getFastNewsList" else None
        if answer is None:
            return self._send(HTTPStatus.NOT_FOUND, b"")
        self._send(HTTPStatus.OK, json.dumps(answer, ensure_ascii=False).encode("utf-8"))

    def _send(self, status: HTTPStatus, body: bytes) -> None:
        self.send_response(status)
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
        self.requests: list[tuple[str, str | None]] = []


@dataclass
class StandIn:
    """A running stand-in: its URL, its data folder and the requests it answered (path, Referer)."""

    base_url: str
    root: Path
    requests: list[tuple[str, str | None]] = field(default_factory=list)

    @property
    def mirror_args(self) -> list[str]:
        """Return the ``--mirror`` option that sends the public list host here."""
        return ["--mirror", f"{PUBLIC}={self.base_url}"]

    def cursors(self, column: int) -> list[str]:
        """Return the sortEnd of each list request of ``column``, in order ("" for the first page)."""
        out = []
        for path, _ in self.requests:
            query = parse_qs(urlsplit(path).query, keep_blank_values=True)
            if query.get("fastColumn") == [str(column)]:
                out.append(query.get("sortEnd", [""])[0])
        return out


def copy_data(dest: Path) -> Path:
    """Copy the stand-in's records to ``dest`` (so a test may change them) and return it."""
    shutil.copytree(DATA, dest)
    return dest


def records(root: Path, column: int) -> list[dict]:
    """Return the records of one column, newest first."""
    return json.loads((root / f"column{column}.json").read_text(encoding="utf-8"))["records"]


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
