"""On a terminal the crawl draws a live progress line; piped, a few plain lines; -q nothing, -v every request."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

from tests.helpers import REPO, run_cli

pytestmark = pytest.mark.e2e


def test_terminal_gets_a_progress_line_and_a_summary(tmp_path):
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "newscrawl", "demo", "--out", str(tmp_path / "a")],
                            cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=terminal, env=env)
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "\r\x1b[2K" in screen, "the line is redrawn in place"
    assert re.search(r"pages \d+ · posts 32 · drops 0 · errors 0 · [\d.]+ pages/s", screen)
    assert "32 created" in screen
    assert "[scrapy" not in screen, "no log lines under the progress line"


def test_piped_demo_prints_at_most_a_dozen_plain_lines(tmp_path):
    """Piped, a run says one line per problem and closes with its counts: no banners, no stats dump."""
    result = run_cli("demo", "--out", str(tmp_path / "a"))
    assert result.returncode == 0
    lines = (result.stdout + result.stderr).splitlines()
    assert len(lines) <= 12, lines
    assert "\x1b[" not in result.stderr and "pages/s" not in result.stderr
    assert not [line for line in lines if "[scrapy" in line or "Dumping Scrapy stats" in line], lines
    assert "32 created" in result.stderr


def test_quiet_run_that_went_well_prints_nothing(tmp_path):
    result = run_cli("demo", "--out", str(tmp_path / "a"), "-q")
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""


def test_verbose_run_logs_every_request(tmp_path):
    result = run_cli("demo", "--out", str(tmp_path / "a"), "-v", "--section", "文化")
    assert result.returncode == 0, result.stderr[-2000:]
    crawled = re.findall(r"INFO: Crawled \(200\) <GET (\S+)>", result.stderr)
    listings = [url for url in crawled if "/section/wenhua/" in url]
    articles = [url for url in crawled if "/content_" in url]
    created = int(re.search(r"(\d+) created", result.stderr).group(1))
    assert listings and len(articles) == created > 0, crawled
    assert "Enabled extensions:" in result.stderr and "Dumping Scrapy stats" in result.stderr  # start-up, stats
    assert "migrating state" not in result.stderr, "a new archive is no upgrade"
