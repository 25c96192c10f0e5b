"""`check --live` finds a day's edition in the layout of that day.

The live check is the crawl itself, so it runs as the command does: the
profile's saved pages are served on 127.0.0.1 under their public URLs
(``--mirror PUBLIC=LOCAL`` per host), and the server records what was asked.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from newscrawl.check.saved import PAGES_DIR
from newscrawl.modes.savedpages import load_manifest
from tests.helpers import run_cli

pytestmark = pytest.mark.e2e


class SavedPages(BaseHTTPRequestHandler):
    """Answer ``/<host>/<path>`` with the saved page of that public URL; 404 the rest."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        host, _, rest = self.path.lstrip("/").partition("/")
        public = f"{self.server.schemes.get(host, 'http')}://{host}/{rest}"
        self.server.fetched.append(public)
        path = self.server.files.get(public.split("?")[0])
        if path is None:
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml" if path.suffix == ".xml" else "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - http.server's signature
        pass


@contextmanager
def saved_site(slug: str):
    """Serve a profile's saved pages; yield the server (``fetched``, ``mirrors``)."""
    entries = load_manifest(PAGES_DIR / slug)
    server = ThreadingHTTPServer(("127.0.0.1", 0), SavedPages)
    server.files = {e["url"].split("?")[0]: PAGES_DIR / slug / e["file"] for e in entries}
    server.schemes = {urlsplit(e["url"]).hostname: urlsplit(e["url"]).scheme for e in entries}
    server.fetched = []
    local = f"http://127.0.0.1:{server.server_address[1]}/"
    server.mirrors = [arg for host, scheme in server.schemes.items()
                      for arg in ("--mirror", f"{scheme}://{host}/={local}{host}/")]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def live(slug: str, day: str):
    with saved_site(slug) as server:
        result = run_cli("check", slug, "--live", "--limit", "1", "--date", day, *server.mirrors)
    pages = [url for url in server.fetched if "robots.txt" not in url]  # robots.txt is asked of 127.0.0.1
    return result, pages


def test_live_check_reads_the_month_index_of_a_current_day():
    result, fetched = live("jiangxiribao", "2023-05-23")
    assert fetched[:2] == ["https://epaper.jxxw.com.cn/html/2023-05/navi.xml",
                           "https://epaper.jxxw.com.cn/html/2023-05/23/node_5451.htm"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert "    title      数字政府建设交出新答卷" in result.stdout
    assert result.stdout.rstrip().endswith("OK")


def test_live_check_uses_the_old_front_page_for_an_old_day():
    result, fetched = live("jiangxiribao", "2017-10-10")
    assert fetched[0] == "http://epaper.jxnews.com.cn/jxrb/html/2017-10/10/node_187.htm"
    assert result.returncode == 0, result.stdout + result.stderr
    assert "    title      全省秋粮收购有序展开" in result.stdout
