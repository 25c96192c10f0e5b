"""Read schema.org JSON-LD and ``<meta>`` values once per page.

The date, people and source extractors all look at the same structured data;
this module parses it on first use and keeps the result on the page
(``Page.structured``), so a page pays for it once and nothing outlives it.
"""

from __future__ import annotations

import html
import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Iterator

from lxml.html import HtmlElement

from newscrawl.extract.page import Page

log = logging.getLogger(__name__)

#: schema.org types that describe the article itself (not the site or a breadcrumb).
ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
    "scholarlyarticle", "techarticle", "report", "socialmediaposting", "posting",
    "webpage", "itempage", "creativework", "videoobject", "medicalwebpage", "advertisercontentarticle",
}

_STRONG_TYPES = ARTICLE_TYPES - {"webpage", "itempage", "creativework"}
_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+\d*);")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _walk(node: Any) -> Iterator[dict]:
    """Yield every dict in a parsed JSON-LD value, following lists and ``@graph``."""
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(node.get(key), (list, dict)):
                yield from _walk(node[key])


def _unescape(node: Any) -> Any:
    """Return ``node`` with HTML entities in its strings decoded once ("O&#8217;Brien" -> "O’Brien").

    A script's text is not entity-decoded by the HTML parser, and CMSes write
    their HTML-escaped titles and names into JSON-LD as they are.
    """
    if isinstance(node, str):
        return html.unescape(node) if "&" in node else node
    if isinstance(node, list):
        return [_unescape(item) for item in node]
    if isinstance(node, dict):
        return {key: _unescape(value) for key, value in node.items()}
    return node


def _load(text: str) -> Any:
    """Return the parsed JSON of a script, forgiving trailing commas and control characters."""
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            parsed = json.loads(attempt, strict=False)
        except ValueError:
            continue
        return _unescape(parsed) if _ENTITY.search(attempt) else parsed
    log.debug("unreadable JSON-LD block (%d chars)", len(text))
    return None


def _parse(tree: HtmlElement) -> tuple[list[dict], dict[str, list[str]], list[HtmlElement], list[HtmlElement], bool]:
    """Return (JSON-LD objects, meta values keyed by lower-cased name/property/itemprop, scripts,
    ``<time>`` elements, whether the page has ruby) from one pass over the tree.

    A pass costs about the same for four tags as for one: the date and headline
    readers take their ``<time>`` and ``<script>`` elements from here.
    """
    objects: list[dict] = []
    metas: dict[str, list[str]] = {}
    scripts: list[HtmlElement] = []
    times: list[HtmlElement] = []
    ruby = False
    for el in tree.iter("script", "meta", "time", "rt"):
        tag = el.tag
        if tag == "meta":
            key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
            value = el.get("content")
            if key and value and value.strip():
                metas.setdefault(key.strip().lower(), []).append(value.strip())
        elif tag == "script":
            scripts.append(el)
            if (el.get("type") or "").lower().strip() == "application/ld+json" and el.text:
                objects.extend(_walk(_load(el.text)))
        elif tag == "time":
            times.append(el)
        else:
            ruby = True
    return objects, metas, scripts, times, ruby


def _rank(obj: dict) -> int:
    """Return 0 for an article object, 1 for a page describing one, 2 for anything else."""
    kinds = obj.get("@type")
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    names = {str(k).lower() for k in kinds}
    if names & _STRONG_TYPES:
        return 0
    return 1 if names & ARTICLE_TYPES else 2


@dataclass(frozen=True)
class Structured:
    """A page's structured data: JSON-LD objects, meta values by lower-cased name, article objects;
    and what the same pass over the tree found for other readers."""

    objects: list[dict]
    metas: dict[str, list[str]]
    articles: list[dict]  # the objects describing an article, article types first
    scripts: list[HtmlElement]  # every <script>, in page order
    times: list[HtmlElement]  # every <time>, in page order
    ruby: bool  # the page has ruby (<rt>)

    def meta_values(self, *keys: str) -> list[str]:
        """Return the ``content`` of the meta tags named by ``keys`` (lower case), in key order."""
        out: list[str] = []
        for key in keys:
            out.extend(self.metas.get(key, ()))
        return out


def read_structured(tree: HtmlElement) -> Structured:
    """Return the structured data of ``tree``, parsed now (pages keep theirs: :func:`structured`)."""
    objects, metas, scripts, times, ruby = _parse(tree)
    ranked = sorted(((_rank(o), i, o) for i, o in enumerate(objects)), key=lambda t: t[:2])
    return Structured(objects, metas, [o for rank, _, o in ranked if rank < 2], scripts, times, ruby)


def structured(page: Page) -> Structured:
    """Return the page's structured data, parsed on first use and kept on the page."""
    if page.structured is None:
        page.structured = read_structured(page.tree)
    return page.structured


def article_objects(page: Page) -> list[dict]:
    """Return the JSON-LD objects describing an article, article types first."""
    return structured(page).articles


def resolve(page: Page, node: Any) -> Any:
    """Return the JSON-LD object a ``{"@id": ...}`` reference points at, else ``node``."""
    if isinstance(node, dict) and set(node) == {"@id"}:
        for obj in structured(page).objects:
            if obj.get("@id") == node["@id"] and len(obj) > 1:
                return obj
    return node


def meta_values(page: Page, *keys: str) -> list[str]:
    """Return the ``content`` of the meta tags named by ``keys`` (lower case), in key order."""
    return structured(page).meta_values(*keys)


def meta_keys(page: Page) -> list[str]:
    """Return the lower-cased names of every meta tag with content, in page order."""
    return list(structured(page).metas)
