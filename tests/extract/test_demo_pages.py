"""Acceptance: the generic extractor reads every demo page exactly as the data says.

The demo profile has no selectors, so this measures the extractor on its own
against the markup variants in ``newscrawl/demo/articles.yaml``: three layouts,
GBK and UTF-8 pages, full-width indents, ``<br>``-separated bodies, five byline
forms, three source labels, four date forms, day-only pages, body pictures
and empty paragraphs.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from newscrawl.demo import PROFILE_FILE, SITE_DIR, load_demo
from newscrawl.extract import extract_article
from newscrawl.profiles import load_profile

DATA = load_demo()
PROFILE = load_profile(PROFILE_FILE).with_base_url("http://127.0.0.1:8000/")


def page_id(article) -> str:
    return f"content_{article.id}-{article.layout}-{article.encoding}"


@pytest.fixture(scope="module", params=DATA.articles, ids=page_id)
def case(request):
    """Return one article's expected data and what the extractor made of its page."""
    article = request.param
    raw = (SITE_DIR / article.path).read_bytes()
    return article, extract_article(raw, url=PROFILE.absolute(article.path), profile=PROFILE)


def test_every_page_on_disk_is_in_the_data():
    on_disk = {p.relative_to(SITE_DIR).as_posix() for p in (SITE_DIR / "html").rglob("content_*.html")}
    assert on_disk == {a.path for a in DATA.articles}


def test_title(case):
    article, got = case
    assert got.title == article.title


def test_published(case):
    article, got = case
    expected = article.published
    assert type(got.published) is type(expected), f"want {type(expected).__name__}, got {got.published!r}"
    assert got.published == expected
    if isinstance(expected, datetime):
        assert got.published.utcoffset() == expected.utcoffset()


def test_author(case):
    article, got = case
    assert got.author == article.author


def test_editor(case):
    article, got = case
    assert got.editor == article.editor


def test_source(case):
    article, got = case
    assert got.source == article.source


def test_paragraphs(case):
    article, got = case
    assert got.paragraphs == list(article.paragraphs)


def test_pictures(case):
    article, got = case
    assert [(p.url, p.position, p.caption) for p in got.pictures] == [
        (i.url(PROFILE.base_url), 1, i.caption) for i in article.images]  # after the first paragraph


def test_encoding(case):
    article, got = case
    assert got.encoding is not None
    assert got.encoding.lower().replace("_", "-") in {
        "utf-8": {"utf-8", "utf8"}, "gbk": {"gbk", "gb18030", "cp936", "gb2312"}}[article.encoding]
