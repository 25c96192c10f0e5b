"""What a finished run says: articles left out of the date window, archived articles skipped."""

from __future__ import annotations

import json
import re
import socket

import pytest

from newscrawl.demo.data import load_demo
from newscrawl.demo.server import serve
from tests.helpers import run_cli

pytestmark = pytest.mark.e2e


def test_one_off_article_outside_the_date_says_so(tmp_path):
    article = load_demo().articles[0]
    other_day = "2020-01-01"
    with serve() as server:
        url = f"{server.base_url}html/{article.day:%Y-%m}/{article.day:%d}/content_{article.id}.html"
        result = run_cli("crawl", url, "--date", other_day, "--out", str(tmp_path / "out"),
                         "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "0 created" in result.stderr
    note = [line for line in result.stderr.splitlines() if "were outside" in line]
    assert note == [f"newscrawl: 1 article(s) fetched were outside --date {other_day} and not written: "
                    f"{url} (published {article.day.isoformat()})"], result.stderr


def test_second_run_counts_the_archived_articles_it_skipped(tmp_path):
    out, summary = tmp_path / "out", tmp_path / "run.json"
    assert run_cli("demo", "--out", str(out)).returncode == 0
    again = run_cli("demo", "--out", str(out), "--summary", str(summary), "--exit-nothing-new")
    assert again.returncode == 4, again.stderr[-2000:]  # nothing new
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert list(data) == ["created", "updated", "unchanged", "dropped", "failed", "skipped_known",
                          "skipped_dropped", "skipped", "selectors"]
    assert data["created"] == [] and data["skipped_known"] > 0
    said = re.search(r"(\d+) already archived and skipped", again.stderr)
    assert said and int(said.group(1)) == data["skipped_known"], again.stderr


def closed_port() -> int:
    """Return a local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("loudness, traceback", [
    ((), False), (("-q",), False), (("-v",), True),
    (("-s", "LOG_LEVEL=DEBUG"), True), (("-s", "NEWSCRAWL_LOG_TRACEBACKS=True"), True),  # README: "show those too"
], ids=["piped", "quiet", "verbose", "debug", "tracebacks"])
def test_network_failure_is_one_line_unless_verbose(tmp_path, loudness, traceback):
    url = f"http://127.0.0.1:{closed_port()}/a.html"
    result = run_cli("crawl", url, "--out", str(tmp_path / "out"), "-s", "RETRY_TIMES=0", *loudness)
    assert result.returncode == 1
    assert ("Traceback" in result.stderr) == traceback, result.stderr[-3000:]
    assert f"fetch failed: {url}: connection refused" in result.stderr
    if not traceback:  # the page's one line (robots.txt's failure is no second one), then counts and FAILED
        lines = result.stderr.splitlines()
        assert [line for line in lines if "ERROR" in line or url in line] == \
            [line for line in lines if "fetch failed" in line] and len(lines) <= 3, result.stderr
    assert not (tmp_path / "out" / "_config.yml").exists(), "a run that fetched nothing writes no skeleton"

