"""Generate small fixture newspapers for end-to-end crawls.

A :class:`FixtureSite` is a folder that ``newscrawl.demo.server.serve`` can
serve: a paginated listing (``index.html``, ``list_2.html`` …, newest first)
and one page per article in the markup Chinese papers commonly use — an
``<h1>`` title, a meta line with ``2024-05-20 09:30``, ``来源：X`` and
``记者 Y``, a ``<div class="content">`` of paragraphs, and a nav bar and
footer around it. Tests add and edit articles between runs, then call
:meth:`FixtureSite.write` again; only pages whose bytes changed are rewritten.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PUBLIC_BASE = "http://paper.example/"
PER_PAGE = 5


@dataclass
class Article:
    """One fixture article; ``page`` is its path on the site, relative to the root."""

    page: str
    title: str
    published: str | None  # the date line, e.g. "2024-05-20 09:30"; None: no date anywhere
    paragraphs: list[str]  # plain text, escaped when written
    source: str | None = "测试日报"
    author: str | None = "张三"
    raw_body: str | None = None  # extra markup inserted as it is after the paragraphs
    listed: bool = True  # False: written but not linked from the listing
    query: str = ""  # appended to the link on the listing (?id=…)

    @property
    def link(self) -> str:
        """Return the href the listing uses for this article (relative to the root)."""
        return self.page + self.query


def article_html(article: Article) -> str:
    """Return the article page: nav, title, meta line, content and footer."""
    esc = html.escape
    meta = []
    if article.published:
        meta.append(f'<span class="time">{esc(article.published)}</span>')
    if article.source is not None:
        meta.append(f'<span class="source">来源：{esc(article.source)}</span>')
    if article.author is not None:
        meta.append(f'<span class="author">记者 {esc(article.author)}</span>')
    paragraphs = "\n".join(f"    <p>{esc(p)}</p>" for p in article.paragraphs)
    raw = f"\n    {article.raw_body}" if article.raw_body else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{esc(article.title)}_测试日报</title>
</head>
<body>
<div class="nav"><a href="/index.html">首页</a> <a href="/index.html">要闻</a> <a href="/about.html">关于我们</a></div>
<div class="main">
  <h1>{esc(article.title)}</h1>
  <div class="info">{" ".join(meta)}</div>
  <div class="content">
{paragraphs}{raw}
  </div>
</div>
<div class="footer"><p>版权所有 © 测试日报社 未经授权禁止转载</p><p>备案号：赣ICP备00000000号</p></div>
</body>
</html>
"""


def listing_html(entries: list[Article], page: int, pages: int) -> str:
    """Return listing page ``page`` (1-based) of ``pages``, linking ``entries``."""
    items = "\n".join(
        f'  <li><a href="/{html.escape(a.link)}">{html.escape(a.title[:40])}</a>'
        f'<span>{html.escape((a.published or "")[:10])}</span></li>'
        for a in entries)
    nav = f'<a href="/list_{page + 1}.html">下一页</a>' if page < pages else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>要闻_测试日报</title></head>
<body>
<div class="nav"><a href="/index.html">首页</a> <a href="javascript:;">登录</a></div>
<ul class="list">
{items}
</ul>
<div class="page">{nav}</div>
<div class="footer">版权所有 © 测试日报社</div>
</body></html>
"""


@dataclass
class FixtureSite:
    """A fixture newspaper written into ``root``; articles are kept newest first."""

    root: Path
    name: str = "测试日报"
    slug: str = "ceshiribao"
    public_base: str = PUBLIC_BASE
    articles: list[Article] = field(default_factory=list)
    per_page: int = PER_PAGE
    _serial: int = 1000

    def add_article(self, title: str, paragraphs: list[str], published: str | None = "2024-05-20 09:30",
                    *, page: str | None = None, **fields) -> Article:
        """Add an article (newest on the listing) and return it; call :meth:`write` after."""
        self._serial += 1
        page = page or f"news/2024/05/{self._serial}.html"
        article = Article(page=page, title=title, published=published, paragraphs=list(paragraphs), **fields)
        self.articles.insert(0, article)
        return article

    def edit_article(self, article: Article, paragraphs: list[str] | None = None,
                     title: str | None = None) -> None:
        """Change an article's text (and title); call :meth:`write` after."""
        if paragraphs is not None:
            article.paragraphs = list(paragraphs)
        if title is not None:
            article.title = title

    def public_url(self, article: Article) -> str:
        """Return the article's URL as the profile's public base names it."""
        return self.public_base + article.link

    def write(self) -> None:
        """Write the listing pages and the article pages (unchanged files are left alone)."""
        listed = [a for a in self.articles if a.listed]
        chunks = [listed[i:i + self.per_page] for i in range(0, len(listed), self.per_page)] or [[]]
        for number, chunk in enumerate(chunks, 1):
            name = "index.html" if number == 1 else f"list_{number}.html"
            _write_if_changed(self.root / name, listing_html(chunk, number, len(chunks)))
        for article in self.articles:
            _write_if_changed(self.root / article.page, article_html(article))
        _write_if_changed(self.root / "robots.txt", "User-agent: *\nAllow: /\n")
        headers = {"index.html": "text/html; charset=utf-8"}
        _write_if_changed(self.root / "_headers.json", json.dumps(headers, indent=1))

    def remove(self, article: Article) -> None:
        """Delete an article's page (the listing still links it until the next write)."""
        (self.root / article.page).unlink()

    def profile(self, folder: Path, **extra) -> Path:
        """Write this site's profile YAML into ``folder`` and return its path.

        ``extra`` adds or replaces top-level profile keys (``recheck_hours``,
        ``id_pattern``, ``selectors`` …).
        """
        data = {
            "name": self.name,
            "slug": self.slug,
            "timezone": "Asia/Shanghai",
            "base_url": self.public_base,
            "listing": {
                "start_urls": [{"url": "index.html", "section": "要闻"}],
                "article_links": [r"/news/.+\.html"],
                "next_pages": [r"/list_\d+\.html$"],
            },
            **extra,
        }
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.slug}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path


def _write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` unless the file already holds exactly it."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def story(n: int, words: str = "") -> list[str]:
    """Return three distinct plain paragraphs for story number ``n``."""
    return [
        f"第{n}号消息：{words}本市今日召开专题会议，部署推进第{n}项重点工作，要求各部门压实责任、细化举措。",
        f"会议指出，第{n}项工作事关群众切身利益，必须坚持问题导向，确保按期完成年度目标任务。",
        f"据介绍，相关单位将加强督导检查，及时通报第{n}项工作进展情况，接受社会监督。",
    ]
