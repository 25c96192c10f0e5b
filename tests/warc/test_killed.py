"""A --warc crawl killed with SIGKILL half-way leaves every finished record readable; the next run starts a new file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zlib

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.e2e.sitegen import PUBLIC_BASE
from tests.helpers import REPO, read_post
from tests.warc.warcs import WarcCrawl, indexed, warc_files, warcio
from tests.warc.wiresite import Wire, fixture_site, serve_wire

pytestmark = pytest.mark.e2e


def complete_members(data: bytes) -> tuple[int, int]:
    """Return (how many gzip members are whole, how many bytes they take); the rest is a torn tail."""
    count, used = 0, 0
    while used < len(data):
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        try:
            inflater.decompress(data[used:])
        except zlib.error:
            break
        if not inflater.eof:
            break
        used, count = len(data) - len(inflater.unused_data), count + 1
    return count, used


def test_a_killed_crawl_leaves_every_finished_record_readable(tmp_path):
    site = fixture_site(tmp_path / "site", articles=40)
    site.profile(tmp_path / "profiles")
    paper = WarcCrawl(tmp_path, site, Wire(site.root, delay=0.1))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    with serve_wire(paper.wire) as base:
        child = subprocess.Popen(
            [sys.executable, "-m", "newscrawl", "crawl", site.slug, "--profiles-dir", str(paper.profiles),
             "--out", str(paper.out), "--warc", str(paper.warc), "--mirror", f"{PUBLIC_BASE}={base}", "-q",
             "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=2", "-s", "NEWSCRAWL_PROCESSES=1"],
            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            posts = paper.out / "_posts"
            while (sum(1 for path, _ in paper.wire.seen if path.startswith("/news/")) < 12
                   or len(list(posts.glob("*.md")) if posts.is_dir() else []) < 3):
                assert child.poll() is None, "the crawl ended before it could be killed"
                assert time.monotonic() < deadline, "the crawl fetched too little in two minutes"
                time.sleep(0.05)
            child.send_signal(signal.SIGKILL)
        finally:
            child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    [file] = warc_files(paper.warc)
    data = file.read_bytes()
    count, used = complete_members(data)
    assert count >= 12 and len(data) - used < 64 * 1024  # at most the one record being written is torn
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(data[:used])
    check = warcio("check", "-v", str(whole))
    assert check.returncode == 0 and "digest failed" not in check.stdout, (check.stdout[-2000:], check.stderr[-2000:])
    with whole.open("rb") as stream:
        kept = [record.rec_headers.get_header("WARC-Target-URI")
                for record in ArchiveIterator(stream) if record.rec_type == "response"]
    # A page reaches the extractor only once its records are written: every post on disk has its page kept.
    posted = [read_post(p)[0]["original_url"] for p in (paper.out / "_posts").glob("*.md")]
    assert posted and set(posted) <= set(kept)

    before = data
    summary = paper.crawl("--warc", str(paper.warc))
    assert summary["failed"] == []
    files = warc_files(paper.warc)
    assert len(files) == 2 and files[0] == file and file.read_bytes() == before
    assert indexed(files[1])[0]["warc-type"] == "warcinfo"
