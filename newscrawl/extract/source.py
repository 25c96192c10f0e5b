"""Find the credited outlet (来源/文章来源/稿源, "Source:") and strip attribution lines.

The source is read from short zones only: the article header, short lines
opening or closing the body, the end of the body container and the text right
after it. Chinese portals often print the outlet beside the header date with
no label ("2021年04月12日 08:30 某某日报"); that counts after the labels in the
header. ``strip_attribution`` drops the whole-line credits the body keeps no
use for (来源/责任编辑/记者 lines) and keeps the rest.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from newscrawl.extract.datelines import COMMENTATOR, dateline_source
from newscrawl.extract.datepatterns import find_dates, normalize
from newscrawl.extract.dates import is_chinese
from newscrawl.extract.jsonld import meta_values
from newscrawl.extract.lookahead import guarded
from newscrawl.extract.outlets import before_follow, before_reporter, beside_date, clean_source, is_outlet_name
from newscrawl.extract.page import Page
from newscrawl.extract.parse import first_descendant
from newscrawl.extract.people import label_zones, select_text
from newscrawl.extract.zones import before_body_text, before_headline_text, header_text

# "来源：X" and its kin; image and data credits (图片来源, 资料来源) are not the article's source.
_LABELS = ("文章来源", "本文来源", "信息来源", "新闻来源", "稿件来源", "内容来源", "来源", "稿源", "出处", "本文来自", "来自",
           "发布机构", "發布機構",  # a government notice's publishing office (信息公开 tables)
           "转载自", "转自", "综合整理自", "整理自", "综合自", "编译自", "摘自",
           "文章來源", "本文來源", "新聞來源", "來源", "出處", "來自", "轉載自", "轉自", "編譯自")  # traditional forms
_LATIN_LABELS = ("Source", "Quelle", "Fuente", "Fonte")  # only with a colon or bar after them
# 来源于… ("comes from") is a sentence, not a label; 出处 and 来自 are labels only before their colon
# ("转载请附上原文出处链接和本声明", "请注明出处" are a reposting notice's words).
_LABEL_GUARDS = {"来源": "(?!于)", "來源": "(?!於)", "出处": "(?=\\s*[:：])", "出處": "(?=\\s*[:：])",
                 "来自": "(?=\\s*[:：])", "來自": "(?=\\s*[:：])"}  # 来自甘肃 is where a poster writes from


def _label_pattern() -> re.Pattern:
    """Return the label pattern, longest label first, guarded by its first characters (``lookahead``)."""
    chinese = "|".join(re.escape(label) + _LABEL_GUARDS.get(label, "")
                       for label in sorted(_LABELS, key=len, reverse=True))
    return guarded(
        rf"(?<!资料)(?<!图片)(?<!数据)(?<!视频)(?<!图)(?<!資料)(?<!圖片)(?<!數據)(?<!視頻)(?<!圖)"
        rf"(?:(?:{chinese})\s*[:：|]?|\b(?:{'|'.join(_LATIN_LABELS)})\s*[:|])\s*",
        re.I,
    )


_LABEL = _label_pattern()
_SELF = re.compile(r"^(?:本站|本网)")  # 来源：本站原创 credits the site itself
_TITLE_SEP = re.compile(r"\s*[-_|—–·]+\s*|\s+")
_VALUE = re.compile(r"[^\s|)）\]】\[【,，;；。<>]{1,40}")
# "Source: The New York Times", "Quelle: dpa": capitalised words and the small words between them.
_VALUE_LATIN = re.compile(r"[\w&.'’-]+(?: (?:[A-ZÀ-Þ][\w&.'’-]*|of|the|and|de|du|des|der|die|la|le|el)){0,5}")
#: Whole-paragraph attribution lines the body should not keep.
_ATTRIBUTION_LINE = re.compile(
    r"^[\s(（\[【□■]*(?:(?:文章|本文|稿件|新闻|新聞|信息|資訊)?(?:来源|來源)|稿源|责任编辑|责编|编辑|值班编辑|校对|审核|审校"
    r"|作者|撰文|采写|记者|通讯员|文/|文\s*[|｜]|图/|摄影|转载自|转自"
    r"|責任編輯|責編|編輯|記者|通訊員|採寫|圖/|攝影|轉載自|轉自)\s*[:：/|｜\s]"
    r"|^[\s(（□■]*\S{0,8}(?:记者|通讯员|記者|通訊員)\s*[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4})*[\s)）]*$")
_ATTRIBUTION_MAX = 60  # a longer paragraph is prose, whatever it starts with


def _surely_long(para: str) -> bool:
    """Return True when ``normalize(para)`` is certainly longer than an attribution line.

    An NFKC-normalised text keeps every non-space character through ``normalize``
    (which only folds whitespace runs), so counting those is a safe lower bound.
    """
    if not unicodedata.is_normalized("NFKC", para):
        return False
    # The count only grows with the text: its start (four times the bound) mostly settles it.
    head = para[:4 * _ATTRIBUTION_MAX]
    return len("".join(head.split())) > _ATTRIBUTION_MAX or (
        len(head) < len(para) and len("".join(para.split())) > _ATTRIBUTION_MAX)


def labelled_source(text: str, site: str | None = None) -> str | None:
    """Return the value after the first usable 来源/Source label in ``text``.

    A label crediting the site itself (来源：本站原创) yields ``site`` when given. A
    "Source:" whose value is on the next line must fill that line ("Source:" over
    "Share this article" is a label left empty, then a button).
    """
    text = normalize(text)
    for label in _LABEL.finditer(text):
        latin = label.group().strip(" :：|").isascii()
        value = (_VALUE_LATIN if latin else _VALUE).match(text, label.end())
        if value and "\n" in label.group() and not _fills_line(text, value):
            continue  # an empty label: the line below it is something else
        if value and site and _SELF.match(value.group()):
            return site
        if value:
            cleaned = clean_source(_before_date(text, value) if latin else value.group())
            if cleaned:
                return cleaned
    return None


def _before_date(text: str, value: re.Match) -> str:
    """Return a Latin label's value up to a date printed after it ("Source: Reuters March 5, 2024")."""
    found = find_dates(text[value.start():value.end() + 40])
    return value.group()[:found[0].start] if found and found[0].start < len(value.group()) else value.group()


def _fills_line(text: str, value: re.Match) -> bool:
    """Return True when ``value`` is all of its line in ``text``."""
    end = text.find("\n", value.end())
    return not text[value.end():end if end >= 0 else len(text)].strip()


def _platform_account(page: Page) -> str | None:
    """Return the publishing account WeChat articles show in ``#js_name``."""
    if "mp.weixin.qq.com" not in (page.url or "") and "微信公众平台" not in meta_values(page, "og:site_name"):
        return None
    found = page.tree.xpath("//*[@id='js_name']")
    return clean_source(" ".join(found[0].text_content().split())) if found else None


def _site_name(page: Page) -> str | None:
    """Return the site's own name: og:site_name, else what <title> adds to the headline."""
    for value in meta_values(page, "og:site_name"):
        return clean_source(value)
    title_el = first_descendant(page.tree, "title")
    title = " ".join(((title_el.text or "") if title_el is not None else "").split())
    if page.title and page.title.strip() and page.title.strip() in title:
        rest = [p for p in _TITLE_SEP.split(title.replace(page.title.strip(), " ")) if p]
        return clean_source(rest[0]) if rest else None
    return None


def extract_source(page: Page) -> str | None:
    """Return the credited outlet without its label; None when the page names none."""
    title = normalize(page.title or "")
    for found in _candidates(page):
        if found and is_outlet_name(found, title):
            return found
    return None


def _candidates(page: Page) -> Iterator[str | None]:
    """Yield the outlets the page credits, most telling first (each checked by the caller)."""
    # 1. the profile's selector
    expr = page.selectors.get("source")
    if expr:
        text = select_text(page, expr)
        if text:
            yield labelled_source(text) or clean_source(normalize(text))
            return
    # 2. a label in the header; on Chinese pages, an outlet printed beside the header date
    header = header_text(page)
    site = _site_name(page)
    yield labelled_source(header, site)
    chinese = is_chinese(page)
    if chinese:
        title = normalize(page.title or "")
        yield (beside_date(header, title) or beside_date(before_body_text(page), title)
               or beside_date(before_headline_text(page), title))
        yield before_reporter(header)  # "聯合報／記者王小明／台北報導"
    # 3. a label in the short lines around the body, after the body, before the headline
    for zone in label_zones(page)[1:]:  # the header was read first
        yield labelled_source(zone, site)
    # 4. the wire or paper the opening dateline names (据新华社北京2月10日电, 本报讯)
    if chinese:
        yield dateline_source(page.paragraphs, site)
    # 5. a publishing account (WeChat's #js_name, a name before a 关注 button)
    yield _platform_account(page) or (before_follow(header) if chinese else None)
    # 6. meta tags naming the source
    for value in meta_values(page, "source", "contentsource", "article:source", "og:article:source"):
        found = labelled_source(value) or clean_source(normalize(value))
        if found and not found.startswith("http"):
            yield found


def strip_attribution(paragraphs: list[str]) -> list[str]:
    """Return ``paragraphs`` without whole-paragraph source, editor and byline lines.

    Kept: （原标题：…） lines, data credits (资料来源), and a bracketed name ending
    a real paragraph ("…营商环境。 (陈文萍)").
    """
    return [paragraphs[i] for i in attribution_free(paragraphs)]


def attribution_free(paragraphs: list[str]) -> list[int]:
    """Return the indexes of the paragraphs :func:`strip_attribution` keeps, in order."""
    kept = []
    for index, para in enumerate(paragraphs):
        if len(para) > _ATTRIBUTION_MAX and _surely_long(para):
            kept.append(index)  # prose: no need to normalise it to know it stays
            continue
        text = normalize(para).strip()
        if len(text) <= _ATTRIBUTION_MAX and (_ATTRIBUTION_LINE.search(text) or COMMENTATOR.match(text)):
            continue
        kept.append(index)
    return kept

