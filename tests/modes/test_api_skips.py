"""End to end: no record of an API list vanishes without a word.

tests/sites/apiskips holds a news.cn-style channel (``politics/ds_skips.json``)
whose rows are: an article, one off the profile's hosts, one outside the
window, a topic row (``contentType: Link``) whose ``linkUrls`` name an article
and an off-host page, a video page that is no article link, a row without a
page URL, an entry that is no record at all, and the first article listed
again; and a detail feed whose record's public page (``url_w``) is on another
host while its body comes from the detail endpoint. Every row is either a
post or a skip counted by its reason in the summary and the closing line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.demo.server import serve
from tests.helpers import read_post, run_cli

pytestmark = pytest.mark.e2e

SITE = Path(__file__).resolve().parents[1] / "sites" / "apiskips"
PROFILE = """\
name: 跳过测试
slug: skips
base_url: "https://www.news.cn/"
allowed_hosts: [news.cn]
id_pattern: '[0-9a-f]{32}(?=/c\\.html$)'
api:
  feeds:
    - name: channel
      list_url: "politics/ds_skips.json"
      list_path: datasource
      fields: {url: publishUrl, title: title, published: publishTime, links: linkUrls.*.linkUrl}
      articles: '/\\d{8}/[0-9a-f]{32}/c\\.html$'
    - name: rolling
      list_url: "api/list.json"
      list_path: records
      fields: {id: infoCode, title: title, published: showtime, url: url_w}
      detail_url: "https://www.news.cn/api/detail/{id}.json"
      detail_fields: {body: content}
"""
SKIPPED = {
    "off the profile's hosts": 2,  # a row, and a topic row's second link
    "outside the date window": 1,
    "topic row (its linked pages are followed)": 1,
    "not an article link": 1,  # the video page
    "no page URL": 1,
    "not a record": 1,
    "listed twice this run": 1,
}


def test_every_record_is_a_post_or_a_counted_skip(tmp_path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "skips.yaml").write_text(PROFILE, encoding="utf-8")
    out, summary_file = tmp_path / "archive", tmp_path / "summary.json"
    with serve(SITE) as server:
        result = run_cli("crawl", "skips", "--profiles-dir", str(profiles), "--out", str(out),
                         "--since", "2025-03-10", "--summary", str(summary_file),
                         "--mirror", f"https://www.news.cn/={server.base_url}", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert summary["failed"] == summary["dropped"] == []
    assert sorted(entry["url"] for entry in summary["created"]) == [
        "https://offhost.example/a/NW1.html",  # off-host, but its body is the detail endpoint's
        "https://www.news.cn/politics/20250314/0a1b2c3d4e5f60718293a4b5c6d7e8f9/c.html",
        "https://www.news.cn/politics/20250314/1f2e3d4c5b6a79808f9e0d1c2b3a4f5e/c.html",  # the topic's link
    ]
    assert summary["skipped"] == dict(sorted(SKIPPED.items(), key=lambda kv: (-kv[1], kv[0])))
    line = next(line for line in result.stderr.splitlines() if "led to no article" in line)
    assert line.startswith(f"newscrawl: {sum(SKIPPED.values())} API record(s) led to no article: ")
    assert all(f"{n} {reason}" in line for reason, n in SKIPPED.items()), line
    topic = read_post(out / "_posts" / "2025-03-14-1f2e3d4c5b6a79808f9e0d1c2b3a4f5e.md")[0]
    assert topic["title"] == "专题报道：各地抓好春季农业生产"  # the page's own, not the topic row's
