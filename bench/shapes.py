"""Check every field over generated article headers: the shapes the corpus holds few of.

Usage: python bench/shapes.py [--show N]

Builds small Chinese and English article pages whose header puts the headline,
the date, a source label, a byline or a menu above, below or around the
headline (short and long headlines, table layouts, placeholder <title>s), runs
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
    for case in chinese_headers() + english_headers() + placeholder_titles() + portal_bodies() + dates():
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
