"""The extractor's result type and its entry point.

CONTRACT (other packages rely on it):
    extract_article(html: bytes, url: str | None = None, profile=None) -> Extracted
``profile`` is a :class:`newscrawl.profiles.SiteProfile` or ``None``; the
extractor reads only ``profile.selectors`` (field -> CSS, or XPath when it
starts with ``/``, ``(`` or ``.``), ``profile.timezone`` (a tzinfo used when
the page gives a time without an offset) and ``profile.language``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Extracted:
    """Fields pulled from one article page; ``None`` means not found."""

    title: str | None = None
    published: datetime | date | None = None  # aware datetime, or a date for day-only pages
    author: str | list[str] | None = None
    editor: str | list[str] | None = None
    source: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # plain text, in reading order
    images: list[str] = field(default_factory=list)  # absolute http(s) image URLs in the body
    encoding: str | None = None  # the encoding the page was decoded with


def extract_article(html: bytes, url: str | None = None, profile=None) -> Extracted:
    """Return the article fields found in ``html`` (placeholder until extraction lands)."""
    raise NotImplementedError
