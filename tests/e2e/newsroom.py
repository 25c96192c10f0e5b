"""A newspaper on 127.0.0.1 that corrects its stories and says so, as careful sites do.

Each story's page carries an ``ETag`` and a ``Last-Modified`` and answers a
conditional request with 304 when it has not changed. The sitemap
(``<lastmod>``), the Atom feed (``<updated>``) and the JSON API (a record time)
tell when each story last changed. Every request is recorded with its
conditional headers and the status it got, so a test can check what a crawl
asked for and what it cost.
"""

from __future__ import annotations

import hashlib
import html
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import yaml

from tests.localsite import serving

CST = timezone(timedelta(hours=8))
PUBLIC = "http://newsroom.example/"
SLUG = "xinwenshi"


@dataclass
class Story:
    """One story as the site shows it now."""

    id: int
    title: str
    paragraphs: list[str]
    published: str | None = "2024-05-20 09:30"  # the page's date line; None: the page has none
    author: str = "张三"
    modified: datetime = field(default_factory=lambda: datetime(2024, 5, 20, 9, 30, tzinfo=CST))

    @property
    def path(self) -> str:
        return f"news/{self.id}.html"

    def page(self) -> bytes:
        """Return the article page."""
        date = f'<span class="time">{self.published}</span>' if self.published else ""
        body = "".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(self.title)}</title></head>'
                f'<body><h1>{html.escape(self.title)}</h1><div class="info">{date} 来源：新闻室报 '
                f'<span class="author">记者 {html.escape(self.author)}</span></div>'
                f'<div class="content">{body}</div></body></html>').encode("utf-8")

    def etag(self) -> str:
        return '"' + hashlib.sha1(self.page()).hexdigest()[:16] + '"'

    def correct(self, *, paragraphs: list[str] | None = None, author: str | None = None,
                published: str | None = None) -> None:
        """Change the story (text, author or date) and say it changed now."""
        if paragraphs is not None:
            self.paragraphs = list(paragraphs)
        if author is not None:
            self.author = author
        if published is not None:
            self.published = published
        # a second ahead: the API's record time has no fractions, and the last crawl may have ended this second
        self.modified = datetime.now(CST).replace(microsecond=0) + timedelta(seconds=1)


@dataclass
class Seen:
    """One request the site answered."""

    path: str
    status: int
    if_none_match: str | None
    if_modified_since: str | None


class Newsroom:
    """The stories, their documents, and the log of requests.

    ``links`` names the paths each document (``listing``, ``sitemap``, ``feed``)
    lists (each story's own path when it names none); a path in ``redirects`` answers 301 to another, one in
    ``aliases`` serves a story's page too, one in ``slow`` waits that many
    seconds first. ``validators=False``: pages carry no ETag/Last-Modified.
    """

    def __init__(self, stories: list[Story], *, validators: bool = True):
        self.stories = {s.id: s for s in stories}
        self.seen: list[Seen] = []
        self.base_url = ""
        self.validators = validators
        self.links: dict[str, list[str]] = {}
        self.redirects: dict[str, str] = {}
        self.aliases: dict[str, int] = {}
        self.slow: dict[str, float] = {}
        self.public = PUBLIC  # where documents say the site is (its own address when crawled without a mirror)

    def article_requests(self) -> list[Seen]:
        """Return the requests for article pages (own paths, aliases, redirects), in order."""
        return [s for s in self.seen if s.path.startswith(("/news/", "/print/", "/r/"))]

    def listed(self, document: str) -> list[tuple[str, Story]]:
        """Return each path ``document`` lists, with the story it leads to."""
        paths = self.links.get(document, [f"/{s.path}" for s in self.stories.values()])
        return [(path, self._story(self.redirects.get(path, path))) for path in paths]

    def answer(self, path: str, headers) -> tuple[int, dict[str, str], bytes]:
        time.sleep(self.slow.get(path, 0))
        if path in self.redirects:
            return 301, {"Location": self.redirects[path]}, b""
        if path == "/list.html":
            return 200, {"Content-Type": "text/html; charset=utf-8"}, self.listing()
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml"}, self.sitemap()
        if path == "/atom.xml":
            return 200, {"Content-Type": "application/atom+xml"}, self.atom()
        if path == "/api/list.json":
            return 200, {"Content-Type": "application/json"}, self.api_list()
        story = self._story(path)
        if story is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        validators = {"ETag": story.etag(), "Last-Modified": format_datetime(story.modified.astimezone(timezone.utc),
                                                                             usegmt=True)} if self.validators else {}
        if self.validators and headers.get("If-None-Match") == story.etag():
            return 304, validators, b""
        return 200, {"Content-Type": "text/html; charset=utf-8", **validators}, story.page()

    def _story(self, path: str) -> Story | None:
        if path in self.aliases:
            return self.stories.get(self.aliases[path])
        if not path.startswith("/news/"):
            return None
        name = path.split("?", 1)[0].rsplit("/", 1)[-1].split(".")[0]
        return self.stories.get(int(name)) if name.isdigit() else None

    def listing(self) -> bytes:
        links = "".join(f'<li><a href="{html.escape(path)}">{html.escape(s.title)}</a></li>'
                        for path, s in self.listed("listing"))
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>要闻</title></head>'
                f'<body><ul class="list">{links}</ul></body></html>').encode("utf-8")

    def sitemap(self) -> bytes:
        urls = "".join(f"<url><loc>{html.escape(self.public + path.lstrip('/'))}</loc>"
                       f"<lastmod>{s.modified.isoformat()}</lastmod></url>" for path, s in self.listed("sitemap"))
        return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{urls}</urlset>').encode("utf-8")

    def atom(self) -> bytes:
        entries = "".join(
            f"<entry><title>{html.escape(s.title)}</title><link href=\"{html.escape(self.public + path.lstrip('/'))}\"/>"
            f"<id>{html.escape(path)}</id><published>2024-05-20T09:30:00+08:00</published>"
            f"<updated>{s.modified.isoformat()}</updated></entry>" for path, s in self.listed("feed"))
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>新闻室报</title><id>{self.public}</id><updated>2024-05-20T09:30:00+08:00</updated>"
                f"{entries}</feed>").encode("utf-8")

    def api_list(self) -> bytes:
        records = [{"id": str(s.id), "title": s.title, "time": s.modified.strftime("%Y-%m-%d %H:%M:%S"),
                    "link": f"{self.public}{s.path}"} for s in self.stories.values()]
        return json.dumps({"list": records}, ensure_ascii=False).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?", 1)[0]
        status, headers, body = self.server.room.answer(path, self.headers)
        self.server.room.seen.append(Seen(path, status, self.headers.get("If-None-Match"),
                                          self.headers.get("If-Modified-Since")))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True


@contextmanager
def serve_newsroom(room: Newsroom) -> Iterator[Newsroom]:
    """Serve ``room`` on 127.0.0.1 while the block runs (its ``base_url`` set)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.room = room
    room.base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    with serving(server):
        yield room


ARTICLES = r"/(?:news|print|r)/\d+\.html"


def write_profile(folder: Path, mode: str, public: str = PUBLIC, **extra) -> Path:
    """Write the newsroom's profile crawling it by ``mode`` into ``folder``.

    ``mode``: sitemap, feed, api or listing (section 要闻), or several joined by ``+``.
    """
    modes = {
        "sitemap": {"sitemap": {"urls": ["sitemap.xml"], "articles": ARTICLES}},
        "feed": {"feed": {"urls": ["atom.xml"]}},
        "listing": {"listing": {"start_urls": [{"url": "list.html", "section": "要闻"}], "article_links": [ARTICLES]}},
        "api": {"api": {"list_url": "api/list.json", "list_path": "list",
                        "fields": {"id": "id", "title": "title", "published": "time", "url": "link"}}},
    }
    chosen = {key: value for name in mode.split("+") for key, value in modes[name].items()}
    data = {"name": "新闻室报", "slug": SLUG, "timezone": "Asia/Shanghai", "base_url": public, **chosen, **extra}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SLUG}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
