"""End to end: a crawl with --warc keeps every response with its request, and warcio's own tools agree.

The wire site (tests/warc/wiresite.py) sends gzip bodies, chunked listings, a
redirect and a 404; crawls run as subprocesses through the newscrawl command.
"""

from __future__ import annotations

import gzip
import json

import pytest

from newscrawl import __version__
from tests.e2e.sitegen import PUBLIC_BASE, FixtureSite, story
from tests.helpers import run_cli
from tests.warc.warcs import WarcCrawl, gzip_members, indexed, records, warc_files, warcio
from tests.warc.wiresite import Wire

pytestmark = pytest.mark.e2e


@pytest.fixture()
def paper(tmp_path) -> WarcCrawl:
    site = FixtureSite(tmp_path / "site")
    for n in range(1, 8):
        site.add_article(f"第{n}号新闻：城市更新项目稳步推进", story(n))
    moved = next(a for a in site.articles if a.page.endswith("/1004.html"))
    moved.page = "old/1004.html"  # listed under an old address that redirects to its page
    site.add_article("第99号新闻：这篇稿件已经删除", ["已删除的稿件。"], page="news/2024/05/gone.html")
    site.write()
    (site.root / "news/2024/05/gone.html").unlink()  # listed, but the site answers 404
    (site.root / "old/1004.html").rename(site.root / "news/2024/05/1004.html")
    wire = Wire(site.root, redirects={"/old/1004.html": "/news/2024/05/1004.html"})
    site.profile(tmp_path / "profiles", listing={
        "start_urls": [{"url": "index.html", "section": "要闻"}],
        "article_links": [r"/(news|old)/.+\.html"], "next_pages": [r"/list_\d+\.html$"]})
    return WarcCrawl(tmp_path, site, wire)


def public(path: str) -> str:
    return PUBLIC_BASE + path.lstrip("/")


def test_every_response_is_kept_with_its_request_and_warcio_reads_them_all(paper):
    summary = paper.crawl("--warc", str(paper.warc))
    assert len(summary["created"]) == 7, summary
    [file] = warc_files(paper.warc)

    check = warcio("check", "-v", str(file))
    assert check.returncode == 0, check.stdout[-2000:]
    assert "digest pass" in check.stdout and "digest failed" not in check.stdout

    entries = indexed(file)
    responses = {e["warc-target-uri"]: e for e in entries if e["warc-type"] == "response"}
    answered = {public(path): str(status) for path, status in paper.wire.seen}
    assert {url: responses[url]["http:status"] for url in answered} == answered  # every fetch, its status
    assert set(responses) == set(answered)
    assert {"301", "404", "200"} <= set(answered.values())
    requests = [e for e in entries if e["warc-type"] == "request"]
    by_id = {e["warc-record-id"]: e for e in entries}
    assert len(requests) == len(responses)
    for request in requests:  # each request names its response, at the same URL
        assert by_id[request["warc-concurrent-to"]]["warc-target-uri"] == request["warc-target-uri"]
    [info] = [e for e in entries if e["warc-type"] == "warcinfo"]
    assert entries[0] is info and info["warc-filename"] == file.name

    assert gzip_members(file) == len(entries)  # gzip per record


def test_records_hold_what_came_over_the_wire_and_the_article_requests(paper):
    paper.crawl("--warc", str(paper.warc))
    [file] = warc_files(paper.warc)
    kept = records(file)
    info = next(raw for headers, _, raw in kept if headers.get_header("WARC-Type") == "warcinfo")
    assert f"software: newscrawl/{__version__}".encode() in info
    assert b"newscrawl-profiles: ceshiribao" in info
    assert all(h.protocol == "WARC/1.1" for h, _, _ in kept)

    def response(url):
        return next((http, raw) for h, http, raw in kept
                    if h.get_header("WARC-Type") == "response" and h.get_header("WARC-Target-URI") == url)

    http, raw = response(public("news/2024/05/1001.html"))
    assert http.get_header("Content-Encoding") == "gzip"  # the body as sent, compressed
    assert "第1号新闻" in gzip.decompress(raw).decode("utf-8")
    http, raw = response(public("index.html"))  # sent chunked: stored de-chunked, its length named
    assert http.get_header("Transfer-Encoding") is None
    assert int(http.get_header("Content-Length")) == len(raw)
    http, _ = response(public(next(p for p in paper.wire.redirects)))
    assert http.get_statuscode() == "301" and http.get_header("Location").startswith("/news/")

    metadata = [json.loads(raw) for h, _, raw in kept if h.get_header("WARC-Type") == "metadata"]
    assert len(metadata) == 8  # every article requested, the 404 included; the redirect once, by its first URL
    assert all(m["meta"]["site"] == "ceshiribao" and m["meta"]["section"] == "要闻" for m in metadata)
    assert all(m["callback"] == "parse_article" for m in metadata)


def test_a_second_crawl_adds_files_and_never_touches_the_old_ones(paper):
    paper.crawl("--warc", str(paper.warc))
    [first] = warc_files(paper.warc)
    before = (first.read_bytes(), first.stat().st_mtime_ns)
    paper.site.add_article("第8号新闻：新的一天", ["第八号消息，新的一天开始了。", "第二段。"])
    paper.site.write()
    (paper.site.root / "news/2024/05/gone.html").unlink()
    summary = paper.crawl("--warc", str(paper.warc))
    assert len(summary["created"]) == 1, summary
    files = warc_files(paper.warc)
    assert len(files) == 2 and files[0] == first
    assert (first.read_bytes(), first.stat().st_mtime_ns) == before
    assert warcio("check", str(files[1])).returncode == 0


def test_files_rotate_by_size_and_the_setting_turns_keeping_on(paper):
    paper.crawl("-s", f"NEWSCRAWL_WARC={paper.warc}", "-s", "NEWSCRAWL_WARC_MAXSIZE=4000")
    files = warc_files(paper.warc)
    assert len(files) >= 3, files
    urls = set()
    for file in files:
        entries = indexed(file)
        assert entries[0]["warc-type"] == "warcinfo" and entries[0]["warc-filename"] == file.name
        assert warcio("check", str(file)).returncode == 0
        urls |= {e["warc-target-uri"] for e in entries if e["warc-type"] == "response"}
    assert urls == {public(path) for path, _ in paper.wire.seen}
    run = files[0].name.rsplit("-", 1)[0]
    assert [f.name for f in files] == [f"{run}-{n:05d}.warc.gz" for n in range(len(files))]


def test_a_folder_that_takes_no_files_stops_the_run_before_it_starts(paper, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_cli("crawl", "ceshiribao", "--profiles-dir", str(paper.profiles), "--out", str(paper.out),
                     "--warc", str(blocker / "warc"))
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "--warc" in result.stderr
    assert not paper.out.exists()
