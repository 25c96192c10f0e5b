"""Reading posts someone else wrote: the replaced system's (unescaped) and newscrawl's own."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newscrawl.adopt import PostError, read_post

SHANGHAI = ZoneInfo("Asia/Shanghai")
OLD = """---
layout: post
title: "他说"数字经济": {{ site.title }} #1"
date: 2022-03-17 09:04:04 +0800
categories: jiangxiribao
tags: 江西日报新闻
---
> 摘要正文

<p>第一段。</p>
 <p>第二段。</p><p class="em_media">（文章来源：江西日报）</p>

<http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1>

[返回江西日报新闻](//finews.withounder.com/category/jiangxiribao.html)｜[返回首页](//finews.withounder.com/)"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_replaced_systems_post_even_when_its_title_breaks_yaml(tmp_path):
    post = read_post(write(tmp_path, "2022-03-17-NW1.md", OLD), SHANGHAI)
    assert (post.id, post.title, post.url) == (
        "NW1", '他说"数字经济": {{ site.title }} #1', "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1")
    assert post.published == datetime(2022, 3, 17, 9, 4, 4, tzinfo=timezone(timedelta(hours=8)))
    assert post.body_html == '<p>第一段。</p>\n <p>第二段。</p><p class="em_media">（文章来源：江西日报）</p>'


def test_newscrawls_own_post_names_its_id_and_url(tmp_path):
    text = ('---\nlayout: post\ntitle: "标题"\ndate: 2024-05-20\ncategories: x\ntags: X\n'
            'original_url: "https://paper.example/a/1.html"\nid: "a/1?x"\n---\n<p>正文。</p>\n\n'
            '<https://paper.example/a/1.html>\n\n[返回首页](//x/)')
    post = read_post(write(tmp_path, "2024-05-20-a-1-x-0123456789ab.md", text), SHANGHAI)
    assert (post.id, post.url, post.published, post.body_html) == (
        "a/1?x", "https://paper.example/a/1.html", date(2024, 5, 20), "<p>正文。</p>")


def test_without_a_date_the_file_names_day_stands(tmp_path):
    text = '---\ntitle: t\n---\n<p>x</p>\n\n<http://a.example/1>\n'
    assert read_post(write(tmp_path, "2022-03-16-7.md", text), SHANGHAI).published == date(2022, 3, 16)


@pytest.mark.parametrize("name, text, reason", [
    ("notes.md", OLD, "file name is not YYYY-MM-DD-<id>.md"),
    ("2022-03-17-a.md", "hello", "no front matter"),
    ("2022-03-17-a.md", "---\ntitle: x\nno end", "not closed"),
    ("2022-03-17-a.md", "---\n- a\n---\nx", "not a mapping"),
    ("2022-03-17-a.md", "---\nlayout: post\n---\n<http://a.example/>", "no title"),
    ("2022-03-17-a.md", "---\ntitle: x\n---\n<p>x</p>", "no original-link line"),
])
def test_what_cannot_be_adopted_says_why(tmp_path, name, text, reason):
    with pytest.raises(PostError, match=reason):
        read_post(write(tmp_path, name, text), SHANGHAI)


def test_non_utf8_post_is_refused(tmp_path):
    path = tmp_path / "2022-03-17-a.md"
    path.write_bytes("---\ntitle: 标题\n---\n".encode("gbk"))
    with pytest.raises(PostError, match="not UTF-8"):
        read_post(path, SHANGHAI)
