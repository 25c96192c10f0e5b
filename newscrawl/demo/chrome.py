"""Render the page furniture every demo page shares: head, masthead, nav, sidebar, footer.

This is the noise an extractor has to ignore, so it deliberately carries other
titles, dates, links and scripts, the way real Chinese news sites do.
"""

from __future__ import annotations

from html import escape

from newscrawl.demo.data import DemoArticle, DemoData

HOT_COUNT = 6
STAT_SCRIPT = "/static/js/stat.js"


def text(value: str) -> str:
    """Return ``value`` escaped for HTML text content."""
    return escape(value, quote=False)


def attr(value: str) -> str:
    """Return ``value`` escaped for a double-quoted HTML attribute."""
    return escape(value, quote=True)


def head(title: str, charset: str, meta_style: str = "html5", extra: str = "") -> str:
    """Return the document start up to ``<body>`` with the charset declared as ``meta_style``."""
    if meta_style == "html5":
        meta = f'<meta charset="{charset}">'
    else:
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n'
        f"{meta}\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
        f"<title>{text(title)}</title>\n"
        f"{extra}"
        '<link rel="stylesheet" href="/static/css/main.css" type="text/css">\n'
        '<script type="text/javascript">var _demoStat = _demoStat || []; '
        '_demoStat.push(["page", location.pathname]);</script>\n'
        "</head>\n<body>\n"
    )


def masthead(data: DemoData, current: str | None = None) -> str:
    """Return the top bar, logo and section navigation."""
    items = ['<li><a href="/index.html">首页</a></li>']
    for s in data.sections:
        cls = ' class="on"' if s.name == current else ""
        items.append(f'<li{cls}><a href="/section/{s.key}/index.html">{text(s.name)}</a></li>')
    items.append('<li><a href="/index.html#epaper">数字报</a></li>')
    return (
        '<div class="topbar"><div class="wrap">\n'
        f'<span class="welcome">欢迎访问{text(data.name)}网（本站为演示用虚构网站）</span>\n'
        '<span class="links"><a href="/index.html">设为首页</a> | <a href="/index.html">加入收藏</a>'
        ' | <a href="/index.html">手机版</a></span>\n'
        "</div></div>\n"
        '<div class="header"><div class="wrap">\n'
        f'<a class="logo" href="/index.html" title="{attr(data.name)}">{text(data.name)}</a>\n'
        '<form class="search" action="/index.html" method="get">'
        '<input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form>\n'
        "</div></div>\n"
        f'<div class="nav"><ul class="wrap">\n{chr(10).join(items)}\n</ul></div>\n'
    )


def article_href(article: DemoArticle) -> str:
    """Return the root-relative link to an article page."""
    return "/" + article.path


def hot_list(data: DemoData, exclude: int | None = None) -> str:
    """Return the sidebar "热点新闻" box: the newest titles with short dates."""
    picks = [a for a in data.articles if a.id != exclude][:HOT_COUNT]
    rows = "\n".join(
        f'<li><span class="num">{i}</span><a href="{article_href(a)}" target="_blank">{text(a.title)}</a>'
        f'<span class="date">{a.day:%m-%d}</span></li>'
        for i, a in enumerate(picks, 1)
    )
    return (
        '<div class="side-box hot">\n<div class="side-title"><h3>热点新闻</h3>'
        '<a class="more" href="/index.html">更多&gt;&gt;</a></div>\n'
        f'<ol class="hot-list">\n{rows}\n</ol>\n</div>\n'
    )


def ad_box() -> str:
    """Return a sidebar box that stands where an advertisement would be."""
    return (
        '<div class="side-box ad" id="ad-right-1">\n'
        '<a href="/index.html" target="_blank">订阅演示日报 全年只需一元（演示广告）</a>\n'
        "</div>\n"
    )


def footer(data: DemoData) -> str:
    """Return the footer with links, copyright, ICP line and the stats script."""
    return (
        '<div class="footer"><div class="wrap">\n'
        '<p class="footer-links"><a href="/index.html">关于我们</a> | <a href="/index.html">联系我们</a>'
        ' | <a href="/index.html">广告服务</a> | <a href="/index.html">版权声明</a>'
        ' | <a href="/index.html">网站地图</a></p>\n'
        f"<p>Copyright &copy; 2024 {text(data.name)}社 All Rights Reserved. "
        "未经授权禁止转载、摘编、复制或建立镜像。</p>\n"
        f"<p>{text(data.city)}演示路1号 新闻热线：0000-12345678 违法和不良信息举报电话：0000-87654321</p>\n"
        '<p><a href="/index.html" rel="nofollow">演ICP备00000000号-1</a>'
        " 演公网安备00000000000000号 互联网新闻信息服务许可证：00000000000</p>\n"
        "</div></div>\n"
        f'<script type="text/javascript" src="{STAT_SCRIPT}"></script>\n'
        "</body>\n</html>\n"
    )


STATIC_FILES = {
    "static/css/main.css": (
        "/* 演示日报 demo stylesheet */\n"
        "body{margin:0;font:14px/1.8 \"Microsoft YaHei\",sans-serif;color:#333}\n"
        ".wrap{width:1000px;margin:0 auto}\n"
        ".topbar{background:#f5f5f5;font-size:12px}\n"
        ".header .logo{font-size:36px;color:#c00;text-decoration:none;font-weight:bold}\n"
        ".nav{background:#c00}.nav li{display:inline-block;padding:0 16px}.nav a{color:#fff}\n"
        ".main{overflow:hidden}.left{float:left;width:680px}.right{float:right;width:290px}\n"
        ".article h1,.article .title{font-size:26px;text-align:center}\n"
        ".article-info,.property,.pubtime{color:#999;text-align:center;font-size:12px}\n"
        ".article-content p,#ozoom p{text-indent:2em}\n"
        ".footer{background:#333;color:#aaa;text-align:center;font-size:12px}\n"
    ),
    "static/js/stat.js": (
        "/* demo page-view counter: records nothing, sends nothing */\n"
        "(function(){var q=window._demoStat||[];q.push(['loaded',1]);})();\n"
    ),
}
