"""Chinese wire copy, traditional-Chinese credits and Founder e-paper templates (issue 22, item 2).

Every page here is written for the test: the shapes are those of wire datelines
(新华社…电（记者 X）, （中央社記者X台北19日電）, （X／台北報導）), papers' own
datelines (本报讯, 某某日报讯), traditional bylines and labels, and the article
template of Founder e-paper systems (main-title / intro-title / sub-title, the
printed date in an element named author, the byline as the first paragraph).
"""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article

TITLE = "西湖区加快培育数字经济生态圈"
TRAD_TITLE = "台中市推動綠能建設"
PROSE = "这是正文的一段，讲述了事情的经过和各方的反应，篇幅足够长，可以算作正文。" * 2
TRAD_PROSE = "這是正文的一段，講述了事情的經過和各方的反應，篇幅足夠長，可以算作正文。" * 2


def page(first: str = "", header: str = "", title: str = TITLE, head: str = "", trad: bool = False,
         site: str = "演示网") -> bytes:
    """Return a portal article: <h1>, a header line, then a first paragraph and prose."""
    prose = TRAD_PROSE if trad else PROSE
    first_p = f"<p>{first}</p>" if first else ""
    return (f"<html><head><meta charset='utf-8'><title>{title}_{site}</title>{head}</head><body>"
            f"<h1>{title}</h1><div class='info'>{header}</div>"
            f"<div class='content'>{first_p}<p>{prose}</p><p>{prose}</p><p>{prose}</p></div>"
            f"</body></html>").encode("utf-8")


@pytest.mark.parametrize("first, trad, author, source", [
    ("新华社北京5月20日电（记者 张伟、李静）国家统计局20日发布数据。", False, ["张伟", "李静"], "新华社"),
    ("（中央社記者陳家豪台北19日電）行政院今天通過預算案。", True, "陳家豪", "中央社"),
    ("（中央社記者陳家豪、林美華東京19日專電）日本政府今天宣布新措施。", True, ["陳家豪", "林美華"], "中央社"),
    ("（林志明／台北報導）颱風今天逼近，氣象局發布海上警報。", True, "林志明", None),
    ("中新网北京5月20日电 (记者 王小明)国家统计局20日发布数据。", False, "王小明", "中新网"),
])
def test_authors_and_the_wire_inside_a_dateline(first, trad, author, source):
    found = extract_article(page(first, title=TRAD_TITLE if trad else TITLE, trad=trad))
    assert (found.author, found.source) == (author, source)


@pytest.mark.parametrize("first, source", [
    ("据新华社北京2月10日电 国家统计局10日发布数据。", "新华社"),
    ("據中央社台北2月10日電 行政院今天通過預算案。", "中央社"),
    ("湖北日报讯（记者 王明 通讯员 李华）昨日，省政府召开新闻发布会。", "湖北日报"),
    ("本报讯（记者 王明）昨日，市政府召开新闻发布会。", "演示日报"),
    ("中新网5月20日电 国家统计局20日发布数据。", "中新网"),
    ("央视网消息：国家统计局20日发布数据。", "央视网"),
    ("本报北京5月20日电（记者 王明）国家统计局20日发布数据。", "演示日报"),
])
def test_the_source_a_dateline_names(first, source):
    head = "<meta property='og:site_name' content='演示日报'>"
    assert extract_article(page(first, header="2024-02-10 10:30", head=head)).source == source


def test_a_label_beats_the_dateline():
    found = extract_article(page("新华社巴黎5月20日电（记者 张伟）法国今天宣布。", header="2024-05-20 10:30 来源：新华网"))
    assert found.source == "新华网"


@pytest.mark.parametrize("header, author, editor", [
    ("記者王大同／台中報導 2024-05-20 10:30", "王大同", None),
    ("2024-05-20 10:30 記者 王大同 報導", "王大同", None),
    ("2024-05-20 10:30 記者：王大同 責任編輯：黃美玲", "王大同", "黃美玲"),
    ("2024-05-20 10:30 文／王大同 編輯／黃美玲", "王大同", "黃美玲"),
])
def test_traditional_bylines(header, author, editor):
    found = extract_article(page(header=header, title=TRAD_TITLE, trad=True))
    assert (found.author, found.editor) == (author, editor)
    assert found.source is None  # neither 記者 nor 台中報導 is an outlet


def test_a_traditional_source_label():
    assert extract_article(page(header="2024-05-20 10:30 來源：聯合新聞網", trad=True)).source == "聯合新聞網"


@pytest.mark.parametrize("header, author, source", [
    ("2024-05-20 10:30 聯合報／ 記者王大同／台中即時報導", "王大同", "聯合報"),
    ("2024-05-20 10:30 自由時報／記者王大同／台中報導", "王大同", "自由時報"),
    ("2024-05-20 10:30 台中市／記者王大同／台中報導", "王大同", None),  # a place before the slash is no outlet
])
def test_the_outlet_before_a_reporters_slash(header, author, source):
    found = extract_article(page(header=header, title=TRAD_TITLE, trad=True))
    assert (found.author, found.source) == (author, source)


def test_a_traditional_source_line_leaves_the_text():
    found = extract_article(page(first="文章來源：明報", title=TRAD_TITLE, trad=True))
    assert found.source == "明報" and not [p for p in found.paragraphs if "來源" in p]


@pytest.mark.parametrize("header", [
    "2024-02-10 10:30 来源：",  # an empty label: the text below it is not an outlet
    "2024-02-10 10:30 来源： 1.2万阅读",
    "2024-02-10 10:30 1.2万次播放",
    "2024-02-10 10:30 3,456人看过",
    "加快培育 2024-02-10 10:30",  # a fragment of the headline
    "2024-02-10 10:30 来源：数字经济生态圈",
])
def test_words_that_are_no_outlet_are_not_the_source(header):
    assert extract_article(page(header=header)).source is None


def founder(first_line: str, date_element: str = "<div class='author'>2024年05月20日 第01版</div>") -> bytes:
    """Return a Founder e-paper article page: no heading element, the headline named main-title."""
    return ("<html><head><meta charset='utf-8'><title>演示日报数字报</title></head><body>"
            "<table><tr><td><h1 class='paper'>演示日报</h1></td></tr><tr><td>"
            "<div id='intro-title'>聚焦高质量发展</div>"
            f"<div id='main-title'>{TITLE}</div>"
            "<div id='sub-title'>——来自基层的调研报告</div>"
            f"{date_element}"
            f"<div id='ozoom'><p>{first_line}</p><p>{PROSE}</p><p>{PROSE}</p></div>"
            "</td></tr></table></body></html>").encode("utf-8")


@pytest.mark.parametrize("first_line, author", [
    ("□ 本报全媒记者 王小明 通讯员 李华", ["王小明", "李华"]),
    ("本报全媒记者王小明 通讯员李华", ["王小明", "李华"]),
    ("□ 本报评论员", "本报评论员"),
])
def test_founder_e_paper_article(first_line, author):
    found = extract_article(founder(first_line))
    assert found.title == TITLE
    assert found.author == author
    assert found.source is None  # the sub-title and the printed edition are not an outlet
    assert found.published.isoformat()[:10] == "2024-05-20"
    text = "\n".join(found.paragraphs)
    assert first_line not in text and "聚焦高质量发展" not in text


@pytest.mark.parametrize("date_element", ["<div class='author'>2024年05月20日 第01版</div>",
                                          "<p id='author'>2024年05月20日</p>"])
def test_the_printed_date_in_an_element_named_author_is_no_person(date_element):
    found = extract_article(founder(PROSE[:20], date_element))
    assert found.author is None and found.source is None
    assert found.published.isoformat()[:10] == "2024-05-20"
