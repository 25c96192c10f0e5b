"""Which stored response answers a URL fetched several times, and how the files are named and found."""

from __future__ import annotations

from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path

import pytest
from scrapy import Request
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscrawl.warc.files import WarcFiles, record_bytes
from newscrawl.warc.index import WarcIndex, warc_files
from newscrawl.warc.records import conversion_record, metadata_record
from newscrawl.warc.replay import stored_response

URL = "http://paper.example/news/1.html"


def write(path: Path, captures: list[tuple]) -> None:
    """Write responses (url, status, body, day, extra headers) to one WARC file, in order."""
    writer = WARCWriter(path.open("wb"), gzip=True, warc_version="1.1")
    for url, status, body, day, *headers in captures:
        http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8"), *headers],
                                protocol="HTTP/1.1")
        moment = f"2024-05-{day:02d}T08:00:00Z"
        writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                      http_headers=http, warc_headers_dict={"WARC-Date": moment}))
    writer.out.close()


def answer_body(index: WarcIndex, url: str) -> bytes:
    return stored_response(index.answer(url), Request(url)).body


def test_the_newest_successful_response_answers_not_a_later_304_or_404(tmp_path):
    write(tmp_path / "a.warc.gz", [(URL, "200 OK", b"<p>first</p>", 1), (URL, "200 OK", b"<p>second</p>", 2),
                                   (URL, "304 Not Modified", b"", 3), (URL, "404 Not Found", b"gone", 4)])
    index = WarcIndex.build([str(tmp_path)])
    assert answer_body(index, URL) == b"<p>second</p>"
    write(tmp_path / "b.warc.gz", [("http://paper.example/x", "404 Not Found", b"gone", 1),
                                   ("http://paper.example/x", "304 Not Modified", b"", 2)])
    index = WarcIndex.build([str(tmp_path)])
    assert index.answer("http://paper.example/x").status == 404  # nothing better kept: the 404 answers
    assert index.answer("http://paper.example/never") is None


def test_a_redirect_is_kept_and_followed_by_the_index(tmp_path):
    write(tmp_path / "a.warc.gz", [(URL, "301 Moved Permanently", b"", 1, ("Location", "/news/2.html"))])
    index = WarcIndex.build([str(tmp_path / "a.warc.gz")])
    assert index.answer(URL).status == 301
    assert index.redirected_to(URL) == ["http://paper.example/news/2.html"]


def test_a_rendered_dom_answers_when_as_new_as_the_response(tmp_path):
    path = tmp_path / "r.warc.gz"
    write(path, [(URL, "200 OK", b"<p>shell</p>", 1)])
    writer = WARCWriter(None, gzip=True, warc_version="1.1")
    dom = conversion_record(writer, URL, b"<p>rendered</p>", None, "2024-05-01T08:00:01Z")
    fields = {"url": URL, "method": "GET", "callback": "parse_article", "errback": "on_error",
              "meta": {"site": "x", "hints": {"published": datetime(2024, 5, 1, 8, tzinfo=timezone.utc)}}}
    meta = metadata_record(writer, URL, fields, "<urn:uuid:1>", "2024-05-01T08:00:01Z")
    with path.open("ab") as stream:
        stream.write(record_bytes([dom, meta]))
    index = WarcIndex.build([str(path)])
    assert answer_body(index, URL) == b"<p>rendered</p>"
    [kept] = index.article_requests()
    assert kept["meta"]["hints"]["published"] == datetime(2024, 5, 1, 8, tzinfo=timezone.utc)  # dates survive


def test_run_files_are_new_files_that_start_with_warcinfo(tmp_path):
    files = WarcFiles(tmp_path, maxsize=10_000, info={"software": "newscrawl/test"}, worker="worker-h:1")
    first = files.write(b"")
    files.close()
    other = WarcFiles(tmp_path, maxsize=10_000, info={"software": "newscrawl/test"})
    second = other.write(b"")
    other.close()
    assert first != second and "-worker-h-1-00000.warc.gz" in first.name
    assert WarcIndex.build([str(tmp_path)]).records == 2  # two warcinfo records, nothing else


def test_sources_that_name_no_file_are_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match="no WARC file"):
        warc_files([str(tmp_path / "*.warc.gz")])
