"""Write a small newspaper whose listing links and article texts exist only after scripts run.

- ``index.html``: an empty list that an inline script fills with the article links
  (each URL assembled from pieces, so no ``href`` exists in the served bytes);
- ``news/2024/05/2001.html`` (UTF-8): an empty shell; a script waits, fetches
  ``data/2001.json`` and writes the title, the date line and the paragraphs;
- ``news/2024/05/2002.html``: GBK bytes served as ``charset=utf-8`` (a lying
  header, common on Chinese sites); an inline script writes the article from
  string literals, so only a browser that decodes the bytes right shows it;
- ``news/private/2003.html``: linked from the listing, disallowed by robots.txt;
- ``feed.xml`` (written once the server's address is known): an RSS feed of the two.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

PUBLIC_BASE = "http://script.example/"
SLUG = "jiaobenribao"


@dataclass(frozen=True)
class ScriptArticle:
    """One article as a script writes it."""

    number: int
    title: str
    time: str  # the date line, "YYYY-MM-DD HH:MM"
    source: str
    paragraphs: tuple[str, ...]
    folder: str = "news/2024/05"

    @property
    def page(self) -> str:
        """Return the article's path on the site."""
        return f"{self.folder}/{self.number}.html"


FETCHED = ScriptArticle(
    2001, "抚州推进数字乡村建设试点工作", "2024-05-21 08:15", "脚本日报",
    ("本报讯 记者从市农业农村局获悉，全市数字乡村建设试点工作全面铺开，首批二十个村完成网络改造。",
     "据介绍，试点村将依托益农信息社，为村民提供农技咨询、电商培训和便民缴费等十余项服务。",
     "市里还将建立考核机制，按季度通报各县区试点进展，确保年底前完成全部建设任务。"),
)
GBK = ScriptArticle(
    2002, "赣江新区加快培育数字经济生态圈", "2024-05-20 17:40", "江西日报",
    ("本报讯 赣江新区出台十条措施，支持数字经济企业在研发、人才和用地方面加快发展。",
     "新区有关负责人表示，今年将新引进数字经济项目五十个以上，产业规模力争突破千亿元。",
     "措施明确，对首次认定的高新技术企业给予一次性奖励，并在办公用房上给予三年租金补贴。"),
)
PRIVATE = ScriptArticle(
    2003, "内部稿件不应被抓取", "2024-05-19 10:00", "脚本日报",
    ("这篇稿件位于 robots.txt 禁止抓取的目录，无论是否渲染都不应被请求。",), folder="news/private",
)
ARTICLES = (FETCHED, GBK, PRIVATE)
SHELL_TOP = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}"><title>脚本日报</title></head>
<body>
<div class="nav"><a href="/index.html">首页</a> <a href="/about.html">关于我们</a></div>
<div class="main"><h1 id="title"></h1><div class="info" id="info"></div><div class="content" id="content"></div></div>
<div class="footer"><p>版权所有 脚本日报社</p></div>
"""
WRITER = """function writeArticle(a) {
  document.title = a.title + "_脚本日报";
  document.getElementById("title").textContent = a.title;
  document.getElementById("info").innerHTML =
    '<span class="time">' + a.time + '</span> <span class="source">来源：' + a.source + '</span>';
  var content = document.getElementById("content");
  a.paragraphs.forEach(function (text) {
    var p = document.createElement("p"); p.textContent = text; content.appendChild(p);
  });
}
"""


def _record(article: ScriptArticle) -> dict:
    return {"title": article.title, "time": article.time, "source": article.source,
            "paragraphs": list(article.paragraphs)}


def listing_html() -> str:
    """Return the listing: the links are made by a script from their parts."""
    entries = json.dumps([[a.folder, a.number, a.title] for a in ARTICLES], ensure_ascii=False)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>要闻_脚本日报</title></head>
<body>
<div class="nav"><a href="/index.html">首页</a></div>
<ul class="list" id="list"></ul>
<script>
var entries = {entries};
var list = document.getElementById("list");
entries.forEach(function (e) {{
  var a = document.createElement("a");
  a.href = "/" + e[0] + "/" + e[1] + ".ht" + "ml";
  a.textContent = e[2];
  var li = document.createElement("li"); li.appendChild(a); list.appendChild(li);
}});
</script>
</body></html>
"""


def fetched_article_html(article: ScriptArticle) -> str:
    """Return a shell whose script fetches the article as JSON after the page has loaded."""
    return SHELL_TOP.format(charset="utf-8") + f"""<script>
{WRITER}
window.addEventListener("load", function () {{
  setTimeout(function () {{
    fetch("/data/{article.number}.json").then(function (r) {{ return r.json(); }}).then(writeArticle);
  }}, 200);
}});
</script>
</body></html>
"""


def inline_article_html(article: ScriptArticle) -> str:
    """Return a shell whose inline script holds the article as string literals."""
    record = json.dumps(_record(article), ensure_ascii=False)
    return SHELL_TOP.format(charset="gbk") + f"""<script>
{WRITER}
writeArticle({record});
</script>
</body></html>
"""


def feed_xml(base_url: str) -> str:
    """Return an RSS feed linking the two public articles at ``base_url`` (a feed is never rendered)."""
    items = "".join(f"<item><title>{a.title}</title><link>{base_url}{a.page}</link></item>"
                    for a in (FETCHED, GBK))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>脚本日报</title>'
            f"<link>{base_url}</link>{items}</channel></rss>")


def write_site(root: Path) -> Path:
    """Write the site into ``root`` and return it."""
    files = {
        "index.html": listing_html().encode("utf-8"),
        FETCHED.page: fetched_article_html(FETCHED).encode("utf-8"),
        f"data/{FETCHED.number}.json": json.dumps(_record(FETCHED), ensure_ascii=False).encode("utf-8"),
        GBK.page: inline_article_html(GBK).encode("gbk"),
        PRIVATE.page: inline_article_html(PRIVATE).encode("gbk"),
        "robots.txt": b"User-agent: *\nDisallow: /news/private/\n",
        "_headers.json": json.dumps({
            "index.html": "text/html; charset=utf-8",
            FETCHED.page: "text/html; charset=utf-8",
            GBK.page: "text/html; charset=utf-8",  # the lie: the bytes are GBK
            f"data/{FETCHED.number}.json": "application/json",
        }).encode("utf-8"),
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def write_profile(folder: Path, **extra) -> Path:
    """Write the site's profile (``extra`` adds keys such as ``render``) and return its path."""
    data = {
        "name": "脚本日报", "slug": SLUG, "timezone": "Asia/Shanghai", "base_url": PUBLIC_BASE,
        "listing": {"start_urls": [{"url": "index.html", "section": "要闻"}],
                    "article_links": [r"/news/.+\.html$"]},
        **extra,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SLUG}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
