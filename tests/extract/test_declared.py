"""Article text kept out of sight: hidden containers, JSON-LD articleBody, a script's state."""

from __future__ import annotations

import html
import json

from newscrawl.extract import extract_article
from tests.extract.fieldpages import RIVERSIDE

TITLE = "河畔步道改造完工 市民周末可前往散步"
PARAS = RIVERSIDE
EN_PARAS = [
    "The riverside path reopened on Saturday after three months of work, with new lights and benches.",
    "Engineers replaced the old surface with a permeable one that drains quickly after heavy rain.",
    "The council said more trees would be planted along both banks before the end of the year.",
    "Residents who walked the path on Sunday said it felt safer after dark than it had for years.",
]


def page(body: str, head: str = "", script: str = "") -> bytes:
    """Return a small article page: a headline, a short visible teaser area and ``body``."""
    return (f"<html><head><title>{TITLE}_城东新闻网</title>{head}</head><body>"
            f"<div class='nav'><a href='/'>首页</a><a href='/city'>城市</a><a href='/life'>生活</a></div>"
            f"<h1>{TITLE}</h1><div class='info'>2024-05-20 10:10</div>{body}"
            f"<div class='footer'>城东新闻网 版权所有</div>{script}</body></html>").encode("utf-8")


def test_a_container_hidden_until_a_script_runs_is_still_the_article():
    # WeChat-style: the text container carries visibility:hidden until its script reveals it.
    for style in ("visibility: hidden;", "display:none", "opacity: 0; visibility: hidden"):
        body = f"<div id='js_content' style='{style}'>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>"
        assert extract_article(page(body)).paragraphs == PARAS, style


def test_a_hidden_keyword_list_is_not_taken_for_the_article():
    spam = "<div style='display:none'>" + " ".join(f"关键词{i} 热门搜索{i}" for i in range(400)) + "</div>"
    body = "<div class='content'>" + "".join(f"<p>{p}</p>" for p in PARAS[:3]) + "</div>" + spam
    assert extract_article(page(body)).paragraphs == PARAS[:3]


def test_html_in_json_ld_article_body_is_cut_into_paragraphs():
    article_body = html.escape("".join(f"<p>{p}</p>" for p in PARAS))
    head = ('<script type="application/ld+json">'
            + json.dumps({"@type": "NewsArticle", "headline": TITLE, "articleBody": article_body},
                         ensure_ascii=False) + "</script>")
    assert extract_article(page("<div class='content'><p>点击查看全文</p></div>", head)).paragraphs == PARAS


def test_text_only_in_a_script_state_object_is_recovered():
    state = {"article": {"id": 42, "title": TITLE, "content": "".join(f"<p>{p}</p>" for p in PARAS)},
             "comments": [{"content": "说得好"}]}
    script = f"<script>window.__INITIAL_STATE__ = {json.dumps(state, ensure_ascii=False)};</script>"
    assert extract_article(page("<div id='app'></div>", script=script)).paragraphs == PARAS


def test_next_data_json_and_escaped_html_in_a_javascript_string_are_recovered():
    data = {"props": {"pageProps": {"post": {"body": "\n\n".join(EN_PARAS)}}}}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    assert extract_article(page("<div id='root'></div>", script=script)).paragraphs == EN_PARAS
    escaped = html.escape("".join(f"<p>{p}</p>" for p in PARAS), quote=True).replace("'", "\\'")
    script = f"<script>var BASE_DATA = {{ articleInfo: {{ title: '{TITLE}', content: '{escaped}' }} }};</script>"
    assert extract_article(page("<div id='root'></div>", script=script)).paragraphs == PARAS


def test_script_code_is_not_article_text():
    code = "function start() { if (a) { b(); } else { c = d; } }; " * 20
    script = f'<script>var config = {{ body: "{code}" }};</script>'
    body = "<div class='content'>" + "".join(f"<p>{p}</p>" for p in PARAS[:2]) + "</div>"
    assert extract_article(page(body, script=script)).paragraphs == PARAS[:2]


def test_shown_text_wins_when_the_data_copy_is_not_much_longer():
    state = {"content": "".join(f"<p>{p}</p>" for p in PARAS)}
    script = f"<script>window.__STATE__ = {json.dumps(state, ensure_ascii=False)};</script>"
    body = "<div class='content'>" + "".join(f"<p>{p}</p>" for p in PARAS[:4]) + "</div>"
    assert extract_article(page(body, script=script)).paragraphs == PARAS[:4]
