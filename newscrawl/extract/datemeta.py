"""Machine-readable publication dates: JSON-LD, meta tags, ``<time>``, page scripts, linked URLs.

Each reader returns ``(date or datetime, has time)`` or None; plausibility
(1995 to tomorrow) is checked here so a broken value never wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract import datepatterns as dp
from newscrawl.extract.datewords import TZ_NAMES
from newscrawl.extract.jsonld import article_objects, meta_keys, meta_values, structured
from newscrawl.extract.page import Page
from newscrawl.extract.zones import element_text

Found = tuple[datetime | date, bool]

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
_JSONLD_KEYS = ("datePublished", "dateCreated", "uploadDate")
# Elements with itemprop=datePublished, meta tags aside. Reaching them through the
# attribute axis is twice as fast in libxml2 as testing every element ("//*[@itemprop=…]").
_ITEMPROP_PUBLISHED = etree.XPath("//@itemprop[.='datePublished']/parent::*[not(self::meta)]")
# Blocks whose <time> is another article's or a reader's: comments, related lists, sidebars.
_NOISE_ANCESTOR = re.compile(
    r"(?<![a-z])(?:comment|related|recommend|sidebar|footer|hot|rank|share|nav|reply)", re.I)


def plausible(value: datetime | date, now: datetime) -> bool:
    """Return True for a date between 1995 and tomorrow."""
    day = value.date() if isinstance(value, datetime) else value
    return date(1995, 1, 1) <= day <= (now + timedelta(days=1)).date()


def from_strings(values: list[str], now: datetime, names: Mapping[str, int] = TZ_NAMES) -> Found | None:
    """Return the first plausible date among structured ``values`` (``names``: the page's zone abbreviations)."""
    for value in values:
        parsed = dp.parse_date_string(value, names) if isinstance(value, str) else None
        if parsed and plausible(parsed[0], now):
            return parsed
    return None


def structured_date(page: Page, now: datetime, names: Mapping[str, int] = TZ_NAMES) -> Found | None:
    """Return the date from JSON-LD, then meta tags, then itemprop=datePublished."""
    for key in _JSONLD_KEYS:
        values = [o.get(key) for o in article_objects(page) if isinstance(o.get(key), str)]
        found = from_strings(values, now, names)
        if found:
            return found
    found = from_strings(meta_values(page, *PUBLISHED_META), now, names)
    if found:
        return found
    found = from_strings(meta_values(page, *_other_date_metas(page)), now, names)
    if found:
        return found
    for el in _ITEMPROP_PUBLISHED(page.tree):
        found = from_strings([el.get("datetime") or el.get("content") or element_text(el)], now, names)
        if found:
            return found
    return None


def _other_date_metas(page: Page) -> list[str]:
    """Return meta names not in PUBLISHED_META that still say published/created ("…:created_at")."""
    return [k for k in meta_keys(page) if _OTHER_META.search(k) and not _NOT_PUBLISHED_META.search(k)]


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


def time_element_date(page: Page, now: datetime, names: Mapping[str, int] = TZ_NAMES) -> Found | None:
    """Return the first ``<time datetime>`` outside comments, sidebars and related lists."""
    for el in structured(page).times:
        value = el.get("datetime") or el.get("content")
        if value and not _in_noise(el):
            found = from_strings([value], now, names)
            if found:
                return found
    return None


def script_date(page: Page, now: datetime) -> Found | None:
    """Return a publication time that a page script holds (pages that render it by script): one
    assigned to a pubtime-like variable, else one a short script in the page's text prints."""
    inline = [el for el in structured(page).scripts if el.text and not el.get("src")]
    found = dp.find_script_date([el.text for el in inline])
    if found is None:  # the first short script that prints a date, looked up from the date, not the script
        found = next((drawn for el in inline if (drawn := dp.find_drawn_date(el.text)) and _shown_in_body(el)),
                     None)
    return found if found and plausible(found[0], now) else None


def _shown_in_body(el: HtmlElement) -> bool:
    """Return True when a script sits in the page's ``<body>``, outside comments, sidebars and lists."""
    return not _in_noise(el) and any(anc.tag == "body" for anc in el.iterancestors())


def linked_urls(page: Page) -> list[str]:
    """Return the page's canonical URL and share-image URLs (they often carry the day)."""
    links = [h for h in page.tree.xpath("//link[@rel='canonical']/@href") if isinstance(h, str)]
    return links + meta_values(page, "og:url", "og:image", "twitter:image")
