"""The parsed page that field extractors share.

The orchestrator (``article.py``) fills a :class:`Page` step by step: decode and
parse, find the headline, find the main-content node and its paragraphs; the
field modules (dates, people, source) read it and never re-parse the bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

from lxml.html import HtmlElement

#: Field names a profile may give selectors for (``Page.selectors`` keys).
SELECTOR_FIELDS = ("title", "published", "author", "editor", "source", "body")


@dataclass
class Page:
    """One decoded, parsed article page and what has been located in it."""

    tree: HtmlElement  # the whole document, decoded with the right encoding
    url: str | None = None
    timezone: tzinfo | None = None  # profile time zone; None when no profile
    language: str | None = None  # profile language, else guessed ("zh", "en", ...)
    selectors: dict[str, str] = field(default_factory=dict)  # profile selectors
    title: str | None = None  # the headline, once found
    title_node: HtmlElement | None = None  # element holding the headline
    body_node: HtmlElement | None = None  # main-content container
    paragraphs: list[str] = field(default_factory=list)  # body text, attribution lines included
    lines: list[str] = field(default_factory=list)  # every text line of the body container, dropped ones too
