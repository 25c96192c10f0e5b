"""Render one demo article page in one of three layouts real Chinese sites use.

- ``portal``: a modern news portal (h1, info bar of spans, share bar, sidebar).
- ``epaper``: a digital-edition page (版面 bar, title list of the page, ``#ozoom``
  body between ``<!--enpcontent-->`` markers).
- ``classic``: an older table layout (``div.title``, a ``property`` line with
  font-size and print links, ``TRS_Editor`` body with the editor line inside).
"""

from __future__ import annotations

import posixpath

from newscrawl.demo.chrome import ad_box, attr, footer, head, hot_list, masthead, text
from newscrawl.demo.data import DemoArticle, DemoData, DemoPicture

WEEKDAYS = "一二三四五六日"
INDENT = "\u3000\u3000"
RELATED_COUNT = 3


def render_article(article: DemoArticle, data: DemoData) -> bytes:
    """Return the article's page as bytes in the article's encoding."""
    render = {"portal": _portal, "epaper": _epaper, "classic": _classic}[article.layout]
    return render(article, data).encode(article.encoding)


def dateline_text(a: DemoArticle) -> str:
    """Return the publication date as the page prints it."""
    if a.dateline == "cn":
        if a.day_only:
            return f"{a.day:%Y年%m月%d日} 星期{WEEKDAYS[a.day.weekday()]}"
        return a.day.strftime("%Y年%m月%d日") + " " + a.published_text[11:]
    prefix = {"iso": "", "fabu": "发布时间：", "shijian": "时间："}[a.dateline]
    return prefix + a.published_text


def byline_text(a: DemoArticle) -> str:
    """Return the author line as printed above the body ('' when there is none)."""
    names = " ".join(a.authors)
    forms = {"reporter": "本报记者 ", "jizhe": "记者 ", "zuozhe": "作者：", "wen": "文/"}
    return forms[a.byline] + names if a.byline in forms else ""


def image_src(a: DemoArticle, image: DemoPicture) -> str:
    """Return how the page links a picture: the picture host's full URL, else relative on e-papers,
    root-relative elsewhere."""
    if image.cdn:
        return image.url("")
    if a.layout == "epaper":
        return posixpath.relpath(image.path, posixpath.dirname(a.path))
    return "/" + image.path


def picture_html(a: DemoArticle, image: DemoPicture) -> str:
    """Return a picture as the layout shows one: a portal's <figure>, else a centred line under it."""
    src = image_src(a, image)
    if a.layout == "portal":
        caption = f"<figcaption>{text(image.caption)}</figcaption>" if image.caption else ""
        return f'<figure class="pic"><img src="{src}" alt="{attr(image.caption or "")}" />{caption}</figure>\n'
    shown = f'<p style="text-align: center;"><img src="{src}" border="0" alt="" /></p>\n'
    if image.caption:
        shown += f'<p style="text-align: center;">{text(image.caption)}</p>\n'
    return shown


def body_html(a: DemoArticle) -> str:
    """Return the body as ``<p>`` elements (with pictures and blanks) or ``<br>``-separated text."""
    lead = INDENT if a.indent else ""
    paras = [lead + text(p) for p in a.paragraphs]
    if a.br == "single":
        return "".join(f"{p}<br />\n" for p in paras)
    if a.br == "double":
        return "<p>" + "<br><br>\n".join(paras) + "</p>\n"
    blocks = [f"<p>{p}</p>\n" for p in paras]
    blocks.insert(1, "".join(picture_html(a, i) for i in a.images))
    if a.blank_paragraphs:  # leftovers of the paper's web editor, common on real pages
        blocks.insert(3, "<p>&nbsp;</p>\n")
        blocks.append("<p>&nbsp;</p>\n")
    return "".join(blocks)


def _siblings(a: DemoArticle, data: DemoData) -> list[DemoArticle]:
    return [o for o in data.in_section(a.section) if o.id != a.id]


def _relative(a: DemoArticle, other: DemoArticle) -> str:
    return posixpath.relpath(other.path, posixpath.dirname(a.path))


def _related(a: DemoArticle, data: DemoData) -> str:
    rows = "\n".join(
        f'<li><a href="{_relative(a, o)}">{text(o.title)}</a><span class="date">{o.day:%Y-%m-%d}</span></li>'
        for o in _siblings(a, data)[:RELATED_COUNT]
    )
    return f'<div class="related">\n<h3>相关新闻</h3>\n<ul>\n{rows}\n</ul>\n</div>\n'


def _portal(a: DemoArticle, data: DemoData) -> str:
    section = data.section(a.section)
    extra = (
        f'<meta name="keywords" content="{attr(data.name)},{attr(section.name)}">\n'
        f'<meta name="description" content="{attr(a.paragraphs[0][:60])}">\n'
        f'<meta property="og:title" content="{attr(a.title)}">\n'
        '<meta property="og:type" content="article">\n'
    )
    info = [f'<span class="date">{text(dateline_text(a))}</span>']
    if a.source:
        info.append(f'<span class="source">{a.source_label}：{text(a.source)}</span>')
    if byline_text(a):
        info.append(f'<span class="author">{text(byline_text(a))}</span>')
    editor = f'<div class="article-editor">责任编辑：{text(a.editor)}</div>\n' if a.editor else ""
    return (
        head(f"{a.title} - {section.name} - {data.name}", a.encoding, "html5", extra)
        + masthead(data, a.section)
        + '<div class="crumb wrap">当前位置：<a href="/index.html">首页</a> &gt; '
        f'<a href="/section/{section.key}/index.html">{text(section.name)}</a> &gt; 正文</div>\n'
        + '<div class="main wrap">\n<div class="left">\n<div class="article">\n'
        f'<h1 class="article-title">{text(a.title)}</h1>\n'
        f'<div class="article-info">\n{chr(10).join(info)}\n</div>\n'
        f'<div class="article-content" id="articleContent">\n{body_html(a)}</div>\n'
        + editor
        + '<div class="share">分享到：<a class="share-wx" href="javascript:void(0);">微信</a>'
        ' <a class="share-wb" href="javascript:void(0);">微博</a>'
        ' <a class="share-qq" href="javascript:void(0);">QQ空间</a></div>\n'
        "</div>\n"
        + _related(a, data)
        + '</div>\n<div class="right">\n'
        + hot_list(data, exclude=a.id)
        + ad_box()
        + "</div>\n</div>\n"
        + footer(data)
    )


def _epaper(a: DemoArticle, data: DemoData) -> str:
    section = data.section(a.section)
    edition = f"第A{data.sections.index(section) + 1:02d}版：{section.name}"
    others = "\n".join(
        f'<li><a href="{_relative(a, o)}">{text(o.title)}</a></li>' for o in _siblings(a, data)[:5]
    )
    byline = f'<div class="byline">{text(byline_text(a))}</div>\n' if byline_text(a) else ""
    editor = f'<div class="editor">【责任编辑：{text(a.editor)}】</div>\n' if a.editor else ""
    return (
        head(f"{a.title}--{data.name}数字报", a.encoding, "http-equiv")
        + masthead(data, a.section)
        + f'<div class="paper-bar wrap">{text(data.name)}数字报 &nbsp; {edition} &nbsp; '
        f'<a href="/section/{section.key}/index.html">返回版面</a></div>\n'
        + '<table class="paper" width="1000" align="center" cellpadding="0" cellspacing="0"><tr>\n'
        '<td class="paper-left" valign="top" width="300">\n'
        f'<div class="bm-list"><h4>本版标题导航</h4>\n<ul>\n{others}\n</ul></div>\n'
        "</td>\n"
        '<td class="paper-right" valign="top">\n<div class="article">\n'
        f'<h1 id="doc-title">{text(a.title)}</h1>\n'
        + byline
        + f'<div class="pubtime">{text(dateline_text(a))}</div>\n'
        f'<div id="ozoom">\n<!--enpcontent-->\n{body_html(a)}<!--/enpcontent-->\n</div>\n'
        + editor
        + f'<div class="pager"><a href="/section/{section.key}/index.html">上一篇</a>'
        f' <a href="/section/{section.key}/index.html">下一篇</a></div>\n'
        "</div>\n</td>\n</tr></table>\n"
        + footer(data)
    )


def _classic(a: DemoArticle, data: DemoData) -> str:
    section = data.section(a.section)
    sp = "&nbsp;&nbsp;"
    parts = [text(dateline_text(a))]
    if a.source:
        parts.append(f"{a.source_label}：{text(a.source)}")
    if byline_text(a):
        parts.append(text(byline_text(a)))
    parts.append('【字号：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a>'
                 ' <a href="javascript:doZoom(12)">小</a>】【<a href="javascript:window.print()">打印</a>】'
                 '【<a href="javascript:window.close()">关闭</a>】')
    editor = f'<p align="right">责任编辑：{text(a.editor)}</p>\n' if a.editor else ""
    return (
        head(f"{a.title}_{data.name}网", a.encoding, "http-equiv")
        + masthead(data, a.section)
        + '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="position">'
        '<tr><td>您现在的位置：<a href="/index.html">首页</a> &gt;&gt; '
        f'<a href="/section/{section.key}/index.html">{text(section.name)}</a> &gt;&gt; 正文</td></tr></table>\n'
        + '<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main"><tr>\n'
        '<td width="690" valign="top">\n<div class="article">\n'
        f'<div class="title">{text(a.title)}</div>\n'
        f'<div class="property">{sp.join(parts)}</div>\n'
        f'<div class="TRS_Editor">\n{body_html(a)}{editor}</div>\n'
        "</div>\n"
        + _related(a, data)
        + '</td>\n<td width="290" valign="top">\n'
        + hot_list(data, exclude=a.id)
        + ad_box()
        + "</td>\n</tr></table>\n"
        + footer(data)
    )

