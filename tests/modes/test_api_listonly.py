"""End to end: a list-only api feed — a news.cn-style JSON channel whose records point at article pages.

tests/sites/newscn holds a channel file (``politics/ds_<hex>.json``: ``datasource[]``
with ``publishUrl``, ``publishTime``, ``contentId``, ``title``) and the three
article pages it names, served on 127.0.0.1 as https://www.news.cn/ through
``--mirror``. Each page is fetched and extracted; the record's fields fill
what a page lacks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.demo.server import serve
from tests.helpers import read_post, run_cli

pytestmark = pytest.mark.e2e

SITE = Path(__file__).resolve().parents[1] / "sites" / "newscn"
PROFILE = """\
name: 新华网
slug: newscn
base_url: "https://www.news.cn/"
allowed_hosts: [news.cn]
id_pattern: '[0-9a-f]{32}(?=/c\\.html$)|(?<=/c_)\\d+(?=\\.htm$)'
api:
  list_url: "politics/ds_5c3d0f9e8a7b4c1d9e2f3a4b5c6d7e8f.json"
  list_path: datasource
  fields: {url: publishUrl, id: contentId, title: title, published: publishTime}
  section: 时政
"""
NEW = "https://www.news.cn/politics/20250314/"


def crawl(tmp_path: Path, *options: str) -> tuple[dict[str, dict], dict[str, str]]:
    """Crawl the channel; return front matter by post file name and body by post file name."""
    profiles = tmp_path / "profiles"
    profiles.mkdir(exist_ok=True)
    (profiles / "newscn.yaml").write_text(PROFILE, encoding="utf-8")
    out = tmp_path / "archive"
    with serve(SITE) as server:
        result = run_cli("crawl", "newscn", "--profiles-dir", str(profiles), "--out", str(out),
                         "--mirror", f"https://www.news.cn/={server.base_url}",
                         "-s", "AUTOTHROTTLE_ENABLED=False", *options)
    assert result.returncode == 0, result.stderr[-3000:]
    assert " 0 failed" in result.stderr, result.stderr[-3000:]
    posts = {p.name: read_post(p) for p in sorted((out / "_posts").glob("*.md"))}
    return {k: v[0] for k, v in posts.items()}, {k: v[1] for k, v in posts.items()}


def test_channel_records_become_posts_of_their_pages(tmp_path):
    posts, bodies = crawl(tmp_path)
    got = {name: (p["original_url"], p["title"], str(p["date"]), p["section"], p["categories"])
           for name, p in posts.items()}
    assert got == {
        # contentId names the post; the page's own date and title
        "2025-03-14-20250314a1b2c3.md": (NEW + "5b1f0c9a2e7d4c3f8a6b9d0e1f2a3b4c/c.html",
                                         "全国春季农业生产工作会议部署备耕", "2025-03-14 10:20:33 +0800",
                                         "时政", "newscn"),
        # no contentId: the URL's id; no date on the page: the record's publishTime
        "2025-03-14-0a9b8c7d6e5f40312233445566778899.md": (
            NEW + "0a9b8c7d6e5f40312233445566778899/c.html", "多地推出举措便利老年人出行",
            "2025-03-14 15:02:10 +0800", "时政", "newscn"),
        "2025-03-13-20250313d4e5f6.md": ("https://www.news.cn/politics/2025-03/13/c_1130000001.htm",
                                         "生态环境部通报一季度重点工作", "2025-03-13 09:00:00 +0800",
                                         "时政", "newscn"),
    }
    assert posts["2025-03-14-20250314a1b2c3.md"]["source"] == "新华社"  # read from the page
    assert bodies["2025-03-14-20250314a1b2c3.md"].startswith(
        "<p>会议要求各地抓紧抓实春季农业生产，确保粮食播种面积稳定。</p>")
    assert all("127.0.0.1" not in body for body in bodies.values())  # public URLs only


def test_the_date_window_applies_to_records_before_any_page_is_fetched(tmp_path):
    posts, _ = crawl(tmp_path, "--date", "2025-03-13", "--summary", str(tmp_path / "summary.json"))
    assert list(posts) == ["2025-03-13-20250313d4e5f6.md"]
    assert '"dropped": []' in (tmp_path / "summary.json").read_text(encoding="utf-8")
