"""Pictures: where each stands among the paragraphs, its address (lazy-loading too), caption and alt."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.images import Picture, image_source
from newscrawl.extract.parse import parse_html
from tests.extract.test_body import P1, P2, P3, portal

URL = "https://www.example.com/news/2024/05/20/1.html"


def pictures(body: str, selectors: dict | None = None, head: str = "<title>南昌召开优化营商环境推进大会</title>"):
    """Return (paragraphs, pictures) the extractor finds in a portal page around ``body``."""
    profile = None
    if selectors:
        profile = type("Profile", (), {"selectors": selectors, "timezone": None, "language": "zh"})()
    got = extract_article(portal(body, head).encode("utf-8"), URL, profile)
    return got.paragraphs, got.pictures


def test_each_picture_stands_where_it_stood_with_its_caption():
    body = (f"<div class='content'><p><img src='/pic/lead.jpg' alt='会场全景'></p><p>{P1}</p>"
            f"<figure><img src='/pic/2.jpg'><figcaption>图为会议现场。</figcaption></figure>"
            f"<p>{P2}</p><p>{P3}</p><p style='text-align:center'><img src='/pic/3.jpg'></p>"
            f"<p style='text-align:center'>与会代表参观企业展台</p></div>")
    paragraphs, found = pictures(body)
    assert paragraphs == [P1, P2, P3]  # captions are no paragraphs
    assert found == [
        Picture("https://www.example.com/pic/lead.jpg", 0, None, "会场全景"),
        Picture("https://www.example.com/pic/2.jpg", 1, "图为会议现场。"),
        Picture("https://www.example.com/pic/3.jpg", 3, "与会代表参观企业展台"),
    ]


def test_a_caption_line_under_a_picture_is_its_caption_not_a_paragraph():
    body = (f"<div class='content'><p>{P1}</p><p><img src='/pic/1.jpg'></p><p>▲ 新建成的充电站</p>"
            f"<p>{P2}</p><p><img src='/pic/2.jpg'></p><p class='pic-caption'>工人正在安装设备（记者 摄）</p>"
            f"<p>{P3}</p></div>")
    paragraphs, found = pictures(body)
    assert paragraphs == [P1, P2, P3]
    assert [(p.position, p.caption) for p in found] == [(1, "▲ 新建成的充电站"), (2, "工人正在安装设备（记者 摄）")]


def test_a_paragraph_under_a_picture_stays_a_paragraph():
    body = f"<div class='content'><p>{P1}</p><p><img src='/pic/1.jpg'></p><p>{P2}</p><p>{P3}</p></div>"
    paragraphs, found = pictures(body)
    assert paragraphs == [P1, P2, P3]
    assert [(p.position, p.caption) for p in found] == [(1, None)]


def test_a_line_under_pictures_in_a_row_captions_the_last():
    body = (f"<div class='content'><p>{P1}</p><p><img src='/pic/1.jpg'><img src='/pic/2.jpg'></p>"
            f"<p>图为新建成的两座桥梁</p><p>{P2}</p></div>")
    _, found = pictures(body)
    assert [(p.url.rsplit("/", 1)[1], p.position, p.caption) for p in found] == [
        ("1.jpg", 1, None), ("2.jpg", 1, "图为新建成的两座桥梁")]


@pytest.mark.parametrize("box", ["<div class='qrcode'><img src='/pic/qr.jpg'><p>扫码关注我们</p></div>",
                                 "<div id='erweima'><img src='/pic/wx.jpg'></div>",
                                 "<p class='ewm'><img src='/pic/app.png'>下载客户端</p>"])
def test_a_qr_code_box_in_the_text_is_no_picture_and_no_paragraph(box):
    body = f"<div class='content'><p>{P1}</p><p><img src='/pic/1.jpg'></p><p>{P2}</p><p>{P3}</p>{box}</div>"
    paragraphs, found = pictures(body)
    assert paragraphs == [P1, P2, P3]
    assert [p.url.rsplit("/", 1)[1] for p in found] == ["1.jpg"]


def test_lazy_loading_addresses_win_over_placeholders():
    body = (f"<div class='content'><p>{P1}</p>"
            f"<img src='/static/loading.gif' data-original='/pic/real-1.jpg'>"
            f"<img src='data:image/gif;base64,R0lGOD' data-src='//img.example.cn/real-2.jpg'>"
            f"<img srcset='/pic/s.jpg 320w, /pic/l.jpg 1280w, /pic/m.jpg 640w'>"
            f"<p>{P2}</p></div>")
    _, found = pictures(body)
    assert [p.url for p in found] == ["https://www.example.com/pic/real-1.jpg", "https://img.example.cn/real-2.jpg",
                                      "https://www.example.com/pic/l.jpg"]


def test_image_source_reads_attributes_in_order():
    def source(attrs: str) -> str | None:
        return image_source(parse_html(f"<html><body><img {attrs}></body></html>".encode())[0].find(".//img"))

    assert source("src='a.jpg'") == "a.jpg"
    assert source("src='data:image/png;base64,AA'") is None
    assert source("src='p.gif' data-lazy-src='b.jpg'") == "b.jpg"
    assert source("srcset='x1.jpg 1x, x2.jpg 2x' src='s.jpg'") == "x2.jpg"
    assert source("") is None


def test_an_address_that_is_no_web_address_gives_way_to_the_next():
    body = (f"<div class='content'><p>{P1}</p><img data-src='javascript:alert(1)' src='/pic/ok.png'>"
            f"<img src='javascript:alert(2)'><p>{P2}</p></div>")
    _, found = pictures(body)
    assert [p.url for p in found] == ["https://www.example.com/pic/ok.png"]


def test_icons_furniture_and_repeats_are_no_pictures():
    body = (f"<div class='content'><p>{P1}</p><img src='/pic/1.jpg'><p>{P2}</p>"
            f"<img src='/icons/wx.png' width='16' height='16'><div class='share-bar'><img src='/icons/s.png'></div>"
            f"<img src='/pic/1.jpg'><img src='javascript:alert(1)'><p>{P3}</p></div>")
    _, found = pictures(body)
    assert [p.url for p in found] == ["https://www.example.com/pic/1.jpg"]


def test_positions_count_the_paragraphs_kept_after_credit_lines_go():
    body = (f"<div class='content'><p>{P1}</p><p>{P2}</p><p><img src='/pic/last.jpg'></p>"
            f"<p>[责任编辑：冯涛]</p></div>")
    paragraphs, found = pictures(body)
    assert paragraphs == [P1, P2]
    assert [(p.position, p.caption) for p in found] == [(2, None)]  # the editors' line is no caption


def test_pictures_past_other_text_after_the_article_are_the_pages():
    body = (f"<div class='content'><p>{P1}</p><p>{P2}</p><p><img src='/pic/end.jpg'></p><p>▲ 会场一角</p>"
            f"<p>{P3}</p><ul class='cards'><li><img src='/t/1.jpg'><a href='/a/1.html'>另一篇报道的标题</a></li></ul></div>")
    paragraphs, found = pictures(body)
    assert paragraphs == [P1, P2, P3]
    assert [(p.url.rsplit("/", 1)[1], p.position, p.caption) for p in found] == [("end.jpg", 2, "▲ 会场一角")]


def test_pictures_under_a_profile_selector_stand_in_place_across_its_nodes():
    body = (f"<div class='content'><div class='part'><p>{P1}</p><img src='/pic/a.jpg'></div>"
            f"<div class='part'><p>{P2}</p><img src='/pic/b.jpg'><p>{P3}</p></div></div>")
    paragraphs, found = pictures(body, {"body": "div.part"})
    assert paragraphs == [P1, P2, P3]
    assert [(p.url.rsplit("/", 1)[1], p.position) for p in found] == [("a.jpg", 1), ("b.jpg", 2)]


def test_pictures_follow_text_the_page_declares_in_data():
    text = "\n".join([P1, P2, P3] * 6)
    ld = json.dumps({"@type": "NewsArticle", "articleBody": text}, ensure_ascii=False)
    head = f"<title>南昌召开优化营商环境推进大会</title><script type='application/ld+json'>{ld}</script>"
    body = f"<div class='content'><p>{P1}</p><img src='/pic/1.jpg'><p>{P2}</p></div>"
    paragraphs, found = pictures(body, head=head)
    assert len(paragraphs) == 18  # the declared text, not the two lines shown
    assert [(p.url, p.position) for p in found] == [("https://www.example.com/pic/1.jpg", 18)]


def test_a_long_figure_text_is_no_caption():
    long_text = P1 * 8
    body = (f"<div class='content'><p>{P1}</p><figure><img src='/pic/1.jpg'><figcaption>{long_text}"
            f"</figcaption></figure><p>{P2}</p></div>")
    _, found = pictures(body)
    assert found[0].caption is None


def test_a_captions_scripts_are_no_part_of_it():
    body = (f"<div class='content'><p>{P1}</p><figure><img src='/pic/1.jpg'><figcaption>图注<script>alert(1)"
            f"</script><b onclick='x()'>加粗</b><style>b {{}}</style></figcaption></figure><p>{P2}</p></div>")
    _, found = pictures(body)
    assert found[0].caption == "图注加粗"


def test_a_picture_as_the_item_carries_it_holds_every_field_and_no_copy_of_them():
    from dataclasses import asdict

    picture = Picture(url="https://img.example/a.jpg", position=2, caption="图说", alt="图")
    assert picture.to_dict() == {**asdict(picture), "file": None, "error": None}
    assert list(picture.to_dict()) == [*asdict(picture), "file", "error"]  # a field added to Picture is carried
