"""`check --live` finds a day's edition in the layout of that day.

The live check is the crawl itself, so it runs as the command does: the
profile's saved pages are served on 127.0.0.1 under their public URLs
(``--mirror PUBLIC=LOCAL`` per host), and the server records what was asked.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from newscrawl.check.saved import PAGES_DIR
from newscrawl.modes.savedpages import load_manifest
from tests.helpers import run_cli
from tests.localsite import local_site

pytestmark = pytest.mark.e2e


def live(slug: str, day: str):
    """Run ``check SLUG --live --date DAY`` against the saved pages; return (result, public URLs fetched)."""
    entries = load_manifest(PAGES_DIR / slug)
    files = {e["url"].split("?")[0]: PAGES_DIR / slug / e["file"] for e in entries}
    schemes = {urlsplit(e["url"]).hostname: urlsplit(e["url"]).scheme for e in entries}

    def public(path: str) -> str:  # /<host>/<rest> -> scheme://host/rest
        host, _, rest = path.lstrip("/").partition("/")
        return f"{schemes.get(host, 'http')}://{host}/{rest}"

    def route(path: str):
        saved = files.get(public(path).split("?")[0])
        return (200, "application/xml" if saved.suffix == ".xml" else "text/html", saved.read_bytes()) \
            if saved else None

    with local_site(route) as server:
        mirrors = [arg for host, scheme in schemes.items()
                   for arg in ("--mirror", f"{scheme}://{host}/={server.base_url}{host}/")]
        result = run_cli("check", slug, "--live", "--limit", "1", "--date", day, *mirrors)
    # robots.txt is asked of 127.0.0.1 itself, the host actually fetched
    return result, [public(path) for path in server.paths if path != "/robots.txt"]


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
