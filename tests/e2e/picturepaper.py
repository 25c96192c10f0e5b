"""A fixture newspaper whose pictures live on a second host that refuses a wrong ``Referer``.

Two servers on 127.0.0.1: the paper (a :class:`FixtureSite`, public name
``paper.example``) and its picture host (public name ``img.paper.example``),
which answers only requests whose ``Referer`` is a page of the paper, and
records every request it gets (path, Referer, User-Agent). The crawl reaches
both through mirrors, so posts and state keep the public names.

The pictures are real files made with Pillow; among them are SVG markup and
an HTML page served as ``image/jpeg``, a picture robots.txt forbids, one
that is missing (404) and one larger than the run's size cap.
"""

from __future__ import annotations

import io
import json
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from PIL import Image

from newscrawl.demo.server import serve
from tests.e2e.sitegen import PUBLIC_BASE, FixtureSite
from tests.helpers import run_cli
from tests.localsite import serving

IMAGE_BASE = "http://img.paper.example/"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
HTML = b"<!DOCTYPE html><html><body><script>alert(3)</script>not a picture</body></html>"
CAP = 60_000  # NEWSCRAWL_IMAGE_MAXSIZE for the crawls: big.png is over it
P = "这是一段足够长的正文内容，用来确保提取器把它当作文章的正文段落，而不是页面上的其他文字。"


def picture(kind: str, colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> bytes:
    """Return a real picture made with Pillow in format ``kind`` ("JPEG", "PNG", "GIF", "WEBP")."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


def noise_png(size: tuple[int, int]) -> bytes:
    """Return a PNG of random pixels (it does not compress: its size is about 3 bytes a pixel)."""
    data = random.Random(size[0]).randbytes(size[0] * size[1] * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, data).save(buffer, "PNG")
    return buffer.getvalue()


def default_pictures() -> dict[str, tuple[str, bytes]]:
    """Return the picture host's files: path -> (Content-Type, bytes)."""
    return {
        "photos/a.jpg": ("image/jpeg", picture("JPEG", (200, 30, 30))),
        "photos/b.png": ("image/png", picture("PNG", (30, 200, 30))),
        "photos/c.webp": ("image/webp", picture("WEBP", (30, 30, 200))),
        "photos/same-as-a.jpg": ("image/jpeg", picture("JPEG", (200, 30, 30))),
        "photos/svg.jpg": ("image/jpeg", SVG),
        "photos/page.jpg": ("image/jpeg", HTML),
        "photos/big.png": ("image/png", noise_png((160, 160))),
        "private/secret.jpg": ("image/jpeg", picture("JPEG", (9, 9, 9))),
    }


class _PictureHandler(BaseHTTPRequestHandler):
    server: "PictureHost"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.lstrip("/").split("?")[0]
        referer = self.headers.get("Referer") or ""
        self.server.requests.append((path, referer, self.headers.get("User-Agent") or ""))
        if path == "robots.txt":
            return self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        if not referer.startswith(self.server.referer_prefix):
            return self._send(403, "text/plain", b"hotlinking refused")
        if path in self.server.statuses:
            return self._send(self.server.statuses[path], "text/plain", b"try again later")
        kind, body = self.server.files.get(path, (None, None))
        if body is None:
            return self._send(404, "text/plain", b"not found")
        self._send(200, kind, body)

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002
        pass


class PictureHost(ThreadingHTTPServer):
    """The paper's picture host: serves ``files`` to requests referred by the paper, records them all."""

    daemon_threads = True

    def __init__(self, files: dict[str, tuple[str, bytes]], referer_prefix: str,
                 statuses: dict[str, int] | None = None):
        super().__init__(("127.0.0.1", 0), _PictureHandler)
        self.files = files
        self.statuses = statuses or {}  # paths answered with this status instead of their file
        self.referer_prefix = referer_prefix
        self.requests: list[tuple[str, str, str]] = []  # (path, Referer, User-Agent)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}/"

    def picture_requests(self) -> list[tuple[str, str, str]]:
        """Return the requests for pictures (robots.txt left out)."""
        return [r for r in self.requests if r[0] != "robots.txt"]


@contextmanager
def picture_host(files: dict[str, tuple[str, bytes]], statuses: dict[str, int] | None = None
                 ) -> Iterator[PictureHost]:
    """Serve ``files`` as the picture host in a thread while the block runs (``statuses``: paths that fail)."""
    with serving(PictureHost(files, PUBLIC_BASE, statuses)) as host:
        yield host


def figure(path: str, caption: str = "", attr: str = "src") -> str:
    """Return a ``<figure>`` of a picture on the host, with a ``<figcaption>`` when captioned."""
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img {attr}="{IMAGE_BASE}{path}" alt="配图">{cap}</figure>'


def captioned(path: str, caption: str) -> str:
    """Return a picture in its own centred paragraph with a caption line under it (图注)."""
    return (f'<p style="text-align:center"><img src="{IMAGE_BASE}{path}"></p>'
            f'<p style="text-align:center">{caption}</p>')


def paragraphs(n: int, word: str) -> list[str]:
    """Return ``n`` distinct paragraphs of article text."""
    return [f"<p>{word}第{i + 1}段。{P}</p>" for i in range(n)]


def body(*parts: str) -> str:
    """Return an article body: the parts in order."""
    return "\n".join(parts)


@dataclass
class PicturePaper:
    """The paper, its picture host's files, its profile folder and its archive."""

    site: FixtureSite
    files: dict[str, tuple[str, bytes]]
    profiles: Path
    out: Path
    tmp: Path
    runs: list[list[tuple[str, str, str]]] = field(default_factory=list)  # the host's requests, per run
    statuses: dict[str, int] = field(default_factory=dict)  # pictures the host answers with this status

    def add(self, title: str, *parts: str, published: str = "2024-05-20 09:30", **fields):
        """Add an article whose body is ``parts`` (paragraphs and pictures, in order)."""
        return self.site.add_article(title, [], published=published, raw_body=body(*parts), **fields)

    def crawl(self, *args: str, fmt: str = "jekyll", cap: int = CAP):
        """Serve both hosts and run ``newscrawl crawl``; return (process, summary)."""
        self.site.write()
        summary = self.tmp / "summary.json"
        summary.unlink(missing_ok=True)
        with serve(self.site.root) as paper, picture_host(self.files, self.statuses) as host:
            result = run_cli("crawl", self.site.slug, "--profiles-dir", str(self.profiles), "--out", str(self.out),
                             "--format", fmt, "--summary", str(summary),
                             "--mirror", f"{PUBLIC_BASE}={paper.base_url}",
                             "--mirror", f"{IMAGE_BASE}={host.base_url}",
                             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", f"NEWSCRAWL_IMAGE_MAXSIZE={cap}", *args)
        self.runs.append(list(host.requests))
        data = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else None
        return result, data

    def picture_requests(self, run: int = -1) -> list[str]:
        """Return the paths of the pictures a run asked the host for (robots.txt left out)."""
        return [path for path, _, _ in self.runs[run] if path != "robots.txt"]


def make_picture_paper(tmp_path: Path, **profile_keys) -> PicturePaper:
    """Return an empty picture paper (add articles with :meth:`PicturePaper.add`)."""
    site = FixtureSite(tmp_path / "site")
    profiles = tmp_path / "profiles"
    site.profile(profiles, allowed_hosts=["paper.example"], **profile_keys)
    return PicturePaper(site=site, files=default_pictures(), profiles=profiles, out=tmp_path / "archive",
                        tmp=tmp_path)
