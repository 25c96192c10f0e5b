"""Posts from API feeds: a quoted digest above the body, and a category page at its own path."""

from __future__ import annotations

import pytest
import yaml

from newscrawl.archive import render_body, render_category_page
from tests.archive.cases import BASE_URL, article

SITE = BASE_URL.rstrip("/")

ROLLING = dict(url="http://finance.eastmoney.com/a/202203172312988001.html", id="202203172312988001",
               source=None, category="emnews", category_name="东财滚动新闻", category_url="/emnews/")


def test_digest_is_quoted_first_and_the_back_link_goes_to_the_feeds_page():
    body = render_body(article(**ROLLING, digest="央行开展逆回购操作"), base_url=BASE_URL)
    assert body.split("\n\n") == [
        "> 央行开展逆回购操作",
        "<p>第一段。</p>\n <p>第二段。</p>",
        "<http://finance.eastmoney.com/a/202203172312988001.html>",
        f"[返回东财滚动新闻]({SITE}/emnews/)｜[返回首页]({SITE}/)",
    ]


@pytest.mark.parametrize("digest, line", [
    ("1. 列表? *强调* [链接](javascript:x) {{ site.title }} <b>",
     "> 1\\. 列表? \\*强调\\* \\[链接\\](javascript:x) &#123;{ site.title }} &lt;b>"),
    ("第一行\n\n第二行", "> 第一行 第二行"),
])
def test_a_digest_cannot_become_markup_or_break_the_quote(digest, line):
    assert render_body(article(digest=digest), base_url=BASE_URL).split("\n\n")[0] == line


@pytest.mark.parametrize("link", ["//evil.example/", "../x/", "/a b/", "javascript:alert(1)", "/.git/"])
def test_an_unsafe_category_link_falls_back_to_the_category_page(link):
    body = render_body(article(category_url=link), base_url=BASE_URL)
    assert body.endswith(f"[返回江西日报新闻]({SITE}/category/jiangxiribao.html)｜[返回首页]({SITE}/)")


@pytest.mark.parametrize("digest", [
    "美联储将利率维持在5%至5.25%不变。", "AT&T 与 snake_case_name 及 5 < 6, 价格 {涨} 10)", "a.b, c; d: e? f! (g) #1 ~2",
])
def test_a_digest_is_written_as_it_says_where_nothing_would_act_on_it(digest):
    assert render_body(article(digest=digest), base_url=BASE_URL).split("\n\n")[0] == f"> {digest}"


def test_no_digest_no_quote():
    assert render_body(article(digest="  "), base_url=BASE_URL).startswith("<p>第一段。</p>")


@pytest.mark.parametrize("fmt, key", [("jekyll", "permalink"), ("hugo", "url")])
def test_category_page_is_served_where_its_posts_link(fmt, key):
    front = yaml.safe_load(render_category_page("emnews", "东财滚动新闻", fmt, "/emnews/").split("---\n")[1])
    assert front["title"] == "东财滚动新闻" and front[key] == "/emnews/"
    plain = yaml.safe_load(render_category_page("emnews", "东财滚动新闻", fmt, "//evil/").split("---\n")[1])
    assert key not in plain
