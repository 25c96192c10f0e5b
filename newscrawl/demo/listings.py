"""Render the demo's home page and paginated section listings."""

from __future__ import annotations

from newscrawl.demo.chrome import ad_box, article_href, footer, head, hot_list, masthead, text
from newscrawl.demo.data import DemoArticle, DemoData, Section

PER_PAGE = 5
HEADLINES = 6
SECTION_TEASERS = 3


def page_name(number: int) -> str:
    """Return the file name of listing page ``number`` (1-based): index.html, index_2.html, …"""
    return "index.html" if number == 1 else f"index_{number}.html"


def paginate(articles: list[DemoArticle], per_page: int = PER_PAGE) -> list[list[DemoArticle]]:
    """Return ``articles`` cut into listing pages of ``per_page``."""
    return [articles[i:i + per_page] for i in range(0, len(articles), per_page)] or [[]]


def _item(a: DemoArticle) -> str:
    when = a.published_text[:16]
    return (
        f'<li><a href="{article_href(a)}" target="_blank">{text(a.title)}</a>'
        f'<span class="date">{when}</span></li>'
    )


def _pager(number: int, total: int) -> str:
    links = [f'<span class="total">共{total}页</span>', f'<a href="{page_name(1)}">首页</a>']
    if number > 1:
        links.append(f'<a href="{page_name(number - 1)}">上一页</a>')
    for n in range(1, total + 1):
        links.append(f'<span class="current">{n}</span>' if n == number
                     else f'<a href="{page_name(n)}">{n}</a>')
    if number < total:
        links.append(f'<a href="{page_name(number + 1)}" class="next">下一页</a>')
    links.append(f'<a href="{page_name(total)}">尾页</a>')
    return '<div class="pages">' + " ".join(links) + "</div>\n"


def render_section(data: DemoData, section: Section) -> dict[str, str]:
    """Return the section's listing pages as ``{path: html}``."""
    pages = paginate(data.in_section(section.name))
    out = {}
    for number, chunk in enumerate(pages, 1):
        rows = "\n".join(_item(a) for a in chunk)
        title = f"{section.name}_{data.name}" + (f"_第{number}页" if number > 1 else "")
        out[f"section/{section.key}/{page_name(number)}"] = (
            head(title, "utf-8")
            + masthead(data, section.name)
            + '<div class="main wrap">\n<div class="left">\n'
            f'<div class="list-title"><h2>{text(section.name)}</h2></div>\n'
            f'<ul class="news-list">\n{rows}\n</ul>\n'
            + _pager(number, len(pages))
            # no 热点新闻 box here: a listing links only its own section's articles
            + '</div>\n<div class="right">\n' + ad_box() + "</div>\n</div>\n"
            + footer(data)
        )
    return out


def render_home(data: DemoData) -> str:
    """Return the home page: headlines, then a few titles per section with a 更多 link."""
    headlines = "\n".join(_item(a) for a in data.articles[:HEADLINES])
    blocks = []
    for s in data.sections:
        rows = "\n".join(_item(a) for a in data.in_section(s.name)[:SECTION_TEASERS])
        blocks.append(
            f'<div class="block" id="block-{s.key}">\n<div class="block-title"><h2>'
            f'<a href="/section/{s.key}/index.html">{text(s.name)}</a></h2>'
            f'<a class="more" href="/section/{s.key}/index.html">更多&gt;&gt;</a></div>\n'
            f'<ul class="news-list">\n{rows}\n</ul>\n</div>\n'
        )
    return (
        head(f"{data.name}_{data.city}主流新闻网站（演示）", "utf-8")
        + masthead(data)
        + '<div class="main wrap">\n<div class="left">\n'
        f'<div class="block headline"><h2>头条新闻</h2>\n<ul class="news-list">\n{headlines}\n</ul></div>\n'
        + "".join(blocks)
        + '<div class="block" id="epaper"><h2>数字报</h2><p>演示日报数字报按栏目浏览，请选择上方栏目。</p></div>\n'
        + '</div>\n<div class="right">\n' + hot_list(data) + ad_box() + "</div>\n</div>\n"
        + footer(data)
    )
