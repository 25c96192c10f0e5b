"""Authors and editors: Chinese bylines, editor lines, structured data, English bylines."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.credits import split_credit
from newscrawl.extract.people import extract_people
from tests.extract.fieldpages import corpus_page, inline_page
from tests.helpers import SEED_DIR, need_shared
from tests.seed_page import SEED_NAME, read_seed, seed_page


def article(header: str = "", paragraphs: tuple[str, ...] = ("正文第一段，讲了一件事情。",), after: str = "",
            head: str = "", title: str = "西湖区加快培育数字经济生态圈") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head>{head}</head><body><h1>{title}</h1><div class='info'>{header}</div>"
            f"<div class='content'>{body}</div>{after}</body></html>")


@pytest.mark.parametrize("paragraphs, author", [
    (("新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多全球购页面发现……",), "陆一夫"),
    (("新华社巴黎12月9日电（记者唐霁）法国9日再次爆发全国跨行业大罢工。",), "唐霁"),
    (("本报讯 为推进工作，10月30日举办大赛。", "(文/图 刘玺东 易赛楠)"), ["刘玺东", "易赛楠"]),
    (("本站讯（职工通讯员 李琴雯 刘会）为深入推进党建与业务工作紧密结合。",), ["李琴雯", "刘会"]),
    (("……确保造一片、活一片、成林一片。", "让每个企业家都能感受到浓厚的营商环境。 (陈文萍)"), "陈文萍"),
    (("正文。", "采写：南都记者 余毅菁 向雪妮"), ["余毅菁", "向雪妮"]),
    (("正文。", "执笔/叨叨姐、胡一刀&李小飞刀"), ["叨叨姐", "胡一刀", "李小飞刀"]),
])
def test_chinese_bylines(paragraphs, author):
    assert extract_people(inline_page(article(paragraphs=paragraphs)))[0] == author


def test_header_author_label():
    page = inline_page(article("2019-09-26 12:11 来源：证券时报网 作者：李在山"))
    assert extract_people(page) == ("李在山", None)


@pytest.mark.parametrize("after, editor", [
    ("<div>本文来源：江南晚报 <span>责任编辑：周晓岚_AB1234</span></div>", "周晓岚"),
    ("<div class='edit'>(责编：周晓岚、孟凡)</div>", ["周晓岚", "孟凡"]),
    ("<div>[责任编辑：卢卫东 XY321]</div>", "卢卫东"),
    ("<p><strong>责编：Lena Hu</strong></p>", "Lena Hu"),
    ("<div>作者：未知 责任编辑：山间小屋</div>", "山间小屋"),
])
def test_editor_lines(after, editor):
    assert extract_people(inline_page(article(after=after))) == (None, editor)


def test_reporter_and_editor_both_found():
    page = inline_page(article(paragraphs=("正文。", "江南晚报记者 马骁", "编辑 孟凡 校对 苏禾")))
    assert extract_people(page) == ("马骁", "孟凡")


def test_editors_credited_in_two_places_are_all_reported():
    # 编辑 under the text and 责任编辑 in the page footer name two different people.
    page = inline_page(article(paragraphs=("正文第一段，讲了一件事情。", "编辑 孟凡"),
                               after="<div class='foot'><span>责任编辑：周晓岚_AB1234</span></div>"))
    assert extract_people(page)[1] == ["孟凡", "周晓岚"]


def test_an_editor_line_after_a_picture_is_still_read():
    # A short line right after an image reads like a caption and leaves the body; it is still a credit.
    html = ("<html><body><h1>城区新添三座口袋公园</h1><div class='content'>"
            + "<p>城区今年新建的三座口袋公园本周向市民开放，园内设有步道、座椅和儿童游乐区。</p>" * 6
            + "<div style='text-align:center'><img src='a.jpg'></div>编辑|孟凡<br>责编|周晓岚<br>"
            + "<p>扫描下方二维码，关注我们的公众号，回复关键词即可查看更多城市服务信息。</p>" * 10
            + "</div></body></html>")
    assert extract_article(html.encode()).editor == ["孟凡", "周晓岚"]


def test_words_after_a_role_are_not_names():
    page = inline_page(article(paragraphs=("记者注意到，从五大5G芯片企业的主打产品来看，大多采用最新技术。",)))
    assert extract_people(page)[0] is None
    assert extract_people(inline_page(article(after="<ul><li>编辑计划表</li></ul>")))[1] is None


@pytest.mark.parametrize("head", [
    '<meta name="author" content="新华社">',
    '<meta name="author" content="网易">',
    '<meta name="author" content="新浪财经-自媒体综合">',
])
def test_an_outlet_is_never_a_person_on_chinese_pages(head):
    assert extract_people(inline_page(article(head=head), language="zh")) == (None, None)


def test_json_ld_people_and_initials():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
            '{"@type": "Person", "name": "Elena Oberholzer (obe)"}, {"@type": "Person", "name": "Oliver Maksan"}]}'
            "</script>")
    page = inline_page(article(head=head, title="Israel und Gaza"), language="de")
    assert extract_people(page) == (["Elena Oberholzer", "Oliver Maksan"], None)


def test_json_ld_author_by_reference():
    head = ('<script type="application/ld+json">{"@graph": [{"@type": "Article", "author": {"@id": "#p1"}},'
            ' {"@type": "Person", "@id": "#p1", "name": "Chuck Ross"}]}</script>')
    assert extract_people(inline_page(article(head=head, title="Tester"), language="en"))[0] == "Chuck Ross"


def test_a_byline_beats_an_organisation_credit():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '{"@type": "Organization", "name": "STERN.de"}}</script>')
    page = inline_page(article("capital von Jemima Kelly 05. November 2024 15:36 Uhr", head=head,
                               title="Donald Trump"), language="de")
    assert extract_people(page)[0] == "Jemima Kelly"


def test_organisation_credit_when_nobody_else_is_named():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "author": '
            '{"@type": "Organization", "name": "dpa"}}</script>')
    assert extract_people(inline_page(article(head=head, title="Nach Massenschlägerei"), language="de"))[0] == "dpa"


def test_english_byline_with_two_people():
    page = inline_page(article("By Jane Doe and John Roe | March 17, 2022", title="A headline"), language="en")
    assert extract_people(page) == (["Jane Doe", "John Roe"], None)


def test_meta_author_skips_urls_and_photo_credits():
    head = ('<meta name="author" content="https://www.example.com/authors">'
            '<meta name="author" content="Sarah Lazare">')
    assert extract_people(inline_page(article(head=head, title="Teamsters"), language="en"))[0] == "Sarah Lazare"


def test_profile_selectors():
    page = inline_page(article(after="<span class='by'>作者：王小明</span><span class='ed'>编辑：李四</span>"),
                       selectors={"author": "span.by", "editor": "span.ed"})
    assert extract_people(page) == ("王小明", "李四")


def test_seed_article_credits_its_reporter():
    seed = read_seed(need_shared(SEED_DIR / SEED_NAME))
    assert extract_article(seed_page(seed), seed["url"]).author == "陈文萍"


@pytest.mark.parametrize("set_name, page_id, author, editor", [
    ("zh-news", "163_7", "陆一夫", ["刘晓阳", "姚立伟"]),
    ("zh-news", "xinhuanet_1", "唐霁", "尹世杰"),
    ("zh-news", "stcn_1", "李在山", None),
    ("zh-news", "ifeng_3", None, "刘斌"),
    ("fundus-dev", "us_FreeBeacon_2023_04_28", "Chuck Ross", None),
    ("fundus-dev", "de_Hessenschau_2024_04_27", "Redaktion hessenschau.de", None),
])
def test_saved_pages(set_name, page_id, author, editor):
    page, _ = corpus_page(set_name, page_id)
    found_author, found_editor = extract_people(page)
    assert (found_author, found_editor) == (author, editor)


@pytest.mark.parametrize("credit, names", [
    ("Madeline Fry | November 18, 2019 12:01 PM Print this article", ["Madeline Fry"]),
    ("Dan Evon\nPublished 18 November 2019", ["Dan Evon"]),
    ("Ilana Muhlstein, MS, RDN", ["Ilana Muhlstein"]),
    ("TOM KRISHER, AP Auto Writer", ["TOM KRISHER"]),
    ("JERUSALEM POST STAFF NOVEMBER 20, 2019 10:43", ["JERUSALEM POST STAFF"]),
    ("By Gov. Kristi Noem. The state will", ["Gov. Kristi Noem"]),
    ("Trine Juncher Jørgensen og Tôrtia Reimer-Johansen", ["Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"]),
    ("Por Marta Ruiz, Pablo Soto y Ana María Gil", ["Marta Ruiz", "Pablo Soto", "Ana María Gil"]),
    ("Giulia Neri e Marco Riva", ["Giulia Neri", "Marco Riva"]),
    ("Anna Berg och Erik Lund", ["Anna Berg", "Erik Lund"]),
    ("José Ortega y Gasset", ["José Ortega y Gasset"]),  # one surname, not two people
    ("Maria E. Santos", ["Maria E. Santos"]),
])
def test_credit_lines_are_cleaned(credit, names):
    assert split_credit(credit) == names


def test_agency_code_in_meta_yields_to_a_header_byline():
    head = '<meta name="author" content="LTO">'
    page = inline_page(article("von Dr. Max Kolter 20.10.2025", head=head, title="Gaza-Waffen"), language="de")
    assert extract_people(page)[0] == "Dr. Max Kolter"
    assert extract_people(inline_page(article(head=head, title="Gaza-Waffen"), language="de"))[0] == "LTO"


def test_section_names_beside_the_date_are_not_people():
    page = inline_page(article("<span>World News</span><span>March 17, 2022</span>", title="A headline"),
                       language="en")
    assert extract_people(page)[0] is None
    page = inline_page(article("<span>Chuck Ross</span><span>April 28, 2023</span>", title="A headline"),
                       language="en")
    assert extract_people(page)[0] == "Chuck Ross"


def test_by_inside_a_sentence_is_not_a_byline():
    page = inline_page(article("<p>The plan was announced by President Biden on Monday.</p>", title="A headline"),
                       language="en")
    assert extract_people(page)[0] is None


@pytest.mark.parametrize("lead", [
    "本报记者近日从市发改委获悉，全市项目进展顺利。",
    "人民网记者从有关部门了解到，相关工作已经启动。",
    "据新华社记者报道，会议于昨日闭幕。",
])
def test_reporter_words_without_a_name(lead):
    assert extract_people(inline_page(article(paragraphs=(lead,))))[0] is None


def test_photo_credit_is_not_the_author():
    page = inline_page(article(paragraphs=("资料图：市民在寒冷天气中出行。中新社记者 贾天勇 摄", "正文。")))
    assert extract_people(page)[0] is None


@pytest.mark.parametrize("paragraphs, author", [
    (("本报记者 王小明 山东冠县报道 今年以来，冠县新建了三座口袋公园。",), "王小明"),
    (("记者 王小明 周晓岚 浙江湖州报道",), ["王小明", "周晓岚"]),
    (("（记者 马骁 发自江苏南京）城区今年新建了三座口袋公园。",), "马骁"),
])
def test_a_place_after_the_reporter_is_not_a_person(paragraphs, author):
    assert extract_people(inline_page(article(paragraphs=paragraphs)))[0] == author


@pytest.mark.parametrize("header, author", [
    ("2024-05-20 10:10 王小明", "王小明"),
    ("2024-05-20 10:10 · 欧阳明 · IP属地：浙江", "欧阳明"),
    ("山间小屋 发表于 2024-05-20 10:10", "山间小屋"),
    ("2024-05-20 10:10 星期一", None),
    ("2024-05-20 10:10 城东晚报", None),
    ("2024-05-20 10:10 山东冠县", None),
    ("2024-05-20 10:10 来自甘肃", None),
    ("2024-05-20 10:10 山间小屋", None),  # an account name is the outlet, not the writer
])
def test_a_byline_without_a_label_beside_the_date(header, author):
    assert extract_people(inline_page(article(header)))[0] == author


def english(body: str, head: str = "", url: str | None = None) -> str | list[str] | None:
    """Return the author extract_article finds on a small English article page."""
    text = "".join(f"<p>The riverside path reopened on Saturday after three months of work, part {i}.</p>"
                   for i in range(4))
    html = (f"<html lang='en'><head><title>Riverside path reopens</title>{head}</head><body>"
            f"<h1>Riverside path reopens</h1>{body.replace('TEXT', text)}</body></html>")
    return extract_article(html.encode(), url).author


@pytest.mark.parametrize("body, author", [
    ("<div class='meta'>Posted by Anna Berg</div><div class='text'>TEXT</div>", "Anna Berg"),
    ("<div class='meta'>VON\n<a href='/a/berg'>ANNA BERG</a> am 12. April 2021</div><div class='text'>TEXT</div>",
     "ANNA BERG"),
    ("<div class='text'>TEXT<p><strong>Text:</strong> Anna Berg</p></div>", "Anna Berg"),
    ("<div class='byline'><span class='byline__author'>von Anna Berg</span> 12.04.2021 | 3 Min</div>"
     "<div class='text'>TEXT</div>", "Anna Berg"),
    ("<div class='article-author'>Anna Berg Chefredakteurin</div><div class='text'>TEXT</div>", "Anna Berg"),
    ("<div class='post-author'>admin</div><div class='text'>TEXT</div>", None),
])
def test_printed_bylines_and_author_elements(body, author):
    assert english(body) == author


@pytest.mark.parametrize("meta", [
    "Posted on March 5, 2024 by Anna Berg",
    "March 5, 2024 by Anna Berg",
    "Published March 5, 2024 10:20 am by Anna Berg",
    "5. März 2024 von Anna Berg",
    "12 avril 2021, par Anna Berg",
])
def test_a_byline_after_the_header_date(meta):
    assert english(f"<div class='meta'>{meta}</div><div class='text'>TEXT</div>") == "Anna Berg"


@pytest.mark.parametrize("meta, author", [
    ("<span>Anna Berg, Staff Writer</span> <time>05.03.2024</time>", "Anna Berg"),  # a job title after the name
    ("<span>Anna Berg | Reporter</span> <time>05.03.2024</time>", "Anna Berg"),
    ("<span>Автор: Анна Берг</span> <time>05.03.2024</time>", "Анна Берг"),
    ("<span>Yazar: Anna Berg</span> <time>05.03.2024</time>", "Anna Berg"),
    ("<span>Staff Writer</span> <time>05.03.2024</time>", None),  # a title alone names nobody
])
def test_a_name_before_its_job_title_and_the_date(meta, author):
    assert english(f"<div class='meta'>{meta}</div><div class='text'>TEXT</div>") == author


@pytest.mark.parametrize("meta", ["Posted on March 5, 2024 by Anna Berg", "March 5, 2024 10:20 am · by Anna Berg"])
def test_a_byline_after_a_date_above_the_headline(meta):
    text = "".join(f"<p>The riverside path reopened on Saturday after three months of work, part {i}.</p>"
                   for i in range(4))
    html = (f"<html lang='en'><head><title>Riverside path reopens</title></head><body><div class='meta'>{meta}</div>"
            f"<h1>Riverside path reopens</h1><div class='text'>{text}</div></body></html>")
    assert extract_article(html.encode()).author == "Anna Berg"


def test_by_after_a_date_inside_a_sentence_is_no_byline():
    sentence = "The path was closed on March 5, 2024 by the council after the flood damaged its surface."
    assert english(f"<div class='meta'>{sentence}</div><div class='text'>TEXT</div>") is None


def test_a_written_by_label_and_data_pair_names_the_author():
    head = ('<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Anna Berg">'
            '<meta name="twitter:label2" content="Est. reading time"><meta name="twitter:data2" content="3 minutes">')
    assert english("<div class='text'>TEXT</div>", head) == "Anna Berg"


def test_the_site_name_in_an_author_slot_yields_to_a_person():
    head = '<meta name="author" content="riversidenews.example"><meta property="og:site_name" content="Riverside News">'
    body = "<div class='meta'>By Anna Berg</div><div class='text'>TEXT</div>"
    assert english(body, head, "https://www.riversidenews.example/2021/04/path") == "Anna Berg"
    ld = ('<script type="application/ld+json">{"@type": "BlogPosting", "author": {"@type": "Person",'
          ' "name": "Anna Berg"}, "publisher": {"@type": "Person", "name": "Anna Berg"}}</script>')
    assert english("<div class='text'>TEXT</div>", ld) == "Anna Berg"  # a blog its writer publishes


def test_the_owner_of_a_personal_blog_is_the_author():
    html = ("<html><head><title>春天的河畔步道_山间小屋的博客_某某博客</title></head><body>"
            "<h1>春天的河畔步道</h1><div class='info'>(2012-04-12 08:30:00)</div>"
            "<div class='content'><p>周末又去河畔步道走了一圈，柳树已经发芽，河边的风还有些凉。</p></div></body></html>")
    assert extract_article(html.encode()).author == "山间小屋"


@pytest.mark.parametrize("header, author", [("楼主：山间小屋 2012-04-12 08:30", "山间小屋"),
                                            ("博主: 王小明", "王小明"),
                                            ("专栏作者 王小明", "王小明"),
                                            # a forum's button before the post's text is no byline label
                                            ("发表于 2012-04-12 08:30 | 只看该作者<br>收藏了，准备十一去。", None),
                                            ("关注作者<br>顶一下，写得很详细", None)])
def test_forum_and_blog_labels(header, author):
    assert extract_people(inline_page(article(header)))[0] == author
