"""The command line: help everywhere, extract (text, --json, non-articles), sites, archive init, check --live."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest

from newscrawl.cli import build_parser
from newscrawl.demo.data import load_demo
from newscrawl.demo.server import serve
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


def test_extract_refuses_a_pipe_without_reading_it(tmp_path):
    """A FIFO (or a device) would block or never end: refused before anything is read."""
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    result = run_cli("extract", str(fifo), timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert "not a regular file" in result.stderr


def test_extract_checks_every_input_before_printing_any(tmp_path):
    """A bad file after a good one: one line, exit 2, and nothing extracted."""
    data = load_demo()
    good = demo_file(data.articles[0])
    result = run_cli("extract", str(good), "/etc/passwd")
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()] and "/etc/passwd" in result.stderr


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


def walk_parsers(parser=None, prog="newscrawl"):
    """Yield (prog, parser) for the command and every sub-command below it."""
    parser = parser or build_parser()
    yield prog, parser
    for action in parser._actions:  # argparse keeps sub-parsers only here
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from walk_parsers(sub, f"{prog} {name}")


def test_every_argument_has_help():
    missing = [f"{prog} {action.dest}" for prog, parser in walk_parsers() for action in parser._actions
               if not action.help and not isinstance(action, argparse._HelpAction)]
    assert missing == []
    limit = next(a for prog, p in walk_parsers() if prog == "newscrawl crawl" for a in p._actions if a.dest == "limit")
    assert "0: no limit" in limit.help


def test_sites_prints_a_header_row():
    lines = run_cli("sites").stdout.splitlines()
    assert lines[0].split("\t") == ["SLUG", "NAME", "MODES", "STATE", "CHECKED", "FILE"]
    rows = [line.split("\t") for line in lines[1:] if not line.startswith(" ")]
    assert rows and all(len(row) == len(lines[0].split("\t")) for row in rows)


def demo_file(article) -> Path:
    return SITE / f"html/{article.day:%Y-%m}/{article.day:%d}/content_{article.id}.html"


def test_extract_text_output_is_readable():
    data = load_demo()
    pair = next(a for a in data.articles if len(a.authors) >= 2)
    nobody = next(a for a in data.articles if not a.authors and not a.editor)
    result = run_cli("extract", str(demo_file(pair)), str(demo_file(nobody)), "--site", "yanshiribao")
    assert result.returncode == 0, result.stderr
    assert f"author: {', '.join(pair.authors)}\n" in result.stdout
    assert "author: (none)\n" in result.stdout and "editor: (none)\n" in result.stdout
    assert "[" not in result.stdout.replace(pair.title, "") and "None" not in result.stdout


def test_extract_json_gives_people_as_lists():
    data = load_demo()
    single = next(a for a in data.articles if isinstance(a.author, str) and a.editor)
    nobody = next(a for a in data.articles if not a.authors and not a.editor)
    result = run_cli("extract", str(demo_file(single)), str(demo_file(nobody)), "--site", "yanshiribao", "--json")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["author"] == [single.author] and first["editor"] == [single.editor]
    assert second["author"] == [] and second["editor"] == []


def test_extract_says_an_empty_page_is_no_article(tmp_path):
    """A page without article text is extracted, reported and makes the status 1 (a feed file is refused: 2)."""
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><title></title></head><body></body></html>", encoding="utf-8")
    result = run_cli("extract", str(empty))
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1, result.stderr
    assert "empty.html: no article text found" in errors[0]
    assert "== " + str(empty) in result.stdout


def test_extract_says_a_fetched_feed_is_no_article(tmp_path):
    """A URL's content is known only once fetched: a feed there is reported as no article, status 1."""
    (tmp_path / "rss.xml").write_bytes((REPO / "tests" / "sites" / "feeds" / "rss.xml").read_bytes())
    with serve(tmp_path) as server:
        result = run_cli("extract", f"{server.base_url}rss.xml")
    assert result.returncode == 1
    assert "rss.xml: an RSS/Atom/JSON feed, not an article page" in result.stderr
    assert result.stdout == ""


def test_live_check_failure_names_the_url(tmp_path):
    with serve(tmp_path) as server:  # an empty site: every page is missing
        result = run_cli("check", "yanshiribao", "--live", "--base-url", server.base_url, "--limit", "1")
    assert result.returncode == 1
    failed = [line for line in result.stdout.splitlines() if "FAILED" in line]
    assert failed and f"{server.base_url}section/" in failed[0] and "404" in failed[0], result.stdout
