"""Build, at test time, a news page around the seed article's text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

SEED_NAME = "2022-03-17-NW202203172312986018.md"


def read_seed(path: Path) -> dict:
    """Return the seed post's front matter, paragraphs, source, URL and back-links line."""
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", body, re.S)]
    source = re.search(r'<p class="em_media">（文章来源：(.*?)）</p>', body).group(1)
    url = re.search(r"^<(https?://[^>]+)>$", body, re.M).group(1)
    links = [line for line in body.splitlines() if line.startswith("[返回")][0]
    return {"front": yaml.safe_load(head), "paragraphs": paragraphs, "source": source,
            "url": url, "links": links}


def seed_page(seed: dict) -> bytes:
    """Return the bytes of a share page like the replaced system's, holding the seed text."""
    title = html.escape(seed["front"]["title"])
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in seed["paragraphs"])
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_江西日报_财经新闻</title>
<meta name="keywords" content="数字经济,西湖区">
</head><body>
<div class="header"><a href="/">首页</a> <a href="/list/1.html">财经</a> <a href="/list/2.html">江西</a></div>
<div class="article">
  <h1 class="title">{title}</h1>
  <div class="info"><span class="time">2022-03-17 09:04:04</span> <span class="media">江西日报</span></div>
  <div class="content">
{paras}
<p class="em_media">（文章来源：{html.escape(seed["source"])}）</p>
  </div>
</div>
<div class="hot"><h3>热点推荐</h3><ul>
  <li><a href="/html_News/NewsShare.html?infoCode=NW202203162310000001">南昌出台措施支持中小微企业</a> 2022-03-16</li>
  <li><a href="/html_News/NewsShare.html?infoCode=NW202203152310000002">赣江新区数字经济产业园开园</a> 2022-03-15</li>
</ul></div>
<div class="footer">版权所有 © 2022 财经资讯 赣ICP备00000000号</div>
</body></html>"""
    return page.encode("utf-8")
