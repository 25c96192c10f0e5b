"""Credited outlets (来源/文章来源/稿源, Source:) and attribution lines left out of the body."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.source import extract_source, strip_attribution
from tests.extract.fieldpages import corpus_page, inline_page
from tests.helpers import SEED_DIR, need_shared
from tests.seed_page import SEED_NAME, read_seed, seed_page


def article(header: str = "", paragraphs: tuple[str, ...] = ("正文第一段，讲了一件事情。",), after: str = "",
            head: str = "", title: str = "西湖区加快培育数字经济生态圈", language: str | None = "zh"):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<html><head><title>{title} 演示日报</title>{head}</head><body><h1>{title}</h1>"
            f"<div class='info'>{header}</div><div class='content'>{body}</div>{after}</body></html>")
    return inline_page(html, language=language)


@pytest.mark.parametrize("header, source", [
    ("2019-09-07 13:43:45 来源: 证券市场红周刊 举报", "证券市场红周刊"),
    ("发布时间：2019-05-18 来源：中国地理学会", "中国地理学会"),
    ("2019年06月15日08:18 来源： 人民网-文化频道 分享到：", "人民网-文化频道"),
    ("稿源：新京报 2019-09-07", "新京报"),
    ("发表于 2014-08-24 21:30 | 1164次阅读 | 来源 CSDN | 0 条评论", "CSDN"),
    ("信息来源：省发改委", "省发改委"),
])
def test_labelled_header(header, source):
    assert extract_source(article(header)) == source


@pytest.mark.parametrize("header, source", [
    ("2019年09月07日 04:04 北京日报 缩小字体 放大字体 收藏", "北京日报"),
    ("原创 南方都市报 2019-09-09 16:01:46", "南方都市报"),
    ("中国网 2019-11-25 10:37:31", "中国网"),
    ("IT之家 发布时间：09-30 22:46 青岛软媒网络科技有限公司", "IT之家"),
    ("2019-09-05 11:10 游民星空[整理]", "游民星空"),
    ("石佳/中国青年报 2019-09-24 09:10 字号", "中国青年报"),
])
def test_outlet_beside_the_header_date(header, source):
    assert extract_source(article(header)) == source


def test_not_a_byline_weekday_or_headline_beside_the_date():
    assert extract_source(article("本报记者 唐蕾\n2024年05月20日 11:45")) is None
    assert extract_source(article("2024年05月18日 星期六")) is None
    assert extract_source(article("")) is None


@pytest.mark.parametrize("above", [
    "",  # the date alone above the headline: the zone before it must not reach the <head>'s <title>
    '<div class="sub">新桥合龙</div>',  # a line repeating the headline right above the date
    '<div class="crumb"><a href="/">首页</a> &gt; <a href="/b">新桥合龙</a></div>',  # a breadcrumb ending in it
])
def test_the_headline_is_no_source_however_short(above):
    body = "".join(f"<p>这是第{i}段正文，记者在现场看到工人们正在加紧施工，预计年底前完工通车。</p>" for i in range(6))
    html = (f"<html><head><title>新桥合龙</title></head><body>{above}<div class='time'>2024-03-05 10:20</div>"
            f"<h1>新桥合龙</h1><div class='content'>{body}</div></body></html>")
    fields = extract_article(html.encode(), "http://example.cn/a/1.html")
    assert (fields.title, fields.source) == ("新桥合龙", None)
    assert fields.published.isoformat() == "2024-03-05T10:20:00+08:00"


_SHAPES = ["{d} {t}", "{t} {d}", "{d}<br>{t}", "来源：{t} {d}", "<span>{t}</span><span>{d}</span>",
           "<span>{d}</span><span>{t}</span>"]


@pytest.mark.parametrize("title", ["春运", "新桥合龙", "南昌至九江高速公路新桥今天合龙"])
@pytest.mark.parametrize("shape", _SHAPES)
@pytest.mark.parametrize("place", ["above", "below", "around"])
def test_the_headline_repeated_beside_the_date_is_never_the_source(title, shape, place):
    header = shape.format(d="2024-03-05 10:20", t=title)
    top = {"above": f"<div class='info'>{header}</div><h1>{title}</h1>",
           "below": f"<h1>{title}</h1><div class='info'>{header}</div>",
           "around": f"<div class='top'>{header}<h1>{title}</h1></div>"}[place]
    body = "".join(f"<p>这是第{i}段正文，记者在现场看到工人们正在加紧施工，预计年底前完工通车。</p>" for i in range(6))
    html = (f"<html><head><title>{title}_江西日报</title></head><body><div class='nav'><a href='/'>首页</a></div>"
            f"{top}<div class='content'>{body}</div></body></html>")
    fields = extract_article(html.encode(), "http://www.example.cn/a/1.html")
    assert fields.title == title
    assert fields.source is None
    assert fields.published.isoformat() == "2024-03-05T10:20:00+08:00"


@pytest.mark.parametrize("line, source", [
    ("Source: Reuters March 5, 2024", "Reuters"),
    ("Source: Reuters | March 5, 2024", "Reuters"),
    ("Source: The Associated Press March 5, 2024 10:20 am", "The Associated Press"),
    ("Quelle: Reuters 5. März 2024", "Reuters"),
])
def test_a_latin_source_ends_where_the_date_after_it_begins(line, source):
    body = "".join(f"<p>Paragraph {i}: the council said the bridge would open next month, after checks.</p>"
                   for i in range(4))
    html = (f"<html lang='en'><head><title>Bridge opens</title></head><body><h1>Bridge opens</h1>"
            f"<div class='meta'>{line}</div><div class='text'>{body}</div></body></html>")
    assert extract_article(html.encode()).source == source


@pytest.mark.parametrize("header", ["赣江老王 发表于 2024-3-5 10:20", "楼主 赣江老王 發表於 2024-3-5 10:20",
                                    "2024-3-5 10:20 回复 | 引用"])
def test_a_forum_posts_header_words_are_no_source(header):
    assert extract_source(article(header)) is None


def test_closing_line_and_body_end():
    page = article(paragraphs=("正文第一段。", "（文章来源：江西日报）"))
    assert extract_source(page) == "江西日报"
    assert extract_source(article(after="<div><span>本文来源：证券市场红周刊</span></div>")) == "证券市场红周刊"


def test_credits_that_are_not_the_source():
    page = article(paragraphs=("正文。", "图片来源：视觉中国", "（资料来源：参考消息、海外网等）"))
    assert extract_source(page) is None
    page = article(after="<p>（声明：本文来自腾讯新闻客户端自媒体，不代表腾讯网的观点和立场）</p>")
    assert extract_source(page) is None


def test_self_credit_names_the_site():
    page = article("来源：本站原创 作者：医技药剂党支部", title="我院举办技能大赛")
    assert extract_source(page) == "演示日报"


@pytest.mark.parametrize("line, source", [
    ("Source: Reuters", "Reuters"),
    ("Source: The New York Times", "The New York Times"),
    ("Quelle: dpa", "dpa"),
])
def test_latin_labels(line, source):
    page = article(paragraphs=("Text of the story, long enough to be prose.", line),
                   title="A headline", language="en")
    assert extract_source(page) == source


def test_profile_selector():
    page = article(after="<span class='media'>来源：大江网</span>")
    page.selectors = {"source": "span.media"}
    assert extract_source(page) == "大江网"


def test_seed_article_source():
    seed = read_seed(need_shared(SEED_DIR / SEED_NAME))
    assert extract_article(seed_page(seed), seed["url"]).source == "江西日报"


@pytest.mark.parametrize("set_name, page_id, source", [
    ("zh-news", "163_1", "证券市场红周刊"),
    ("zh-news", "sina_sina", "北京日报"),
    ("zh-news", "thepaper_3", "新华社"),
    ("zh-news", "toutiao_toutiao", "GameForce"),
    ("zh-news", "zyyfy_1", "湖南省中医药研究院附属医院"),
])
def test_saved_pages(set_name, page_id, source):
    page, _ = corpus_page(set_name, page_id)
    assert extract_source(page) == source


def test_strip_attribution_lines():
    paragraphs = [
        "（原标题：多地项目连环爆雷 狂奔的龙湖集团“暗伤”曝露？）",
        "2019年，龙湖集团即将迎来赴港上市10周年。",
        "让每个企业家都能切身感受到浓厚的营商环境。 (陈文萍)",
        "（资料来源：参考消息、海外网等）",
        "新京报记者 陆一夫",
        "编辑 刘晓阳 校对 李铭",
        "采写：南都见习记者 林子沛",
        "【编辑：姚昊】",
        "（责任编辑： HN666）",
        "来源：无锡交警",
        "（文章来源：江西日报）",
        "转载自：澎湃新闻",
        "（轉載自：中央社）",
        "记者注意到，从五大5G芯片企业的主打产品来看，大多采用的是最新的7纳米技术。",
    ]
    assert strip_attribution(paragraphs) == [
        "（原标题：多地项目连环爆雷 狂奔的龙湖集团“暗伤”曝露？）",
        "2019年，龙湖集团即将迎来赴港上市10周年。",
        "让每个企业家都能切身感受到浓厚的营商环境。 (陈文萍)",
        "（资料来源：参考消息、海外网等）",
        "记者注意到，从五大5G芯片企业的主打产品来看，大多采用的是最新的7纳米技术。",
    ]


def test_strip_attribution_keeps_saved_body_truth():
    page, truth = corpus_page("zh-news", "163_7")
    kept = strip_attribution(page.paragraphs)
    assert "新京报记者 陆一夫" not in kept
    assert all(line in truth["body"] for line in kept if "原标题" in line)


def test_compiled_from_credit():
    page = article(paragraphs=("正文第一段，讲了一件事情。", "责编：Demi Xia", "(综合整理自澎湃新闻、智东西、雷锋网等)"))
    assert extract_source(page) == "澎湃新闻、智东西、雷锋网"


def test_meta_line_at_the_top_of_the_body_container():
    html = ("<html><body><div class='side'><h5>新闻排行榜</h5></div><div class='content'>"
            "<div class='ly'><b>发布时间：2019-05-18</b> <i>来源：中国地理学会</i></div>"
            "<p>5月10-12日，2019年中国人文地理学术年会在重庆举行。</p></div></body></html>")
    page = inline_page(html, language="zh", paragraphs=["5月10-12日，2019年中国人文地理学术年会在重庆举行。"])
    assert extract_source(page) == "中国地理学会"


def test_previous_article_link_is_not_an_outlet():
    assert extract_source(article("<span>上一篇 :</span><a>今日股市行情分析--2019年8月19日</a>")) is None
    assert extract_source(article("<a>今日股市行情分析--2019年8月19日</a>")) is None


@pytest.mark.parametrize("header, source", [
    # The poster's location and the weekday are never the outlet.
    ("2024-05-20 10:10 来自甘肃", None),
    ("发布于 2024-05-20 10:10·IP属地：北京", None),
    ("2024年5月22日 週三 上午8:13", None),
    ("2024-05-20 10:10 （星期一）", None),
    # The outlet printed as a bare credit, with those words around it.
    ("星島日報 2024年5月22日 週三 上午8:13", "星島日報"),
    ("新华社 · 2024-05-20 10:10 · IP属地：北京", "新华社"),
    ("2024-05-20 10:10 · 来自广东 · 江南健康网", "江南健康网"),
    ("2024-05-20 10:10 发表于浙江 城东晚报", "城东晚报"),
    # A self-media account: no outlet shape, the name right beside the date.
    ("山间小屋 2024-05-20 10:10 · IP属地：浙江", "山间小屋"),
    ("2024-05-20 10:10 王小明", None),  # a person's name beside the date is a byline
])
def test_outlet_credit_without_a_label(header, source):
    assert extract_source(article(header, title="城区新添三座口袋公园")) == source


def test_a_source_label_left_empty_above_a_button_names_no_outlet():
    page = article("<span>Quelle:</span><a href='#'>Artikel teilen</a>", language="de", title="Riverside path reopens")
    assert extract_source(page) is None
    page = article("<span>Quelle:</span><a href='/dpa'>dpa</a>", language="de", title="Riverside path reopens")
    assert extract_source(page) == "dpa"


def test_every_label_is_found():
    # The label pattern's speed-only lookahead is built from the label lists: a label added there is read.
    from newscrawl.extract.source import _LABELS, _LATIN_LABELS, labelled_source

    assert [label for label in _LABELS if labelled_source(f"发布时间：2024-05-21 {label}：新华社") != "新华社"] == []
    assert [label for label in _LATIN_LABELS if labelled_source(f"{label}: Reuters") != "Reuters"] == []
    assert labelled_source("图片来源：新华社") is None and labelled_source("来源于群众") is None
