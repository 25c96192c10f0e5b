"""Find who wrote (author) and who edited (editor) an article.

Chinese bylines (记者 X, 作者：X, 文/X, 通讯员 X, a bracketed name ending the
last paragraph) and editor lines (责任编辑/责编/编辑) are read from short
zones: the header, short lines opening and closing the body, and the text
right after the body. Structured data (JSON-LD, meta author, rel=author) and
English bylines ("By X and Y") come next. An outlet is never a person.
"""

from __future__ import annotations

import logging
import re

from lxml.html import HtmlElement

from newscrawl.extract.bylines import header_byline
from newscrawl.extract.credits import split_credit, structured_authors
from newscrawl.extract.datepatterns import find_dates, normalize
from newscrawl.extract.datelines import REPORTED_FROM, commentator, filed_names
from newscrawl.extract.dates import is_chinese
from newscrawl.extract.lookahead import Prefiltered
from newscrawl.extract.page import Page
from newscrawl.extract.parse import first_descendant, select
from newscrawl.extract.zhwords import is_not_a_credit, is_place, looks_like_person
from newscrawl.extract.zones import (
    after_body_text,
    before_body_text,
    before_headline_text,
    body_head_text,
    body_tail_text,
    element_text,
    header_text,
)

log = logging.getLogger(__name__)

People = str | list[str] | None

_HAN_NAME = r"[\u4e00-\u9fff·]{2,5}?"
_SEP = r"[ \t、,，/&＆和与及]+"  # never across a line break: each text node is a line
# Words that follow a role label but are not names ("记者了解到", "编辑部", "作者：未知").
NOT_A_NAME = re.compile(
    r"^(?:注意|获悉|了解|从|在|采访|发现|看到|走访|来到|调查|观察|致电|联系|表示|证实|查询|求证|实地|随机"
    r"|部|室|组|未知|佚名|网络|整理|综合|编译|报道|摄影?|校对|审核|来源|本站|本网|原创|管理员|admin"
    r"|发布|时间|日期|阅读|浏览|点击|实习生|通讯员|记者|编辑|责任|图片|视频|供稿|整合|出品|监制|制作|转载"
    r"|赞赏|喜欢|关注|订阅|投稿|简介|介绍|主页|文章|更多|作者|返回|查看|分享|评论"
    r"|待续|未完|全文|下同|同上|资料|截图|供图|译|完$|化名"
    r"|近日|日前|今日|今天|昨天|昨日|今年|目前|当天|近期|随后|一行|多次|走进|深入|赶赴|前往|跟随|独家|专访"
    r"|对话|连线|手记|获知|得知|梳理|统计|测算|注意到"
    r"|報導|報道|記者|編輯|通訊員|來源|原創|攝影?|綜合|編譯|責任"
    r"|name$)",
    re.I,
)
# An outlet or organisation, never a person: 新华社, 人民网, 某某日报, 某某新闻, 市教育局 ...
OUTLET = re.compile(
    r"(?:报|刊|网|社|台|新闻|消息|杂志|周刊|频道|客户端|公众号|号|中心|局|委|部|办|处|院|会|集团|公司|传媒|媒体|警方"
    r"|在线|官微|发布|研究所|大学|学院|支部|政府|协会|联盟|科技|财经|资讯|快讯|综合|[Nn]ews|[Tt]imes|[Pp]ress"
    r"|報|網|臺|聞|雜誌|週刊|頻道|客戶端|號|辦|處|會|團|傳媒|媒體|財經|資訊"  # Traditional script
    r"|Agency|Redaktion|Online|online)$"
    r"|^(?:新华|人民|央视|中新|澎湃|环球|新浪|网易|腾讯|搜狐|凤凰|本报|本刊|本台|AP|AFP|Reuters|dpa|DPA)$")


def is_outlet(name: str) -> bool:
    """Return True for an outlet or organisation name; two Han characters are a person (王明)."""
    if re.fullmatch(r"[\u4e00-\u9fff]{2}", name):
        return name in _TWO_CHAR_OUTLETS
    return bool(OUTLET.search(name))


_TWO_CHAR_OUTLETS = {"新华", "人民", "央视", "中新", "澎湃", "环球", "新浪", "网易", "腾讯", "搜狐", "凤凰",
                     "本报", "本刊", "本台", "本网", "南都", "界面", "财新"}

# Roles and where a name follows them (guarded: most positions of a zone fail at once; prefiltered:
# most zones hold none of the characters a label needs, and are skipped whole).
# Simplified and traditional forms: 记者/記者, 通讯员/通訊員, 编辑/編輯, 报/報, 网/網.
_REPORTER = "(?:记者|記者)"
_AUTHOR_LABEL = Prefiltered(
    r"(?:(?:文/图|图/文|文图|图文|文/圖|圖/文|圖文)[\s:：/|｜]+"
    r"|(?:作者|撰文|撰稿|采写|採寫|文字|(?<![\u4e00-\u9fff])文|执笔|執筆)\s*[:：/|｜]\s*"
    r"|(?:楼主|樓主|博主|发帖人|發帖人|发布人|發佈人)\s*[:：]\s*"
    # "作者 王小明", "专栏作者 王小明", not a button ending in the word ("只看该作者", "关注作者", "联系作者")
    r"|(?<![该看注系])作者\s+|(?:^|[\s（(【\[])文\s+"
    rf"|(?:{_REPORTER}|特约撰稿人|特約撰稿人)[\s:：]+"
    rf"|[（(【\[]\s*(?:本报|本刊|本台|本网|本報|本網)?(?:见习|見習|首席|特约|特約|实习|實習)?{_REPORTER}\s*"
    r"|(?:报|社|网|台|新闻|本报|本刊|見習|见习|首席|特约|特約|实习|實習|全媒|融媒|報|網|新聞|驻\S{1,4}|駐\S{1,4})"
    rf"{_REPORTER}\s*"
    r"|(?:通讯员|通訊員)[\s:：]*)")
_EDITOR_LABEL = Prefiltered(r"(?:责任编辑|責任編輯|责编|責編|值班编辑|值班編輯|本文编辑|本文編輯|主编|主編|编辑|編輯)"
                           r"(?:\s*[:：/|｜]\s*|\s+)")
_NAMES = re.compile(
    r"(?P<first>[A-Za-z][A-Za-z0-9_.\- ]{1,30}[A-Za-z0-9]|" + _HAN_NAME + r")(?=[^\u4e00-\u9fff]|报道|報導|報道|摄|攝|发自|發自|$)"
    r"(?P<more>(?:" + _SEP + _HAN_NAME + r"(?=[^\u4e00-\u9fff]|报道|報導|報道|摄|攝|$))*)")
_TRAILING_NAME = re.compile(
    r"[（(]\s*(?P<names>[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4}){0,3})\s*[)）]\s*$")
_SLASH_CREDIT = re.compile(r"(?:^|\s)([\u4e00-\u9fff]{2,4})/(\S{2,20})\s*$")
# A name before a "posted" label: "王小明 发表于 2021-04-12 08:30" (forums, blogs).
_POSTED_BY = re.compile(r"(?:^|\s)([^\s:：]{2,20})\s*(?:发表于|发布于|發表於|發佈於)\s*[:：]?\s*$")
# "王小明的博客", "王小明的个人空间": the writer of a personal blog or column.
_OWNER = re.compile(r"(?:^|[\s_|｜\-—:：])([\u4e00-\u9fffA-Za-z0-9·]{2,12})的(?:博客|个人空间|空间|专栏|文集|随笔)")
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+[-—–]\s+")
_BLOG_PLATFORM = re.compile(r"博客|部落格|简书|簡書|[Bb]log")
_BUTTON = re.compile(r"举报|分享|关注|收藏|评论|阅读|浏览|楼主|只看|回复|\d{3,}")
_ROLE_PREFIX = re.compile(r"(?:记者|通讯员|编辑|实习生|摄影)$")


def select_text(page: Page, expr: str) -> str | None:
    """Return the text of all the elements a profile selector picks, joined; None when empty."""
    parts = [element_text(e) if isinstance(e, HtmlElement) else str(e) for e in select(page.tree, expr)]
    text = " ".join(p.strip() for p in parts if p and p.strip())
    return text or None


def label_zones(page: Page) -> list[str]:
    """Return the zones where labelled bylines live, most telling first."""
    paras = page.paragraphs
    opening = [p[:60] for p in paras[:3]]  # "某报讯（记者 X）…": the start of the first lines
    closing = [p for p in paras[-3:] if len(p) <= 60] + [p[-40:] for p in paras[-1:]] + [body_tail_text(page)]
    # A whole-line credit anywhere in the container, even one the body left out (after a picture).
    bylines = "\n".join(p for p in (page.lines or paras[2:-3]) if len(p) <= 25)
    return [header_text(page), before_body_text(page), body_head_text(page), *opening, *closing,
            after_body_text(page), before_headline_text(page), bylines]


def _names(text: str, start: int) -> list[str]:
    """Return the person names written from ``start`` in ``text``."""
    names = filed_names(text, start)  # "陳家豪台北19日電": the place runs on after the name
    if names is None:
        mt = _NAMES.match(text, start)
        if mt is None or text[mt.end():mt.end() + 3].lstrip().startswith(("摄", "攝")):
            return []  # nobody, or a photo credit ("某社记者 王小明 摄")
        names = [mt.group("first").strip()] + [n for n in re.split(_SEP, mt.group("more")) if n]
    out: list[str] = []
    for name in names:
        if _ROLE_PREFIX.search(name) and not out:
            continue  # "采写：某报记者 王小明": the outlet's reporter title before the names
        if NOT_A_NAME.match(name) or is_outlet(name) or re.search(r"\d", name) and out:
            break
        if is_place(name):
            break  # "记者 王小明 山东冠县报道": where the reporter filed from, not a second reporter
        out.append(name)
    return out


def _labelled(zones: list[str], label: Prefiltered, every_zone: bool = False) -> list[str]:
    """Return the names after ``label`` in the first zone that has any (``every_zone``: in all zones).

    Editors are credited in several places (编辑 under the text, 责任编辑 in the
    page footer), each naming someone else; a byline is credited once.
    """
    found: list[str] = []
    for zone in zones:
        text = normalize(zone)
        for mt in label.finditer(text):
            for name in _names(text, mt.end()):
                if name not in found:
                    found.append(name)
        if found and not every_zone:
            return found
    return found


def _header_credit(page: Page) -> list[str]:
    """Return the writer a Chinese header credits without a byline label; [] when none.

    Forms: "王小明/某某日报 2021-04-12" (reporter/outlet), "王小明 发表于 2021-04-12"
    (forums and blogs), and "2021-04-12 08:30 王小明" (a name after the date). A
    bare word after the date counts only when it reads as a person's name: a
    common surname, not a place, an outlet, a weekday or the poster's location.
    """
    header = normalize(header_text(page))
    found = find_dates(header)
    if not found:
        return []
    before, after = header[:found[0].start], header[found[0].end:]
    mt = _SLASH_CREDIT.search(before)
    if mt and is_outlet(mt.group(2)) and not is_outlet(mt.group(1)):
        return [mt.group(1)]
    mt = _POSTED_BY.search(before)
    if mt and _is_person(mt.group(1), True) and not _BUTTON.search(mt.group(1)):
        return [mt.group(1)]
    lines = after.lstrip(" ").split("\n")
    words = lines[0].split() or (lines[1].split() if len(lines) > 1 else [])
    for word in (w.strip("·•|｜") for w in words[:3]):
        if not word or is_not_a_credit(word):
            continue
        if looks_like_person(word) and _is_person(word, True):
            return [word]
        break
    return []


def _blog_owner(page: Page) -> list[str]:
    """Return the owner of a personal blog or column: "王小明的博客" in the title or the page header, or
    the name between the headline and a blog platform's in the title ("春天_王小明_新浪博客",
    "春天 - 王小明 - 博客园")."""
    title = first_descendant(page.tree, "title")
    title = normalize(title.text_content()) if title is not None else ""
    for text in (title, before_headline_text(page)):
        mt = _OWNER.search(normalize(text))
        if mt and _is_person(mt.group(1), True):
            return [mt.group(1)]
    parts = [p for p in _TITLE_PARTS.split(title) if p]
    if len(parts) >= 3 and _BLOG_PLATFORM.search(parts[-1]) and normalize(page.title or "") in parts[0]:
        name = parts[-2]
        if 2 <= len(name) <= 12 and _is_person(name, True) and not _BLOG_PLATFORM.search(name):
            return [name]
    return []


def _reported_from(zones: list[str]) -> list[str]:
    """Return the names before where they reported from ("（林志明／台北報導）")."""
    for zone in zones:
        mt = REPORTED_FROM.search(normalize(zone))
        if mt:
            names = [n for n in re.split("[、,]", mt.group("names")) if _is_person(n, True)]
            if names:
                return names
    return []


def _trailing_name(page: Page) -> list[str]:
    """Return the bracketed name ending the last paragraph ("…环境。 (陈文萍)")."""
    texts = [p for p in page.paragraphs[-8:] if len(p) >= 20][-3:]  # skip buttons and notices
    for para in reversed(texts):
        mt = _TRAILING_NAME.search(normalize(para))
        if mt:
            names = mt.group("names").split()
            names = [n for part in names for n in part.split("、")]
            if all(not NOT_A_NAME.match(n) and not is_outlet(n) for n in names):
                return names
    return []


def _shape(names: list[str]) -> People:
    """Return None, one name, or the list of names."""
    names = [n.strip(" ,.:：|") for n in names if n.strip(" ,.:：|")]
    if not names:
        return None
    return names[0] if len(names) == 1 else names


def _is_person(name: str, chinese: bool) -> bool:
    """Return True unless ``name`` is an outlet (on Chinese pages) or a placeholder."""
    if NOT_A_NAME.match(name) or name.startswith("http") or "@" in name:
        return False
    return not (chinese and is_outlet(name))


def extract_people(page: Page) -> tuple[People, People]:
    """Return (author, editor): each a name, a list of names, or None when not shown."""
    zones = label_zones(page)
    editors = _editors(page, zones)
    authors = [a for a in _authors(page, zones) if a not in editors]
    return _shape(authors), _shape(editors)


def _editors(page: Page, zones: list[str]) -> list[str]:
    """Return the editors: 1. the profile's selector, 2. 责任编辑/责编/编辑 lines."""
    expr = page.selectors.get("editor")
    if expr:
        text = normalize(select_text(page, expr) or "")
        found = _labelled([text], _EDITOR_LABEL) or _names(text, 0)
        if found:
            return found
    return _labelled(zones, _EDITOR_LABEL, every_zone=True)


def _authors(page: Page, zones: list[str]) -> list[str]:
    """Return the writers, first found of: 1. the profile's selector, 2. Chinese bylines, 3. a bracketed
    name ending the text, 4. structured data (people), 5. a header byline ("By X and Y", a name beside
    the date), 6. an organisation credited in structured data (not on zh pages)."""
    expr = page.selectors.get("author")
    if expr:
        text = normalize(select_text(page, expr) or "")
        found = _labelled([text], _AUTHOR_LABEL) or split_credit(text)
        if found:
            return found
    chinese = is_chinese(page)
    found = _labelled(zones, _AUTHOR_LABEL) or (_reported_from(zones) if chinese else []) or _trailing_name(page)
    if found:
        return found
    if chinese:
        found = ([commentator(page.paragraphs)] if commentator(page.paragraphs) else []) or _header_credit(page) \
            or _blog_owner(page)
        if found:
            return found
    people, weak = structured_authors(page)
    found = [n for n in people if _is_person(n, chinese)]
    if found or chinese:
        return found
    return header_byline(page) or weak
