"""`check --live` is the crawl: robots.txt obeyed, failures named, nothing written, items judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.localsite import article_html, html, local_site

pytestmark = pytest.mark.e2e


def route(path: str):
    """A listing of four articles: one fine, one forbidden by robots.txt, one 404, one without a date."""
    if path == "/robots.txt":
        return 200, "text/plain", b"User-agent: *\nDisallow: /private/\n"
    if path == "/list.html":
        links = ["/news/1.html", "/private/2.html", "/news/3.html", "/news/4.html"]
        return html("<html><body>" + "".join(f'<a href="{u}">x</a>' for u in links) + "</body></html>")
    if path == "/news/1.html":
        return html(article_html("一篇正常的文章"))
    if path == "/news/4.html":
        return html(article_html("没有日期的文章", day=""))
    return None  # /news/3.html and the rest: 404


def write_profile(folder: Path, base: str) -> Path:
    folder.mkdir()
    (folder / "livetest.yaml").write_text(f"""name: 检查测试报
slug: livetest
base_url: "{base}"
listing:
  start_urls: [list.html]
  article_links: ['/(news|private)/\\d+\\.html$']
""", encoding="utf-8")
    return folder


def test_live_check_crawls_politely_writes_nothing_and_names_each_problem(tmp_path):
    with local_site(route) as server:
        profiles = write_profile(tmp_path / "profiles", server.base_url)
        result = run_cli("check", "livetest", "--live", "--limit", "4", "--profiles-dir", str(profiles),
                         cwd=tmp_path)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert server.paths[0] == "/robots.txt"
    assert "/private/2.html" not in server.paths  # robots.txt is obeyed, as in a crawl
    assert f"listing {server.base_url}list.html: 4 article links, 0 more pages" in out
    assert "    title      一篇正常的文章" in out
    assert f"  article {server.base_url}news/3.html\n    PROBLEM fetch failed: HTTP 404" in out
    assert f"  article {server.base_url}private/2.html\n    PROBLEM dropped: forbidden by the site's robots.txt" in out
    assert "forbidden by the site's robots.txt" in out
    assert f"  article {server.base_url}news/4.html" in out and "    PROBLEM published: empty" in out
    assert out.rstrip().endswith("PROBLEMS")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profiles"]  # no archive, no state, no lock
