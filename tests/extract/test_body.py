"""Main text: the article's paragraphs in order, without the page around them."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.article import build_page
from newscrawl.extract.body import find_body
from newscrawl.extract.title import find_title
from tests.extract.newspages import INSERTS, STORY, news_page
from tests.helpers import CORPUS, need_shared

P1 = "本报讯 近日，南昌市召开全市优化营商环境推进大会，总结去年工作，部署今年重点任务。"
P2 = "会议指出，要坚持问题导向，聚焦企业反映强烈的痛点难点，持续推进审批制度改革。"
P3 = "会议强调，各级各部门要强化责任担当，以更实举措打造一流营商环境。 (陈文萍)"
NAV = "".join(f"<li><a href='/s/{i}'>栏目{i}</a></li>" for i in range(12))
RELATED = "".join(f"<li><a href='/a/{i}.html'>相关报道标题第{i}条内容较长一些</a></li>" for i in range(6))


def portal(body: str, head: str = "<title>南昌召开优化营商环境推进大会_江西新闻</title>") -> str:
    """Return a portal-like page with navigation, a sidebar and a footer around ``body``."""
    return f"""<html><head>{head}</head><body>
    <div class="nav"><ul>{NAV}</ul></div>
    <div class="main"><div class="left">
      <h1>南昌召开优化营商环境推进大会</h1>
      <div class="info">2024-05-20 10:10 来源：江西日报</div>
      {body}
      <div class="share">分享到：<a href="#">微信</a><a href="#">微博</a></div>
      <div class="related"><h3>相关新闻</h3><ul>{RELATED}</ul></div>
    </div><div class="sidebar"><h3>热点</h3><ul>{RELATED}</ul></div></div>
    <div class="footer"><p>Copyright © 2024 江西日报社 版权所有，未经授权禁止转载。</p></div>
    </body></html>"""


def paragraphs(html: str, url: str | None = None, selectors: dict | None = None) -> list[str]:
    """Return the paragraphs the body finder keeps for an HTML string."""
    page, _ = build_page(html.encode("utf-8"), url)
    page.selectors = selectors or {}
    page.title, page.title_node = find_title(page)
    return find_body(page)[1]


def test_paragraphs_in_order_without_navigation_share_related_or_footer():
    body = f"<div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
    assert paragraphs(portal(body)) == [P1, P2, P3]


def test_full_width_indent_and_whitespace_are_cleaned():
    body = f"<div class='content'><p>\u3000\u3000{P1}\n</p><p>\u00a0 {P2}\t</p><p>{P3}</p></div>"
    assert paragraphs(portal(body)) == [P1, P2, P3]


def test_br_separated_text_becomes_paragraphs():
    body = f"<div class='content'><p>\u3000\u3000{P1}<br><br>\u3000\u3000{P2}<br/>{P3}</p></div>"
    assert paragraphs(portal(body)) == [P1, P2, P3]


def test_scripts_styles_and_hidden_blocks_are_not_text():
    body = (f"<div class='content'><p>{P1}</p><script>var x = '脚本里的文字，不是正文。';</script>"
            f"<style>p {{ color: red }}</style><p style='display: none'>隐藏的原标题，读者看不到。</p>"
            f"<p>{P2}</p><p>{P3}</p></div>")
    assert paragraphs(portal(body)) == [P1, P2, P3]


def test_image_captions_are_dropped_and_images_collected():
    body = (f"<div class='content'><p>{P1}</p><p><img src='/pic/1.jpg'></p><p>活动现场</p>"
            f"<figure><img data-src='//img.example.com/2.png'><figcaption>图为会议现场。</figcaption>"
            f"</figure><p>{P2}</p><p>{P3}</p><img src='/icons/wx.png' width='16' height='16'>"
            f"<div class='share-bar'><img src='/icons/share.png'></div></div>")
    html = portal(body)
    assert paragraphs(html) == [P1, P2, P3]
    result = extract_article(html.encode("utf-8"), "https://www.example.com/news/1.html")
    assert [(p.url, p.position, p.caption) for p in result.pictures] == [
        ("https://www.example.com/pic/1.jpg", 1, "活动现场"), ("https://img.example.com/2.png", 1, "图为会议现场。")]


def test_dateline_between_headline_and_text_is_not_body():
    body = f"<div class='content'><p>发布时间：2024-05-20 来源：江西日报</p><p>{P1}</p><p>{P2}</p></div>"
    assert paragraphs(portal(body)) == [P1, P2]


EN_PARAS = [f"Paragraph {i}: the council said on Tuesday that the new bridge over the river would open to "
            f"traffic next month, after safety checks were finished." for i in range(6)]


def english_article(body: str, meta: str = "March 5, 2024") -> str:
    """Return an English news page whose date line sits inside the <article> above the text."""
    return (f"<html lang='en'><head><title>New bridge opens next month | Post</title></head><body>"
            f"<div class='nav'><a href='/'>Home</a> <a href='/n'>News</a></div><article>"
            f"<h1>New bridge opens next month</h1><div class='meta'>{meta}</div>"
            f"<div class='article-body'>{body}</div></article><footer><p>About us</p></footer></body></html>")


@pytest.mark.parametrize("meta", ["March 5, 2024", "Tuesday, March 5, 2024", "Dienstag, 5. März 2024",
                                  "2024年3月5日 星期二"])
def test_a_date_line_written_in_words_inside_the_article_is_not_body(meta):
    body = "".join(f"<p>{p}</p>" for p in EN_PARAS)
    assert paragraphs(english_article(body, meta)) == EN_PARAS


@pytest.mark.parametrize("box", [
    "<div class='related-articles'><h3>More on this story</h3><ul><li><a href='/a'>Mayor promises faster "
    "repairs on the old bridge</a></li><li><a href='/b'>River traffic halted for two weeks</a></li></ul></div>",
    "<div class='xgyd related'><p>相关阅读：</p><ul><li><a href='/a'>南昌地铁四号线开通运营时间确定</a></li>"
    "<li><a href='/b'>九江长江大桥明年起封闭维修</a></li></ul></div>",
])
def test_a_related_box_inside_the_text_does_not_end_it(box):
    # The box's heading sits past the middle of the container, but in a box of its own: the text goes on.
    body = "".join(f"<p>{p}</p>" for p in EN_PARAS[:4]) + box + "".join(f"<p>{p}</p>" for p in EN_PARAS[4:])
    assert paragraphs(english_article(body)) == EN_PARAS


def test_a_related_box_inside_a_chinese_text_does_not_end_it():
    paras = [f"这是第{i}段正文，记者在现场看到工人们正在加紧施工，预计年底前完工通车，市民出行将更加方便。" for i in range(6)]
    box = ("<div class='xgyd'><p>相关阅读：</p><ul><li><a href='/a'>南昌地铁四号线开通运营时间确定</a></li>"
           "<li><a href='/b'>九江长江大桥明年起封闭维修</a></li></ul></div>")
    body = "".join(f"<p>{p}</p>" for p in paras[:3]) + box + "".join(f"<p>{p}</p>" for p in paras[3:])
    assert paragraphs(portal(f"<div class='content'>{body}</div>")) == paras


def test_related_heading_ends_the_article_text():
    body = (f"<div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p><p>延伸阅读</p>"
            f"<p>另一篇文章的摘要，与本文无关，也不应出现在正文里。</p></div>")
    assert paragraphs(portal(body)) == [P1, P2, P3]


def test_a_related_heading_with_the_story_going_on_after_it_does_not_end_it():
    # A most-read or related widget set in the text, its heading past the middle: three paragraphs follow.
    widget = "<h3>Related stories</h3><ul><li><a href='/a'>Mayor promises repairs</a></li></ul>"
    story = EN_PARAS + [p.replace("Paragraph", "Section") for p in EN_PARAS[:3]]
    body = "".join(f"<p>{p}</p>" for p in story[:6]) + widget + "".join(f"<p>{p}</p>" for p in story[6:])
    assert paragraphs(english_article(body)) == story


def test_a_related_heading_with_a_player_s_labels_after_it_ends_the_text():
    player = ("<p>相关推荐</p><p>进入广告 广告被拦截插件误伤啦，1秒后播放 关闭拦截插件恢复正常 详情点击 广告剩余: 15秒 VIP可关闭广告</p>"
              "<p>网络链接似乎出现问题， 你可以 或 试试 使用PC客户端播放更稳定 立即下载 返回继续播放 或使用最新浏览器</p>"
              "<p>即将播放 取消 《流行儿歌》宝宝带上爸爸妈妈，我们要开始跳宝宝舞蹈了 50% 75% 100% 下一个视频马上开始</p>")
    story = [P1, P2, *(f"会议要求，第{i}项工作要抓紧落实，确保按期完成各项任务。" for i in range(3)), P3]
    body = "<div class='content'>" + "".join(f"<p>{p}</p>" for p in story) + f"{player}</div>"
    assert paragraphs(portal(body)) == story


def widget_page(first: list[str], second: list[str], between: str) -> str:
    """Return a widget-built article: two text boxes named like furniture, something between them."""
    box = "<div class='article-widget article-widget-text'><div class='wrap'><div class='text'>{}</div></div></div>"
    return english_article(box.format("".join(f"<p>{p}</p>" for p in first)) + between
                           + box.format("".join(f"<p>{p}</p>" for p in second)))


@pytest.mark.parametrize("between", [
    "<div class='article-widget article-widget-image'><img src='/a.jpg'><span class='description'>The bridge"
    "</span></div><div class='article-widget article-widget-related_articles'><ul>"
    + "".join(f"<li><a href='/r{i}'>Another story about the city council number {i}</a></li>" for i in range(4))
    + "</ul></div>",
    "<div class='article-widget article-widget-hr'><hr></div>",
])
def test_a_text_split_into_widget_boxes_is_read_whole(between):
    # The second box holds most of the text; the first, named alike, is the story's start, not furniture.
    second = EN_PARAS + [p.replace("Paragraph", "Section") for p in EN_PARAS]
    assert paragraphs(widget_page(EN_PARAS[:3], second, between)) == EN_PARAS[:3] + second


def test_a_box_like_the_text_with_a_headline_of_its_own_is_another_story():
    box = "<div class='article-widget article-widget-text'>{}</div>"
    other = "<h1>Council approves budget</h1>" + "".join(
        f"<p>Budget {i}: the council approved a budget of forty million euros for the next year, the mayor said.</p>"
        for i in range(3))
    story = EN_PARAS + [p.replace("Paragraph", "Section") for p in EN_PARAS]
    html = english_article(box.format("".join(f"<p>{p}</p>" for p in story)) + box.format(other))
    assert paragraphs(html) == story


@pytest.mark.parametrize("cap", ["<span class='dropcap'>P</span>", "<div class='initial'>P</div>"])
def test_a_drop_cap_set_apart_from_its_paragraph_joins_it(cap):
    first = EN_PARAS[0]
    body = f"<div class='text'>{cap}<p>{first[1:]}</p>" + "".join(f"<p>{p}</p>" for p in EN_PARAS[1:]) + "</div>"
    assert paragraphs(english_article(body)) == EN_PARAS


def test_teaser_cards_under_the_text_are_not_body():
    cards = "".join(
        f"<div class='item'><h3><a href='/a/{i}.html'>另一篇文章的标题第{i}条</a></h3>"
        f"<p>这是另一篇文章的摘要，介绍了别的新闻内容，读者点击标题可以阅读全文。</p>"
        f"<span>2019-09-09 21:38:04</span></div>" for i in range(4))
    body = f"<div class='content'><p>{P1}</p><p>{P2}</p><p>{P3}</p><div class='feed'>{cards}</div></div>"
    assert paragraphs(portal(body)) == [P1, P2, P3]


def test_article_wrapper_named_share_is_still_the_article():
    body = f"<div class='js_img_share_area'><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>"
    assert paragraphs(portal(body)) == [P1, P2, P3]


def test_cookie_dialog_with_more_text_than_the_article_is_not_the_article():
    dialog = "".join(f"<p>We use cookies to improve your experience, number {i}, and to measure ads.</p>"
                     for i in range(8))
    html = (f"<html><body><nav><ul>{NAV}</ul></nav><article><h1>南昌召开大会</h1><p>{P1}</p><p>{P2}</p>"
            f"</article><aside><p>{P3}</p></aside>"
            f"<div class='cli-modal' id='cliSettingsPopup'><div class='cli-modal-content'>{dialog}"
            f"</div></div></body></html>")
    assert paragraphs(html) == [P1, P2]


def test_layout_boxes_named_like_furniture_still_give_the_text():
    body = "".join(f"<div class='sidebar-grid__container'><p>{p}</p></div>" for p in (P1, P2, P3))
    html = f"<html><body><div class='sidebar-grid'>{body}</div><div class='share'>分享到</div></body></html>"
    assert paragraphs(html) == [P1, P2, P3]


def test_english_article_with_sidebar_and_infinite_scroll():
    first = ["The city council approved the new budget on Tuesday, after a long debate.",
             "Officials said the plan adds funding for schools, parks and public transport."]
    second = ["In other news, a local bakery won a national award for its sourdough bread.",
              "The owners said they were surprised and grateful for the recognition they got."]
    html = f"""<html><head><meta property="og:title" content="Council approves budget"></head><body>
    <main><article><h1>Council approves budget</h1>{''.join(f'<p>{p}</p>' for p in first)}</article>
    <article><h1>Bakery wins award</h1>{''.join(f'<p>{p}</p>' for p in second)}</article></main>
    <aside><p>Subscribe to our newsletter for more stories like this one, every day.</p></aside>
    </body></html>"""
    assert paragraphs(html) == first


def test_profile_body_selector_comes_first():
    body = (f"<div class='content'><p>{P1}</p></div>"
            f"<div id='real'><p>{P2}</p><p>{P3}</p></div>")
    assert paragraphs(portal(body), selectors={"body": "#real"}) == [P2, P3]
    assert paragraphs(portal(body), selectors={"body": "//div[@id='real']"}) == [P2, P3]


def test_page_without_prose_has_no_body():
    page, _ = build_page(f"<html><body><ul>{NAV}</ul></body></html>".encode())
    assert find_body(page) == (None, [])


@pytest.mark.parametrize(
    ("page_id", "first", "count"),
    [
        ("163_1", "（原标题：多地项目连环爆雷 狂奔的龙湖集团“暗伤”曝露？）", 32),
        ("ifeng_3", "2020年，因为疫情影响，各地政府的首要任务就是助力当地经济恢复，尽可能减少疫情带来的损失。", 11),
    ],
)
def test_saved_pages_body(page_id, first, count):
    path = need_shared(CORPUS / "zh-news" / "pages" / f"{page_id}.html")
    result = extract_article(path.read_bytes())
    assert result.paragraphs[0] == first
    assert len(result.paragraphs) == count


def test_saved_page_paragraphs_match_the_labelled_text():
    truth_file = need_shared(CORPUS / "zh-news" / "truth.jsonl")
    rows = {r["id"]: r for r in map(json.loads, truth_file.open(encoding="utf-8"))}
    for page_id in ("163_2", "gamersky_gamersky", "stcn_1"):
        result = extract_article((CORPUS / "zh-news" / "pages" / f"{page_id}.html").read_bytes())
        assert result.paragraphs == rows[page_id]["body"].split("\n"), page_id


LEAD = "The riverside path reopened on Saturday after three months of work and a long public debate."
TEXT = ["Engineers replaced the old surface with a permeable one that drains quickly after heavy rain.",
        "The council said more trees would be planted along both banks before the end of the year.",
        "Residents who walked the path on Sunday said it felt safer after dark than it had for years."]


def test_a_lead_printed_above_the_text_column_starts_the_article():
    html = (f"<html><head><title>Riverside path reopens</title></head><body><div class='page'>"
            f"<h1>Riverside path reopens</h1><p class='intro'>{LEAD}</p><div class='byline'>By Anna Berg</div>"
            f"<div class='text'>{''.join(f'<p>{p}</p>' for p in TEXT)}</div></div></body></html>")
    assert paragraphs(html) == [LEAD, *TEXT]


def test_the_dek_in_the_article_header_stays_with_the_headline():
    html = (f"<html><head><title>Riverside path reopens</title></head><body><div class='nav'><ul>{NAV}</ul></div>"
            f"<div class='article-header'><h1>Riverside path reopens</h1><p class='dek'>{LEAD}</p></div>"
            f"<div class='text'>{''.join(f'<p>{p}</p>' for p in TEXT)}</div>"
            f"<div class='related'><ul>{RELATED}</ul></div></body></html>")
    assert paragraphs(html) == TEXT


DESCRIPTION = ("Der Hafen steht still, die Fähren fahren nicht mehr. Wie es weitergeht, "
               "weiß in der Stadt niemand so genau.")
CLIP_TEASERS = "".join(f"<li><a href='/v/{i}'>Weiteres Video Nummer {i}</a></li>" for i in range(8))


def video_page(description: str) -> str:
    """Return a video page: a player, a heading, the clip's description under it (in a caption
    box, as players print it), more clips."""
    return f"""<html><head><title>Stillstand im Hafen - Mediathek</title>
    <meta property="og:title" content="Stillstand im Hafen">
    <meta property="og:description" content="{DESCRIPTION}"></head><body>
    <div class="nav"><ul>{CLIP_TEASERS}</ul></div>
    <div class="player"><button>Abspielen</button><span>02:14 min</span></div>
    <div class="item-caption"><h1>Stillstand im Hafen</h1><p class="item-description">{description}</p>
    <span>Video verfügbar bis 28.02.2030</span></div>
    <div class="more"><h3>Auch interessant</h3><ul>{CLIP_TEASERS}</ul></div></body></html>"""


def test_a_page_that_only_shows_its_description_has_it_as_its_text():
    assert paragraphs(video_page(DESCRIPTION)) == [DESCRIPTION]
    # A line that is not the description is no stand-in: the page keeps no text.
    assert paragraphs(video_page("Ein ganz anderer Satz über etwas anderes, lang genug für eine Zeile.")) == []


FACT_SHEET = """<html><head><title>Filmtausch April - Blog</title></head><body>
<div class="nav"><ul>{nav}</ul></div>
<div id="content"><article class="post"><h1>Filmtausch April</h1><div class="entry-content">
<h3>Orte</h3><p>Anna: Japan</p><p>Ben: Deutschland</p><p>Cleo: Chile</p>
<h3>Film</h3><p>Ilford HP5 400</p>
<h3>Kameras</h3><p>Anna: Widelux F7</p><p>Ben: Pentax Z-1</p><p>Cleo: Leica M6</p>
<h3>Objektive</h3><p>Anna: 26 mm</p><p>Ben: 28-80 mm</p><p>Cleo: 35 mm</p>
<h3>Reihenfolge</h3><ol><li>Anna</li><li>Ben</li><li>Cleo</li></ol>
<h3>Bilder</h3><div class="gallery">{gallery}</div>
</div></article></div>
<div class="footer-note"><p>Copyright © 2018. All Rights Reserved.</p></div>
</body></html>"""


def test_a_page_of_short_lines_is_read_from_its_one_article_element():
    # No line is prose and a gallery of links weighs against the article, so the container
    # search settles on one short line.
    nav = "".join(f"<li><a href='/p/{i}'>Beitrag {i}</a></li>" for i in range(10))
    gallery = "".join(f"<div><a href='/g/{i}.jpg'><img src='/g/t{i}.jpg'> Bild {i} vom Filmtausch</a></div>"
                      for i in range(12))
    found = paragraphs(FACT_SHEET.format(nav=nav, gallery=gallery))
    assert "Anna: Widelux F7" in found and "Cleo: 35 mm" in found
    assert not any("Copyright" in line or "Beitrag" in line for line in found)


def test_a_page_sent_inside_noscript_is_read_and_a_small_noscript_is_not():
    story = ("The park counted more bears than in any year before, and the keepers say the numbers "
             "keep rising as the valleys stay quiet. ") * 4
    page = (f"<html><head><title>Bears return | Park news</title></head><body><noscript><div class='page'>"
            f"<div class='menu'><a href='/'>Home</a> <a href='/news'>News</a></div>"
            f"<h1>Bears return</h1><p>{story}</p><p>{story}</p></div></noscript>"
            "<script>drawPage()</script></body></html>").encode()
    found = extract_article(page)
    assert found.title == "Bears return"
    assert found.paragraphs == [story.strip(), story.strip()]
    pixel = page.replace(b"<noscript><div class='page'>", b"<noscript><img src='/p.gif'>Enable JavaScript</noscript>"
                         b"<div class='page'>").replace(b"</div></noscript>", b"</div>")
    assert "Enable JavaScript" not in "\n".join(extract_article(pixel).paragraphs)


def test_an_article_drawn_from_a_template_is_read_from_its_noscript_copy():
    story = ("Over the past years the service has grown, and the team explains how the new mode protects "
             "readers who want more safety while they browse. ") * 3
    paragraphs = f"<p>{story}</p><p>{story}</p>"
    sidebar = "".join(f"<li><a href='/p/{i}'>Older post number {i} in the archive</a></li>" for i in range(40))
    page = (f"<html><head><title>A new mode</title></head><body><div class='main'><h1>A new mode</h1>"
            f"<div class='post-body' itemprop='articleBody'><script type='text/template'>{paragraphs}</script>"
            f"<noscript>{paragraphs}</noscript></div></div><ul class='archive'>{sidebar}</ul></body></html>").encode()
    assert extract_article(page).paragraphs == [story.strip(), story.strip()]


@pytest.mark.parametrize("menu", ["<a href='/'>首页</a> | <a href='/n'>新闻</a> | <a href='/z'>政务</a> | <a href='/s'>社会</a>",
                                  "[<a href='/'>收藏</a>] [<a href='/p'>打印</a>] [<a href='/c'>关闭</a>]",
                                  "<a href='/'>Home</a> / <a href='/n'>News</a> / <a href='/w'>World</a>"])
def test_a_row_of_links_set_apart_by_separators_is_no_paragraph(menu):
    story = ["南昌新桥今天上午合龙，标志着全线主体工程基本完工。", "记者在现场看到，工人们正在加紧施工，预计年底前完工通车。",
             "据介绍，新桥全长三公里，建成后将大大缓解城区交通压力。"]
    html = (f"<html><head><title>南昌新桥今天合龙_江西日报</title></head><body><table><tr><td>{menu}</td></tr></table>"
            "<table><tr><td class='bt'>南昌新桥今天合龙</td></tr><tr><td>2024-03-05 10:20 来源：江西日报</td></tr></table>"
            "<table><tr><td>　　"
            + "<br>　　".join(story) + f"</td></tr></table><table><tr><td>{menu}</td></tr></table></body></html>")
    paragraphs = extract_article(html.encode(), "http://www.example.cn/a/1.html").paragraphs
    assert [p.strip("　 ") for p in paragraphs] == story


@pytest.mark.parametrize("notice", ["版权所有 江西日报社 未经授权不得转载", "本文系本网原创，未经授权禁止转载。",
                                    "版權所有，未經許可不得轉載"])
def test_the_sites_rights_notice_under_a_chinese_text_is_no_paragraph(notice):
    story = ["南昌新桥今天上午合龙，标志着全线主体工程基本完工。", "记者在现场看到，工人们正在加紧施工，预计年底前完工通车。",
             "法院认定被告侵犯了原告的著作权，判决其赔偿经济损失五万元。"]
    html = ("<html><head><title>南昌新桥今天合龙_江西日报</title></head><body><h1>南昌新桥今天合龙</h1>"
            "<div class='content'>" + "".join(f"<p>{p}</p>" for p in story) + f"<p>{notice}</p></div></body></html>")
    assert extract_article(html.encode(), "http://www.example.cn/a/1.html").paragraphs == story


@pytest.mark.parametrize("insert", sorted(INSERTS))
def test_a_news_sites_inline_furniture_is_no_paragraph(insert):
    found = extract_article(news_page(INSERTS[insert]).encode(), "https://riverside.example/news/2024/03/05/bridge")
    assert found.paragraphs == STORY
