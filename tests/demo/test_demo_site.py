"""The generated site has the shape a listing crawl expects."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import lxml.html
import pytest

from newscrawl.demo import PROFILE_FILE, SITE_DIR, load_demo
from newscrawl.demo.build import CDN_DIR
from newscrawl.demo.server import serve
from newscrawl.demo.listings import PER_PAGE
from newscrawl.profiles import load_profile

DATA = load_demo()
PROFILE = load_profile(PROFILE_FILE)
BASE = PROFILE.base_url


def page_links(url: str) -> list[str]:
    """Return the absolute link targets on the site page at ``url``."""
    path = urlsplit(url).path.lstrip("/")
    doc = lxml.html.fromstring((SITE_DIR / path).read_bytes())
    return [urljoin(url, href) for href in doc.xpath("//a/@href")]


def crawl_section(start: str) -> tuple[list[str], list[str]]:
    """Follow a section's 下一页 chain; return the listing pages and the article links on them."""
    pages, articles, url = [], [], urljoin(BASE, start)
    while url and url not in pages:
        pages.append(url)
        articles += [u for u in page_links(url) if PROFILE.listing.is_article(u)]
        path = urlsplit(url).path.lstrip("/")
        doc = lxml.html.fromstring((SITE_DIR / path).read_bytes())
        nxt = doc.xpath('//a[normalize-space(.)="下一页"]/@href')
        url = urljoin(url, nxt[0]) if nxt else None
    return pages, articles


def test_profile_starts_at_every_section():
    starts = {(s.url, s.section) for s in PROFILE.listing.start_urls}
    assert starts == {(f"section/{s.key}/index.html", s.name) for s in DATA.sections}
    assert not PROFILE.selectors
    assert PROFILE.slug == DATA.slug and PROFILE.label == DATA.label


@pytest.mark.parametrize("section", DATA.sections, ids=lambda s: s.key)
def test_pagination_reaches_every_listing_page(section):
    pages, _ = crawl_section(f"section/{section.key}/index.html")
    on_disk = sorted((SITE_DIR / "section" / section.key).glob("index*.html"))
    assert len(pages) == len(on_disk) == -(-len(DATA.in_section(section.name)) // PER_PAGE)
    # the start page is a start URL; the pages after it are what next_pages must match
    assert all(PROFILE.listing.is_next_page(u) for u in pages[1:])
    other = [s for s in DATA.sections if s.key != section.key][0]
    assert not PROFILE.listing.is_next_page(urljoin(BASE, f"section/{other.key}/index.html"))


def test_some_section_has_three_pages():
    assert (SITE_DIR / "section/yaowen/index_3.html").is_file()


def test_every_article_is_listed_in_exactly_its_own_section():
    seen: Counter = Counter()
    for section in DATA.sections:
        _, links = crawl_section(f"section/{section.key}/index.html")
        ids = [int(PROFILE.id_pattern.search(u).group(1)) for u in links]
        assert len(ids) == len(set(ids)), f"{section.key} lists an article twice"
        assert sorted(ids) == sorted(a.id for a in DATA.in_section(section.name))
        seen.update(ids)
    assert set(seen) == {a.id for a in DATA.articles} and set(seen.values()) == {1}


def test_article_links_resolve_to_pages_on_disk():
    for a in DATA.articles:
        url = urljoin(BASE, a.path)
        assert PROFILE.listing.is_article(url) and not PROFILE.listing.is_next_page(url)
        assert (SITE_DIR / a.path).is_file()
    pages = {p.relative_to(SITE_DIR).as_posix() for p in (SITE_DIR / "html").rglob("*.html")}
    assert pages == {a.path for a in DATA.articles}


def test_home_links_every_section():
    links = page_links(BASE + "index.html")
    for s in DATA.sections:
        assert urljoin(BASE, f"section/{s.key}/index.html") in links


@pytest.mark.parametrize("article", DATA.articles, ids=lambda a: f"content_{a.id}")
def test_page_declares_its_encoding(article):
    raw = (SITE_DIR / article.path).read_bytes()
    declared = re.search(rb'charset="?([\w-]+)', raw[:600]).group(1).decode().lower()
    assert declared == article.encoding
    assert article.title in raw.decode(article.encoding).replace("&quot;", '"')


@pytest.mark.parametrize("layout", ["portal", "classic"])
def test_page_chrome_is_present(layout):
    article = next(a for a in DATA.articles if a.layout == layout)
    raw = (SITE_DIR / article.path).read_bytes().decode(article.encoding)
    for noise in ("热点新闻", "相关新闻", "javascript:", "ICP备", "Copyright", "<script"):
        assert noise in raw


def test_robots_allows_everything():
    rp = RobotFileParser()
    rp.parse((SITE_DIR / "robots.txt").read_text(encoding="ascii").splitlines())
    assert rp.can_fetch("newscrawl", BASE + DATA.articles[0].path)


BODY_XPATH = {
    "portal": '//div[@id="articleContent"]',
    "epaper": '//div[@id="ozoom"]',
    "classic": '//div[@class="TRS_Editor"]',
}


def body_lines(article) -> list[str]:
    """Return the body's lines as a reader sees them, split at <p> and <br>."""
    doc = lxml.html.fromstring((SITE_DIR / article.path).read_bytes().decode(article.encoding))
    (body,) = doc.xpath(BODY_XPATH[article.layout])
    for br in body.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in body.iter("p", "figure"):
        p.tail = "\n" + (p.tail or "")
    text = body.text_content()
    return [line.strip() for line in text.split("\n") if line.strip()]  # str.strip drops 　 and nbsp


def caption_lines(article) -> list[str]:
    """Return the captions the body shows under its pictures."""
    return [i.caption for i in article.images if i.caption]


@pytest.mark.parametrize("article", DATA.articles, ids=lambda a: f"content_{a.id}")
def test_page_body_shows_the_expected_paragraphs(article):
    lines = body_lines(article)
    if article.layout == "classic" and article.editor:
        assert lines.pop() == f"责任编辑：{article.editor}"
    assert lines == [*article.paragraphs[:1], *caption_lines(article), *article.paragraphs[1:]]


@pytest.mark.parametrize("article", DATA.articles, ids=lambda a: f"content_{a.id}")
def test_page_prints_title_date_and_people(article):
    from newscrawl.demo.article_page import byline_text, dateline_text

    doc = lxml.html.fromstring((SITE_DIR / article.path).read_bytes().decode(article.encoding))
    text = doc.text_content()
    assert doc.xpath('//h1[@class="article-title" or @id="doc-title"] | //div[@class="title"]')[0].text_content() \
        == article.title
    assert dateline_text(article) in text
    assert byline_text(article) in text
    assert (f"责任编辑：{article.editor}" in text) == bool(article.editor)
    assert article.source is None or f"{article.source_label}：{article.source}" in text


@pytest.mark.parametrize("article", [a for a in DATA.articles if a.images], ids=lambda a: f"content_{a.id}")
def test_pictures_are_linked_and_on_disk(article):
    doc = lxml.html.fromstring((SITE_DIR / article.path).read_bytes().decode(article.encoding))
    (body,) = doc.xpath(BODY_XPATH[article.layout])
    page_url = urljoin(BASE, article.path)
    assert [urljoin(page_url, src) for src in body.xpath(".//img/@src")] == [i.url(BASE) for i in article.images]
    assert not doc.xpath("//img[not(ancestor::div[@id='articleContent' or @id='ozoom' or @class='TRS_Editor'])]")
    for image in article.images:
        assert ((CDN_DIR if image.cdn else SITE_DIR) / image.path).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert not (SITE_DIR / image.path).exists() if image.cdn else True  # on the picture host alone
        if image.caption:  # a portal's figcaption, or a centred line under the picture
            assert image.caption in body.text_content()


def test_the_picture_host_refuses_a_referer_that_is_no_page_of_the_paper():
    (path,) = [i.path for a in DATA.articles for i in a.images if i.cdn]
    with serve(CDN_DIR, referers=(BASE,)) as cdn:
        def status(referer: str | None) -> int:
            request = urllib.request.Request(cdn.base_url + path, headers={"Referer": referer} if referer else {})
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    return answer.status
            except urllib.error.HTTPError as error:
                return error.code
        assert status(BASE + "html/2024-05/20/content_1020.html") == 200
        assert [status(None), status("http://elsewhere.example/"), status(cdn.base_url)] == [403, 403, 403]
