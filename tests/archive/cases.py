"""Hostile values shared by the archive tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from newscrawl.items import ArticleItem

CST = timezone(timedelta(hours=8))
BASE_URL = "//finews.withounder.com/"

# Titles, authors and sources that break naive YAML, Liquid or shortcodes.
HOSTILE_VALUES = [
    'say "hi" and \'bye\'',
    "key: value",
    "# not a comment",
    "- looks like a list",
    "* star",
    "&anchor",
    "*alias",
    "!tag value",
    "| literal",
    "> folded",
    "line one\nline two",
    "tab\there",
    "x" * 5000,
    "长标题" * 800,
    "emoji 😀🎉 news",
    "bidi \u202eevil\u202c text",
    "{{ site.title }}",
    "{% raw %} never closed",
    "{% endraw %}",
    "{{< shortcode >}}",
    "{{% shortcode %}}",
    "yes",
    "No",
    "null",
    "~",
    "123",
    "0x1F",
    "1e3",
    "2022-03-17",
    "---",
    "...",
    "@handle",
    "`tick`",
    "%percent",
    "? question",
    "[flow, list]",
    "{map: 1}",
    "back\\slash",
    " leading and trailing ",
    "中文：冒号 # 井号",
]

# Ids and slugs from hostile URLs.
HOSTILE_IDS = [
    "..",
    ".",
    "../../etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc",
    "/abs/path",
    "a\x00b",
    "n" * 300,
    "é文章编号",
    "文章",
    ".hidden",
    "-dash-",
    "a..b",
    "a/b",
    "a\\b",
    "a?b=c&d#e",
    "\u202eevil",
    "CON",
    "x" * 255 + "/../y",
]

# Body text that would execute or be evaluated if it were not escaped.
HOSTILE_PARAGRAPHS = [
    "<script>alert('x')</script> after script",
    '<img src=x onerror="alert(1)"> image',
    '<a href="javascript:alert(1)">js link</a> and <a href="data:text/html,x">data</a>',
    '<iframe src="http://evil.example/"></iframe><object data="x"></object><form action="/x"><input></form>',
    "Liquid {{ site.title }} and {{ page.title | upcase }}",
    "{% raw %} unclosed raw",
    "{% endraw %} stray endraw }}",
    "Hugo {{< shortcode >}} and {{% other %}}",
    "blank line\n\n[md link](javascript:alert(1)) *emphasis* <b>bold</b>",
    "  leading\u3000ideographic space kept  ",
]

#: Pictures whose every field is hostile: scripts as addresses, markup and template syntax in captions
#: and alt text, a kept file's name that leaves the images folder, positions that are no positions.
HOSTILE_PICTURES = [
    {"url": "javascript:alert(1)", "position": 0, "caption": "x", "alt": None, "file": None},
    {"url": "data:image/svg+xml;base64,PHN2Zz4=", "position": 1, "caption": None, "alt": None, "file": None},
    {"url": "http://img.example/a b.png", "position": "1", "caption": "<b onclick=x>{{ site.title }}</b>",
     "alt": '" onerror="alert(1)', "file": "../../_config.yml"},
    {"url": "http://img.example/c.png?x={% raw %}", "position": -1, "caption": "{{< shortcode >}}\n\nline",
     "alt": "{% endraw %}", "file": "ab/" + "ab" * 16 + ".jpg"},
    {"url": "http://img.example/d.png", "position": 10**9, "caption": "<img src=x onerror=alert(1)>",
     "alt": "<script>", "file": None},
]

# Digests (quoted above a body) that Markdown, Liquid or a shortcode would act on if they were written raw.
HOSTILE_DIGESTS = [
    "中标利率保持2.10%不变，区间5%至5.25%。",
    "布伦特原油期货价格小幅回落, 市场关注库存数据 *初值* 与 **终值**",
    "1. 列表? [链接](javascript:x) ![图](x.png) [^1] <b>粗</b> <!-- c --> <https://a.example/>",
    "# 标题 与 a_b_c snake_case 和 _斜体_ 及 __粗__",
    "- 列表项 | 表 | 格 | 与 `代码` 与 \\* 与 \\ 结尾\\",
    "{{ site.title }} {% raw %} {{< sc >}} {{% sc %}} {: .cls} {::comment} 价格{涨}",
    "&amp; &#46; &lt;b&gt; AT&T 5 < 6 > 4",
    "$$ x^2 $$ ~~删除~~ ~约 3~5 成 ^ 上 * 星",
    "> 引用 ===",
    "---",
    "10) 第十条",
    "    四个空格开头",
    "\"引号\" 'single' it's ... -- --- << >> 完",
]
LITERALS = ["{{ site.title }}", "{% raw %}", "{{< shortcode >}}", "{{% other %}}", "{% endraw %}"]


def article(**changes) -> ArticleItem:
    """Return a seed-like article with the given fields changed."""
    values = dict(
        url="http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202203172312986018",
        site="jiangxiribao",
        id="NW202203172312986018",
        title="西湖区加快培育数字经济生态圈",
        published=datetime(2022, 3, 17, 9, 4, 4, tzinfo=CST),
        source="江西日报",
        paragraphs=["第一段。", "第二段。"],
        category="jiangxiribao",
        category_name="江西日报新闻",
    )
    values.update(changes)
    return ArticleItem(**values)


def hostile_articles() -> list[ArticleItem]:
    """Return posts that together carry every hostile value, id and paragraph."""
    items = [article(id="seed-like")]
    for n, value in enumerate(HOSTILE_VALUES):
        items.append(article(
            id=f"title-{n}", title=value, author=[value, "张三"], editor=value,
            source=value, section=value,
            published=datetime(2022, 3, 1 + n % 28, 8, n % 60, 0, tzinfo=CST),
        ))
    for n, raw in enumerate(HOSTILE_IDS):
        items.append(article(id=raw, title=f"hostile id {n}", published=date(2022, 4, 1 + n)))
    for n, digest in enumerate(HOSTILE_DIGESTS):
        items.append(article(id=f"digest-{n}", title=f"digest {n}", digest=digest,
                             published=datetime(2022, 5, 1 + n, 8, 0, 0, tzinfo=CST)))
    items.append(article(
        id="hostile-body", title="hostile body {{ site.title }}", paragraphs=HOSTILE_PARAGRAPHS,
        url='http://evil.example/p?a={{x}}&b=<script>"q" {% raw %}',
        pictures=HOSTILE_PICTURES,
        category="renminribao", category_name="人民日报 {{ site.title }} [x](y)",
    ))
    return items
