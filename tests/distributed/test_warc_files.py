"""On a real redis-server: the writer and each worker keep their own WARC files, named by process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.e2e.sitegen import FixtureSite, story
from tests.helpers import REPO
from tests.localsite import local_site
from tests.warc.warcs import indexed, warc_files, warcio

pytestmark = pytest.mark.e2e

FAST = ["-s", "NEWSCRAWL_REDIS_IDLE=2", "-s", "NEWSCRAWL_REDIS_LOST=3", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]


def cli(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.Popen([sys.executable, "-m", "newscrawl", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def served(root):
    def route(path: str):
        rel = path.split("?")[0].lstrip("/") or "index.html"
        file = root / rel
        if not file.is_file():
            return None
        if rel.startswith("news/"):
            # Slow enough that the writer alone needs seconds for the 120 stories: the worker, which
            # starts a crawl of its own once it sees the run, takes some of them (at 0.02 s a page the
            # writer could finish before the worker took one, and the worker then kept no file).
            time.sleep(0.25)
        return 200, "text/plain" if rel.endswith(".txt") else "text/html; charset=utf-8", file.read_bytes()
    return route


def test_writer_and_worker_each_keep_their_own_files(redis_url, tmp_path):
    site = FixtureSite(tmp_path / "site", per_page=20)
    for n in range(120):
        site.add_article(f"第{n}号新闻：分布式抓取测试", story(n), published=f"2024-05-{1 + n % 28:02d} 09:30")
    site.write()
    profiles, out, warc = tmp_path / "profiles", tmp_path / "archive", tmp_path / "warc"
    site.profile(profiles)
    with local_site(served(site.root)) as server:
        helper = cli("worker", "--redis", redis_url, *FAST, "-s", "NEWSCRAWL_REDIS_IDLE=30")
        time.sleep(1)
        writer = cli("crawl", site.slug, "--profiles-dir", str(profiles), "--out", str(out), "--warc", str(warc),
                     "--redis", redis_url, "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={server.base_url}",
                     "--summary", str(tmp_path / "s.json"), *FAST)
        _, writer_err = writer.communicate(timeout=240)
        _, worker_err = helper.communicate(timeout=240)
    assert writer.returncode == 0, writer_err[-3000:]
    assert helper.returncode == 0, worker_err[-3000:]
    assert len(json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["created"]) == 120

    files = warc_files(warc)
    roles = {f.name.split("-")[3] for f in files}  # newscrawl-<time>-<run>-<role>-<host>-<pid>-<serial>
    assert roles == {"writer", "worker"}, [f.name for f in files]
    fetched = []
    for file in files:
        assert warcio("check", str(file)).returncode == 0, file
        entries = indexed(file)
        assert entries[0]["warc-type"] == "warcinfo" and entries[0]["warc-filename"] == file.name
        fetched += [e["warc-target-uri"] for e in entries
                    if e["warc-type"] == "response" and "/news/" in e["warc-target-uri"]]
    assert sorted(fetched) == sorted(site.public_url(a) for a in site.articles)  # each article once, somewhere

    summary = tmp_path / "re.json"
    done = subprocess.run([sys.executable, "-m", "newscrawl", "archive", "reextract", "--out", str(out),
                           "--warc", str(warc), "--profiles-dir", str(profiles), "--summary", str(summary)],
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(summary.read_text(encoding="utf-8"))
    assert len(result["unchanged"]) == 120 and result["updated"] == [] and result["failed"] == []
