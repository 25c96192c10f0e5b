"""The command line: help everywhere, extract --json, sites, archive init."""

from __future__ import annotations

import json

import pytest

from newscrawl.demo.data import load_demo
from tests.helpers import REPO, run_cli

SITE = REPO / "newscrawl" / "demo" / "site"


@pytest.mark.parametrize("command", [[], ["demo"], ["crawl"], ["extract"], ["sites"], ["archive"],
                                     ["archive", "prune"], ["archive", "init"]])
def test_help_everywhere(command):
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: newscrawl")


def test_extract_json_prints_one_object_per_input_in_order():
    data = load_demo()
    first, second = data.articles[0], data.articles[1]
    files = [SITE / f"html/{a.day:%Y-%m}/{a.day:%d}/content_{a.id}.html" for a in (first, second)]
    result = run_cli("extract", *map(str, files), "--site", "yanshiribao", "--json")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["title"] for o in objects] == [first.title, second.title]
    assert objects[0]["published"] == first.published.isoformat()
    assert set(objects[0]) >= {"title", "published", "author", "editor", "source", "paragraphs"}


def test_extract_reports_a_missing_file(tmp_path):
    result = run_cli("extract", str(tmp_path / "missing.html"), "--json")
    assert result.returncode == 1
    assert "missing.html" in result.stderr


def test_sites_lists_one_profile_per_line():
    result = run_cli("sites")
    assert result.returncode == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    demo = [r for r in rows if r[0] == "yanshiribao"]
    assert demo and demo[0][1] == "演示日报" and "listing" in demo[0][2]


def test_archive_init_writes_a_skeleton_once(tmp_path):
    first = run_cli("archive", "init", "--out", str(tmp_path))
    assert first.returncode == 0
    assert "_config.yml" in first.stdout
    assert "timezone" in (tmp_path / "_config.yml").read_text(encoding="utf-8")
    (tmp_path / "_config.yml").write_text("title: mine\n", encoding="utf-8")
    second = run_cli("archive", "init", "--out", str(tmp_path))
    assert second.returncode == 0 and second.stdout == ""
    assert (tmp_path / "_config.yml").read_text(encoding="utf-8") == "title: mine\n"


def test_bad_date_argument_is_a_usage_error(tmp_path):
    result = run_cli("crawl", "yanshiribao", "--date", "2024-13-01", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "date: '2024-13-01' is not a date" in result.stderr
