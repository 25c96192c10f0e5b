"""Articles of the content-management systems older Chinese portals run: headline, text, writer and source."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.lines import is_boilerplate_line
from tests.extract.portalpages import BUILDERS, EXPECT, PARAGRAPHS, TITLE

URL = "http://www.example.cn/news/2019/0506/123.html"


@pytest.mark.parametrize("cms", sorted(BUILDERS))
def test_a_portal_articles_fields(cms):
    found = extract_article(BUILDERS[cms]().encode(), URL)
    assert found.title == TITLE
    assert found.paragraphs == PARAGRAPHS
    assert found.published == datetime(2019, 5, 6, 21, 14, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert (found.author, found.source) == EXPECT[cms]


def _page(h1: str, text: str = "", before: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<html><head><title>{TITLE}_江西新闻网</title></head><body><h1>{h1}</h1>"
            f"<div class='content'>{before}{paragraphs}{text}</div></body></html>").encode()


@pytest.mark.parametrize("h1, title", [
    (f"{TITLE}<br><span>2019-05-06 21:14 来源：江西日报 点击：</span>", TITLE),
    (f"{TITLE}<br />2019年05月06日", TITLE),
    ("新桥今天合龙<br>南昌至九江两地车程将缩短半小时", "新桥今天合龙南昌至九江两地车程将缩短半小时"),  # two lines, one headline
])
def test_a_headlines_meta_line_after_a_line_break_is_not_the_headline(h1, title):
    assert extract_article(_page(h1)).title == title


@pytest.mark.parametrize("line", ["相关热词搜索：新桥 合龙", "标签：新桥 合龙 南昌", "关键词：新桥", "Tags: bridge, river",
                                  "Schlagwörter: Brücke, Verkehr", "------分隔线----------------------------",
                                  "江西新闻网 版权所有", "Copyright 江西在线 All Rights Reserved"])
def test_tags_dividers_and_a_chinese_sites_copyright_are_furniture(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", ["关键词是“安全”，市交通局负责人在发布会上反复强调了这一点。",
                                  "这幅画的版权所有人至今不明，博物馆正在调查。",
                                  "Copyright 2019 Hawaii News Now. All rights reserved."])  # the English truths keep it
def test_sentences_about_keywords_and_copyright_stay(line):
    assert not is_boilerplate_line(line)


@pytest.mark.parametrize("header, source", [
    ("2019-5-6 21:14 | 发布者: 江南游子 | 来自: 江西日报", "江西日报"),
    ("来自甘肃 2019-5-6 21:14", None),  # where a poster writes from, no label
])
def test_laizi_with_its_colon_labels_the_source(header, source):
    html = (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1><div class='info'>{header}</div>"
            f"<div class='content'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div></body></html>")
    assert extract_article(html.encode()).source == source


@pytest.mark.parametrize("summary", ["<p>摘要: 南昌至九江高速公路新桥今天合龙，预计年底前建成通车。</p>",
                                     "<div class='intro'>南昌至九江高速公路新桥今天合龙，预计年底前建成通车。</div>"])
def test_a_summary_the_text_repeats_is_left_out(summary):
    assert extract_article(_page(TITLE, before=summary)).paragraphs == PARAGRAPHS


def test_a_standfirst_of_its_own_stays():
    lead = "<p>这是省内跨度最大的斜拉桥之一，施工历时三年，期间克服了汛期和高温等不利条件。</p>"
    assert extract_article(_page(TITLE, before=lead)).paragraphs[0].startswith("这是省内跨度最大的斜拉桥")


def _notice(table: str) -> bytes:
    """A government notice whose disclosure table (索引号, 发布机构, 成文日期, 发布日期) precedes the headline."""
    return (f"<html><head><title>{TITLE}</title></head><body><table class='xxgk_table'>{table}</table>"
            f"<h1>{TITLE}</h1><div class='content'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</div>"
            "</body></html>").encode()


def test_a_notices_date_of_writing_is_not_its_publication_date():
    table = ("<tr><td>索引号：</td><td>014500858/2024-00123</td><td>成文日期：</td><td>2024-03-01</td></tr>"
             "<tr><td>文号：</td><td>赣府字〔2024〕12号</td><td>发布日期：</td><td>2024-03-05</td></tr>")
    found = extract_article(_notice(table))
    assert (found.published.year, found.published.month, found.published.day) == (2024, 3, 5)


def test_a_notices_publishing_office_is_its_source():
    table = "<tr><td>发布机构：</td><td>市政府办公室</td><td>发布日期：</td><td>2024-03-05</td></tr>"
    assert extract_article(_notice(table)).source == "市政府办公室"
