"""End to end: the shipped eastmoney profile against a stand-in of East Money's 快讯 list (tests/sites/eastmoney).

`newscrawl crawl eastmoney --mirror …` must write the 7×24 and 要闻 records as
posts in the seed's shape (the old rolling feed's emnews shape), each record
its own body; ask for each next page with the realSort of the last record
(sortEnd), until the window ends; send kuaixun's Referer with every request;
and count every record it did not write, by reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.eastmoney_standin import REFERER, copy_data, records, serve_standin
from tests.helpers import read_post, run_cli

pytestmark = pytest.mark.e2e

SITE = "//finews.withounder.com"
LABELS = {"emnews": "东财滚动新闻", "emyaowen": "东财要闻"}


def crawl(standin, out: Path, *options: str):
    """Run ``newscrawl crawl eastmoney`` against the stand-in; return the process and its summary."""
    summary = out.parent / f"{out.name}-summary.json"
    result = run_cli("crawl", "eastmoney", "--out", str(out), "--base-url", SITE, "--summary", str(summary),
                     "-s", "AUTOTHROTTLE_ENABLED=False", *standin.mirror_args, *options)
    assert result.returncode in (0, 4), result.stderr[-3000:]
    return result, json.loads(summary.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """Crawl the stand-in from 2024-05-19 on; return (data folder, archive, result, summary, stand-in)."""
    tmp = tmp_path_factory.mktemp("eastmoney")
    data = copy_data(tmp / "data")
    with serve_standin(data) as standin:
        result, summary = crawl(standin, tmp / "archive", "--since", "2024-05-19")
    return data, tmp / "archive", result, summary, standin


def wanted(data: Path) -> dict[str, tuple[str, dict]]:
    """Return, by post file name, the category and record of each record the run must write."""
    posts = {}
    for column, slug in ((102, "emnews"), (101, "emyaowen")):
        for record in records(data, column):
            if record["showTime"] >= "2024-05-19":
                posts.setdefault(f"{record['showTime'][:10]}-{record['code']}.md", (slug, record))
    return posts


def test_every_record_of_the_window_is_a_post_in_the_seed_shape(crawled):
    data, out, _, summary, _ = crawled
    expected = wanted(data)
    shared = "2024-05-20-202405203079000011.md"  # a 7×24 that is also a 要闻: one post, under either
    assert sorted(p.name for p in (out / "_posts").iterdir()) == sorted(expected)
    assert summary["failed"] == summary["dropped"] == [] and len(summary["created"]) == len(expected)
    for name, (slug, record) in expected.items():
        front, body = read_post(out / "_posts" / name)
        if name == shared:
            slug = front["categories"]
        assert list(front)[:5] == ["layout", "title", "date", "categories", "tags"], name
        assert (front["layout"], front["title"], front["date"], front["categories"], front["tags"]) == (
            "post", record["title"], f"{record['showTime']} +0800", slug, LABELS[slug]), name
        blocks = body.split("\n\n")
        link = f"https://finance.eastmoney.com/a/{record['code']}.html"
        assert blocks[-2:] == [f"<{link}>", f"[返回{LABELS[slug]}]({SITE}/{slug}/)｜[返回首页]({SITE}/)"], name
        text = record["summary"].split("】", 1)[1]  # the 【title】 lead is the title, not the body
        paragraphs = [line for line in text.split("\n") if line]
        assert blocks[0] == "\n ".join(f"<p>{p}</p>" for p in paragraphs).replace("{", "&#123;").replace(
            "}", "&#125;"), name
        assert front["original_url"] == link and front["id"] == record["code"]


def test_pages_follow_the_cursor_until_the_window_ends(crawled):
    data, _, _, _, standin = crawled
    seven = records(data, 102)
    # three records a page: the next page asks for what is older than the last record's realSort;
    # the third page reaches 2024-05-18, before --since: no fourth page
    assert standin.cursors(102) == ["", seven[2]["realSort"], seven[5]["realSort"]]
    yaowen = records(data, 101)
    assert standin.cursors(101) == ["", yaowen[2]["realSort"]]


def test_every_request_sends_kuaixuns_referer(crawled):
    _, _, _, _, standin = crawled
    assert standin.requests and all(referer == REFERER for _, referer in standin.requests), standin.requests


def test_records_not_written_are_counted_by_reason(crawled):
    _, _, result, summary, _ = crawled
    assert summary["skipped"] == {"outside the date window": 3, "listed twice this run": 1}
    assert "4 API record(s) led to no article: 3 outside the date window, 1 listed twice this run" in result.stderr


def test_a_second_run_reads_one_page_a_column_and_writes_nothing(crawled, tmp_path):
    data, out, _, _, _ = crawled
    with serve_standin(data) as standin:
        result, summary = crawl(standin, out, "--since", "2024-05-19", "--exit-nothing-new")
    assert result.returncode == 4, result.stderr[-2000:]
    assert standin.cursors(102) == [""] and standin.cursors(101) == [""]  # every record archived: stop
    assert summary["created"] == summary["updated"] == []
    # the six records of the first pages: five archived, the shared one listed by both columns
    assert summary["skipped_known"] == 5 and summary["skipped"] == {"listed twice this run": 1}


def test_without_a_date_the_profiles_recent_days_end_the_paging(tmp_path):
    data = copy_data(tmp_path / "data")
    with serve_standin(data) as standin:
        result, summary = crawl(standin, tmp_path / "archive")
    assert standin.cursors(102) == [""] and standin.cursors(101) == [""]  # 2024 is long before yesterday
    assert summary["created"] == [] and summary["skipped"] == {"outside the date window": 6}


def test_check_live_reads_the_feeds_records_as_articles_and_says_how_to_confirm(tmp_path):
    data = copy_data(tmp_path / "data")
    with serve_standin(data) as standin:
        result = run_cli("check", "eastmoney", "--live", "--date", "2024-05-20", "--limit", "2",
                         *standin.mirror_args, cwd=tmp_path)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    assert "api https://np-weblist.eastmoney.com/comm/web/getFastNewsList?client=web&biz=web_724&fastColumn=102" in out
    assert "  article https://finance.eastmoney.com/a/202405203079000012.html" in out
    assert "    title      央行开展2000亿元逆回购操作" in out
    assert "to confirm by hand:\n  $ curl -s -H 'Referer: https://kuaixun.eastmoney.com/'" in out
    assert out.rstrip().endswith("OK")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # nothing written
