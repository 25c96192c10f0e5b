"""Listing mode narrows by --date/--since/--until and stops paging past the window."""

from __future__ import annotations

import pytest

from newscrawl.demo.data import load_demo
from tests.helpers import read_post, run_cli

pytestmark = pytest.mark.e2e
DATA = load_demo()


def demo_posts(tmp_path, *options):
    out = tmp_path / "archive"
    result = run_cli("demo", "--out", str(out), *options)
    assert result.returncode == 0, result.stderr[-3000:]
    return {p.name: read_post(p)[0] for p in sorted((out / "_posts").glob("*.md"))}, result


def test_date_selects_that_day_only(tmp_path):
    posts, _ = demo_posts(tmp_path, "--date", "2024-05-19")
    assert set(posts) == {f"2024-05-19-{a.id}.md" for a in DATA.articles if a.day.isoformat() == "2024-05-19"}


def test_since_until_and_section_narrow_together(tmp_path):
    posts, _ = demo_posts(tmp_path, "--since", "2024-05-18", "--until", "2024-05-19", "--section", "经济")
    wanted = {a for a in DATA.articles if "2024-05-18" <= a.day.isoformat() <= "2024-05-19" and a.section == "经济"}
    assert wanted and set(posts) == {f"{a.day}-{a.id}.md" for a in wanted}
    assert {p["section"] for p in posts.values()} == {"经济"}


def test_limit_caps_the_articles(tmp_path):
    posts, result = demo_posts(tmp_path, "--limit", "3")
    assert len(posts) == 3
    assert "3 created" in result.stderr
