"""The parsed page that field extractors share.

The orchestrator (``article.py``) fills a :class:`Page` step by step: decode and
parse, find the headline, find the main-content node and its paragraphs; the
field modules (dates, people, source) read it and never re-parse the bytes.
What a module works out once per page (structured data, the site's declared
names, text zones) it keeps here too, never in a module global: it goes when
the page goes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING

from lxml.html import HtmlElement

if TYPE_CHECKING:  # pragma: no cover
    from newscrawl.extract.jsonld import Structured

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
    learned_blocks: bool = True  # let the learned block scorer trim the text's tail (blockmodel.py)
    # Worked out on first use by the module named, for this page only (kept out of repr and ==):
    structured: Structured | None = field(default=None, repr=False, compare=False)  # JSON-LD, metas (jsonld)
    site_names: set[str] | None = field(default=None, repr=False, compare=False)  # the site's names (sitename)
    zones: dict[str, tuple[HtmlElement | None, HtmlElement | None, str]] = field(
        default_factory=dict, repr=False, compare=False)  # text by kind, with the headline and body it was cut for
