"""Outlet names: clean one up, and find one printed without a 来源 label.

Chinese portals and self-media platforms often print the outlet as a bare
credit beside the header date ("2021-04-12 08:30 某某日报", "某某网 2021-04-12",
"新华社 · 2021-04-12 · IP属地：北京"). Around the date stand other words that are
never the outlet: buttons and counters, weekdays (周三, 週三), the poster's
location (来自甘肃, IP属地), a byline, the headline itself. Of the words left,
one shaped like an outlet (a name ending in 报, 网, 社, 台, 新闻...) wins; else
the word right beside the date, which may be a self-media account's name.
"""

from __future__ import annotations

import re

from newscrawl.extract.datepatterns import MD_TIME, YMD, YY_MD_TIME, normalize
from newscrawl.extract.people import is_outlet
from newscrawl.extract.zhwords import is_not_a_credit, looks_like_person

_PLACEHOLDER = re.compile(r"^(?:.*客户端自媒体$|.*平台$|于|本站|本网|原创|本站原创|网络|互联网|未知|不详|佚名|综合|转载|整理|作者)")
_CUT = re.compile(r"\s*(?:(?:19|20)\d\d[-/年.].*|原创稿?$|供稿$)|(?<=[\u4e00-\u9fff])等$")
_BYLINE_WORD = re.compile(r"记者|記者|作者|编辑|編輯|责编|責編|通讯员|通訊員|撰文|采写|採寫|摄影|攝影|执笔|執筆|報導|报道"
                          r"|(?<![\u4e00-\u9fff])文\s*[/:：]")
_NAVIGATION = re.compile(r"上一篇|下一篇|上一条|下一条|相关|推荐|热门|阅读排行")
# Buttons and counters that sit next to a date in headers, never an outlet.
_UI_WORD = re.compile(
    r"举报|分享|关注|收藏|评论|字号|字体|打印|缩小|放大|有话说|调整|参与|阅读|浏览|原创|企鹅号|作者"
    r"|责任编辑|编辑|来源|发布|时间|日期|微信|扫描|二维码|\d{2,}"
    r"|首页|主页|返回|当前位置|您的位置"  # navigation: a "home" link above the date
    r"|发表|發表|楼主|樓主|回复|回覆"  # a forum post's header: 发表于 2024-3-5 10:20
    r"|舉報|關注|評論|字體|閱讀|瀏覽|原創|記者|編輯|來源|發布|發佈|時間|報導|首頁|主頁|當前位置")
_LABEL_WORD = re.compile(r"发布|时间|日期|原创|[:：]$")
_SEPARATOR = re.compile(r"^[·•|｜/\\-]+$")
_NEAR = 3  # words read on each side of the date


def clean_source(value: str) -> str | None:
    """Return an outlet name without trailing dates, counters and placeholders; None when empty."""
    value = _CUT.sub("", value.strip()).strip(" -·•:：|/")
    value = re.sub(r"\[[^\]]*\]$", "", value).strip()  # "某某网[整理]"
    if not value or len(value) < 2 or _PLACEHOLDER.match(value) or value.isdigit():
        return None
    return value


# Widget counters: "1.2万阅读", "3,456人看过", "播放 12万次".
_COUNTER = re.compile(r"\d[\d.,]*\s*[万萬千亿億kKwW+]?\s*(?:次|人|条|條)?\s*"
                      r"(?:阅读|閱讀|浏览|瀏覽|播放|观看|觀看|看过|看過|点击|點擊|点赞|點讚|评论|評論|收藏|转发|轉發|分享|赞|讚|热度|熱度)"
                      r"|(?:阅读|閱讀|浏览|瀏覽|播放|点击|點擊|热度|熱度)(?:量|数|數)?\s*[:：]?\s*\d")
# A sub-title or a dash-led line is the headline's, never an outlet: "——来自基层的调研报告".
_DASH_LED = re.compile(r"^[—–\-~～]")


def is_outlet_name(value: str, title: str = "") -> bool:
    """Return True unless ``value`` is no outlet's name: a widget's counter, a dash-led sub-title,
    the headline (``title``) itself or a fragment of it, unless shaped like an outlet."""
    if _COUNTER.search(value) or _DASH_LED.match(value):
        return False
    if not title or value not in title or is_outlet(value):
        return True
    return value != title and not _runs_into_words(value, title)  # the whole headline, or a piece of it


def _runs_into_words(value: str, title: str) -> bool:
    """Return True when ``value`` sits inside ``title`` with a word character touching it (a fragment
    of the headline), not as a segment set off by separators ("棱镜|…")."""
    at = title.find(value)
    before, after = title[at - 1:at] if at else "", title[at + len(value):at + len(value) + 1]
    return any(ch.isalnum() for ch in before + after)


def outlet_like(token: str) -> bool:
    """Return True for a short token that can be an outlet name (not a button, a sentence, a weekday)."""
    return (2 <= len(token) <= 20 and not _UI_WORD.search(token) and not is_not_a_credit(token)
            and bool(re.search(r"[\u4e00-\u9fffA-Za-z]", token)) and not re.search(r"[。！？，”“]", token))


def _words(line: str) -> list[str]:
    """Return the words of a header line; separators, weekdays and poster locations dropped."""
    words = (w.strip("·•|｜") for w in line.split() if not _SEPARATOR.match(w))
    return [w for w in words if w and not is_not_a_credit(w)]


def _first_date(text: str) -> re.Match | None:
    """Return the first date (with or without a year) written in ``text``."""
    found = [m for m in (YMD.search(text), YY_MD_TIME.search(text), MD_TIME.search(text)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _neighbours(text: str, mt: re.Match) -> tuple[list[str], list[str]]:
    """Return the words after the date and those before it, nearest first.

    Neighbours are on the date's line, else on the adjacent line when it is
    short; byline lines ("本报记者 王小明" above the date) and labels are left out.
    """
    end = mt.start() + len(mt.group().rstrip())  # the time pattern may swallow a line break
    after_lines = [line for line in text[end:].lstrip(" ").split("\n") if not _BYLINE_WORD.search(line)]
    after = _words(after_lines[0])[:_NEAR] if after_lines else []
    after = after or [line for line in after_lines[1:2] if " " not in line]
    if mt.start() and not (text[mt.start() - 1].isspace() or text[mt.start() - 1] in ":："):
        return after, []  # "今日行情回顾--2021年4月12日": a linked title with its date, not an outlet
    return after, _words_before(text[:mt.start()].split("\n"))


def _words_before(lines: list[str]) -> list[str]:
    """Return the words before a date, nearest first: on its line (``lines[-1]``), else on the
    short line above; none beside a byline."""
    if _BYLINE_WORD.search(lines[-1]):
        return []
    same = [w for w in reversed(_words(lines[-1])) if not _LABEL_WORD.search(w)]
    if same:
        return same[:_NEAR]
    previous = [line for line in lines[:-1] if line.strip()][-1:]
    if not previous or _BYLINE_WORD.search(previous[0]) or len(previous[0].split()) > _NEAR:
        return []
    return [w for w in reversed(_words(previous[0])) if not _LABEL_WORD.search(w)]


def beside_date(header: str, title: str | None = None) -> str | None:
    """Return the outlet printed next to the first date of a header zone; None when none is."""
    text = normalize(header)
    mt = _first_date(text)
    if mt is None:
        return None
    line_start = text.rfind("\n", 0, mt.start()) + 1
    if _NAVIGATION.search(text[max(0, line_start - 12):mt.start()]):
        return None  # 上一篇/下一篇 links carry their own dates
    after, before = _neighbours(text, mt)
    usable = [[w for w in side if outlet_like(w) and not (title and len(w) >= 6 and w in title)]
              for side in (after, before)]
    # "某某网 发布时间：04-12 08:30 某某科技…": after a label, the name before it is the outlet.
    if re.search(r"(?:发布|时间|日期)\S{0,3}[:：]?\s*$", text[:mt.start()]) and usable[1][:1] == before[:1]:
        return clean_source(before[0].split("/")[-1]) if before else None
    sides = (after, before)
    for word in usable[0] + usable[1]:
        name = word.split("/")[-1]  # "王小明/某某日报": author/outlet
        if is_outlet(name):
            return clean_source(name)
    for side, words in zip(sides, usable):
        # The word right beside the date: an account's name, unless it reads as a person's (a byline).
        if words and side and words[0] == side[0] and not looks_like_person(words[0]):
            return clean_source(words[0].split("/")[-1])
    return None


def before_follow(header: str) -> str | None:
    """Return the account name printed before a 关注 (follow) button in the header."""
    mt = re.search(r"(\S{2,20})\s+关注", normalize(header))
    return clean_source(mt.group(1)) if mt and outlet_like(mt.group(1)) else None


_OUTLET_SLASH_REPORTER = re.compile(r"(?:^|[\s〔【\[（(])([^\s／/〔【\[（(]{2,12})\s*[／/]\s*(?:特派|駐\S{1,4})?(?:記者|记者)")


def before_reporter(header: str) -> str | None:
    """Return the outlet a byline names before its reporter ("聯合報／記者王小明／台北報導"); None when the
    word before the slash is no outlet's name."""
    mt = _OUTLET_SLASH_REPORTER.search(normalize(header))
    return clean_source(mt.group(1)) if mt and is_outlet(mt.group(1)) else None
