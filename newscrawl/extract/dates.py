"""Find the publication date an article page shows.

Offsets: a time given with an offset keeps its instant and is shown in the
page's time zone (the profile's, else Asia/Shanghai for Chinese pages). A time
given without an offset is the page's local wall-clock: it gets the profile
time zone, else Asia/Shanghai on Chinese pages, else it stays naive (offset
unknown) rather than being guessed as UTC. A page that gives only a day yields
a :class:`datetime.date`.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from lxml.etree import XPathError
from lxml.html import HtmlElement

from newscrawl.extract import datepatterns as dp
from newscrawl.extract.jsonld import article_objects, meta_keys, meta_values
from newscrawl.extract.page import Page
from newscrawl.extract.zones import (
    after_body_text,
    before_body_text,
    before_headline_text,
    body_start_text,
    document_lines,
    element_text,
    header_text,
)

log = logging.getLogger(__name__)

CHINA = ZoneInfo("Asia/Shanghai")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")

#: Meta names/properties holding the first publication time, most specific first.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "published_time",
    "article:published", "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
    "publication_date", "parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created", "bt:pubdate",
    "weibo: article:create_at", "article.published", "date.created", "og:time", "datecreated",
    "citation_publication_date", "og:release_date", "maketime", "date", "dc.date", "dcterms.date",
)
#: Meta names holding a modification time: never the answer, but they tell the year.
MODIFIED_META = ("article:modified_time", "og:updated_time", "dateupdate", "datemodified",
                 "weibo: article:update_at", "last-modified", "lastmod")
_OTHER_META = re.compile(r"publish|created|release|issued|pub_?date|post_?date", re.I)
_NOT_PUBLISHED_META = re.compile(r"modif|updat|expir|review|last|edit|birth", re.I)
PROSE_LEAD = 60  # a date after this much text on its line is inside a sentence
_JSONLD_KEYS = ("datePublished", "dateCreated", "uploadDate")

# Labels in front of a date in the header: published (good) or updated (avoid).
_PUBLISHED_LABEL = re.compile(
    r"(发布|发表|时间|日期|出版|published|posted|veröffentlicht|erschienen|publié|publicado|pubblicato"
    r"|gepubliceerd|publicerad|publisert|opublikowano)[^\d]{0,12}$", re.I)
_UPDATED_LABEL = re.compile(
    r"(更新|修改|修订|updated?|modified|aktualisiert|geändert|mis à jour|actualizado|aggiornato"
    r"|bijgewerkt|oppdatert|uppdaterad)[^\d]{0,12}$", re.I)
_NOISE_ANCESTOR = re.compile(r"comment|related|recommend|sidebar|footer|hot|rank|share|nav|reply", re.I)


def is_chinese(page: Page) -> bool:
    """Return True when the page is Chinese (language zh, or a mostly-Han headline)."""
    language = (page.language or "").lower()
    if language.startswith("zh"):
        return True
    if language.startswith(("ja", "ko")):
        return False
    # No language, or a template's default <html lang="en"> over a Chinese headline.
    text = page.title or ""
    han = len(_HAN.findall(text))
    return han >= 4 and han >= len(text) / 3 and not _KANA_HANGUL.search(text)


def local_zone(page: Page) -> tzinfo | None:
    """Return the page's time zone: the profile's, else Asia/Shanghai on Chinese pages."""
    return page.timezone or (CHINA if is_chinese(page) else None)


def _finish(value: datetime | date, page: Page) -> datetime | date:
    """Return ``value`` in the page's time zone (see the module docstring)."""
    if not isinstance(value, datetime):
        return value
    zone = local_zone(page)
    if zone is None:
        return value
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _plausible(value: datetime | date, now: datetime) -> bool:
    """Return True for a date between 1995 and tomorrow."""
    day = value.date() if isinstance(value, datetime) else value
    return date(1995, 1, 1) <= day <= (now + timedelta(days=1)).date()


def _select(page: Page, expr: str) -> list[HtmlElement]:
    """Return the elements a profile selector (CSS, or XPath starting with / ( .) picks."""
    try:
        if expr[:1] in "/(.":
            return [e for e in page.tree.xpath(expr) if isinstance(e, HtmlElement)]
        return page.tree.cssselect(expr)
    except (XPathError, ValueError, SyntaxError) as exc:
        log.warning("bad published selector %r: %s", expr, exc)
        return []


def _from_strings(values: list[str], now: datetime) -> tuple[datetime | date, bool] | None:
    """Return the first plausible date among structured ``values``."""
    for value in values:
        parsed = dp.parse_date_string(value) if isinstance(value, str) else None
        if parsed and _plausible(parsed[0], now):
            return parsed
    return None


def _structured(page: Page, now: datetime) -> tuple[datetime | date, bool] | None:
    """Return the date from JSON-LD, then meta tags, then itemprop=datePublished."""
    for key in _JSONLD_KEYS:
        values = [o.get(key) for o in article_objects(page.tree) if isinstance(o.get(key), str)]
        found = _from_strings(values, now)
        if found:
            return found
    found = _from_strings(meta_values(page.tree, *PUBLISHED_META), now)
    if found:
        return found
    found = _from_strings(meta_values(page.tree, *_other_date_metas(page)), now)
    if found:
        return found
    for el in page.tree.xpath("//*[@itemprop='datePublished'][not(self::meta)]"):
        found = _from_strings([el.get("datetime") or el.get("content") or element_text(el)], now)
        if found:
            return found
    return None


def _other_date_metas(page: Page) -> list[str]:
    """Return meta names not in PUBLISHED_META that still say published/created ("…:created_at")."""
    return [k for k in meta_keys(page.tree) if _OTHER_META.search(k) and not _NOT_PUBLISHED_META.search(k)]


def _in_noise(el: HtmlElement) -> bool:
    """Return True when ``el`` sits in a comment, related-articles or sidebar block."""
    for anc in el.iterancestors():
        if anc.tag in ("aside", "footer", "nav"):
            return True
        if _NOISE_ANCESTOR.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return True
        if anc.tag in ("article", "main", "body"):
            return False
    return False


def _time_element(page: Page, now: datetime) -> tuple[datetime | date, bool] | None:
    """Return the first ``<time datetime>`` outside comments, sidebars and related lists."""
    for el in page.tree.iter("time"):
        value = el.get("datetime") or el.get("content")
        if value and not _in_noise(el):
            found = _from_strings([value], now)
            if found:
                return found
    return None


def _in_prose(text: str, found: dp.Found) -> bool:
    """Return True when the date comes deep inside a line of running text (news, not a dateline)."""
    start = text.rfind("\n", 0, found.start) + 1
    return found.start - start > PROSE_LEAD


def _from_text(text: str, page: Page, now: datetime, year: int | None = None,
               labelled_only: bool = False) -> tuple[datetime | date, bool] | None:
    """Return the published date written in a zone, skipping 'updated' dates.

    With ``year``, a month-day-time without a year ("10-08 12:00") counts too.
    """
    text = dp.normalize(text)
    fallback = None
    for found in dp.find_dates(text, month_first=(page.language or "").startswith("en")):
        if not _plausible(found.value, now):
            continue
        before = text[max(0, found.start - 16):found.start]
        if _UPDATED_LABEL.search(before):
            continue
        if _PUBLISHED_LABEL.search(before):
            return found.value, found.has_time
        if labelled_only or _in_prose(text, found):
            continue
        if fallback is None:
            fallback = (found.value, found.has_time)
    if fallback is None and year is not None and not labelled_only:
        found = dp.find_yearless(text, year, short_year=is_chinese(page))
        if found is not None and _plausible(found.value, now):
            return found.value, True
    return fallback


def _written(page: Page, now: datetime, year: int) -> tuple[datetime | date, bool, bool] | None:
    """Return (date, has time, labelled) written in the article header; labelled dates first.

    Zones: after the headline, just before it, short meta lines opening the body
    (never prose: a date inside a sentence is news, not a dateline), and, for
    labelled dates only ("发布时间：…" footers), the text right after the body.
    """
    lines = "\n".join(p for p in page.paragraphs[:3] if len(p) <= 80)
    zones = (header_text(page), before_body_text(page), before_headline_text(page), lines)
    for zone in zones:
        found = _from_text(zone, page, now, labelled_only=True)
        if found:
            return found[0], found[1], True
    for zone in zones:
        found = _from_text(zone, page, now, year)
        if found:
            return found[0], found[1], False
    found = _from_text(after_body_text(page), page, now, labelled_only=True)
    return (found[0], found[1], True) if found else None


def _script_date(page: Page, now: datetime) -> tuple[datetime | date, bool] | None:
    """Return a publication time that a page script holds (pages that render it by script)."""
    texts = [el.text for el in page.tree.iter("script") if el.text and not el.get("src")]
    found = dp.find_script_date(texts)
    return found if found and _plausible(found[0], now) else None


def _linked_urls(page: Page) -> list[str]:
    """Return the page's canonical URL and share-image URLs (they often carry the day)."""
    links = [h for h in page.tree.xpath("//link[@rel='canonical']/@href") if isinstance(h, str)]
    return links + meta_values(page.tree, "og:url", "og:image", "twitter:image")


def _same_day(a: datetime | date, b: datetime | date) -> bool:
    """Return True when ``a`` and ``b`` fall on the same calendar day (wall-clock)."""
    da = a.date() if isinstance(a, datetime) else a
    db = b.date() if isinstance(b, datetime) else b
    return da == db


def _year_hint(page: Page, structured: tuple[datetime | date, bool] | None, url_day: date | None,
               now: datetime) -> int:
    """Return the year for a shown date written without one ("10-08 12:00")."""
    if structured:
        return structured[0].year
    if url_day:
        return url_day.year
    found = _from_strings(meta_values(page.tree, *MODIFIED_META), now) or _script_date(page, now)
    return found[0].year if found else now.year


def _reconcile(structured: tuple[datetime | date, bool], written: tuple[datetime | date, bool] | None,
               page: Page) -> datetime | date:
    """Return the structured date, or the shown one where the page is more precise or local.

    The shown time wins on the same day when the structured date has no time,
    or when the page's zone is known (the shown wall-clock is then an instant).
    A UTC instant on a page of unknown zone yields to the shown day next to it.
    """
    value, has_time = structured
    if written is None:
        return value
    shown, shown_time = written
    if _same_day(value, shown):
        if shown_time and (not has_time or local_zone(page) is not None):
            return shown
        return value
    if (isinstance(value, datetime) and value.utcoffset() == timedelta(0) and local_zone(page) is None
            and abs((value.date() - _day(shown)).days) == 1):
        return shown
    return value


def _day(value: datetime | date) -> date:
    """Return the calendar day of ``value``."""
    return value.date() if isinstance(value, datetime) else value


def extract_published(page: Page, now: datetime | None = None) -> datetime | date | None:
    """Return the publication date shown with the article; None when the page shows none."""
    now = now or datetime.now(local_zone(page) or CHINA)
    # 1. the profile's selector
    expr = page.selectors.get("published")
    if expr:
        for el in _select(page, expr):
            found = _from_text(el.get("datetime") or element_text(el), page, now)
            if found:
                return _finish(found[0], page)
    # 2. structured data (JSON-LD, meta, itemprop), 3. <time datetime>
    time_element = _time_element(page, now)
    structured = _structured(page, now) or time_element
    url_day = dp.find_url_date(page.url) if page.url else None
    year = _year_hint(page, structured, url_day, now)
    # 4. the date written in the article header
    written = _written(page, now, year)
    if structured:
        shown = written[:2] if written else time_element if time_element is not structured else None
        return _finish(_reconcile(structured, shown, page), page)
    if written:
        # A full day in the URL outweighs an unlabelled header date that disagrees with it.
        if url_day and not written[2] and not _same_day(written[0], url_day) and _plausible(url_day, now):
            return url_day
        return _finish(written[0], page)
    # 5. a time kept in a page script, 6. the URL's day (never a time)
    scripted = _script_date(page, now)
    if scripted:
        return _finish(scripted[0], page)
    if url_day and _plausible(url_day, now):
        return url_day
    # 7. the first date written anywhere in the page's text (pages without a located header)
    for line in document_lines(page):
        anywhere = _from_text(line, page, now)
        if anywhere:
            return _finish(anywhere[0], page)
    # 8. the day in the canonical URL or the share image's URL (weak, but better than none)
    for link in _linked_urls(page):
        linked_day = dp.find_url_date(link)
        if linked_day and _plausible(linked_day, now):
            return linked_day
    # 9. a relative date in the header ("3小时前", "昨天 09:04")
    relative = dp.find_relative(dp.normalize(header_text(page)), now)
    return _finish(relative[0], page) if relative else None
