"""End to end: ``newscrawl crawl warc:PATH`` takes stored responses as its pages, with no network.

Two sources: the files a --warc crawl kept (the same archive comes out), and a
CC-NEWS-shaped file built here with warcio (WARC/1.0, response records only,
pages of several sites, a gzip body, an image, a 404 and a revisit).
"""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.e2e.sitegen import FixtureSite, article_html, story
from tests.helpers import read_post, run_cli, snapshot
from tests.warc.wiresite import Wire, fixture_site
from tests.warc.warcs import WarcCrawl

pytestmark = pytest.mark.e2e


def archive_files(out: Path) -> dict[str, bytes]:
    """Return the archive's published files and their bytes (mtimes differ between two runs)."""
    return {name: data for name, (data, _) in snapshot(out).items()}


def test_the_kept_files_build_the_same_archive_as_the_live_crawl(tmp_path):
    site = fixture_site(tmp_path / "site", articles=7)
    site.profile(tmp_path / "profiles")
    paper = WarcCrawl(tmp_path, site, Wire(site.root))
    live = paper.crawl("--warc", str(paper.warc))
    replayed_out = tmp_path / "from-warc"
    summary = paper.cli("crawl", f"warc:{paper.warc}", site.slug, "--out", str(replayed_out))

    assert archive_files(replayed_out) == archive_files(paper.out)
    assert sorted(e["path"] for e in summary["created"]) == sorted(e["path"] for e in live["created"])
    assert summary["failed"] == [] and summary["dropped"] == []

    again = paper.cli("crawl", f"warc:{paper.warc}/*.warc.gz", site.slug, "--out", str(replayed_out))
    assert again["created"] == [] and again["skipped_known"] == 7  # the usual state: nothing twice


def cc_news_file(path: Path) -> dict[str, str]:
    """Write a CC-NEWS-shaped WARC/1.0 file; return its article URLs by what they are."""
    paper = FixtureSite(path.parent / "unused")
    urls = {}
    writer = WARCWriter(path.open("wb"), gzip=True, warc_version="1.0")
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "StormCrawler 1.x", "isPartOf":
                                                                  "CC-NEWS", "operator": "Common Crawl"}))

    def response(url: str, status: str, body: bytes, content_type: str, encoding: str | None = None) -> None:
        headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
        if encoding:
            headers.append(("Content-Encoding", encoding))
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                      http_headers=http))

    for n in (1, 2, 3):
        article = paper.add_article(f"第{n}号新闻：城市更新项目稳步推进", story(n))
        url = urls[f"paper{n}"] = f"http://paper.example/news/2024/05/100{n}.html"
        body = article_html(article).encode("utf-8")
        if n == 2:
            response(url, "200 OK", gzip.compress(body), "text/html; charset=utf-8", "gzip")
        else:
            response(url, "200 OK", body, "text/html; charset=utf-8")
    other = paper.add_article("外地新闻：另一家报纸的稿件", story(7))
    urls["other"] = "https://other.example/2024/05/20/a7.html"
    response(urls["other"], "200 OK", article_html(other).encode("utf-8"), "text/html")
    response("http://paper.example/index.html", "200 OK", b"<html><body><ul><li>list</li></ul></body></html>",
             "text/html")
    response("http://paper.example/img/a.png", "200 OK", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "image/png")
    response("http://paper.example/news/2024/05/1009.html", "404 Not Found", b"<html>gone</html>", "text/html")
    revisit = writer.create_revisit_record("http://paper.example/news/2024/05/1001.html",
                                           "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                           "http://paper.example/news/2024/05/1001.html", "2024-05-20T00:00:00Z")
    writer.write_record(revisit)
    writer.out.close()
    return urls


@pytest.fixture()
def cc_news(tmp_path) -> tuple[Path, dict[str, str], Path]:
    urls = cc_news_file(tmp_path / "CC-NEWS-20240520000000-00001.warc.gz")
    site = FixtureSite(tmp_path / "site")
    site.profile(tmp_path / "profiles")
    return tmp_path / "CC-NEWS-20240520000000-00001.warc.gz", urls, tmp_path / "profiles"


def crawl(*args: str, tmp: Path) -> dict:
    summary = tmp / "summary.json"
    result = run_cli("crawl", *args, "--summary", str(summary), "-s", "NEWSCRAWL_PROCESSES=1")
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(summary.read_text(encoding="utf-8"))


def test_a_cc_news_file_gives_the_profiles_articles_and_nothing_else(cc_news, tmp_path):
    file, urls, profiles = cc_news
    out = tmp_path / "paper"
    summary = crawl(f"warc:{file}", "ceshiribao", "--profiles-dir", str(profiles), "--out", str(out), tmp=tmp_path)
    assert sorted(e["url"] for e in summary["created"]) == sorted(urls[f"paper{n}"] for n in (1, 2, 3))
    assert summary["failed"] == [] and summary["dropped"] == []  # no request went anywhere
    front, body = read_post(out / "_posts/2024-05-20-1002.md")  # the gzip-encoded page, decoded
    assert front["title"] == "第2号新闻：城市更新项目稳步推进" and front["categories"] == "ceshiribao"
    assert story(2)[0] in body


def test_category_takes_every_stored_page_of_every_site(cc_news, tmp_path):
    file, urls, _ = cc_news
    out = tmp_path / "all"
    summary = crawl(f"warc:{file}", "--category", "ccnews:CC新闻", "--out", str(out), tmp=tmp_path)
    created = {e["url"] for e in summary["created"]}
    assert set(urls.values()) <= created
    assert not any(url.endswith((".png", "1009.html")) for url in created)
    assert summary["failed"] == []
    [other] = [e["path"] for e in summary["created"] if e["url"] == urls["other"]]
    front, _ = read_post(out / other)
    assert front["categories"] == "ccnews" and front["tags"] == "CC新闻"


@pytest.mark.parametrize("args, words", [
    (["warc:{missing}", "ceshiribao"], "no WARC file"),
    (["warc:{file}"], "--category"),
    (["warc:{file}", "ceshiribao", "--warc", "{tmp}/w"], "--warc"),
    (["warc:{file}", "ceshiribao", "--render"], "--render"),
    (["warc:{file}", "http://paper.example/"], "profile slugs"),
])
def test_a_bad_warc_crawl_stops_in_one_line_before_anything_is_written(cc_news, tmp_path, args, words):
    file, _, profiles = cc_news
    values = {"file": file, "missing": tmp_path / "none" / "x.warc.gz", "tmp": tmp_path}
    out = tmp_path / "out"
    result = run_cli("crawl", *[a.format(**values) for a in args], "--profiles-dir", str(profiles),
                     "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr, result.stderr
    assert not out.exists()
