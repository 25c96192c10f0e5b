"""Judge one text block on its own: caption, dateline, related-section heading, bare date.

These are the line-level rules a reader of many newspapers applies without
looking at the page layout; ``body.py`` applies them inside the container.
"""

from __future__ import annotations

import re

from newscrawl.extract.blocks import Block
from newscrawl.extract.datepatterns import find_dates, normalize
from newscrawl.extract.text import SENTENCE_END

# Short lines that open a related-links, comments or promo section at the end of an article.
_RELATED_WORDS = (
    r"相关(新闻|阅读|报道|链接|文章|推荐)|延伸阅读|推荐阅读|热[点门]推荐|猜你喜欢|更多(精彩|阅读|新闻)",
    r"往期(回顾|推荐)|精彩推荐|(网友|热门|精彩|最新|全部|相关)评论|发表评论|评论区|我要评论|我来说两句",
    r"comments?( \(\d+\))?|\d+ comments?|leave a (comment|reply)|kommentare|commentaires|comentarios",
    r"related( articles| stories| coverage| content| posts)?|more (from|on|in|stories|news)\b.*",
    r"(?-i:More [A-Z][\w.]*( [A-Z][\w.]*)?)|recommended( for you)?|most (read|popular|viewed)",
    r"you may also like|trending( now)?|top stories|latest news|up next|want more stories like this\??|explore further",
    # German, French, Spanish, Portuguese, Italian, Dutch, Polish
    r"das könnte sie (auch )?interessieren|weitere artikel|verwandte (themen|artikel|beiträge)\w*",
    r"ähnliche (artikel|beiträge|themen)",
    r"vos réactions|réactions|sur le même (sujet|thème)|dans la même rubrique|articles? similaires?",
    r"(contenidos?|notas|noticias|artículos) relacionad[oa]s?|te puede interesar|también te puede interesar",
    r"(notícias|artigos|matérias) relacionad[oa]s?|você (também )?pode gostar|potrebbe interessarti",
    r"articoli correlati|gerelateerde artikelen|podobne artykuły|zobacz (też|także)",
    r"関連記事|관련기사",
)
_RELATED = re.compile(r"^[【\[]?(" + "|".join(_RELATED_WORDS) + r")[】\]]?\s*[:：>!！?？.]*$", re.I)
# The site's disclaimer under the text ("免责声明：本文内容仅供参考…").
_DISCLAIMER = re.compile(r"^[【\[]?(免责声明|disclaimer)[】\]]?\s*[:：]", re.I)
# The site's rights notice under a Chinese text: "版权所有 某某网", "未经授权不得转载". Only a short
# line. (English "© … All rights reserved." lines were tried too: the aeb truth keeps some.)
_RIGHTS_NOTICE = re.compile(
    r"版权所有|版權所有|未经(?:书面)?(?:授权|许可).{0,12}(?:不得|禁止|严禁)(?:转载|复制|使用)"
    r"|未經(?:書面)?(?:授權|許可).{0,12}(?:不得|禁止|嚴禁)(?:轉載|複製|使用)")
_NOTICE_MAX = 120
# Labels of a promo box, share bar or rating prompt set inside the text ("read also",
# "share this article"): the line goes, the article goes on after it.
_PROMO_WORDS = (
    r"read (more|next|also)|see also|lesen sie auch|lest auch|lies auch|auch interessant|siehe auch|lire aussi"
    r"|à lire aussi",
    # a most-read widget's title, often set inside the text: the text goes on after it
    r"most read in \w+|am beliebtesten|meistgelesen(e artikel)?",
    r"mehr zum thema.*|schon gelesen\??|zum weiterlesen|weiterlesen",
    r"lees ook|zie ook|lea también|leer más|ver también|leia (também|mais)|veja (também|mais)|leggi anche",
    r"czytaj (też|także|więcej)|przeczytaj (też|także|również)|点击(进入|查看)|相关阅读",
    r"share (this|the) (article|story|post|page)|(diesen |den )?(artikel|beitrag) (mit anderen )?teilen.*"
    r"|partager (cet|l')article",
    r"compartir (esta noticia|este artículo)|condividi (questo )?articolo",
    r"(war|ist) (der|dieser) (artikel|beitrag) (nützlich|hilfreich)\??|(den )?artikel bewerten",
    r"was this (article|story) (helpful|useful)\??|rate this (article|story)|valora (esta|la) noticia",
    r"kommentare? schreiben|kommentieren|write a comment|add a comment|post a comment",
)
_PROMO = re.compile(r"^(" + "|".join(_PROMO_WORDS) + r")\s*[:：>»!.]*$", re.I)
# A teaser of another page: a blurb cut off and a read-more link ("Auskunft über das Wetter… mehr »").
_READ_MORE = re.compile(
    r"(?:…|\.{3})\s*\[?(?:mehr|weiterlesen|weiter|more|read more|continue reading|lire la suite|la suite|lire plus"
    r"|leer más|leer mas|seguir leyendo|leia mais|continua|leggi tutto|lees meer|meer|więcej|czytaj dalej)\]?"
    r"[\s•»›>.)]*$", re.I)
# Lines that label a picture rather than tell the story.
_CAPTION_TEXT = re.compile(r"^(图[为：:/]|▲|△|（图|\(图|图片(来源|来自)|资料图|photo:|image:)", re.I)
_CAPTION_MAX = 60
# A picture's zoom button read with its caption: "Vergrößern Die Aussparung im Display."
_ZOOM_LABEL = re.compile(r"^(?:(?:bild|foto|image|photo)\s+)?(?:vergrößern|enlarge|zoom|agrandir|ampliar|ingrandisci"
                         r"|vergroten|powiększ|suurenna|förstora|forstørr)\b\s*\S", re.I)
# Lines between the headline and the text that carry its dateline, source or byline.
_META_LINE = re.compile(
    r"\d{4}\s*[-/年.]\s*\d{1,2}|\d{1,2}:\d{2}|来源|作者|记者|编辑|发布|时间|浏览|点击|字号"
    r"|^(by|von|par|por)\s|published|updated|min read",
    re.I,
)
_META_MAX = 100
# A line that is nothing but a date or time (a teaser's or a comment's stamp).
_DATE_ONLY = re.compile(r"^[\d\s:/.\-年月日时分]+$")
_RELATED_MAX = 60


def is_caption(block: Block) -> bool:
    """Return True when ``block`` reads as a picture caption, not article text."""
    if block.caption or _CAPTION_TEXT.match(block.text):
        return True
    if block.after_image and _ZOOM_LABEL.match(block.text):
        return True
    short = len(block.text) <= _CAPTION_MAX and not block.heading and not block.bold
    if short and block.after_image and not block.text.endswith(tuple(SENTENCE_END)):
        return True
    return short and block.after_image and block.centered


def is_meta_line(text: str) -> bool:
    """Return True when ``text`` is a short dateline/source/byline line, not a sentence."""
    return (len(text) <= _META_MAX and not text.endswith(("。", "！", "？", ".", "!", "?", "”"))
            and _META_LINE.search(text) is not None)


def is_bare_date(text: str) -> bool:
    """Return True when ``text`` is nothing but a date or a time."""
    return _DATE_ONLY.match(text) is not None


# Weekday names a date line may carry beside the date ("Tuesday, March 5, 2024", "2024年3月5日 星期二").
_WEEKDAY = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|sonnabend"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
    r"|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
    r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    r"|(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?"
    r"|(?:星期|礼拜|禮拜)[一二三四五六日天]|[周週][一二三四五六日]", re.I)
_YEARISH = re.compile(r"(?:19|20)\d\d|\d[./-]\d\d?[./-]\d\d|年")
_DATE_LINE_MAX = 80  # characters: room for two stamps ("Updated … Published …")
_AROUND_DATE = " ,.;:|/-–—()（）[]【】"
# What a stamp line holds beside its dates: labels, times, "Uhr", a zone, the reading time.
_STAMP_WORDS = re.compile(
    r"\b(?i:(?:last |zuletzt )?(?:published|updated|posted|modified|publiziert|veröffentlicht|aktualisiert|geändert"
    r"|stand|erstellt|publié|mis à jour|modifié|publicado|actualizado|pubblicato|aggiornato|gepubliceerd"
    r"|bijgewerkt|publikacja|aktualizacja|publicerad|uppdaterad|publisert|oppdatert"
    r"|on|am|um|le|el|il|at|uhr|[ap]\.?m\.?|lesedauer|lesezeit|min|minuten?|minutes?|read))(?!\w)"
    r"|\d{1,2}[:.]\d\d|\d+|\b[A-Z]{2,4}\b")


# A byline that leads a stamp line: "By Anna Berg Feb 8, 2020 5 min read", "Von Anna Berg, 05.03.2024".
_STAMP_BYLINE = re.compile(r"(?i:by|von|par|por|di|door)\s+(?:[A-Z][\w'’.-]*\s*){1,4}(?=[,|·•\s]|$)[,|·•]?")


def is_date_line(text: str) -> bool:
    """Return True when ``text`` is a date (or a stamp: dates with their times, labels and reading time)
    and nothing else but a weekday's name ("March 5, 2024", "Dienstag, 5. März 2024",
    "Publiziert: 01.07.2023, 11:16", "2024年3月5日 星期二")."""
    if is_bare_date(text):
        return True
    if len(text) > _DATE_LINE_MAX or _YEARISH.search(text) is None:
        return False  # no year, no date the patterns read (the cheap test for most lines)
    text = normalize(text)
    found = find_dates(text)
    if not found or len(found) > 2:
        return False
    byline = _STAMP_BYLINE.match(text, 0, found[0].start)
    if byline:  # blanked, so that the dates keep their places
        text = " " * byline.end() + text[byline.end():]
    around, last = [], 0
    for date in found:
        around.append(text[last:date.start])
        last = date.end
    around.append(text[last:])
    rest = _STAMP_WORDS.sub(" ", " ".join(around))
    rest = " ".join(word.strip(_AROUND_DATE) for word in rest.split()).strip()
    return not rest or _WEEKDAY.fullmatch(rest) is not None


def is_promo_label(text: str) -> bool:
    """Return True when ``text`` is a promo-box label, the site's disclaimer or its rights notice, not
    article text."""
    if _DISCLAIMER.match(text) or (len(text) < _NOTICE_MAX and _RIGHTS_NOTICE.search(text)):
        return True
    return len(text) < _RELATED_MAX and _PROMO.match(text) is not None


# Lines of the page's own furniture that sites print inside the text column: an ad slot's label, a
# reading time, a picture's credit, a gallery's controls, a wire's credits, a follow prompt, an
# external-content consent box (below); a newsletter sign-up, the site's statement about reposted copy,
# a QR-code prompt, a "report an error" tag (after it).
_FURNITURE_LINE = re.compile(r"^(?:advertisement|advert|anzeige|werbung|publicité|publicidad|pubblicità|advertentie|reklama"
                       r"|sponsored|广告|廣告)\s*[:：]?$"
                       # a reading-time label: "5 min read", "Lesezeit: 4 Minuten", "3 Min. Lesezeit"
                       r"|^\d+\s*(?:min|mins|minutes?|minuten?)\.?\s*(?:read|lesezeit|de lecture|de lectura|leestijd)$"
                       r"|^(?:lesezeit|reading time|temps de lecture|tiempo de lectura|tempo de leitura)\s*[:：]?\s*\d+\s*"
                       r"(?:min|mins|minutes?|minuten?|minutos?)\.?$"
                       # a time stamp without its day: "Updated at 1:23 p.m.", "Aktualisiert um 14:05 Uhr"
                       r"|^(?:last )?(?:updated|published|posted|aktualisiert|stand|actualizado|mis à jour)"
                       r"(?: at| um| am| a las| à)?\s*[:：]?\s*\d{1,2}[:.h]\d\d\s*(?:[ap]\.?m\.?|uhr)?\.?$"
                       # a picture's caption or credit, a gallery's controls
                       r"|^(?:abbildung|abb\.|bild|foto|fotos|figure|fig\.)\s*\d*\s*:"
                       r"|^©\s*[^.!?]{1,60}$|^\(c\)(?:\s+(?-i:[A-Z0-9])[\w.&/-]*|\s*[/|&])+$"
                       r"|^[^.!?]{0,60}(?:/| via )(?:getty images|afp|reuters|ap|dpa|epa|imago"
                       r"|shutterstock|picture alliance|ullstein bild|keystone)$"
                       r"|^(?:back to gallery|this slideshow requires javascript\.?|\d+ of \d+)$"
                       # a tags line: "标签：新桥 合龙", "相关热词搜索：…", "Tags: bridge, river", "Schlagwörter: …"
                       r"|^(?:相关热词搜索|热词搜索|热词|关键词|关键字|標籤|标签|tags?|schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter"
                       r"|etiquetas|mots-clés)\s*[:：].{0,80}$"
                       # a template's divider; a Chinese site's copyright footer line (an English site's
                       # "Copyright … All rights reserved" stays: the English truths keep it)
                       r"|^[-—=_*·\s]*分隔线[-—=_*·\s]*$|^.{0,40}版权所有(?![人者]).{0,40}$"
                       r"|^copyright\b[^.]{0,40}[\u4e00-\u9fff][^.]{0,40}all rights reserved\.?$"
                       # reading aids a news site sets between paragraphs: "Story continues below advertisement",
                       # "Continue reading the main story", "Skip Advertisement", "Listen to this article", "3 min",
                       # "Image 1 of 3", "Weiterlesen nach der Anzeige"; a caption's label ("Media caption, …")
                       r"|^(?:(?:story|article|text) continues (?:below|after)(?: (?:this|the))?(?: advertisement| ad)?"
                       r"|continue reading(?: the main story| below)?|skip (?:advertisement|ad)|gift this (?:article|story)"
                       r"|listen to (?:this )?(?:article|story)|\d+ min\.?|(?:image|photo|picture|bild|foto) \d+ (?:of|von|de) \d+"
                       r"|weiterlesen nach der anzeige|artikel (?:wird )?nach der anzeige fortgesetzt"
                       r"|hören sie (?:hier )?(?:den|diesen) artikel|artikel (?:anhören|vorlesen(?: lassen)?|verschenken))$"
                       # a German note on where the piece first appeared or what it translates (the English
                       # "This post originally appeared on …" stays: an English truth keeps it)
                       r"|^(?:dieser|der) (?:artikel|text|beitrag) (?:ist|wurde|erschien)\b.{0,80}"
                       r"\b(?:erschienen|veröffentlicht|übersetzung|zuerst|erstmals|ursprünglich)"
                       r"|^(?:image|media) (?:caption|source), "
                       # a blog's follow-by-email box: "Enter your email address to follow this blog and receive …"
                       r"|^(?:enter your e-?mail address|gib deine e-mail-adresse ein|entrez votre adresse (?:e-?)?mail"
                       r"|introduce tu (?:dirección de )?correo electrónico)\b.{0,40}\b(?:follow|subscribe|folgen"
                       r"|abonnieren|suivre|seguir)"
                       # a counter: "3 Likes", "12 comments", "1.2K shares", "阅读 1234", "56 赞"
                       r"|^\d[\d.,]*\s*[km]?\s*(?:likes?|shares?|comments?|replies|views|reactions?|kommentare?"
                       r"|antworten|commentaires?|comentarios?|赞|点赞|評論|评论|回复|回覆|阅读|閱讀|浏览|瀏覽|转发|轉發)$"
                       r"|^(?:阅读|閱讀|浏览|瀏覽|点赞|點讚|评论|評論|回复|回覆|转发|轉發)\s*[:：]?\s*\d[\d.,]*\s*[万萬]?$"
                       # a wire's credits, a follow prompt
                       r"|^\((?:additional )?(?:reporting|writing|editing|compiled|research) by\b[^)]{0,200}\)$"
                       r"|^(?:additional )?(?:reporting|writing) by\b[^.]{0,150};\s*(?:editing|writing) by\b"
                       r"|^(?:follow|folgen sie|suivez)\s+(?:us|me|uns|nous|@|(?-i:[A-Z])).{0,80}\b(?:on|auf|sur)\b.{0,20}"
                       r"\b(?:facebook|twitter|instagram|linkedin|tiktok|threads|bluesky|whatsapp|telegram)\b"
                       # an external-content consent box's button (embedded video, post or chart held back)
                       r"|^(?:youtube|twitter|x|instagram|facebook|tiktok"
                       r"|spotify|podigee|datawrapper|vimeo)[- ]inhalte? (?:erlauben|anzeigen|laden|zulassen)$"
                       # a template's placeholder left unfilled: "$$ARTICLEAD$$", "{{ad_slot_2}}", "%%AD_BANNER%%"
                       r"|^(?:\$\$\w+\$\$|\{\{\s*\w+\s*\}\}|%%\w+%%)$", re.I)
# Furniture told by how a line ends: a caption's credit, a wire's note on who else reported.
_FURNITURE_END = re.compile(r"\((?:image|photo|picture|foto|bild|credit)s?:[^)]{1,60}\)$"
                            r"|\bcontributed to this (?:report|story|article)\.?$", re.I)
_END_SPAN = 80  # characters at a line's end that _FURNITURE_END reads
_CONSENT = re.compile(r"\bexterne[nr]? inhalte?\b|\bexternal content\b", re.I)  # a consent box's text
# A newsletter prompt: the site's own newsletter, or a line that opens with the call to sign up
# (a sentence about someone else's newsletter and its subscribers stays).
_NEWSLETTER = re.compile(
    r"\b(?:our|unseren?|unserem|notre|nos|nuestro|nuestra|nuestros|il nostro|la nostra)\b[^.]{0,40}\bnewsletters?\b"
    r"|^(?:(?:jetzt|now|dann|then)\s+)?(?:sign up|subscribe|register|abonnieren|anmelden|melden sie sich|inscri\w*"
    r"|suscr[ií]b\w*|iscriviti)\b.{0,80}\bnewsletters?\b"
    r"|\bnewsletters?\b.{0,40}\b(?:abonnieren|anmelden)\b", re.I)
_NEWSLETTER_MAX = 200
_SITE_NOTICE = re.compile(
    r"^[【\[]?(?:特别|特別|版权|版權|免责|免責)?(?:声明|聲明)[】\]]?\s*[:：].{0,40}"
    r"(?:本文|本网|本站|本号|本網|本號|转载|轉載|版权|版權|观点|觀點|仅供参考|僅供參考|不代表)"
    r"|^(?:微信)?(?:扫一扫|扫码|扫描|掃一掃|掃碼|掃描|長按|长按).{0,24}"
    r"(?:关注|關注|下载|下載|分享|阅读|閱讀|订阅|訂閱|加入|查看|打开|打開|解锁|解鎖|识别|識別)"
    # a picture's credit closing its caption: "…（视觉中国）", "…（视频截图）", "…（记者 王小明 摄）"
    r"|^.{0,60}[（(](?:视频截图|截图|視頻截圖|截圖|视觉中国|視覺中國|资料图|資料圖|[^（）()]{0,16}[摄攝])[）)]$"
    # the page's tools: a bigger picture, font size, the site's app
    r"|^[（(]?点击(?:看|查看)(?:清晰)?大图[）)]?$|^调整字体$"
    r"|^[（(].{0,30}(?:请|請)?下[载載].{0,12}(?:APP|App|app|客户端|客戶端)[”\"]?[）)]$"
    r"|^[【\[](?:纠错|糾錯)[】\]]"
    # a blog's call to tip or follow its writer: "小礼物走一走，来简书关注我", "赞赏支持", "喜欢就点赞关注我吧"
    r"|^[“\"]?小礼物走一走|^(?:赞赏|打赏|讚賞|打賞)(?:支持|作者|一下)?$"
    r"|^.{0,12}(?:点赞|點讚|关注|關注)(?:我|我们|我們|本号|本號)[吧哦呀～~。！!]*[”\"]?$")
_FONT_TOOLS = re.compile(r"字[体體][:：]?\s*(?:放大|大)\s*(?:正常|中)\s*(?:缩小|縮小|小)")


def is_boilerplate_line(text: str) -> bool:
    """Return True when ``text`` is the page's own furniture inside the text column: an ad label, a
    reading time, a picture's credit, a wire's credits, a follow prompt, a consent box, a newsletter
    sign-up, a site's statement about reposted copy, a QR-code prompt, a 【纠错】 tag.

    Asked of every block the body keeps: the patterns anchored at the start are tried there only,
    the others behind a substring test.
    """
    if len(text) > _NEWSLETTER_MAX:
        return False
    return (_FURNITURE_LINE.match(text) is not None or _SITE_NOTICE.match(text) is not None
            or _FURNITURE_END.search(text, max(0, len(text) - _END_SPAN)) is not None
            or ("xtern" in text and _CONSENT.search(text) is not None)
            or (("ewsletter" in text or "EWSLETTER" in text) and _NEWSLETTER.search(text) is not None)
            or ("字" in text and _FONT_TOOLS.search(text) is not None))


def is_related_heading(text: str) -> bool:
    """Return True when ``text`` is a short heading opening related links or promotions."""
    return len(text) < _RELATED_MAX and _RELATED.match(text) is not None


def is_read_more_teaser(text: str) -> bool:
    """Return True when ``text`` is a cut-off blurb with a read-more link: another page's teaser."""
    return _READ_MORE.search(text) is not None
