"""A profile selector that stops matching is reported: in the summary, on the closing line, by check --live.

The demo newspaper is crawled with a profile whose title selector still
matches its pages and whose body selector names markup the site no longer
has: the generic extractor still finds the text (so the posts look fine), and
the run must say that the profile's body selector matched nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.demo.server import serve
from tests.helpers import run_cli

pytestmark = pytest.mark.e2e

PROFILE = """\
name: 漂移日报
slug: driftdaily
label: 漂移日报新闻
timezone: Asia/Shanghai
base_url: http://www.yanshiribao.example/
listing:
  start_urls: [{url: section/yaowen/index.html, section: 要闻}]
  article_links: ['/html/\\d{4}-\\d{2}/\\d{2}/content_\\d+\\.html$']
selectors:
  title: "h1"
  body: "div.story-body"   # the site's markup was div.article-content; the profile was never updated
"""


def profiles_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "driftdaily.yaml").write_text(PROFILE, encoding="utf-8")
    return folder


def test_a_body_selector_that_matches_nothing_is_in_the_summary_and_the_closing_line(tmp_path):
    summary_file = tmp_path / "summary.json"
    with serve() as server:
        result = run_cli("crawl", "driftdaily", "--profiles-dir", str(profiles_dir(tmp_path)),
                         "--out", str(tmp_path / "archive"), "--limit", "3", "--summary", str(summary_file),
                         "--base-url", "/", "--mirror", f"http://www.yanshiribao.example/={server.base_url}",
                         "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert len(summary["created"]) == 3  # the generic rules still found every body
    assert summary["selectors"] == {"driftdaily": {"body": {"missed": 3, "pages": 3},
                                                   "title": {"missed": 0, "pages": 3}}}
    drift = [line for line in result.stderr.splitlines() if "matched nothing" in line]
    assert drift == ["newscrawl: driftdaily: the body selector 'div.story-body' matched nothing on 3 of 3 pages "
                     "(the generic rules were used instead): has the site changed its markup? "
                     "Try: newscrawl check driftdaily --live"]


def test_check_live_names_the_selector_that_matches_nothing(tmp_path):
    with serve() as server:
        result = run_cli("check", "driftdaily", "--live", "--limit", "2", "--profiles-dir", str(profiles_dir(tmp_path)),
                         "--base-url", server.base_url, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("PROBLEM selectors: the body selector 'div.story-body' matched nothing on 2 of 2 pages: the generic "
            "rules stood in; has the site changed its markup?") in result.stdout
    assert "title selector" not in result.stdout
