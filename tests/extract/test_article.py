"""The orchestrator: bytes (+URL +profile) in, every field out."""

from __future__ import annotations

import codecs
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from newscrawl.extract import extract_article
from newscrawl.extract.article import build_page
from newscrawl.extract.parse import meta_content, parse_html, select, select_text
from tests.extract.fieldpages import RIVERSIDE

PAGE = """<html lang="zh-CN"><head><meta charset="gbk"><title>南昌新建充电桩三千个_江西新闻</title>
<meta property="og:title" content="南昌新建充电桩三千个"></head><body>
<div class="nav"><a href="/">首页</a><a href="/jx">江西</a></div>
<div class="article"><h1>南昌新建充电桩三千个</h1>
<div class="info">2024-05-20 10:10 来源：江西日报</div>
<div class="content"><p>　　本报讯 南昌市今年新建充电桩三千个，覆盖全部城区和主要乡镇，市民出行更加方便。</p>
<p><img src="/img/a.jpg"></p>
<p>　　市发改委介绍，明年还将新建两千个，并推动老旧小区加装充电设施，满足居民需求。</p>
<p>责任编辑：冯涛</p></div></div></body></html>"""


class Profile:
    """The three attributes of a SiteProfile the extractor reads."""

    selectors = {"title": "div.article h1"}
    timezone = timezone(timedelta(hours=8))
    language = "zh"


def test_extract_article_reads_a_gbk_page_with_url():
    got = extract_article(PAGE.encode("gbk"), "http://www.example.cn/jx/2024/0520/1.html")
    assert got.encoding == "gb18030"
    assert got.title == "南昌新建充电桩三千个"
    assert got.paragraphs[:2] == [
        "本报讯 南昌市今年新建充电桩三千个，覆盖全部城区和主要乡镇，市民出行更加方便。",
        "市发改委介绍，明年还将新建两千个，并推动老旧小区加装充电设施，满足居民需求。",
    ]
    assert [(p.url, p.position) for p in got.pictures] == [("http://www.example.cn/img/a.jpg", 1)]
    assert got.published is not None and got.published.year == 2024


def test_profile_fills_the_page_context():
    page, encoding = build_page(PAGE.encode("gbk"), "http://x.cn/1.html", Profile())
    assert encoding == "gb18030"
    assert page.language == "zh"
    assert page.timezone == timezone(timedelta(hours=8))
    assert page.selectors == {"title": "div.article h1"}
    assert extract_article(PAGE.encode("gbk"), None, Profile()).title == "南昌新建充电桩三千个"


def test_language_is_guessed_without_a_profile():
    page, _ = build_page(PAGE.encode("gbk"))
    assert page.language == "zh"
    page, _ = build_page(b"<html><head><title>News</title></head><body></body></html>")
    assert page.language is None


def test_empty_and_broken_input_give_empty_fields():
    for data in (b"", b"\x00\x00", b"<html", b"<?xml version='1.0' encoding='utf-8'?><html></html>"):
        got = extract_article(data)
        assert got.title is None
        assert got.paragraphs == []


def test_parse_helpers():
    tree, _ = parse_html("""<html><head><meta name="Description" content=" 摘要 ">
    </head>
    <body><p class="a">一</p><p class="a">二</p></body></html>""".encode())
    assert meta_content(tree, "og:description", "description") == "摘要"
    assert [p.text for p in select(tree, "p.a")] == ["一", "二"]
    assert select(tree, "(//p)[2]/text()") == ["二"]
    assert select_text(tree, ".//p[@class='a']") == "一"
    assert select(tree, "p[[[") == []
    assert select(tree, None) == []


def test_declarations_in_the_bytes_do_not_override_the_decided_encoding():
    html = ('<?xml version="1.0" encoding="{0}"?><html><head><meta charset="{0}"><title>南昌新闻_江西</title>'
            '</head><body><h1>南昌新闻</h1><div><p>南昌市今年新建充电桩三千个，覆盖全部城区。</p></div></body></html>')
    for data, encoding in ((html.format("gbk").encode("gbk"), "gb18030"),
                           (codecs.BOM_UTF8 + html.format("utf-8").encode("utf-8"), "utf-8"),
                           (codecs.BOM_UTF16_LE + html.format("utf-16").encode("utf-16-le"), "utf-16"),
                           (html.format("gb2312").encode("utf-8"), "utf-8")):
        got = extract_article(data)
        assert (got.encoding, got.title) == (encoding, "南昌新闻")
        assert got.paragraphs == ["南昌市今年新建充电桩三千个，覆盖全部城区。"]


def test_a_wechat_style_article_hidden_until_its_script_runs():
    """The text container is hidden, the time is a script variable, the account is #js_name."""
    PARAS = RIVERSIDE
    html = ("<html><head><meta charset='utf-8'><title>河畔步道改造完工</title>"
            "<meta property='og:title' content='河畔步道改造完工'><meta name='author' content='山间小屋'>"
            "<meta property='og:site_name' content='微信公众平台'></head><body>"
            "<div id='page-content'><div class='rich_media_area_primary'>"
            "<h1 class='rich_media_title' id='activity-name'>河畔步道改造完工</h1>"
            "<div id='meta_content' class='rich_media_meta_list'><span class='rich_media_meta rich_media_meta_text'>山间小屋</span>"
            "<span class='rich_media_meta rich_media_meta_nickname' id='profileBt'><a id='js_name'>城东生活</a></span>"
            "<em id='publish_time' class='rich_media_meta rich_media_meta_text'></em>"
            "<em id='js_ip_wording_wrp' class='rich_media_meta rich_media_meta_text'>发表于<span id='js_ip_wording'>浙江</span></em></div>"
            "<div class='rich_media_content' id='js_content' style='visibility: hidden;'>"
            + "".join(f"<p><span>{p}</span></p>" for p in PARAS)
            + "</div></div></div><script>var ct = \"1715400000\"; var nickname = \"城东生活\";</script></body></html>")
    got = extract_article(html.encode(), "https://mp.weixin.qq.com/s/abcdefg")
    assert (got.title, got.author, got.source) == ("河畔步道改造完工", "山间小屋", "城东生活")
    assert got.published == datetime(2024, 5, 11, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert got.paragraphs == PARAS


# The header's charset reaches the extractor (issue 18, case 7): pages without <meta charset>.
_HEADLINE = "西湖区加快培育数字经济生态圈"
_STORY = "记者从区发展改革委获悉，西湖区将加快培育数字经济生态圈，推动产业数字化转型。"


def _unlabelled(headline: str = _HEADLINE, story: str = _STORY) -> str:
    return (f"<html><head><title>{headline}</title></head><body><h1>{headline}</h1>"
            f"<div class='info'>2024-05-21 10:00</div><div class='content'>"
            + f"<p>{story}</p>" * 4 + "</div></body></html>")


def test_the_header_charset_reads_a_gbk_page_with_a_broken_character():
    data = _unlabelled().encode("gbk")
    cut = data.index("记者".encode("gbk")) + 1  # half a character lost, as truncating CMSes leave them
    data = data[:cut] + data[cut + 1:]
    found = extract_article(data, "http://news.example.cn/a/1.html", charset="gbk")
    assert (found.title, found.encoding) == (_HEADLINE, "gb18030")
    assert found.paragraphs[-1] == _STORY


def test_the_header_charset_reads_a_big5_page():
    headline, story = "臺北市政府宣布新措施", "記者從市政府獲悉，臺北市將加快推動數位經濟發展，擴大公共服務。"
    found = extract_article(_unlabelled(headline, story).encode("big5"), charset="big5")
    assert (found.title, found.paragraphs[-1]) == (headline, story)


def test_a_utf8_page_labelled_gbk_in_the_header_is_still_utf8():
    found = extract_article(_unlabelled().encode("utf-8"), charset="gbk")
    assert (found.title, found.encoding) == (_HEADLINE, "utf-8")
