"""Check every field over generated article headers: the shapes the corpus holds few of.

Usage: python bench/shapes.py [--show N]

Builds small Chinese and English article pages whose header puts the headline,
the date, a source label, a byline or a menu above, below or around the
headline (short and long headlines, table layouts, placeholder <title>s), and
articles with furniture set inside or under the text (ads, stamp lines, picture
credits, related widgets, newsletter and follow prompts, site notices), and forum
threads in the markup of eight forum engines, posts of four Chinese blog
platforms and articles of four CMSs older Chinese portals run, runs
``extract_article`` on each and prints, per family of shapes, how many pages
got every checked field right, then the first ``--show`` mistakes. The pages
are written here, not taken from the corpus: a family that fails is a class of
mistake to turn into a test and a rule (bench/RULES.md, issue 22's last stop).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newscrawl.extract import extract_article  # noqa: E402
from tests.extract.blogpages import BUILDERS as BLOGS, PARAGRAPHS, WP_PARAGRAPHS, WP_VARIANTS, WRITER  # noqa: E402
from tests.extract.forumpages import ENGINES, thread  # noqa: E402
from tests.extract.newspages import DATE_FORMS, INSERTS, STORY, UPDATED_FORMS, dated_page, news_page  # noqa: E402
from tests.extract.portalpages import BUILDERS as PORTALS, EXPECT as PORTAL_EXPECT  # noqa: E402
from tests.extract.portalpages import PARAGRAPHS as PORTAL_TEXT, TITLE as PORTAL_TITLE  # noqa: E402

ZH_BODY = "".join(f"<p>这是第{i}段正文，记者在现场看到工人们正在加紧施工，预计年底前完工通车。</p>" for i in range(5))
EN_BODY = "".join(f"<p>Paragraph {i}: the council said on Tuesday that the new bridge would open to traffic "
                  f"next month, after safety checks.</p>" for i in range(5))
ZH_TITLES = ("春运", "新桥合龙", "南昌至九江高速公路新桥今天合龙")
EN_TITLES = ("Bridge opens", "New bridge over the river opens to traffic next month")
PLACES = ("above", "below", "around")


@dataclass
class Case:
    """One generated page and the fields it must give."""

    family: str
    html: str
    url: str
    expect: dict


def _top(place: str, header: str, title: str) -> str:
    """Return the headline and a header line placed ``place`` relative to it."""
    return {"above": f"<div class='info'>{header}</div><h1>{title}</h1>",
            "below": f"<h1>{title}</h1><div class='info'>{header}</div>",
            "around": f"<div class='top'>{header}<h1>{title}</h1></div>"}[place]


def chinese_headers() -> list[Case]:
    """Return Chinese pages whose header repeats the headline, labels a source or holds only a date."""
    shapes = {"{d}": None, "{d} {t}": None, "{t} {d}": None, "{d}<br>{t}": None, "来源：{t} {d}": None,
              "<span>{t}</span><span>{d}</span>": None, "{d} 来源：江西日报": "江西日报", "江西日报 {d}": "江西日报",
              "{d} 阅读 1234": None, "{d} 字号：大 中 小": None, "赣江老王 发表于 {d}": None}
    cases = []
    for title, (shape, source), place in itertools.product(ZH_TITLES, shapes.items(), PLACES):
        header = shape.format(d="2024-03-05 10:20", t=title)
        html = (f"<html><head><title>{title}_江西日报</title></head><body><div class='nav'><a href='/'>首页</a></div>"
                f"{_top(place, header, title)}<div class='content'>{ZH_BODY}</div></body></html>")
        cases.append(Case("zh header: headline, source, date", html, "http://www.example.cn/a/1.html",
                          {"title": title, "source": source, "published": "2024-03-05 10:20"}))
    return cases


def english_headers() -> list[Case]:
    """Return English pages with bylines and source labels around the header date."""
    shapes = {"By Anna Berg | {d}": ("Anna Berg", None), "Posted on {d} by Anna Berg": ("Anna Berg", None),
              "{d} by Anna Berg": ("Anna Berg", None), "Source: Reuters | {d}": (None, "Reuters"),
              "Source: Reuters {d}": (None, "Reuters"), "{d} Share Tweet Email": (None, None),
              "Written by Anna Berg on {d}": ("Anna Berg", None)}
    cases = []
    for title, (shape, (author, source)), place in itertools.product(EN_TITLES, shapes.items(), PLACES):
        header = shape.format(d="March 5, 2024")
        html = (f"<html lang='en'><head><title>{title} | The Coast Post</title></head><body>"
                f"<div class='nav'><a href='/'>Home</a> <a href='/news'>News</a></div>{_top(place, header, title)}"
                f"<div class='content'>{EN_BODY}</div></body></html>")
        cases.append(Case("en header: byline, source, date", html, "https://coastpost.example/news/bridge",
                          {"title": title, "author": author, "source": source, "published": "2024-03-05"}))
    return cases


def placeholder_titles() -> list[Case]:
    """Return Chinese pages whose <title> names no story, with the headline in a named element."""
    headline = "南昌新桥今天合龙"
    cases = []
    for placeholder, heading in itertools.product(
            ("无标题文档", "Untitled Document", "首页", "新闻详情", "正文", "Home"),
            ("<td class='biaoti'>{}</td>", "<div class='title'>{}</div>", "<h2>{}</h2>")):
        html = (f"<html><head><title>{placeholder}</title></head><body><table><tr>{heading.format(headline)}</tr>"
                f"</table><div class='info'>2024-03-05 10:20</div><div class='content'>{ZH_BODY}</div></body></html>")
        cases.append(Case("placeholder <title>", html, "http://www.example.cn/a/1.html", {"title": headline}))
    return cases


def portal_bodies() -> list[Case]:
    """Return table-layout portal pages with a menu row, a toolbar and a rights notice around the text."""
    story = ["南昌新桥今天上午合龙，标志着全线主体工程基本完工。", "记者在现场看到，工人们正在加紧施工，预计年底前完工通车。",
             "据介绍，新桥全长三公里，建成后将大大缓解城区交通压力。"]
    menus = ("<a href='/'>首页</a> | <a href='/n'>新闻</a> | <a href='/z'>政务</a> | <a href='/s'>社会</a>",
             "[<a href='/f'>收藏</a>] [<a href='/p'>打印</a>] [<a href='/c'>关闭</a>]")
    layouts = ("<table><tr><td>　　{}</td></tr></table>", "<div id='zoom'>{}</div>")
    cases = []
    for menu, layout, notice in itertools.product(menus, layouts, ("", "<p>版权所有 江西日报社 未经授权不得转载</p>")):
        text = layout.format("<br>　　".join(story) if "td" in layout else "".join(f"<p>{p}</p>" for p in story))
        html = (f"<html><head><title>南昌新桥今天合龙_江西日报</title></head><body><table><tr><td>{menu}</td></tr></table>"
                f"<table><tr><td class='bt'>南昌新桥今天合龙</td></tr><tr><td>2024-03-05 10:20 来源：江西日报</td></tr>"
                f"</table>{text}{notice}<table><tr><td>{menu}</td></tr></table></body></html>")
        cases.append(Case("portal body: menus, toolbars, notices", html, "http://www.example.cn/a/1.html",
                          {"paragraphs": story}))
    return cases


def dates() -> list[Case]:
    """Return pages whose header date is written in forms the corpus holds few of."""
    forms = {"二〇二四年三月五日": "2024-03-05", "113年3月5日": "2024-03-05", "中華民國113年03月05日": "2024-03-05",
             "更新时间：2024-03-05": "2024-03-05", "2024年03月05日10时20分": "2024-03-05 10:20",
             "Updated: March 5, 2024": "2024-03-05", "Published: 5.3.2024": "2024-03-05"}
    cases = []
    for written, day in forms.items():
        english = written[0].isascii() and not written[0].isdigit()
        lang, title = ("en", "Bridge opens") if english else ("zh", "南昌新桥今天合龙")
        html = (f"<html lang='{lang}'><head><title>{title}</title></head><body><h1>{title}</h1>"
                f"<div class='info'>{written}</div><div class='content'>{EN_BODY if english else ZH_BODY}</div>"
                "</body></html>")
        cases.append(Case("dates in rarer forms", html, "http://www.example.cn/a/1.html", {"published": day}))
    return cases


EN_STORY = [f"Paragraph {i}: the council said on Tuesday that the new bridge over the river would open to traffic "
            f"next month, after safety checks were finished." for i in range(6)]
ZH_STORY = [f"这是第{i}段正文，记者在现场看到工人们正在加紧施工，预计年底前完工通车，市民出行将更加方便。" for i in range(6)]
# Furniture set inside or under the text: ads, stamps, credits, widgets, prompts (issue 22's second-to-last stop).
EN_FURNITURE = {
    "mid": ("<p>Advertisement</p>", "<div class='ad-slot'><p>ADVERTISEMENT</p></div>", "<p>5 min read</p>",
            "<p>Updated at 1:23 p.m.</p>", "<p>Crowds at the opening on Sunday (Photo: Reuters)</p>",
            "<p>Sakib Ali/Hindustan Times via Getty Images</p>", "<p>Back to Gallery</p>", "<p>1 of 6</p>",
            "<div class='related-articles'><h3>More on this story</h3><ul><li><a href='/a'>Mayor promises repairs "
            "on the old bridge</a></li><li><a href='/b'>River traffic halted for two weeks</a></li></ul></div>",
            "<p><strong>Most read in News</strong></p>", "<p>Lest auch</p>", "<p>$$ARTICLEAD$$</p>",
            "<p>An dieser Stelle findest du einen externen Inhalt von YouTube, der den Artikel ergänzt.</p>"
            "<p>YouTube-Inhalte erlauben</p>"),
    "end": ("<p>Sign up for our daily newsletter to get the latest news in your inbox.</p>",
            "<p>(Reporting by Anna Berg; Editing by Tom Brown)</p>",
            "<p>Associated Press writers Anna Berg and Tom Brown contributed to this report.</p>",
            "<p>Follow The Coast Post on Facebook and Instagram.</p>", "<p>© Rolf Zoellner/imago</p>",
            "<p>Melden Sie sich jetzt für unseren kostenlosen Newsletter an.</p>", "<p>Explore further</p>"),
}
ZH_FURNITURE = {
    "mid": ("<div class='xgyd'><p>相关阅读：</p><ul><li><a href='/a'>南昌地铁四号线开通运营时间确定</a></li>"
            "<li><a href='/b'>九江长江大桥明年起封闭维修</a></li></ul></div>", "<p>广告</p>",
            "<p>新桥合龙现场。（视觉中国）</p>", "<p>（点击看清晰大图）</p>"),
    "end": ("<p>声明：本文转载自其他媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。</p>",
            "<p>扫一扫，关注江西日报微信公众号</p>", "<p>【纠错】 【责任编辑：王小明】</p>", "<p>打印 字体： 放大 正常 缩小 分享</p>",
            "<p>(本文来自江西日报，更多原创资讯请下载“江西新闻”APP)</p>"),
}
STAMPS = ("March 5, 2024", "Tuesday, March 5, 2024", "Publiziert: 05.03.2024, 10:20", "Dienstag, 5. März 2024",
          "2024年3月5日 星期二")


def body_furniture() -> list[Case]:
    """Return English, German and Chinese articles with one piece of furniture inside or under the text,
    and ones whose header stamp line sits inside the article's container."""
    cases = []
    for story, furniture, lang in ((EN_STORY, EN_FURNITURE, "en"), (ZH_STORY, ZH_FURNITURE, "zh")):
        for place, pieces in furniture.items():
            for piece in pieces:
                cut = 4 if place == "mid" else len(story)
                text = "".join(f"<p>{p}</p>" for p in story[:cut]) + piece + "".join(f"<p>{p}</p>" for p in story[cut:])
                cases.append(Case("body: furniture in and under the text", _article(lang, text, "March 5, 2024"),
                                  "https://post.example/news/bridge", {"paragraphs": story}))
    for stamp in STAMPS:
        text = "".join(f"<p>{p}</p>" for p in EN_STORY)
        cases.append(Case("body: furniture in and under the text", _article("en", text, stamp),
                          "https://post.example/news/bridge", {"paragraphs": EN_STORY}))
    return cases


def forum_threads() -> list[Case]:
    """Return forum threads in the markup of eight engines (tests/extract/forumpages.py): 1, 3 and 12
    replies, a long or a short opening post. Right: every post's message in order, nothing of the
    furniture around each message, the first post's date."""
    cases = []
    for name, (build, chinese) in ENGINES.items():
        for replies, long_opening in itertools.product((1, 3, 12), (True, False)):
            title, posts = thread(chinese, replies, long_opening)
            expect = {"paragraphs": [p for post in posts for p in post.paragraphs],
                      "published": "2019-05-06 09:10" if chinese else "2019-05-06 13:10"}
            cases.append(Case("threads: the posts' messages, the first post's date",
                              build(title, posts).decode("utf-8"), "https://forum.example/thread/1", expect))
    return cases


def blogs() -> list[Case]:
    """Return a post of four Chinese blog platforms (tests/extract/blogpages.py): its text, date and writer."""
    cases = []
    for name, build in BLOGS.items():
        expect = {"paragraphs": PARAGRAPHS, "published": "2012-04-12 08:30",
                  "author": None if name == "jianshu" else WRITER}  # Jianshu names its writer as an account
        cases.append(Case("blogs: text, date, writer", build(), f"https://blog.example.cn/{name}/1.html", expect))
    return cases


def wordpress_posts() -> list[Case]:
    """Return an English WordPress post with one more box in or after its text (tests/extract/blogpages.py)."""
    return [Case("blogs: WordPress boxes", html, "https://allotment.example/2020/05/06/blossom-end-rot/",
                 {"paragraphs": WP_PARAGRAPHS, "author": "Anna Berg"}) for html in WP_VARIANTS.values()]


def news_inserts() -> list[Case]:
    """Return an English news story with one of a news site's inline pieces of furniture between its
    paragraphs (tests/extract/newspages.py): reading aids, caption labels, a pull quote, related links."""
    return [Case("news: reading aids and labels between paragraphs", news_page(insert),
                 "https://riverside.example/news/2024/03/05/bridge", {"paragraphs": STORY})
            for insert in INSERTS.values()]


def dates_by_language() -> list[Case]:
    """Return a short article whose header prints only its day, in the forms of 23 languages
    (tests/extract/newspages.py DATE_FORMS)."""
    return [Case("dates: the header's day in 23 languages", dated_page(lang, form), "https://news.example/bridge",
                 {"published": "2024-03-05"}) for lang, forms in DATE_FORMS.items() for form in forms]


def updated_first() -> list[Case]:
    """Return a header printing its updated day before its published day, in 14 languages."""
    return [Case("dates: published beats an updated day printed first", dated_page(lang, form),
                 "https://news.example/bridge", {"published": "2024-03-05"})
            for lang, forms in UPDATED_FORMS.items() for form in forms]


def portal_cms() -> list[Case]:
    """Return an article of four CMSs older Chinese portals run (tests/extract/portalpages.py)."""
    return [Case("portal CMS articles: headline, text, writer, source", build(), "http://www.example.cn/a/1.html",
                 {"title": PORTAL_TITLE, "paragraphs": PORTAL_TEXT, "author": PORTAL_EXPECT[name][0],
                  "source": PORTAL_EXPECT[name][1]})
            for name, build in PORTALS.items()]


def _article(lang: str, text: str, stamp: str) -> str:
    """Return a news page whose stamp line and text sit inside one <article>."""
    return (f"<html lang='{lang}'><head><title>New bridge opens next month | Post</title></head><body>"
            f"<div class='nav'><a href='/'>Home</a> <a href='/n'>News</a></div><article>"
            f"<h1>New bridge opens next month</h1><div class='meta'>{stamp}</div>"
            f"<div class='article-body'>{text}</div></article><footer><p>About us</p></footer></body></html>")


def _shown(field: str, value):
    """Return a field as the checks compare it (dates as text, to the minute when they have a time)."""
    if field == "published" and value is not None:
        return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "hour") else value.isoformat()
    if field == "paragraphs":
        return [p.strip("　 ") for p in value]
    return value


def mistakes(case: Case) -> list[str]:
    """Return the fields ``case`` got wrong, each with what it got and what it should."""
    found = extract_article(case.html.encode("utf-8"), case.url)
    wrong = []
    for field, expected in case.expect.items():
        got = _shown(field, getattr(found, field))
        if field == "published" and got and expected and len(expected) == 10:
            got = got[:10]
        if got != expected:
            wrong.append(f"{field}: {got!r} (expected {expected!r})")
    return wrong


def main(argv: list[str] | None = None) -> int:
    """Print, per family, the pages with every field right; then the first mistakes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10, help="mistakes printed after the table")
    args = parser.parse_args(argv)
    families: dict[str, list[int]] = {}
    shown: list[str] = []
    for case in (chinese_headers() + english_headers() + placeholder_titles() + portal_bodies() + dates()
                 + body_furniture() + forum_threads() + blogs()
                 + wordpress_posts() + portal_cms() + news_inserts()
                 + dates_by_language() + updated_first()):
        wrong = mistakes(case)
        tally = families.setdefault(case.family, [0, 0])
        tally[0] += not wrong
        tally[1] += 1
        if wrong and len(shown) < args.show:
            shown.append(f"{case.family}: " + "; ".join(wrong))
    print("| family of shapes | pages right | pages |")
    print("|---|---|---|")
    for family, (right, total) in families.items():
        print(f"| {family} | {right} | {total} |")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
