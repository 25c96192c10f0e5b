"""Line-level rules: captions, datelines, related headings, promo labels, bare dates."""

from __future__ import annotations

import lxml.html
import pytest

from newscrawl.extract.blocks import Block
from newscrawl.extract.lines import (is_bare_date, is_boilerplate_line, is_caption, is_date_line, is_meta_line, is_promo_label,
                                     is_read_more_teaser, is_related_heading)


def block(text: str, **flags) -> Block:
    """Return a block with the given text and flags (everything else plain)."""
    values = dict(caption=False, after_image=False, heading=False, centered=False, bold=False)
    values.update(flags)
    owner = lxml.html.fromstring("<p align='center'>x</p>" if values["centered"] else "<p>x</p>")
    return Block(text, 0, (owner,), (), values["caption"], values["after_image"], values["heading"],
                 0, len(text), values["bold"])


@pytest.mark.parametrize(
    ("text", "flags", "expected"),
    [
        ("活动现场", {"after_image": True}, True),  # short, after a picture, no sentence end
        ("图为会议现场。", {}, True),
        ("▲ 南沙邮轮母港", {}, True),
        ("小屏幕里看大长春", {"after_image": True, "bold": True}, False),  # a bold sub-heading
        ("这是一句完整的话，放在图片后面也是正文。", {"after_image": True}, False),
        ("Photo: Reuters", {}, True),
        ("Any text in a figcaption", {"caption": True}, True),
        # a zoom button read with the caption under a picture
        ("Vergrößern Eine kleine runde Aussparung im Display des neuen Telefons, von vorn gesehen.",
         {"after_image": True, "bold": True}, True),
        ("Enlarge The harbour at dawn, seen from the old lighthouse on the northern pier.", {"after_image": True}, True),
        ("Zoom calls replaced most of the meetings the council used to hold in the town hall.", {}, False),
    ],
)
def test_captions(text, flags, expected):
    assert is_caption(block(text, **flags)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间：2024-05-20 10:10 来源：演示日报 本报记者 钱思远", True),
        ("By Jane Doe | November 18, 2019 12:01 PM", True),
        ("新京报快讯（记者 裴剑飞）今日有网友爆料，60万个账号在暗网出售。", False),
        ("The council met on 2019-11-18 and approved the plan.", False),
    ],
)
def test_meta_lines(text, expected):
    assert is_meta_line(text) is expected


@pytest.mark.parametrize(
    ("text", "related", "promo"),
    [
        ("相关新闻", True, False),
        ("【延伸阅读】", True, False),
        ("Related Articles:", True, False),
        ("More Washington Examiner", True, False),
        ("more than ever", False, False),
        ("関連記事", True, False),
        ("Read more", False, True),
        ("Lesen Sie auch:", False, True),
        ("Czytaj więcej", False, True),
        ("会议指出，要坚持问题导向。", False, False),
        ("热门推荐", True, False),
        ("免责声明：自媒体综合提供的内容均源自自媒体，版权归原作者所有，转载请联系原作者并获许可。", False, True),
        ("Das könnte Sie auch interessieren!", True, False),
        ("Explore further", True, False),
        ("Related stories:", True, False),
        ("Veja também:", False, True),
        ("Valora esta noticia", False, True),
        ("Den Artikel mit anderen teilen", False, True),
        ("Lest auch", False, True),
        ("Lies auch:", False, True),
        ("Most read in Football", False, True),
        ("Am beliebtesten", False, True),
        ("Meistgelesen", False, True),
    ],
)
def test_related_and_promo(text, related, promo):
    assert is_related_heading(text) is related
    assert is_promo_label(text) is promo


@pytest.mark.parametrize("text", [
    "Advertisement", "ADVERTISEMENT", "Anzeige", "Werbung", "Publicité", "Publicidad", "Pubblicità", "广告",
    "Sign up for our daily newsletter to get the latest news in your inbox.",
    "Melden Sie sich jetzt für unseren kostenlosen Newsletter an und erhalten Sie täglich die wichtigsten Nachrichten.",
    "Subscribe to our newsletter",
    "声明：本文转载自其他媒体，转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责。",
    "特别声明：以上内容仅代表作者本人观点，不代表本站立场。",
    "扫一扫，关注江西日报微信公众号", "微信扫码关注我们", "长按识别二维码，下载客户端",
    "【纠错】 【责任编辑：王小明】", "Advertisement:", "5 min read", "Lesezeit: 4 Minuten", "3 Min. Lesezeit",
    "Reading time: 6 minutes", "$$ARTICLEAD$$", "{{ad_slot_2}}", "%%AD_BANNER%%",
    "Advert", "Tempo de leitura: 1 minuto", "Updated at 1:23 p.m.", "Aktualisiert um 14:05 Uhr",
    # picture credits and a gallery's controls
    "China has warned it will act (Image: GETTY )", "Crowds in the square on Sunday (Photo: Reuters)",
    "Sakib Ali/Hindustan Times/Getty Images", "© Rolf Zoellner/imago", "Back to Gallery", "1 of 6",
    "This slideshow requires JavaScript.",
    # wire credits and follow prompts
    "(Reporting by Greg Roumeliotis; Editing by Jane Doe)",
    "Associated Press writers Alan Fram and Zeke Miller contributed to this report.",
    "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and Instagram.",
    "Folgen Sie uns auf Facebook und Instagram",
    # an external-content consent box
    "An dieser Stelle findest du einen externen Inhalt von YouTube, der den Artikel ergänzt.",
    "YouTube-Inhalte erlauben",
    "Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden.",
    # Chinese: a picture's credit, the page's tools, QR-code and app prompts
    "Gweilo镜头下的南湖公园（视频截图）", "2019年10月15日，沈阳，在八一公园晨练的老年人。（视觉中国）",
    "新桥合龙现场。（记者 王小明 摄）", "（点击看清晰大图）", "打印 字体： 放大 正常 缩小 分享", "调整字体",
    "扫一扫在手机打开当前页面", "扫描下方二维码解锁更多技能", "(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)",
    "Abbildung: Ausschnitt eines Satellitenbildes bei St. Moritz vom 31.05.2021", "Foto: dpa / Anna Berg",
    "Bild: Keystone", "Figure 2: The bridge deck under load", "(c) Wiley-VCH", "(c) 2024 Anna Berg / Reuters",
    # reading aids between paragraphs, a caption's label
    "Story continues below advertisement", "Continue reading the main story", "Skip Advertisement",
    "Gift this article", "Listen to this article", "3 min", "Image 1 of 3", "Weiterlesen nach der Anzeige",
    "Article continues below", "Media caption, Watch: the final section of the deck is lifted into place",
    "Hören Sie hier den Artikel", "Artikel vorlesen lassen", "Artikel verschenken",
    # a German note on where the piece first appeared
    "Dieser Artikel erschien zuerst in der Flusszeitung am Sonntag.", 'Dieser Artikel ist zuerst bei "Capital" erschienen.',
    "Dieser Text wurde veröffentlicht unter der Lizenz CC-BY-NC-ND-4.0-DE.",
    # a blog's follow-by-email box
    "Enter your email address to follow this blog and receive notifications of new posts by email.",
    "Gib deine E-Mail-Adresse ein, um diesem Blog zu folgen und per E-Mail Benachrichtigungen über neue Beiträge zu erhalten.",
    # counters under a post or an article
    "3 Likes", "12 comments", "1.2K shares", "0 Kommentare", "阅读 1234", "56 赞", "评论：12", "閱讀 3.4萬",
])
def test_ads_newsletter_prompts_and_site_notices_are_boilerplate_lines(text):
    assert is_boilerplate_line(text)


@pytest.mark.parametrize("text", [
    "Advertisement revenue fell by a third last year, the company said.",
    "The newsletter, which goes out to 20,000 readers, was started in 2019 by two former teachers.",
    "More than 20,000 people subscribe to the newsletter, which two former teachers started in 2019.",
    "声明：我公司从未授权任何个人以公司名义对外募集资金。",  # a statement the article quotes
    "扫码支付的普及让不少老年人犯了难。",
    "广告公司的老板说，今年生意不好做。",
    "It takes 5 min to read the whole report, the minister said.",
    "The photographer, who works for Getty Images, was not hurt.",
    "Reporting by local journalists has uncovered three more cases since May.",
    "Follow the river north for two miles and you reach the old mill.",
    "Follow these steps shared on Twitter to safely catch a stray cat.",
    "1 of 6 residents said they would use the bridge daily.",
    "记者从市交通局获悉，新桥将于年底通车，届时市民可免费通行（记者 王小明 摄影报道）。",
    "下载客户端的用户数量今年翻了一番，公司负责人说，这超出了所有人的预期，也让团队压力倍增。",
    "Figures show the bridge cost less than planned: 40 million euros instead of 48.",
    "(c) the council publishes the plan",  # a list's third item, not a copyright
    "(c) The council publishes the plan",
    "12 comments on the plan were sent to the council before Friday.", "We counted 3 likes.", "2019",
    "Enter your email address in the form and the council will send you the plan.",
    "The story continues below the bridge, where the river widens.", "Continue reading to the end, she said.",
    "Image 1 of the survey shows the old ferry.",
    "Dieser Artikel des Grundgesetzes ist seit 1949 unverändert geblieben, sagte die Ministerin.",
    "This post originally appeared on Grist.",  # the English truths keep it
])
def test_sentences_about_ads_newsletters_and_statements_stay(text):
    assert not is_boilerplate_line(text)


def test_bare_dates():
    assert is_bare_date("2019-09-09 21:38:04")
    assert is_bare_date("2019年9月9日")
    assert not is_bare_date("2019年9月9日，北京")


@pytest.mark.parametrize("text", ["March 5, 2024", "5 March 2024", "Tuesday, March 5, 2024", "Mar 5, 2024",
                                  "5. März 2024", "Dienstag, 5. März 2024", "mardi 12 avril 2021",
                                  "5 de marzo de 2024", "05.03.2024", "2024年3月5日 星期二",
                                  # with its time, label, zone or reading time: the header's stamp line
                                  "06.11.2025, 21:00 Uhr", "Publiziert: 01.07.2023, 11:16",
                                  "Publikacja: 02.02.2025 21:52",
                                  "Aktualizacja: 19.04.2026 19:45 Publikacja: 19.04.2026 19:05",
                                  "January 28, 2025 11:30 am (Updated 11:54 am)", "Friday, 22 Nov 2024 4:55 PM MYT",
                                  "29.06.2023, 15:04 | Lesedauer: 7 Minuten", "Stand: 24.04.2024 15:10 Uhr",
                                  "Published on March 5, 2024", "Veröffentlicht am 5. März 2024",
                                  # a byline leading the stamp
                                  "By Amelie Marie Nishizawa Feb 8, 2020 5 min read",
                                  "By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.",
                                  "Von Anna Berg, 05.03.2024, 10:20 Uhr"])
def test_dates_written_in_words_are_date_lines(text):
    # The header's date line inside the article's container is no paragraph of the story.
    assert is_date_line(text)


@pytest.mark.parametrize("text", ["On March 5, 2024 the bridge opened.", "March 5, 2024: a day to remember",
                                  "Berlin, 5. März 2024", "March 2024", "Until March 5, 2024, tickets cost less",
                                  "2019年9月9日，北京", "Sendung: Antenne Brandenburg, 24.04.2024, 15:10 Uhr",
                                  "Published on March 5, 2024 in the Journal of Bridges",
                                  "By the end of March 5, 2024 the bridge was open"])
def test_a_date_inside_other_words_is_no_date_line(text):
    assert not is_date_line(text)


@pytest.mark.parametrize("text", ["Contenido relacionado", "NOTAS RELACIONADAS", "Verwandte Themen",
                                  "Ähnliche Artikel", "Vos réactions", "Sur le même sujet", "网友评论", "3 Comments"])
def test_headings_that_end_the_article_in_several_languages(text):
    assert is_related_heading(text)


@pytest.mark.parametrize("text", ["Mehr zum Thema", "Schon gelesen?", "Diesen Artikel teilen", "Siehe auch",
                                  "War der Artikel nützlich?", "Share this article", "Kommentare schreiben"])
def test_promo_share_and_rating_labels_inside_the_text(text):
    assert is_promo_label(text) and not is_related_heading(text)


@pytest.mark.parametrize(("text", "teaser"), [
    ("Auskunft über das Wetter vergangener Jahre… mehr •••", True),
    ("How the river changed its course over a century... Read more »", True),
    ("Comment la ville a changé de visage… Lire la suite", True),
    ("Er sagte nur: „Mal sehen …“ und ging.", False),
    ("The debate goes on... and on.", False),
    ("Es gibt noch mehr dazu.", False),
])
def test_a_cut_off_blurb_with_a_read_more_link_is_a_teaser(text, teaser):
    assert is_read_more_teaser(text) is teaser
