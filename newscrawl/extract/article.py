"""The extractor's result type and its entry point.

CONTRACT (other packages rely on it):
    extract_article(html: bytes, url: str | None = None, profile=None, charset: str | None = None) -> Extracted
``profile`` is a :class:`newscrawl.profiles.SiteProfile` or ``None``; the
extractor reads only ``profile.selectors`` (field -> CSS, or XPath when it
starts with ``/``, ``(`` or ``.``), ``profile.timezone`` (a tzinfo used when
the page gives a time without an offset) and ``profile.language``.
``charset`` is the one the HTTP ``Content-Type`` header names (``None``
without one); the bytes still win when it lies (see :mod:`.encoding`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from newscrawl.extract import dates, people, source
from newscrawl.extract.body import container_lines, find_text, walk_page
from newscrawl.extract.images import Picture, find_pictures
from newscrawl.extract.page import Page
from newscrawl.extract.page import SELECTOR_FIELDS
from newscrawl.extract.parse import first_descendant, parse_html, select
from newscrawl.extract.text import cjk_ratio
from newscrawl.extract.title import find_title

_LANG = re.compile(r"^[a-zA-Z]{2,3}")


@dataclass
class Extracted:
    """Fields pulled from one article page; ``None`` means not found."""

    title: str | None = None
    published: datetime | date | None = None  # aware datetime, or a date for day-only pages
    author: str | list[str] | None = None
    editor: str | list[str] | None = None
    source: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # plain text, in reading order
    pictures: list[Picture] = field(default_factory=list)  # the body's pictures, placed among the paragraphs
    encoding: str | None = None  # the encoding the page was decoded with
    missed: tuple[str, ...] = ()  # fields whose profile selector matched nothing here (the site changed?)


def guess_language(page: Page) -> str | None:
    """Return the page's language code from ``<html lang>`` or its headline; None when unsure."""
    match = _LANG.match(page.tree.get("lang") or page.tree.get("xml:lang") or "")
    if match:
        return match.group(0).lower()
    title = first_descendant(page.tree, "title")
    text = title.text_content() if title is not None else ""
    return "zh" if text and cjk_ratio(text) > 0.3 else None


def build_page(html: bytes, url: str | None = None, profile=None,
               charset: str | None = None) -> tuple[Page, str]:
    """Return the parsed :class:`Page` for page bytes (``charset``: the HTTP header's), and the encoding used."""
    tree, encoding = parse_html(html, charset)
    page = Page(
        tree=tree,
        url=url,
        timezone=profile.timezone if profile else None,
        language=profile.language if profile else None,
        selectors=dict(profile.selectors) if profile else {},
    )
    if page.language is None:
        page.language = guess_language(page)
    return page, encoding


def extract_article(html: bytes, url: str | None = None, profile=None, charset: str | None = None) -> Extracted:
    """Return the article fields found in ``html``; fields the page lacks are None or empty.

    ``charset`` is the one the response's ``Content-Type`` header names, if any.
    """
    return extract_fields(*build_page(html, url, profile, charset))


def extract_fields(page: Page, encoding: str | None = None) -> Extracted:
    """Return the article fields of a built page (``encoding``: the one its bytes were decoded with)."""
    walked = walk_page(page)  # one walk serves the headline and the body
    page.title, page.title_node = find_title(page, walked[1])
    text = find_text(page, walked)
    page.body_node, page.paragraphs = text.node, text.paragraphs
    page.lines = container_lines(walked[0], page.body_node)
    author, editor = people.extract_people(page)
    kept = source.attribution_free(page.paragraphs)
    anchors = [text.anchors[i] for i in kept]
    return Extracted(
        title=page.title,
        published=dates.extract_published(page),
        author=author,
        editor=editor,
        source=source.extract_source(page),
        paragraphs=[page.paragraphs[i] for i in kept],
        pictures=find_pictures(text.images, text.blocks, anchors, text.regions, page.url),
        encoding=encoding,
        missed=missed_selectors(page),
    )


def missed_selectors(page: Page) -> tuple[str, ...]:
    """Return the fields whose profile selector matches nothing with text on the page.

    Extraction then falls back on the generic rules, so a site that changed
    its markup would go unnoticed; the crawl counts these per field.
    """
    return tuple(name for name, expr in page.selectors.items()
                 if name in SELECTOR_FIELDS and not any(_has_text(node) for node in select(page.tree, expr)))


def _has_text(node) -> bool:
    """Return True when a selector's match (an element, or a string for XPath) holds text."""
    text = node.text_content() if hasattr(node, "text_content") else str(node)
    return bool(text.strip())
