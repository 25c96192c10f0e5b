"""Turn page bytes into an lxml tree, and small lookups on that tree."""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import (HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction,
                       document_fromstring)

from newscrawl.extract.encoding import decode_html
from newscrawl.extract.text import clean_text

log = logging.getLogger(__name__)

_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False)
# Every element is a plain HtmlElement: lxml.html's own lookup is a Python call per
# element and made walking a page three times slower. Form-specific classes are not needed.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse_html(data: bytes, declared: str | None = None) -> tuple[HtmlElement, str]:
    """Return (document tree, encoding) for page bytes; an empty page gives an empty tree."""
    text, encoding = decode_html(data, declared)
    text = _XML_DECL.sub("", text, count=1).replace("\x00", "")
    if not text.strip():
        text = "<html><body></body></html>"
    try:
        tree = document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        log.debug("unparsable page (%s); using an empty tree", exc)
        tree = document_fromstring("<html><body></body></html>", parser=_PARSER)
    return tree, encoding


@lru_cache(maxsize=256)
def _compile(selector: str) -> etree.XPath:
    """Return a compiled XPath for a CSS or XPath selector string."""
    if selector.lstrip().startswith(("/", "(", ".")):
        return etree.XPath(selector)
    return CSSSelector(selector)


def select(tree: HtmlElement, selector: str | None) -> list:
    """Return the elements (or strings, for XPath) matching ``selector``; [] when none or invalid."""
    if not selector:
        return []
    try:
        result = _compile(selector)(tree)
    except (etree.XPathError, etree.XPathEvalError, SyntaxError, ValueError) as exc:
        log.warning("bad selector %r: %s", selector, exc)
        return []
    return result if isinstance(result, list) else [result]


def select_text(tree: HtmlElement, selector: str | None) -> str | None:
    """Return the cleaned text of the first non-empty match of ``selector``; None when none."""
    for item in select(tree, selector):
        text = item.text_content() if isinstance(item, etree._Element) else str(item)
        text = clean_text(text)
        if text:
            return text
    return None


def meta_map(tree: HtmlElement) -> dict[str, str]:
    """Return the page's ``<meta>`` values by lower-cased name/property/itemprop, first one wins."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key and key not in found:
            content = clean_text(meta.get("content"))
            if content:
                found[key] = content
    return found


def meta_content(tree: HtmlElement, *names: str) -> str | None:
    """Return the first non-empty ``<meta>`` content among ``names``; None when absent."""
    found = meta_map(tree)
    return next((found[n.lower()] for n in names if n.lower() in found), None)


def _flatten_ld(data) -> list[dict]:
    """Return every JSON-LD object in ``data``, following lists and @graph."""
    out: list[dict] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            if isinstance(item.get("@graph"), list):
                stack.extend(reversed(item["@graph"]))
    return out


def json_ld(tree: HtmlElement) -> list[dict]:
    """Return the page's JSON-LD objects in document order; [] when none parse."""
    objects: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            objects.extend(_flatten_ld(json.loads(script.text)))
        except ValueError:
            log.debug("skipping unparsable JSON-LD block")
    return objects


def ld_articles(tree: HtmlElement) -> list[dict]:
    """Return the JSON-LD objects that describe an article (NewsArticle, BlogPosting, ...)."""
    kinds = ("article", "posting", "report")
    result = []
    for obj in json_ld(tree):
        kind = obj.get("@type")
        names = kind if isinstance(kind, list) else [kind]
        if any(isinstance(n, str) and n.lower().endswith(kinds) for n in names):
            result.append(obj)
    return result
