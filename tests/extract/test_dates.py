"""Publication dates: structured data, the article header, Chinese forms, URLs, relative dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.dates import extract_published
from tests.extract.fieldpages import corpus_page, inline_page
from tests.extract.newspages import DATE_FORMS, UPDATED_FORMS, dated_page

CHINA = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 3, 17, 12, 0, tzinfo=CHINA)


def article(header: str, head: str = "", body: str = "<p>正文第一段，讲了一件事情。</p>", after: str = "") -> str:
    return (f"<html><head>{head}</head><body><div class='nav'>首页 新闻</div>"
            f"<h1>西湖区加快培育数字经济生态圈</h1><div class='info'>{header}</div>"
            f"<div class='content'>{body}</div>{after}</body></html>")


def test_chinese_header_date_gets_shanghai_time():
    page = inline_page(article("发布时间：2022年03月17日 09:04 来源：江西日报"))
    assert extract_published(page, NOW) == datetime(2022, 3, 17, 9, 4, tzinfo=CHINA)


def test_full_width_digits_and_seconds():
    page = inline_page(article("２０２２－０３－１７　０９：０４：０４"))
    assert extract_published(page, NOW) == datetime(2022, 3, 17, 9, 4, 4, tzinfo=CHINA)


def test_day_only_page_gives_a_date():
    page = inline_page(article("日期：2022-03-17"))
    assert extract_published(page, NOW) == date(2022, 3, 17)


def test_updated_date_is_skipped_for_published():
    page = inline_page(article("更新时间：2022-03-18 10:00 发布时间：2022-03-17 09:04"))
    assert extract_published(page, NOW) == datetime(2022, 3, 17, 9, 4, tzinfo=CHINA)


@pytest.mark.parametrize("header, expected", [
    # a forum post's author column prints when the member joined, before the post's own date
    # (the helper's page is Chinese: its times are Beijing time)
    ("riverwalker<br>Posts: 120<br>Joined: Sun Mar 04, 2012 8:10 pm<br>Post by riverwalker » Mon May 06, 2019 9:14 pm",
     datetime(2019, 5, 6, 21, 14, tzinfo=CHINA)),
    ("Join Date: Mar 2012<br>2019-05-06 09:14 PM", datetime(2019, 5, 6, 21, 14, tzinfo=CHINA)),
    ("注册时间 2012-3-4<br>楼主 发表于 2019-5-6 21:14", datetime(2019, 5, 6, 21, 14, tzinfo=CHINA)),
    ("Mitglied seit 04.03.2012<br>06.05.2019, 21:14", datetime(2019, 5, 6, 21, 14, tzinfo=CHINA)),
])
def test_a_members_join_date_is_no_publication_date(header, expected):
    assert extract_published(inline_page(article(header)), NOW) == expected


@pytest.mark.parametrize("header, expected", [
    ("更新时间：2022-03-16 10:00", datetime(2022, 3, 16, 10, 0, tzinfo=CHINA)),
    ("Updated: March 16, 2022", date(2022, 3, 16)),
    ("Updated March 16, 2022<br>By Anna Berg", date(2022, 3, 16)),
])
def test_an_updated_date_the_page_shows_alone_keeps_the_story_a_day(header, expected):
    assert extract_published(inline_page(article(header)), NOW) == expected


@pytest.mark.parametrize("header, expected", [
    ("二〇二二年三月十七日", date(2022, 3, 17)),  # a date in Chinese numerals (government notices)
    ("发布日期：二○二一年十二月三十一日", date(2021, 12, 31)),
    ("111年3月17日 09:04", datetime(2022, 3, 17, 9, 4, tzinfo=CHINA)),  # the Minguo year of Taiwanese pages
    ("中華民國111年03月17日", date(2022, 3, 17)),
])
def test_chinese_numeral_and_minguo_dates(header, expected):
    assert extract_published(inline_page(article(header)), NOW) == expected


def test_a_count_of_years_is_no_minguo_date():
    page = inline_page(article("建校111年来培养学生三万人，本月举行纪念活动", body="<p>学校举行了纪念活动。</p>"))
    assert extract_published(page, NOW) is None


def test_json_ld_instant_keeps_its_offset_on_an_unknown_zone_page():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "datePublished": "2023-04-28T19:20:36+02:00"}</script>')
    page = inline_page(article("", head=head).replace("西湖区加快培育数字经济生态圈", "Pendler zahlen weniger"),
                       language="de")
    found = extract_published(page)
    assert found == datetime(2023, 4, 28, 19, 20, 36, tzinfo=timezone(timedelta(hours=2)))


def test_meta_time_is_shown_in_the_chinese_zone():
    head = '<meta property="article:published_time" content="2019-09-07T05:43:45Z">'
    assert extract_published(inline_page(article("", head=head)), NOW) == datetime(2019, 9, 7, 13, 43, 45,
                                                                                    tzinfo=CHINA)


def test_shown_time_beats_metadata_on_the_same_day_when_the_zone_is_known():
    head = '<meta property="article:published_time" content="2019-09-07T06:52:51+08:00">'
    page = inline_page(article("2019年09月07日 04:04 北京日报", head=head))
    assert extract_published(page, NOW) == datetime(2019, 9, 7, 4, 4, tzinfo=CHINA)


def test_profile_timezone_is_attached_to_wall_clock_times():
    page = inline_page(article("Veröffentlicht am 17.03.2022, 09:04 Uhr"), language="de",
                       timezone=ZoneInfo("Europe/Berlin"))
    assert extract_published(page, NOW) == datetime(2022, 3, 17, 9, 4, tzinfo=ZoneInfo("Europe/Berlin"))


def test_unknown_zone_keeps_naive_wall_clock():
    page = inline_page(article("Posted March 17, 2022 at 9:04 pm").replace("西湖区加快培育数字经济生态圈", "A headline"),
                       language="en")
    assert extract_published(page, NOW) == datetime(2022, 3, 17, 21, 4)


def test_profile_selector_comes_first():
    page = inline_page(article("2022-03-01 08:00", after="<span class='pubdate'>2022-03-17 09:04</span>"),
                       selectors={"published": "span.pubdate"})
    assert extract_published(page, NOW) == datetime(2022, 3, 17, 9, 4, tzinfo=CHINA)


def test_date_inside_prose_is_not_a_dateline():
    body = "<p>" + "据介绍，" * 20 + "2021年10月18日项目正式开工。</p>"
    page = inline_page(article("", body=body), url="https://example.org/2021/10/20/story.html")
    assert extract_published(page, NOW) == date(2021, 10, 20)


@pytest.mark.parametrize("url, day", [
    ("https://news.sina.com.cn/c/2019-09-07/doc-iicezzrq4076655.shtml", date(2019, 9, 7)),
    ("http://paper.example.cn/html/2022-03/17/content_5411_7712601.htm", date(2022, 3, 17)),
    ("https://example.org/2022/03/17/slug/", date(2022, 3, 17)),
    ("https://example.org/news/20220317/123.html", date(2022, 3, 17)),
    ("http://www.people.example.cn/n1/2022/0317/c1001-40188234.html", date(2022, 3, 17)),  # year folder, MMDD
    ("https://www.news.example.cn/gn/2022/03-17/10173945.shtml", date(2022, 3, 17)),
    ("https://example.org/article/2022/3/7/slug", date(2022, 3, 7)),
    ("https://www.example.de/artikel/neue-bruecke-17-03-2022", date(2022, 3, 17)),  # a slug's day
])
def test_url_dates(url, day):
    assert extract_published(inline_page(article(""), url=url), NOW) == day


@pytest.mark.parametrize("url", ["https://ol.example.com/news/201909/1220000.shtml",
                                 "https://example.org/2022/1399/story", "https://example.org/2022/12/345/story"])
def test_month_only_url_is_not_a_day(url):
    assert extract_published(inline_page(article(""), url=url), NOW) is None


@pytest.mark.parametrize("header, expected", [
    ("3小时前", datetime(2022, 3, 17, 9, 0, tzinfo=CHINA)),  # relative dates count from now
    ("昨天 09:04", datetime(2022, 3, 16, 9, 4, tzinfo=CHINA)),
    ("2 hours ago", datetime(2022, 3, 17, 10, 0, tzinfo=CHINA)),
    ("2022年3月16日 週三 上午8:13", datetime(2022, 3, 16, 8, 13, tzinfo=CHINA)),  # a weekday before the time
    ("2022年03月16日 星期三 20:05 来源：城东晚报", datetime(2022, 3, 16, 20, 5, tzinfo=CHINA)),
    ("2022-03-16（周三）下午3:30", datetime(2022, 3, 16, 15, 30, tzinfo=CHINA)),
])
def test_header_dates_written_in_words(header, expected):
    assert extract_published(inline_page(article(header)), NOW) == expected


def test_yearless_portal_date_takes_the_printed_year():
    page = inline_page(article("2019 09/07 19:02 扬眼 企鹅号"))
    assert extract_published(page, NOW) == datetime(2019, 9, 7, 19, 2, tzinfo=CHINA)


@pytest.mark.parametrize("key", ["publishedDate", "published_time", "pubDate", "publishTime"])
def test_a_publication_time_only_a_script_holds(key):
    state = f'<script type="application/json">{{"{key}":"2021-06-02 08:15:00","views":12}}</script>'
    page = inline_page(article("", after=state), language="zh")
    assert extract_published(page, NOW) == datetime(2021, 6, 2, 8, 15, tzinfo=CHINA)


@pytest.mark.parametrize("script, expected", [
    ('showDate("2020/04/17 01:43:09")', datetime(2020, 4, 17, 1, 43, 9, tzinfo=CHINA)),
    ("document.write(fmt('2021-06-02 08:15'))", datetime(2021, 6, 2, 8, 15, tzinfo=CHINA)),
    ('writeTime("2019年9月7日")', date(2019, 9, 7)),
])
def test_a_date_a_header_script_draws(script, expected):
    # Old portals and forums print the header date with a short inline script.
    page = inline_page(article(f"<span><script>{script}</script> 浏览 7</span>"), language="zh")
    assert extract_published(page, NOW) == expected


@pytest.mark.parametrize("script", [
    'var stamp = "2020/04/17 01:43:09"; var x = 1;',  # no call: a value, not a drawn date
    'track("page", "2020-04-17")' + "; x();" * 60,  # a long script: analytics, not the header
])
def test_dates_in_other_scripts_are_not_drawn(script):
    page = inline_page(article(f"<span><script>{script}</script> 浏览 7</span>"), language="zh")
    assert extract_published(page, NOW) is None


def test_comment_dates_are_never_the_answer():
    comments = "<div class='comment-list'><p>网友 2022-03-16 08:00 说得好</p></div>"
    page = inline_page(article("", after=comments))
    assert extract_published(page, NOW) is None


def test_no_date_anywhere_is_none():
    assert extract_published(inline_page(article("来源：江西日报")), NOW) is None


@pytest.mark.parametrize("set_name, page_id, expected", [
    ("zh-news", "163_1", datetime(2019, 9, 7, 13, 43, 45, tzinfo=CHINA)),
    ("zh-news", "sina_sina", datetime(2019, 9, 7, 4, 4, tzinfo=CHINA)),
    ("zh-news", "baijiahao_1", datetime(2019, 10, 8, 12, 0, tzinfo=CHINA)),
    ("zh-news", "wechat_1", datetime(2020, 2, 12, 22, 17, 54, tzinfo=CHINA)),
    ("zh-news", "gsc_1", date(2019, 5, 18)),
    ("fundus-dev", "de_FAZ_2023_04_28", datetime(2023, 4, 28, 19, 20, 36, tzinfo=timezone(timedelta(hours=2)))),
    ("fundus-dev", "de_RBB24_2024_04_25", datetime(2024, 4, 25, 14, 7)),
])
def test_saved_pages(set_name, page_id, expected):
    page, _ = corpus_page(set_name, page_id)
    found = extract_published(page)
    assert found == expected
    assert type(found) is type(expected)


@pytest.mark.parametrize("written, expected", [
    ("03/05/2024", date(2024, 3, 5)),  # an English page writes the month first with slashes
    ("5.3.2024", date(2024, 3, 5)),  # dots are day first in every language that uses them
    ("05.03.2024 10:20", date(2024, 3, 5)),
    ("13/03/2024", date(2024, 3, 13)),  # no thirteenth month: the day comes first
])
def test_numeric_dates_on_an_english_page(written, expected):
    from newscrawl.extract.datepatterns import find_dates

    value = find_dates(written, month_first=True)[0].value
    assert (value.date() if isinstance(value, datetime) else value) == expected


@pytest.mark.parametrize("lang, form", [(lang, form) for lang, forms in DATE_FORMS.items() for form in forms])
def test_a_header_date_in_words_or_figures_in_many_languages(lang, form):
    found = extract_article(dated_page(lang, form).encode(), "https://news.example/bridge").published
    assert (found.year, found.month, found.day) == (2024, 3, 5)


@pytest.mark.parametrize("lang, form", [(lang, form) for lang, forms in UPDATED_FORMS.items() for form in forms])
def test_the_published_day_beats_an_updated_day_printed_first(lang, form):
    found = extract_article(dated_page(lang, form).encode(), "https://news.example/bridge").published
    assert (found.year, found.month, found.day) == (2024, 3, 5)
