"""A newspaper on 127.0.0.1 whose article pages misbehave the ways real servers do.

``/index.html`` lists every article of :data:`FAULTS`; each answers with its
fault (``/a/<name>.html``). Transient faults (a 500 twice, a 429 with
``Retry-After``, a reset connection, one slow answer) then serve the article;
permanent ones keep failing. The server counts the requests of each path, so a
test can tell "retried and recovered" from "never asked again".

``EXPECTED`` says how a crawl must account for each article: ``created`` (a
post), ``dropped`` or ``failed`` (a summary entry whose reason contains the
given words).
"""

from __future__ import annotations

import html
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator

from tests.localsite import serving

MB = 1024 * 1024
HUGE_PAGE = 50 * MB  # the "50 MB page"
BOMB_SIZE = 256 * MB  # what the gzip bomb inflates to (it travels as about 256 KB)
SLOW_SECONDS = 6.0  # longer than the DOWNLOAD_TIMEOUT the fault tests set


def article_page(name: str, day: str = "2024-05-20 09:30", extra_head: str = "") -> str:
    """Return an ordinary article page titled after the fault it stands for."""
    title = f"故障测试稿件 {name}：全市重点工作推进会召开"
    body = "".join(f"<p>第{i}段：{html.escape(name)} 这篇稿件用于检验抓取在故障下的表现，正文足够长以便提取。</p>"
                   for i in range(1, 4))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{extra_head}<title>{title}</title></head>'
            f'<body><h1>{title}</h1><div class="info"><span class="time">{day}</span> 来源：故障日报</div>'
            f'<div class="content">{body}</div></body></html>')


@dataclass
class Answer:
    """What the server does for one request."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0  # seconds to wait before answering
    reset: bool = False  # close the connection with a TCP reset instead of answering
    send: int | None = None  # send only this many body bytes (a truncated body) and close
    stream: int = 0  # send this many filler bytes after ``body`` (a huge page), in chunks
    length: bool = True  # send Content-Length (False: the body ends when the connection closes)


def ok(name: str, **page) -> Answer:
    """Return the article page of ``name``."""
    return Answer(body=article_page(name, **page).encode("utf-8"))


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """Return BOMB_SIZE zero bytes gzip-compressed (built once, in chunks)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip container
    chunk = bytes(MB)
    return b"".join([*(packer.compress(chunk) for _ in range(BOMB_SIZE // MB)), packer.flush()])


def _then_ok(first: Callable[[str], Answer], times: int) -> Callable[[str, int], Answer]:
    """Return a fault that answers ``first`` for the first ``times`` requests, then the article."""
    return lambda name, hit: first(name) if hit <= times else ok(name)


def _always(answer: Callable[[str], Answer]) -> Callable[[str, int], Answer]:
    return lambda name, hit: answer(name)


def _redirect(target: str) -> Answer:
    return Answer(status=302, headers={"Location": target, "Content-Length": "0"})


GBK_PAGE = ('<html><head><meta charset="gbk"><title>赣鄱大地春耕忙</title></head><body><h1>赣鄱大地春耕忙</h1>'
            '<div class="time">2024-05-20 08:00</div><div class="content"><p>眼下正是春耕时节，全省各地农民抢抓农时，'
            '田间地头一派繁忙景象。</p><p>农业部门组织技术人员深入一线，指导农民科学施肥、合理用药。</p></div>'
            '</body></html>')
BROKEN_PAGE = ('<html><head><title>残缺标记\x00的稿件：城区道路改造完工</title><body><h1>残缺标记的稿件：城区道路改造完工'
               '<div class="time">2024-05-20 10:00<div class=content><p>城区主干道改造工程日前全面完工，\x00通行能力提升三成'
               '<p>施工单位表示，工程采用夜间施工方式，尽量减少对市民出行的影响<b><i>。</b></i><p>下一步将开展绿化提升'
               '<table><tr><td>未闭合的表格')

#: name -> (fault, how the crawl must end: "created" or (kind, words the reason holds))
FAULTS: dict[str, tuple[Callable[[str, int], Answer], object]] = {
    "flaky-500": (_then_ok(lambda n: Answer(status=500, body=b"oops"), 2), "created"),
    "flaky-502": (_then_ok(lambda n: Answer(status=502, body=b"bad gateway"), 2), "created"),
    "flaky-503": (_then_ok(lambda n: Answer(status=503, body=b"busy"), 2), "created"),
    "rate-limited": (_then_ok(lambda n: Answer(status=429, body=b"slow down",
                                               headers={"Retry-After": "1", "Content-Type": "text/plain"}), 1),
                     "created"),
    "reset-once": (_then_ok(lambda n: Answer(reset=True), 1), "created"),
    "slow-once": (_then_ok(lambda n: Answer(delay=SLOW_SECONDS, body=b"late"), 1), "created"),
    "moved": (_always(lambda n: _redirect("/a/moved-here.html")), "created"),
    "meta-refresh-js": (_always(lambda n: ok(n, extra_head='<meta http-equiv="refresh" '
                                                          'content="0;url=javascript:alert(1)">')), "created"),
    "nul-broken": (_always(lambda n: Answer(body=BROKEN_PAGE.encode("utf-8"))), "created"),
    "gbk-as-utf8": (_always(lambda n: Answer(body=GBK_PAGE.encode("gbk"))), "created"),
    "server-error": (_always(lambda n: Answer(status=500, body=b"down")), ("failed", "HTTP 500")),
    "not-found": (_always(lambda n: Answer(status=404, body=b"gone")), ("failed", "HTTP 404")),
    "reset": (_always(lambda n: Answer(reset=True)), ("failed", "connection")),
    "slow": (_always(lambda n: Answer(delay=SLOW_SECONDS, body=b"late")), ("failed", "timed out")),
    "truncated": (_always(lambda n: Answer(body=ok(n).body, send=200)), ("failed", "truncated")),
    "redirect-loop": (_always(lambda n: _redirect("/a/redirect-loop-b.html")), ("failed", "redirect loop")),
    "off-host": (lambda n, hit: None, ("dropped", "off the profile's hosts")),  # answered by the server below
    "gzip-bomb": (_always(lambda n: Answer(body=gzip_bomb(), headers={
        "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"})), ("dropped", "larger than")),
    "huge": (_always(lambda n: Answer(body=b"<html><body><p>", stream=HUGE_PAGE)), ("dropped", "larger than")),
    "huge-unsized": (_always(lambda n: Answer(body=b"<html><body><p>", stream=HUGE_PAGE, length=False)),
                     ("dropped", "larger than")),
    "pdf": (_always(lambda n: Answer(body=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n",
                                     headers={"Content-Type": "application/pdf"})), ("dropped", "not an HTML page")),
    "image": (_always(lambda n: Answer(body=b"\x89PNG\r\n\x1a\n" + bytes(64), headers={"Content-Type": "image/png"})),
              ("dropped", "not an HTML page")),
    "empty": (_always(lambda n: Answer(body=b"")), ("dropped", "empty")),
    "year-0001": (_always(lambda n: ok(n, day="0001-01-01 08:00")), ("dropped", "date")),
    "year-9999": (_always(lambda n: ok(n, day="9999-12-31 23:59")), ("dropped", "date")),
    "far-future": (_always(lambda n: ok(n, day="2199-05-20 09:30")), ("dropped", "date")),
}
#: faults that need SLOW_SECONDS or more of waiting (left out of the fast subset)
SLOW_FAULTS = {"slow", "slow-once"}
#: faults whose post is under the URL they redirect to
FINAL_NAME = {"moved": "moved-here"}


class _Handler(BaseHTTPRequestHandler):
    server: "FaultServer"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        hit = self.server.count(path)
        try:
            self._send(self.server.answer(path, hit))
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler gave up on a huge page or a slow answer: that is the point

    def _send(self, answer: Answer) -> None:
        if answer.delay:
            time.sleep(answer.delay)
        if answer.reset:
            # SO_LINGER 0: close() sends RST rather than FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        self.send_response(answer.status)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if answer.length and "Content-Length" not in answer.headers:
            self.send_header("Content-Length", str(len(answer.body) + answer.stream))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(answer.body if answer.send is None else answer.body[:answer.send])
        filler = b"<p>" + "填充文字".encode("utf-8") * 4000 + b"</p>\n"
        left = answer.stream
        while left > 0:
            self.wfile.write(filler[:left])
            left -= len(filler)
        self.close_connection = True

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
        pass


class FaultServer(ThreadingHTTPServer):
    """The fault site; ``hits`` counts requests per path."""

    daemon_threads = True

    def __init__(self, faults: dict[str, tuple] | None = None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.faults = FAULTS if faults is None else faults
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = {}  # path -> monotonic time of each request
        self._lock = threading.Lock()
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}/"
        # another host name for the same server: a redirect there leaves the profile's hosts
        self.other_host = f"http://localhost:{self.server_address[1]}/"

    def count(self, path: str) -> int:
        """Count a request for ``path`` and return how many there have been."""
        with self._lock:
            self.hits[path] += 1
            self.times.setdefault(path, []).append(time.monotonic())
            return self.hits[path]

    def answer(self, path: str, hit: int) -> Answer:
        """Return what to send for ``path``, asked for the ``hit``-th time."""
        if path in ("/", "/index.html"):
            links = "".join(f'<li><a href="/a/{name}.html">{name}</a></li>' for name in self.faults)
            return Answer(body=f'<html><head><meta charset="utf-8"><title>故障日报</title></head><body>'
                               f'<ul>{links}</ul></body></html>'.encode("utf-8"))
        if path == "/robots.txt":
            return Answer(body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
        name = path.removeprefix("/a/").removesuffix(".html")
        if name == "off-host":
            return _redirect(f"{self.other_host}a/elsewhere.html")
        if name in ("moved-here", "elsewhere"):
            return ok(name)
        if name == "redirect-loop-b":
            return _redirect("/a/redirect-loop.html")
        fault = self.faults.get(name)
        if fault is None:
            return Answer(status=404, body=b"no such page")
        return fault[0](name, hit)


@contextmanager
def fault_site(faults: dict[str, tuple] | None = None) -> Iterator[FaultServer]:
    """Serve the fault site (all of :data:`FAULTS`, or ``faults``) while the block runs."""
    with serving(FaultServer(faults)) as server:
        yield server
