"""Find the publication date an article page shows.

Offsets: a time given with an offset keeps its instant and is shown in the
page's time zone (the profile's, else Asia/Shanghai for Chinese pages). A time
given without an offset is the page's local wall-clock: it gets the profile
time zone, else Asia/Shanghai on Chinese pages, else it stays naive (offset
unknown) rather than being guessed as UTC. A page that gives only a day yields
a :class:`datetime.date`.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from lxml.html import HtmlElement

from newscrawl.extract import datemeta as dm
from newscrawl.extract import datepatterns as dp
from newscrawl.extract.datemeta import Found
from newscrawl.extract.datezones import spell_offsets, zone_names
from newscrawl.extract.jsonld import meta_values
from newscrawl.extract.page import Page
from newscrawl.extract.parse import select
from newscrawl.extract.zones import (
    after_body_text,
    before_body_text,
    before_headline_text,
    body_head_text,
    document_lines,
    element_text,
    header_text,
)

log = logging.getLogger(__name__)

CHINA = ZoneInfo("Asia/Shanghai")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA_HANGUL = re.compile(r"[\u3040-\u30ff\uac00-\ud7af]")

PROSE_LEAD = 60  # a date after this much text on its line is inside a sentence

# Labels in front of a date in the header: published (good) or updated (avoid).
_PUBLISHED_LABEL = re.compile(
    r"(发布|发表|时间|日期|出版|published|posted|veröffentlicht|erschienen|publié|publicado|pubblicato"
    r"|gepubliceerd|publicerad|publisert|opublikowano|publikacja|publikováno|опубликовано|опубліковано"
    r"|yayınlanma|yayın tarihi|yayınlandı|diterbitkan|dipublikasikan|δημοσιεύθηκε|입력|등록|발행|公開|掲載"
    r"|(?<!\d)\d{1,5}\s*[楼樓]|[楼樓]主)[^\d]{0,12}$", re.I)  # a forum post's floor: "1楼 2019-05-06 21:14"
_UPDATED_LABEL = re.compile(
    r"(更新|修改|修订|updated?|modified|aktualisiert|geändert|mis à jour|actualizado|aggiornato"
    r"|bijgewerkt|oppdatert|uppdaterad|aktualizacja|zaktualizowano|aktualizováno|обновлено|оновлено"
    r"|güncelleme|güncellendi|diperbarui|ενημερώθηκε|수정|업데이트"
    # a member's sign-up date in a forum post's author column ("Joined: Mar 2012", "注册时间 2012-3-4");
    r"|joined|join date|registered|member since|mitglied seit|registriert|inscrit|注册时间|註冊時間|注册于|加入时间"
    # a government notice's date of writing (成文日期), before the day it was published (发布日期)
    r"|成文日期|成文时间|成文時間)"
    r"[^\d]{0,12}$", re.I)


def is_chinese(page: Page) -> bool:
    """Return True when the page is Chinese (language zh, or a mostly-Han headline)."""
    return _chinese(page.language, page.title)


@functools.lru_cache(maxsize=64)
def _chinese(language: str | None, title: str | None) -> bool:
    """Return True for a zh language code, or a mostly-Han headline (asked a dozen times a page)."""
    language = (language or "").lower()
    if language.startswith("zh"):
        return True
    if language.startswith(("ja", "ko")):
        return False
    # No language, or a template's default <html lang="en"> over a Chinese headline.
    text = title or ""
    han = len(_HAN.findall(text))
    return han >= 4 and han >= len(text) / 3 and not _KANA_HANGUL.search(text)


def local_zone(page: Page) -> tzinfo | None:
    """Return the page's time zone: the profile's, else Asia/Shanghai on Chinese pages."""
    return page.timezone or (CHINA if is_chinese(page) else None)


def page_zone_names(page: Page) -> Mapping[str, int]:
    """Return what zone abbreviations mean on the page: its profile zone's own, China's on a Chinese page,
    else the common ones (see :mod:`.datezones`)."""
    return zone_names(page.timezone, is_chinese(page))


def _finish(value: datetime | date, page: Page) -> datetime | date:
    """Return ``value`` in the page's time zone (see the module docstring)."""
    if not isinstance(value, datetime):
        return value
    zone = local_zone(page)
    if zone is None:
        return value
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _select(page: Page, expr: str) -> list[HtmlElement]:
    """Return the elements a profile selector picks (strings an XPath returns are left out)."""
    return [e for e in select(page.tree, expr) if isinstance(e, HtmlElement)]


def _in_prose(text: str, found: dp.Found) -> bool:
    """Return True when the date comes deep inside a line of running text (news, not a dateline)."""
    start = text.rfind("\n", 0, found.start) + 1
    return found.start - start > PROSE_LEAD


def _read_zone(text: str, page: Page) -> tuple[str, tuple[dp.Found, ...]]:
    """Return a zone as the date rules read it (normalised, zone words spelled as offsets) and its dates."""
    text = spell_offsets(dp.normalize(text), page_zone_names(page))
    return text, dp.find_dates(text, month_first=(page.language or "").startswith("en"))


def _from_text(text: str, page: Page, now: datetime, year: Callable[[], int] | None = None,
               labelled_only: bool = False, read: tuple[str, tuple[dp.Found, ...]] | None = None) -> Found | None:
    """Return the published date written in a zone, skipping 'updated' dates.

    With ``year`` (called only when needed), a month-day-time without a year
    ("10-08 12:00") counts too. ``read``: the zone as :func:`_read_zone` returned it, when read already.
    """
    text, dates = read or _read_zone(text, page)
    fallback = None
    for found in dates:
        if not dm.plausible(found.value, now):
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
        found = dp.find_yearless(text, year(), short_year=is_chinese(page))
        if found is not None and dm.plausible(found.value, now):
            return found.value, True
    return fallback


def _written(page: Page, now: datetime, year: Callable[[], int]) -> tuple[datetime | date, bool, bool] | None:
    """Return (date, has time, labelled) written in the article header; labelled dates first.

    Zones: after the headline, just before it, short meta lines opening the body
    (never prose: a date inside a sentence is news, not a dateline), and, for
    labelled dates only ("发布时间：…" footers), the text right after the body.
    """
    lines = "\n".join(p for p in page.paragraphs[:3] if len(p) <= 80)
    zones = (header_text(page), before_body_text(page), before_headline_text(page), lines,
             body_head_text(page))
    read = functools.cache(lambda zone: _read_zone(zone, page))  # each zone read once for both passes
    for zone in zones:
        found = _from_text(zone, page, now, labelled_only=True, read=read(zone))
        if found:
            return found[0], found[1], True
    for zone in zones:
        found = _from_text(zone, page, now, year, read=read(zone))
        if found:
            return found[0], found[1], False
    found = _from_text(after_body_text(page), page, now, labelled_only=True)
    return (found[0], found[1], True) if found else None


def _anywhere(page: Page, now: datetime, labelled_only: bool = True, lines: list[str] | None = None) -> Found | None:
    """Return the first (labelled) date in the page's text outside comments, sidebars and menus
    (``lines``: the page's :func:`document_lines`, when read already)."""
    for line in document_lines(page) if lines is None else lines:
        found = _from_text(line, page, now, labelled_only=labelled_only)
        if found:
            return found
    return None


def _same_day(a: datetime | date, b: datetime | date) -> bool:
    """Return True when ``a`` and ``b`` fall on the same calendar day (wall-clock)."""
    da = a.date() if isinstance(a, datetime) else a
    db = b.date() if isinstance(b, datetime) else b
    return da == db


def _year_hint(page: Page, structured: Found | None, url_day: date | None,
               scripted: Callable[[], Found | None], now: datetime) -> int:
    """Return the year for a shown date written without one ("10-08 12:00")."""
    if structured:
        return structured[0].year
    if url_day:
        return url_day.year
    found = dm.from_strings(meta_values(page, *dm.MODIFIED_META), now, page_zone_names(page)) or scripted()
    return found[0].year if found else now.year


def _reconcile(structured: Found, written: Found | None,
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
    found = _profile_date(page, now)
    if found is not None:
        return found
    # 2. structured data (JSON-LD, meta, itemprop), 3. <time datetime>
    names = page_zone_names(page)
    time_element = dm.time_element_date(page, now, names)
    structured = dm.structured_date(page, now, names) or time_element
    url_day = dp.find_url_date(page.url) if page.url else None
    scripted = functools.cache(lambda: dm.script_date(page, now))  # a page-wide scan: once, if at all
    year = functools.cache(lambda: _year_hint(page, structured, url_day, scripted, now))
    # 4. the date written in the article header
    written = _written(page, now, year)
    if structured:
        shown = written[:2] if written else time_element if time_element is not structured else None
        return _finish(_reconcile(structured, shown, page), page)
    if written:
        return _shown_date(page, now, written, url_day)
    return _last_resorts(page, now, scripted, url_day)


def _profile_date(page: Page, now: datetime) -> datetime | date | None:
    """Return the date under the profile's ``published`` selector; None without one or a date there."""
    expr = page.selectors.get("published")
    for el in _select(page, expr) if expr else ():
        found = _from_text(el.get("datetime") or element_text(el), page, now)
        if found:
            return _finish(found[0], page)
    return None


def _shown_date(page: Page, now: datetime, written: tuple[datetime | date, bool, bool],
                url_day: date | None) -> datetime | date:
    """Return the date the header shows, unless a labelled date elsewhere or the URL's day outweighs it."""
    value, _, labelled = written
    if not labelled and page.title_node is None:
        # No located headline: the "header" was a guess, so a labelled date anywhere counts first.
        found = _anywhere(page, now)
        if found:
            return _finish(found[0], page)
    # A full day in the URL outweighs an unlabelled header date that disagrees with it.
    if url_day and not labelled and not _same_day(value, url_day) and dm.plausible(url_day, now):
        return url_day
    return _finish(value, page)


def _last_resorts(page: Page, now: datetime, scripted: Callable[[], Found | None],
                  url_day: date | None) -> datetime | date | None:
    """Return a date from where a page without structured or header dates may still keep one."""
    # 5. a time kept in a page script, 6. the URL's day (never a time)
    if scripted():
        return _finish(scripted()[0], page)
    if url_day and dm.plausible(url_day, now):
        return url_day
    # 7. the first date written anywhere in the page's text (pages without a located header)
    lines = document_lines(page)  # read once for both passes
    anywhere = _anywhere(page, now, lines=lines) or _anywhere(page, now, labelled_only=False, lines=lines)
    if anywhere:
        return _finish(anywhere[0], page)
    # 8. the day in the canonical URL or the share image's URL (weak, but better than none)
    for link in dm.linked_urls(page):
        linked_day = dp.find_url_date(link)
        if linked_day and dm.plausible(linked_day, now):
            return linked_day
    # 9. a relative date in the header ("3小时前", "昨天 09:04")
    relative = dp.find_relative(dp.normalize(header_text(page)), now)
    if relative:
        return _finish(relative[0], page)
    # 10. the date the page says it was updated, when it shows no other: the post keeps a day
    updated = _updated(page, now)
    return _finish(updated[0], page) if updated else None


def _updated(page: Page, now: datetime) -> Found | None:
    """Return the first 'updated' date written in the article header (skipped by every step before)."""
    for zone in (header_text(page), before_body_text(page), before_headline_text(page)):
        text, dates = _read_zone(zone, page)
        for found in dates:
            if dm.plausible(found.value, now) and _UPDATED_LABEL.search(text[max(0, found.start - 16):found.start]):
                return found.value, found.has_time
    return None
