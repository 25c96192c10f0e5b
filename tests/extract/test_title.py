"""The headline heading the article, not the <title> with its site suffix."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.article import build_page
from newscrawl.extract.title import extract_title, find_title, strip_site_name
from tests.helpers import CORPUS, need_shared


def title_of(html: str, selectors: dict | None = None) -> str | None:
    """Return the headline extract_title finds in an HTML string."""
    page, _ = build_page(html.encode("utf-8"))
    page.selectors = selectors or {}
    return extract_title(page)


def test_h1_confirmed_by_title_tag_wins_over_suffixed_title():
    html = """<html><head><title>西湖区加快培育数字经济生态圈_网易新闻</title></head><body>
    <h1><a href="/">网易新闻</a></h1><div class="post"><h1>西湖区加快培育数字经济生态圈</h1>
    <p>正文。</p></div></body></html>"""
    assert title_of(html) == "西湖区加快培育数字经济生态圈"


def test_title_named_div_is_a_heading_when_there_is_no_h1():
    html = """<html><head><title>法国全国大罢工再次严重影响交通-新华网</title></head><body>
    <div class="h-title">法国全国大罢工再次严重影响交通</div><p>新华社巴黎电。</p></body></html>"""
    assert title_of(html) == "法国全国大罢工再次严重影响交通"


def test_og_title_confirms_the_heading():
    html = """<html><head><meta property="og:title" content="Storm closes schools across the region">
    <title>Storm closes schools across the region | Reuters</title></head><body>
    <h2>Most read</h2><h1>Storm closes schools across the region</h1></body></html>"""
    assert title_of(html) == "Storm closes schools across the region"


def test_kicker_before_the_headline_is_dropped_when_og_title_is_the_short_form():
    html = """<html><head><meta property="og:title" content="Trump speaks about ground operations">
    </head><body><h1>"It will begin soon": Trump speaks about ground operations</h1></body></html>"""
    assert title_of(html) == "Trump speaks about ground operations"


def test_kicker_span_inside_the_heading_is_not_part_of_the_headline():
    html = """<html><head><meta property="og:title" content="Region votes: «We want more trains»">
    </head><body><h1><span class="article-title__overline">Transport</span>
    <span aria-hidden="true"> - </span><span>«We want more trains»</span></h1></body></html>"""
    assert title_of(html) == "«We want more trains»"


def test_kicker_stays_when_the_metadata_headline_has_it():
    html = """<html><head><meta property="og:title" content="Flood inquiry: Two resign, many questions">
    </head><body><h1><span class="headline__topline">Flood inquiry</span>
    <span>Two resign, many questions</span></h1></body></html>"""
    assert title_of(html) == "Flood inquiry: Two resign, many questions"


def test_og_title_cut_at_an_unescaped_quote_does_not_shorten_the_headline():
    html = """<html><head><meta property="og:title" content="多地项目连环爆雷 狂奔的龙湖集团">
    <title>多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？_网易财经</title></head><body>
    <h1>多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？</h1></body></html>"""
    assert title_of(html) == '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？'


def test_heading_matching_the_json_ld_headline_beats_one_matching_og_title():
    html = """<html><head><meta property="og:title" content="Storm: schools close">
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Schools close as storm nears"}
    </script></head><body><h1 class="breadcrumb">Storm: schools close</h1>
    <article><h2>Schools close as storm nears</h2><p>Text.</p></article></body></html>"""
    assert title_of(html) == "Schools close as storm nears"


def test_title_tag_without_a_matching_heading_loses_its_site_name():
    html = "<html><head><title>中华人民共和国监察法-纪检</title></head><body><p>x</p></body></html>"
    assert title_of(html) == "中华人民共和国监察法"


def test_entities_are_decoded_once_and_joiners_kept():
    html = """<html><head><meta property="og:title" content="R&amp;amp;D &amp; “family” 👨‍👩‍👧">
    </head><body><h1>R&amp;amp;D &amp; “family” 👨‍👩‍👧</h1></body></html>"""
    assert title_of(html) == "R&amp;D & “family” 👨‍👩‍👧"


def test_profile_selector_comes_first():
    html = """<html><head><title>Site</title></head><body><h1>Site banner</h1>
    <div class="headline-x">选择器给出的标题</div></body></html>"""
    assert title_of(html, {"title": "div.headline-x"}) == "选择器给出的标题"
    assert title_of(html, {"title": "//div[@class='headline-x']/text()"}) == "选择器给出的标题"


def test_page_without_any_title_gives_none():
    page, _ = build_page(b"<html><body><p>no heading here</p></body></html>")
    assert find_title(page) == (None, None)


@pytest.mark.parametrize(
    ("raw", "headline"),
    [
        ("姚明对周琦说了啥？_网易体育", "姚明对周琦说了啥？"),
        ("明日股市预测--最新出炉联合国贸发报告", "最新出炉联合国贸发报告"),
        ("Storm closes schools | Reuters", "Storm closes schools"),
        ("U.S.-backed forces advance - BBC News", "U.S.-backed forces advance"),
        ("장동혁 부담 커졌다-정치ㅣ한국일보", "장동혁 부담 커졌다"),
    ],
)
def test_site_names_are_stripped(raw, headline):
    assert strip_site_name(raw) == headline


def test_zh_news_pages_give_their_labelled_headlines():
    truth_file = need_shared(CORPUS / "zh-news" / "truth.jsonl")
    rows = {r["id"]: r for r in map(json.loads, truth_file.open(encoding="utf-8"))}
    for page_id in ("163_1", "xinhuanet_1", "ednchina_1", "thepaper_2", "njxfhn_1"):
        page, _ = build_page((CORPUS / "zh-news" / "pages" / f"{page_id}.html").read_bytes())
        assert extract_title(page) == rows[page_id]["title"], page_id


def test_entities_in_json_ld_strings_are_decoded_once():
    # A CMS writes its HTML-escaped headline into JSON-LD; the script text is not decoded by the parser.
    ld = {"@type": "NewsArticle", "headline": "O&#8217;Brien returns to the &amp;-sign debate",
          "author": {"@type": "Person", "name": "Seán O&#8217;Brien"}}
    html = (f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head>'
            "<body><p>Short text.</p></body></html>")
    assert title_of(html) == "O’Brien returns to the &-sign debate"
    assert extract_article(html.encode()).author == "Seán O’Brien"
    ld["headline"] = "Tom &amp;amp; Jerry"  # escaped twice on purpose: one decode leaves one level
    html = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body></body></html>'
    assert title_of(html) == "Tom &amp; Jerry"


def test_the_logo_heading_linking_home_is_not_the_headline():
    html = """<html><head><title>Riverbend Notes » Blog Archive » Pruning roses in early spring</title></head>
    <body><div id="header"><h1><a href="https://riverbend.example/">Riverbend Notes</a></h1></div>
    <div class="post"><h2>Pruning roses in early spring</h2><p>Text of the post.</p></div></body></html>"""
    page, _ = build_page(html.encode(), "https://riverbend.example/2021/04/pruning-roses/")
    assert extract_title(page) == "Pruning roses in early spring"


@pytest.mark.parametrize("head, url", [
    ('<meta property="og:site_name" content="Riverside Garden Club Association">', None),
    ("", "https://www.riversidegardenclub.example/about.html"),
])
def test_the_site_name_in_the_title_tag_is_not_the_headline(head, url):
    html = (f"<html><head><title>Riverside Garden Club - About us</title>{head}</head>"
            "<body><p>We meet on Tuesdays.</p></body></html>")
    page, _ = build_page(html.encode(), url)
    assert extract_title(page) == "About us"


def test_a_lone_h1_beats_a_metadata_title_that_confirms_no_heading():
    html = """<html><head><title>Leasing or buying a car: what each costs over five years | Carfacts</title>
    <meta property="og:title" content="Leasing or buying a car: what each costs over five years"></head><body>
    <h1>Should you lease your next car or buy it?</h1><p>Text.</p><h2>Related</h2></body></html>"""
    assert title_of(html) == "Should you lease your next car or buy it?"
    # ... unless the h1 is only the start of the metadata headline.
    html = html.replace("Should you lease your next car or buy it?", "Leasing or buying a car:")
    assert title_of(html) == "Leasing or buying a car: what each costs over five years"


def test_typographic_quotes_and_dashes_still_confirm_a_heading():
    html = """<html><head><title>Coffee – a “daily habit” explained | Daily Planet</title></head><body>
    <h1>Coffee – a “daily habit” explained</h1><h2>Most read</h2></body></html>"""
    assert title_of(html) == "Coffee – a “daily habit” explained"
    # The heading as printed wins over metadata that differs only in typography.
    html = html.replace("<title>", '<meta property="og:title" content="Coffee - a \'daily habit\' explained"><title>')
    assert title_of(html) == "Coffee – a “daily habit” explained"


def test_ruby_readings_are_not_part_of_the_headline():
    html = """<html><head><title>x</title></head><body>
    <h1><ruby>公園<rt>こうえん</rt></ruby>が<ruby>新<rt>あたら</rt></ruby>しくなりました</h1></body></html>"""
    assert title_of(html) == "公園が新しくなりました"


def test_a_heading_left_unclosed_ends_where_a_block_starts_inside_it():
    # The parser keeps everything after an unclosed <h1> inside it.
    html = ("<html><head><title>Stadtrat beschließt neuen Radweg am Fluss - Lokalzeitung</title></head>"
            "<body><h1>Stadtrat beschließt neuen Radweg am Fluss<div class=meta>12.05.2024</div>"
            "<div class=text><p>Der Stadtrat hat am Dienstag einen neuen Radweg beschlossen.</p>"
            "<p>Die Arbeiten beginnen im Herbst.</p></div></body></html>")
    assert title_of(html) == "Stadtrat beschließt neuen Radweg am Fluss"
    # Blocks that only wrap the headline are the headline.
    html = "<html><body><h1><div class=title>Neuer Radweg am Fluss</div></h1><p>Text des Artikels.</p></body></html>"
    assert title_of(html) == "Neuer Radweg am Fluss"


@pytest.mark.parametrize("placeholder", ["无标题文档", "無標題文件", "Untitled Document", "首页", "新闻详情", "正文",
                                         "Home"])
@pytest.mark.parametrize("heading", ["<td class='biaoti'>{}</td>", "<div class='article-title'>{}</div>",
                                     "<h2>{}</h2>"])
def test_a_placeholder_title_tag_yields_to_the_pages_named_headline(placeholder, heading):
    body = "".join(f"<p>这是第{i}段正文，记者在现场看到工人们正在加紧施工，预计年底前完工通车。</p>" for i in range(4))
    html = (f"<html><head><title>{placeholder}</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            f"<table><tr>{heading.format('南昌新桥今天合龙')}</tr></table>"
            f"<div class='info'>2024-03-05 10:20</div><div class='content'>{body}</div></body></html>")
    assert title_of(html) == "南昌新桥今天合龙"


def test_a_headline_title_tag_still_beats_a_title_named_box_that_confirms_nothing():
    html = ("<html><head><title>南昌新桥今天合龙_江西日报</title></head><body>"
            "<div class='side'><div class='box-title'>热点推荐</div><ul><li><a href='/1'>一</a></li></ul></div>"
            "<div class='content'><p>这是正文，记者在现场看到工人们正在加紧施工，预计年底前完工通车。</p></div></body></html>")
    assert title_of(html) == "南昌新桥今天合龙"
