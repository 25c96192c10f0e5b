"""E-paper parsing: URL templates, 版面 labels, month indexes and 版面 pages."""

from __future__ import annotations

import re
from datetime import date

import pytest

from newscrawl.modes.editions import (
    ArticleLink, EditionRef, PageLink, days_in_url, fill_template, is_credit, is_other_day, parse_month_index,
    parse_page,
    section_matches, section_name, split_label, template_placeholders,
)
from newscrawl.modes.xmlutil import XmlError
from tests.modes.conftest import EXAMPLE_BASE, site_bytes

DAY = date(2023, 5, 9)
PAGES = re.compile(r"node_\d+\.htm$")
ARTICLES = re.compile(r"content_\d+_\d+\.htm$")
HTML = EXAMPLE_BASE + "html/"


@pytest.mark.parametrize("template, expected", [
    ("html/{yyyy}-{mm}/{dd}/node_1.htm", "html/2023-05/09/node_1.htm"),
    ("pc/layout/{yyyymm}/{dd}/node_01.html", "pc/layout/202305/09/node_01.html"),
    ("{yyyymmdd}/{yy}/{m}/{d}", "20230509/23/5/9"),
])
def test_fill_template(template, expected):
    assert fill_template(template, DAY) == expected


def test_fill_template_resolves_against_base_and_lists_placeholders():
    assert fill_template("html/{yyyy}-{mm}/{dd}/node_1.htm", DAY, "http://e.test/paper/") == \
        "http://e.test/paper/html/2023-05/09/node_1.htm"
    assert template_placeholders("html/{yyyy}-{mm}/{dd}/x?id={id}") == ["yyyy", "mm", "dd", "id"]
    with pytest.raises(KeyError):
        fill_template("{year}", DAY)


@pytest.mark.parametrize("label, number, name", [
    ("第01版：要闻", "01", "要闻"),
    ("A01版:要闻", "A01", "要闻"),
    ("第 3 版 经济", "3", "经济"),
    ("01版", "01", None),
    ("理论周刊", None, "理论周刊"),
    ("", None, None),
    (None, None, None),
])
def test_split_label(label, number, name):
    assert split_label(label) == (number, name)


def test_section_name_falls_back_to_the_label():
    assert section_name("第02版：经济") == "经济"
    assert section_name("第02版") == "第02版"
    assert section_name(None) is None


@pytest.mark.parametrize("wanted, label, expected", [
    ("要闻", "第01版：要闻", True),
    ("第01版：要闻", "第01版：要闻", True),
    ("1", "第01版：要闻", True),
    ("01", "第01版：要闻", True),
    ("第1版", "第01版：要闻", True),
    ("a1", "A01版:要闻", True),
    ("经济", "第01版：要闻", False),
    ("2", "第01版：要闻", False),
    ("要闻", None, False),
])
def test_section_matches(wanted, label, expected):
    assert section_matches(wanted, label) is expected


def test_month_index_lists_editions_relative_to_each_day():
    url = HTML + "2023-05/navi.xml"
    refs = parse_month_index(site_bytes("epaper", "html/2023-05/navi.xml"), url,
                             edition=EXAMPLE_BASE + "html/{yyyy}-{mm}/{dd}/node_1.htm")
    assert refs == [
        EditionRef(date(2023, 5, 18), HTML + "2023-05/18/node_1.htm"),
        EditionRef(date(2023, 5, 19), HTML + "2023-05/19/node_1.htm"),
    ]


def test_month_index_references_are_relative_to_the_day_page():
    body = b"<navi><day><date>2023-05-19</date><page>../19/node_2.htm</page></day></navi>"
    refs = parse_month_index(body, "http://e.test/html/2023-05/navi.xml",
                             edition="http://e.test/html/{yyyy}-{mm}/{dd}/node_1.htm")
    assert refs == [EditionRef(date(2023, 5, 19), "http://e.test/html/2023-05/19/node_2.htm")]


def test_month_index_with_attributes_and_paths():
    body = """<?xml version="1.0" encoding="utf-8"?><root>
      <day date="20230520" href="../2023-05/20/node_2.htm"/>
      <day date="2023/05/21"><url>/html/2023-05/21/node_2.htm</url></day>
      <day date="2023-05-22"/>
      <day date="2023-02-30" href="bad.htm"/>
    </root>""".encode()
    refs = parse_month_index(body, "http://e.test/html/2023-05/period.xml")
    assert refs == [
        EditionRef(date(2023, 5, 20), "http://e.test/html/2023-05/20/node_2.htm"),
        EditionRef(date(2023, 5, 21), "http://e.test/html/2023-05/21/node_2.htm"),
    ]


def test_month_index_rejects_non_xml():
    with pytest.raises(XmlError):
        parse_month_index(b"", "http://e.test/navi.xml")


def test_page_names_itself_and_lists_pages_and_articles():
    url = HTML + "2023-05/19/node_1.htm"
    page = parse_page(site_bytes("epaper", "html/2023-05/19/node_1.htm"), url, PAGES, ARTICLES)
    assert page.section == "要闻"
    assert page.pages == [
        PageLink(HTML + "2023-05/18/node_1.htm", "上一期"),  # the mode skips other days' pages
        PageLink(HTML + "2023-05/19/node_1.htm", "第01版：要闻"),
        PageLink(HTML + "2023-05/19/node_2.htm", "第02版：经济"),
    ]
    assert page.pages[2].number == "02" and page.pages[2].section == "经济"
    # image-map <area> links come first but carry no headline; the list link adds it
    assert page.articles == [
        ArticleLink(HTML + "2023-05/19/content_3_301.htm", "数字经济重点项目集中签约"),
        ArticleLink(HTML + "2023-05/19/content_3_302.htm", "城乡居民医保待遇再提高"),
    ]


def test_page_section_selector_and_host_filter():
    body = """<html><body><div class="current">第05版：文化</div>
      <a href="node_5.htm">第05版</a><a href="content_9_1.htm">甲</a>
      <a href="http://other.test/content_9_2.htm">乙</a></body></html>""".encode("gb18030")
    url = "http://e.test/html/2023-05/19/node_5.htm"
    page = parse_page(body, url, PAGES, ARTICLES, section_selector="div.current",
                      allows=lambda u: u.startswith("http://e.test/"))
    assert page.section == "文化"
    assert page.articles == [ArticleLink("http://e.test/html/2023-05/19/content_9_1.htm", "甲")]
    xpath = parse_page(body, url, PAGES, ARTICLES, section_selector="//div[@class='current']/text()")
    assert xpath.section == "文化"


def test_page_without_own_link_has_no_section():
    page = parse_page(b"<html><body><a href='content_1_1.htm'>x</a></body></html>",
                      "http://e.test/node_1.htm", PAGES, ARTICLES)
    assert page.section is None and page.pages == []


@pytest.mark.parametrize("url, days", [
    ("http://e.test/html/2023-05/19/node_1.htm", {date(2023, 5, 19)}),
    ("http://e.test/nfdaily/html/202305/19/node_A01.html", {date(2023, 5, 19)}),
    ("http://e.test/rmrb/20230519/x.pdf", {date(2023, 5, 19)}),
    ("http://e.test/cqrb/2023-05/19/001/node.htm", {date(2023, 5, 19)}),
    ("http://e.test/html/content_10051234.html", set()),
    ("http://e.test/rmrb2023051901.pdf", set()),
    ("http://e.test/html/2023-02/30/node_1.htm", set()),
])
def test_days_in_url(url, days):
    assert days_in_url(url) == days


def test_is_other_day():
    day = date(2023, 5, 19)
    assert is_other_day("http://e.test/html/2023-05/18/node_1.htm", day)
    assert not is_other_day("http://e.test/html/2023-05/19/node_2.htm", day)
    assert not is_other_day("http://e.test/node_2.htm", day)


@pytest.mark.parametrize("label, number, name", [
    ("A01： 头版", "A01", "头版"),
    ("(01) 要闻", "01", "要闻"),
    ("（03）经济", "03", "经济"),
    ("4下一版", None, "4下一版"),
])
def test_split_label_reads_more_forms(label, number, name):
    assert split_label(label) == (number, name)


@pytest.mark.parametrize("text, credit", [
    ("本版责编：史一棋", True),
    ("本版责编：李明远　陈思齐　王卓然", True),
    ("本版责编：赵雪晴　版式设计：孙立", True),
    ("责任编辑 王强", True),
    ("版式设计：蔡华", True),
    ("编辑部的故事续写新篇", False),
    ("责编眼中的好新闻", False),
    ("数字政府建设交出新答卷", False),
])
def test_credit_lines(text, credit):
    assert is_credit(text) is credit


def test_credit_and_image_only_entries_are_not_articles():
    body = """<html><body>
      <map name="PagePicMap"><area href="content_1_1.htm"><area href="content_1_9.htm"></map>
      <a href="node_1.htm">第01版：要闻</a>
      <ul class="news-list">
        <li><a href="content_1_1.htm">春耕备耕全面铺开</a></li>
        <li><a href="content_1_2.htm"><img src="p.jpg"></a></li>
        <li><a href="content_1_3.htm">本版责编：李明远</a></li>
        <li><a href="content_1_4.htm">本版责编：赵雪晴</a><a href="content_1_4.htm">图片新闻</a></li>
      </ul></body></html>""".encode()
    page = parse_page(body, "http://e.test/html/2023-05/19/node_1.htm", PAGES, ARTICLES)
    assert page.articles == [
        ArticleLink("http://e.test/html/2023-05/19/content_1_1.htm", "春耕备耕全面铺开"),
        ArticleLink("http://e.test/html/2023-05/19/content_1_4.htm", "图片新闻"),  # also listed by headline
    ]


def test_a_page_listing_articles_only_on_its_map_keeps_them():
    body = b"<html><body><map><area href='content_1_1.htm'><area href='content_1_2.htm'></map></body></html>"
    page = parse_page(body, "http://e.test/html/2023-05/19/node_1.htm", PAGES, ARTICLES)
    assert [a.url for a in page.articles] == ["http://e.test/html/2023-05/19/content_1_1.htm",
                                             "http://e.test/html/2023-05/19/content_1_2.htm"]
    assert all(a.title is None for a in page.articles)


def test_a_numbered_label_wins_over_navigation_text():
    body = """<html><body><a href="node_2.htm">下一版</a><a href="node_1.htm">版面导航</a>
      <a id="pageLink" href="node_1.htm">第A01版：头版</a><a id="pageLink" href="node_2.htm">第A02版：要闻</a>
      </body></html>""".encode()
    page = parse_page(body, "http://e.test/html/2017-10/10/node_1.htm", PAGES, ARTICLES)
    assert [(p.number, p.section) for p in page.pages] == [("A02", "要闻"), ("A01", "头版")]
    assert page.section == "头版"


def test_month_index_references_resolve_in_a_layouts_day_folder():
    body = b"<calendar><period><date>2023-05-23</date><url>../23/node_5451.htm</url></period></calendar>"
    refs = parse_month_index(body, "http://e.test/html/2023-05/navi.xml",
                             base_for=lambda day: f"http://e.test/html/2023-05/{day.day:02d}/")
    assert refs == [EditionRef(date(2023, 5, 23), "http://e.test/html/2023-05/23/node_5451.htm")]


def test_page_links_are_told_apart_by_every_query_parameter():
    # an e-paper that pages its 版面 by ?from=N (the article key drops "from"): each is its own 版面
    pages = re.compile(r"layout\.jsp")
    body = """<html><body>
      <a href="layout.jsp?from=1">第01版：要闻</a><a href="layout.jsp?from=2">第02版：经济</a>
      <a href="http://m.e.test/paper/layout.jsp?from=3">第03版：手机</a>
      <a href="content_1_1.htm?from=layout">甲</a><a href="content_1_1.htm">甲</a></body></html>""".encode()
    page = parse_page(body, "http://www.e.test/paper/layout.jsp?from=2", pages, re.compile(r"content_\d+_\d+"))
    assert [p.url for p in page.pages] == ["http://www.e.test/paper/layout.jsp?from=1",
                                           "http://www.e.test/paper/layout.jsp?from=2",
                                           "http://m.e.test/paper/layout.jsp?from=3"]
    assert page.section == "经济"  # its own link, not page 1's
    # articles are one per story: a tracking "from" names the same article
    assert page.articles == [ArticleLink("http://www.e.test/paper/content_1_1.htm?from=layout", "甲")]
