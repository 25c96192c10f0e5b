"""End to end: `newscrawl demo` crawls the bundled newspaper into a Jekyll archive."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from newscrawl.demo import PROFILE_FILE
from newscrawl.demo.data import load_demo
from newscrawl.profiles import load_profile
from tests.helpers import need_tool, read_post, run_cli, snapshot

pytestmark = pytest.mark.e2e

DATA = load_demo()
PUBLIC = load_profile(PROFILE_FILE).base_url
NAME_RULE = re.compile(r"^\d{4}-\d{2}-\d{2}-[A-Za-z0-9._-]+\.md$")


def body_paragraphs(body: str) -> list[str]:
    """Return a post body's paragraphs as text (the source line excluded)."""
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", body, re.S)]


def expected_date(article) -> str:
    """Return the front matter date the article's post must carry."""
    published = article.published
    if isinstance(published, datetime):
        return published.strftime("%Y-%m-%d %H:%M:%S %z")
    return published.isoformat()


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("demo") / "archive"
    result = run_cli("demo", "--out", str(out), "--base-url", "//news.example.org")
    assert result.returncode == 0, result.stderr[-3000:]
    return out, result


def test_every_demo_article_is_exactly_one_post(archive):
    out, result = archive
    posts = sorted((out / "_posts").iterdir())
    assert all(NAME_RULE.match(p.name) for p in posts), [p.name for p in posts]
    expected = {f"{a.day.isoformat()}-{a.id}.md" for a in DATA.articles}
    assert {p.name for p in posts} == expected
    assert f"{len(expected)} created, 0 updated" in result.stderr


@pytest.mark.parametrize("article", DATA.articles, ids=lambda a: str(a.id))
def test_post_front_matter_parses_to_the_article(archive, article):
    out, _ = archive
    front, body = read_post(out / "_posts" / f"{article.day.isoformat()}-{article.id}.md")
    assert list(front)[:5] == ["layout", "title", "date", "categories", "tags"]
    assert front["layout"] == "post"
    assert front["title"] == article.title
    assert str(front["date"]) == expected_date(article)
    assert front["categories"] == DATA.slug
    assert front["tags"] == DATA.label
    assert front.get("section") == article.section
    assert front.get("author") == (article.authors or None)  # always a list when present
    assert front.get("editor") == ([article.editor] if article.editor else None)
    assert front.get("source") == article.source
    assert body_paragraphs(body) == list(article.paragraphs)
    assert "[返回演示日报新闻](//news.example.org/category/yanshiribao.html)" in body


@pytest.mark.parametrize("article", [a for a in DATA.articles if a.images], ids=lambda a: str(a.id))
def test_pictures_stand_after_the_first_paragraph_kept_in_the_archive(archive, article):
    out, _ = archive
    _, body = read_post(out / "_posts" / f"{article.day.isoformat()}-{article.id}.md")
    first = body.index("<p>")
    figures = re.findall(r'<figure><img src="//news\.example\.org/(assets/images/[^"]+)" data-src="([^"]+)"'
                         r' alt="[^"]*">(?:<figcaption>(.*?)</figcaption>)?</figure>', body)
    assert [(src, caption or None) for _, src, caption in figures] == [
        (i.url(PUBLIC), i.caption) for i in article.images]  # the picture host's one too: it got our Referer
    assert first < body.index("<figure>") < body.index("<p>", first + 3)
    for path, _, _ in figures:
        assert (out / path).read_bytes().startswith(b"\x89PNG")


def test_category_page_has_the_label(archive):
    out, _ = archive
    front, _ = read_post(out / "category" / f"{DATA.slug}.html")
    assert front == {"layout": "category", "title": DATA.label, "category": DATA.slug}


def test_second_run_changes_no_byte(archive):
    out, _ = archive
    before = snapshot(out)
    result = run_cli("demo", "--out", str(out), "--base-url", "//news.example.org")
    assert result.returncode == 0, result.stderr[-3000:]
    assert snapshot(out) == before
    assert "0 created, 0 updated" in result.stderr


def test_second_run_without_state_changes_no_byte_either(archive):
    out, _ = archive
    before = snapshot(out)
    result = run_cli("demo", "--out", str(out), "--base-url", "//news.example.org",
                     "-s", "NEWSCRAWL_STATE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"0 created, 0 updated, {len(DATA.articles)} unchanged" in result.stderr
    assert snapshot(out) == before


@pytest.mark.jekyll
def test_jekyll_builds_every_post_at_its_date_path(archive, tmp_path):
    need_tool("jekyll")
    out, _ = archive
    site = tmp_path / "site"
    shutil.copytree(out, site)
    built = subprocess.run(["jekyll", "build", "--quiet"], cwd=site, capture_output=True,
                           text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    pages = [p.relative_to(site / "_site").as_posix() for p in (site / "_site").rglob("*.html")]
    for article in DATA.articles:
        day = article.day.strftime("%Y/%m/%d")
        hits = [p for p in pages if f"/{day}/" in f"/{p}" and f"{article.id}" in p]
        assert len(hits) == 1, (article.id, day)
        html = (site / "_site" / hits[0]).read_text(encoding="utf-8")
        assert article.paragraphs[0][:20] in html
