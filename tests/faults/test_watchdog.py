"""NEWSCRAWL_STALL_TIMEOUT fails a crawl that makes no progress, and leaves alone one that is only slow.

The site accepts the article request and never answers, with DOWNLOAD_TIMEOUT
far away: without the watchdog the run would hold the archive's lock until
someone noticed.
"""

from __future__ import annotations

import json
import time

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newscrawl.extensions.watchdog import StallWatchdog
from newscrawl.runner import project_settings
from tests.faults.stalling import stall_site
from tests.faults.test_signals import HOLD, assert_lock_free, last_run_status
from tests.helpers import run_cli

pytestmark = pytest.mark.e2e

STALL = 3


def test_a_crawl_that_makes_no_progress_fails_with_the_reason(tmp_path):
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    with stall_site() as site:
        started = time.monotonic()
        result = run_cli("crawl", site.sitemap_url, "--out", str(out), "--summary", str(summary), *HOLD,
                         "-s", f"NEWSCRAWL_STALL_TIMEOUT={STALL}", timeout=120)
        seconds = time.monotonic() - started
    assert result.returncode == 1, result.stderr[-3000:]
    assert seconds < 30, seconds
    [line] = [line for line in result.stderr.splitlines() if "FAILED" in line]
    assert line.startswith(f"newscrawl: FAILED: stalled: no progress for {STALL} s"), line
    assert site.article_urls()[0] in line  # what it was waiting for
    [failed] = json.loads(summary.read_text(encoding="utf-8"))["failed"]
    assert failed["url"] == site.article_urls()[0]
    assert failed["reason"].startswith(f"stalled: no progress for {STALL} s"), failed["reason"]
    assert last_run_status(out) != "finished"
    assert_lock_free(out)


def test_a_slow_crawl_that_keeps_making_progress_is_left_alone(tmp_path):
    out, summary = tmp_path / "archive", tmp_path / "run.json"
    with stall_site(articles=4, delay=STALL * 0.6) as site:  # one answer every 1.8 s: 7 s in all
        result = run_cli("crawl", site.sitemap_url, "--out", str(out), "--summary", str(summary), *HOLD,
                         "-s", "CONCURRENT_REQUESTS=1", "-s", f"NEWSCRAWL_STALL_TIMEOUT={STALL}", timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(json.loads(summary.read_text(encoding="utf-8"))["created"]) == 4


def test_the_watchdog_is_off_at_zero_and_on_by_default():
    settings = project_settings()
    assert settings.getfloat("NEWSCRAWL_STALL_TIMEOUT") > settings.getfloat("DOWNLOAD_TIMEOUT")
    assert "newscrawl.extensions.watchdog.StallWatchdog" in settings.getdict("EXTENSIONS")
    with pytest.raises(NotConfigured):
        StallWatchdog.from_crawler(get_crawler(settings_dict={"NEWSCRAWL_STALL_TIMEOUT": 0}))
