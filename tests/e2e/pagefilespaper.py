"""A Founder-style e-paper (方正数字报) whose 版面 pages link their page PDF and page image.

One server on 127.0.0.1 (public name ``epaper.paper.example``) serves a day's
edition as Founder's software lays it out: ``html/2024-05/20/node_N.htm`` per
版面, with the page image under its map of article areas, and a 版面 list
whose every row links that 版面's PDF (``page/1/2024-05/20/01/…_pdf.pdf``), so
a page links the PDFs of the other pages too. It records every request
(path, Referer). The page files are real: PDFs that start with ``%PDF-`` and
JPEGs made with Pillow; page 2's PDF is an HTML page served as a PDF.
"""

from __future__ import annotations

import io
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import yaml
from PIL import Image

from tests.helpers import run_cli
from tests.localsite import serving

BASE = "http://epaper.paper.example/paper/"
DAY = "html/2024-05/20/"
SLUG = "yemianribao"
P = "这是一段足够长的正文内容，用来确保提取器把它当作文章的正文段落，而不是页面上的其他文字。"
HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert(1)</script>PDF not found</body></html>"
PAGES = {1: "要闻", 2: "经济"}
ARTICLES = {1: [(101, "版面新闻一"), (102, "版面新闻二")], 2: [(201, "版面新闻三")]}


def page_pdf_path(n: int) -> str:
    """Return the path (under the paper) of 版面 ``n``'s PDF, as Founder names it."""
    return f"page/1/2024-05/20/{n:02d}/202405200{n}_pdf.pdf"


def page_image_path(n: int) -> str:
    """Return the path (under the paper) of 版面 ``n``'s page image."""
    return f"page/1/2024-05/20/{n:02d}/202405200{n}_b.jpg"


def pdf(n: int) -> bytes:
    """Return a small real PDF (one empty page) that differs by ``n``."""
    return (b"%%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 %d 842]>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%%%EOF\n" % (590 + n))


def jpeg(colour: tuple[int, int, int]) -> bytes:
    """Return a real JPEG page image made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 90), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def node_html(n: int) -> str:
    """Return 版面 ``n``'s page: the page image with its map, the 版面 list with a PDF per row, the headlines."""
    areas = "".join(f'<area shape="rect" coords="0,{i * 40},60,{i * 40 + 30}" href="content_{a}.htm">'
                    for i, (a, _) in enumerate(ARTICLES[n]))
    rows = "".join(
        f'<tr><td class="default"><a id="pageLink" href="node_{m}.htm">第0{m}版：{name}</a></td>'
        f'<td><a href="../../../{page_pdf_path(m)}"><img src="../../../tplimg/pdf.gif" border="0"></a></td></tr>'
        for m, name in PAGES.items())
    titles = "".join(f'<li><a href="content_{a}.htm">{title}</a></li>' for a, title in ARTICLES[n])
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>页面日报数字报-第0{n}版：{PAGES[n]}</title></head>
<body>
<table><tr><td><map name="PagePicMap">{areas}</map>
<img src="../../../{page_image_path(n)}" usemap="#PagePicMap" border="0"></td></tr></table>
<table><tr><td>版面导航</td></tr>{rows}</table>
<ul class="titles">{titles}</ul>
</body></html>
"""


def content_html(article: int, title: str) -> str:
    """Return an article page of the edition, in Founder's shape (founder-content)."""
    text = "".join(f"<P>{title}第{i}段。{P}</P>" for i in range(1, 4))
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}</title></head>
<body>
<div class="header">页面日报 2024年05月20日</div>
<table><tr><td class="font01">{title}</td></tr>
<tr><td><founder-content>{text}</founder-content></td></tr></table>
</body></html>
"""


def default_files() -> dict[str, tuple[str, bytes]]:
    """Return the paper's files: path -> (Content-Type, bytes); page 2's PDF is an HTML page."""
    files = {"robots.txt": ("text/plain", b"User-agent: *\nDisallow: /private/\n")}
    for n in PAGES:
        files[f"paper/{DAY}node_{n}.htm"] = ("text/html; charset=utf-8", node_html(n).encode())
        files[f"paper/{page_image_path(n)}"] = ("image/jpeg", jpeg((40 * n, 90, 160)))
        for article, title in ARTICLES[n]:
            files[f"paper/{DAY}content_{article}.htm"] = ("text/html; charset=utf-8",
                                                         content_html(article, title).encode())
    files[f"paper/{page_pdf_path(1)}"] = ("application/pdf", pdf(1))
    files[f"paper/{page_pdf_path(2)}"] = ("application/pdf", HTML_AS_PDF)
    return files


class _Handler(BaseHTTPRequestHandler):
    server: "EpaperHost"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.lstrip("/").split("?")[0]
        self.server.requests.append((path, self.headers.get("Referer") or ""))
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


class EpaperHost(ThreadingHTTPServer):
    """The e-paper's server: answers ``files`` (``statuses``: paths answered with that status), records requests."""

    daemon_threads = True

    def __init__(self, files: dict[str, tuple[str, bytes]], statuses: dict[str, int]):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files, self.statuses = files, statuses
        self.requests: list[tuple[str, str]] = []
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}/"


@contextmanager
def epaper_host(files, statuses) -> Iterator[EpaperHost]:
    """Serve the e-paper in a thread while the block runs."""
    with serving(EpaperHost(files, statuses)) as host:
        yield host


@dataclass
class PageFilesPaper:
    """The e-paper, its profile folder, its archive and the requests of each run."""

    tmp: Path
    files: dict[str, tuple[str, bytes]] = field(default_factory=default_files)
    statuses: dict[str, int] = field(default_factory=dict)
    runs: list[list[tuple[str, str]]] = field(default_factory=list)

    @property
    def out(self) -> Path:
        return self.tmp / "archive"

    @property
    def profiles(self) -> Path:
        return self.tmp / "profiles"

    def profile(self, **epaper_keys) -> None:
        """Write the paper's profile; ``epaper_keys`` go into its ``epaper`` block (``page_files=True``)."""
        data = {"name": "页面日报", "slug": SLUG, "timezone": "Asia/Shanghai", "base_url": BASE,
                "epaper": {"edition": DAY.replace("2024-05/20", "{yyyy}-{mm}/{dd}") + "node_1.htm",
                           "pages": r"node_\d+\.htm$", "articles": r"content_\d+\.htm$", **epaper_keys},
                "selectors": {"title": "td.font01", "body": "founder-content"},
                "id_pattern": r"(content_\d+)\.htm$"}
        self.profiles.mkdir(parents=True, exist_ok=True)
        (self.profiles / f"{SLUG}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    def crawl(self, *args: str, fmt: str = "jekyll"):
        """Serve the paper and run ``newscrawl crawl`` for 2024-05-20; return (process, summary)."""
        summary = self.tmp / "summary.json"
        summary.unlink(missing_ok=True)
        with epaper_host(self.files, self.statuses) as host:
            result = run_cli("crawl", SLUG, "--profiles-dir", str(self.profiles), "--out", str(self.out),
                             "--format", fmt, "--summary", str(summary), "--date", "2024-05-20",
                             "--mirror", f"http://epaper.paper.example/={host.base_url}",
                             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0", *args)
        self.runs.append(list(host.requests))
        data = json.loads(summary.read_text(encoding="utf-8")) if summary.exists() else None
        return result, data

    def page_file_requests(self, run: int = -1) -> list[tuple[str, str]]:
        """Return (path, Referer) of the page PDFs and images a run asked for."""
        return [(path, referer) for path, referer in self.runs[run] if path.startswith("paper/page/")]
