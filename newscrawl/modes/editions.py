"""Parse newspaper e-paper (数字报) editions: URL templates, month indexes, 版面 pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Pattern
from urllib.parse import urljoin, urlsplit

import lxml.html
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from newscrawl.extract.datepatterns import url_dates
from newscrawl.extract.encoding import decode_html
from newscrawl.extract.parse import select_text
from newscrawl.modes.links import is_non_article, link_key, page_key
from newscrawl.modes.xmlutil import XmlError, local, parse_xml

#: Placeholders an edition or month-index template may use.
TEMPLATE_FIELDS = ("yyyy", "yy", "mm", "dd", "m", "d", "yyyymm", "yyyymmdd")

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_DAY = re.compile(r"(?<!\d)(\d{4})(?:[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})|(\d{2})(\d{2}))(?!\d)")
_PAGE_REF = re.compile(r"\.s?html?(\?|$)|node", re.I)
# "第01版：要闻", "A01版:要闻", "01版 要闻", "第1版", "A01： 头版", "(01) 要闻" — number, then an optional name
_LABEL = re.compile(r"^\s*第?\s*[(（]?\s*([A-Za-z]?\d{1,3})\s*(?:版\s*[:：\-—\s]*|[:：]\s*|[)）]\s*)(.*?)\s*$")
# a 版面 list entry that only credits the page's staff: "本版责编：张三", "责任编辑 李四", "版式设计：王五"
_CREDIT = re.compile(
    r"^(?:本版|本期|本刊|当版|[A-Za-z]?\d{1,3}版)?\s*"
    r"(?:责任编辑|责编|编辑|美编|美术编辑|版式设计|版式|排版|图片编辑|图编|校对|制图|本版邮箱|邮箱)"
    r"\s*(?:[:：|｜]|\s|$)")
_CREDIT_MAX = 60  # a credit line is short; a headline that merely starts with 编辑 is not one


@dataclass(frozen=True)
class EditionRef:
    """One day's edition as a month index lists it."""

    day: date
    url: str  # the edition's front page (first 版面)


@dataclass(frozen=True)
class PageLink:
    """A link to a 版面 page, with the label the site gives it."""

    url: str
    label: str | None = None  # "第01版：要闻"

    @property
    def number(self) -> str | None:
        """Return the 版面 number ("01", "A01"), or None when the label has none."""
        return split_label(self.label)[0]

    @property
    def section(self) -> str | None:
        """Return the 版面 name ("要闻"), else the whole label, else None."""
        return section_name(self.label)


@dataclass(frozen=True)
class ArticleLink:
    """A link from a 版面 page to an article, with the headline the link shows."""

    url: str
    title: str | None = None


@dataclass
class EPaperPage:
    """One parsed 版面 page: its own name, the other 版面 and its articles."""

    url: str
    section: str | None = None
    pages: list[PageLink] = field(default_factory=list)
    articles: list[ArticleLink] = field(default_factory=list)


def fill_template(template: str, day: date, base: str | None = None) -> str:
    """Return ``template`` with the date placeholders of ``day`` filled in, resolved against ``base``.

    Raises :class:`KeyError` naming an unknown placeholder.
    """
    values = {
        "yyyy": f"{day.year:04d}", "yy": f"{day.year % 100:02d}",
        "mm": f"{day.month:02d}", "dd": f"{day.day:02d}",
        "m": str(day.month), "d": str(day.day),
        "yyyymm": f"{day.year:04d}{day.month:02d}", "yyyymmdd": day.strftime("%Y%m%d"),
    }
    filled = _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
    return urljoin(base, filled) if base else filled


def template_placeholders(template: str) -> list[str]:
    """Return the placeholder names used in ``template``, in order."""
    return _PLACEHOLDER.findall(template)


def split_label(label: str | None) -> tuple[str | None, str | None]:
    """Return the 版面 number and name in a label ("第01版：要闻" → ("01", "要闻"))."""
    if not label:
        return None, None
    match = _LABEL.match(label)
    if not match:
        return None, label.strip() or None
    return match.group(1), match.group(2) or None


def section_name(label: str | None) -> str | None:
    """Return the 版面 name of a label, else the label itself, else None."""
    number, name = split_label(label)
    return name or (label.strip() if label and label.strip() else None)


def section_matches(wanted: str, label: str | None) -> bool:
    """Return True when ``wanted`` names the 版面 ``label`` by name, number or whole label."""
    if not label:
        return False
    wanted = wanted.strip()
    number, name = split_label(label)
    if wanted in (label.strip(), name):
        return True
    wanted_number, _ = split_label(wanted if "版" in wanted else f"{wanted}版")
    return bool(number and wanted_number) and _num(number) == _num(wanted_number)


def _num(number: str) -> str:
    return number[0].upper() + number[1:].lstrip("0") if number[0].isalpha() else number.lstrip("0")


def parse_month_index(body: bytes, url: str, edition: str | None = None,
                      base_for: Callable[[date], str] | None = None) -> list[EditionRef]:
    """Return the editions a month index (``navi.xml``/``period.xml``) lists, by day.

    Any element whose attributes and leaf children hold a date and a page
    reference counts as one edition. The index is read by the day pages, so a
    relative reference ("node_2.htm", "../19/node_2.htm") is taken relative to
    ``base_for(day)`` (a layout's day folder), else to that day's ``edition``
    template URL, else to ``url``. Raises :class:`XmlError` when ``body`` is not XML.
    """
    root = parse_xml(body)
    found: dict[date, str] = {}
    for el in root.iter():
        if not local(el.tag):
            continue
        values = [v.strip() for v in el.attrib.values()]
        values += [(c.text or "").strip() for c in el if local(c.tag) and len(c) == 0]
        day = next((d for d in map(_parse_day, values) if d), None)
        ref = next((v for v in values if _PAGE_REF.search(v) and not _parse_day(v)), None)
        if day is None or ref is None or day in found:
            continue
        if base_for is not None:
            base = base_for(day)
        else:
            base = fill_template(edition, day, url) if edition else url
        found[day] = urljoin(base, ref)
    return [EditionRef(day, u) for day, u in sorted(found.items())]


def days_in_url(url: str) -> set[date]:
    """Return the calendar days a URL's path spells (2023-05/19, 202305/19, 20230519)."""
    return set(url_dates(urlsplit(url).path))


def is_other_day(url: str, day: date) -> bool:
    """Return True when ``url`` names a day and it is not ``day`` (a link to another edition)."""
    days = days_in_url(url)
    return bool(days) and day not in days


def _parse_day(value: str) -> date | None:
    match = _DAY.fullmatch(value.strip()) if value else None
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or match.group(4), match.group(3) or match.group(5)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_page(
    body: bytes,
    url: str,
    pages: Pattern,
    articles: Pattern,
    section_selector: str | None = None,
    allows: Callable[[str], bool] | None = None,
) -> EPaperPage:
    """Return the 版面 page in ``body``: its name, its sibling 版面 and its article links.

    ``pages`` and ``articles`` are the profile's patterns for 版面 and article
    URLs; ``<a>`` and image-map ``<area>`` links both count. Entries that only
    credit the page's staff (本版责编…) are not articles, and neither are
    entries reached only through images (map areas, ``<a><img></a>``) when the
    page lists its articles by headline. The page's own name comes from
    ``section_selector`` (CSS, or XPath when it starts with ``/``, ``(`` or
    ``.``), else from the 版面 link that points at this page.
    """
    text = decode_html(body)[0] or "<html/>"
    page_links: dict[str, list[str]] = {}
    article_links: dict[str, list[str]] = {}
    for link in _LINKS.extract_links(HtmlResponse(url, body=text.encode("utf-8"), encoding="utf-8")):
        target = link.url.split("#", 1)[0]
        if is_non_article(target) or (allows and not allows(target)):
            continue
        label = " ".join(link.text.split())
        if articles.search(target):
            article_links.setdefault(target, []).append(label)
        elif pages.search(target):
            page_links.setdefault(target, []).append(label)
    result = EPaperPage(url=url)
    # a 版面 is any page its URL names (every query parameter counts); an article is one per story
    result.pages = [PageLink(u, _best_label(labels)) for u, labels in _merged(page_links, page_key).items()]
    result.articles = _article_entries(_merged(article_links, link_key))
    own = next((p for p in result.pages if page_key(p.url) == page_key(url)), None)
    label = None
    if section_selector:
        label = select_text(lxml.html.fromstring(text, base_url=url), section_selector)
    result.section = section_name(label or (own.label if own else None))
    return result


#: every <a>/<area> link of a page, in document order, fragments and scripts aside
_LINKS = LinkExtractor(tags=("a", "area"), attrs=("href",), unique=False, deny_extensions=[],
                       process_value=lambda v: None if v.strip().startswith("#") else v)


def _merged(links: dict[str, list[str]], key_of: Callable[[str], str]) -> dict[str, list[str]]:
    """Return ``links`` keyed by the first spelling of each ``key_of`` key, labels merged."""
    merged: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for target, labels in links.items():
        key = key_of(target)
        merged.setdefault(first.setdefault(key, target), []).extend(labels)
    return merged


def _article_entries(links: dict[str, list[str]]) -> list[ArticleLink]:
    """Return the article entries of a 版面 list: no credit lines, no image-only entries."""
    entries = []
    for target, labels in links.items():
        titles = [t for t in labels if t]
        headlines = [t for t in titles if not is_credit(t)]
        if titles and not headlines:
            continue  # only ever named as a credit line: 本版责编
        entries.append(ArticleLink(target, headlines[0] if headlines else None))
    if any(e.title for e in entries):
        # the page lists its articles by headline: a map area or picture alone names none
        entries = [e for e in entries if e.title]
    return entries


def _best_label(labels: list[str]) -> str | None:
    """Return the label that names a 版面 best: a numbered one, else the first non-empty."""
    named = [t for t in labels if t]
    numbered = [t for t in named if split_label(t)[0]]
    return (numbered or named or [None])[0]


def is_credit(text: str) -> bool:
    """Return True when a 版面 list entry only credits staff ("本版责编：张三")."""
    text = " ".join(text.split())
    return len(text) <= _CREDIT_MAX and bool(_CREDIT.match(text))


__all__ = [
    "ArticleLink", "EPaperPage", "EditionRef", "PageLink", "XmlError", "days_in_url", "fill_template",
    "is_credit", "is_other_day",
    "parse_month_index", "parse_page", "section_matches", "section_name", "split_label",
    "template_placeholders",
]
