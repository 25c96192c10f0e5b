"""Turn page bytes into an lxml tree, and small lookups on that tree."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import (HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction,
                       document_fromstring)

from newscrawl.extract.encoding import decode_html, utf8_shows_text
from newscrawl.extract.jsonld import read_structured
from newscrawl.extract.text import clean_text

log = logging.getLogger(__name__)

# The encoding is decided by decode_html; libxml2 always gets UTF-8 bytes and is told so,
# so a lying <meta charset> cannot change its mind.
# No ID table (collect_ids): nothing looks elements up by ID through libxml2, and building it
# is a tenth of the parse.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False,
                           encoding="utf-8", collect_ids=False)
# Every element is a plain HtmlElement: lxml.html's own lookup is a Python call per
# element and made walking a page three times slower. Form-specific classes are not needed.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
_EMPTY = b"<html><body></body></html>"
# libxml2 checks each attribute of a tag against all the others before it: a tag of tens of
# thousands of attributes (a page whose '>' are lost makes the rest of it one tag) takes
# seconds to minutes. Only tags longer than _LONG_TAG bytes are looked at; one with more than
# _MANY_ATTRIBUTES is read as text instead ('<' written as '&lt;').
_LONG_TAG = 16 * 1024
_MANY_ATTRIBUTES = 1000
_TAG_START = re.compile(rb"<(?:(script|style)\b|!--|[A-Za-z])", re.IGNORECASE)
_TAG_OPEN = re.compile(rb"<[A-Za-z]")
_END_TAGS = {name: re.compile(rb"</" + name, re.IGNORECASE) for name in (b"script", b"style")}
# What the scan steps over, in one regex call: text, a '<' that starts no tag (end tags,
# "a < b"), a script or style up to its end tag, a comment, and a tag that closes within
# _LONG_TAG bytes. Where it stops, a longer tag starts (a few a page, not thousands of tags).
_SHORT_RUN = re.compile(
    rb"(?:[^<]++|<(?![A-Za-z]|!--)"
    rb"|<script\b(?:[^<]++|<(?!/script))*+(?:</script)?"
    rb"|<style\b(?:[^<]++|<(?!/style))*+(?:</style)?"
    rb"|<!--(?:[^-]++|-(?!->))*+(?:-->)?"
    rb"|<(?!(?:script|style)\b)[A-Za-z][^>]{0,%d}>)*+" % (_LONG_TAG - 2), re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")


def _utf8(data: bytes, text: str, encoding: str) -> bytes:
    """Return the page as UTF-8 bytes, reusing the input when it already is clean UTF-8."""
    if encoding == "utf-8" and b"\x00" not in data:
        return data
    return text.replace("\x00", "").encode("utf-8", "replace")


def defuse_giant_tags(raw: bytes) -> bytes:
    """Return ``raw`` with each tag of pathologically many attributes turned into text (see _LONG_TAG).

    Scripts, styles and comments are stepped over whole: a ``<`` in them starts no tag.
    """
    if not has_long_stretch(raw) or not _may_hold_giant_tag(raw):
        return raw  # no stretch without '>' is long enough to hold such a tag (nearly every page)
    out, start, cut = [], 0, 0
    # Text and short tags are stepped over in one regex call; the loop sees only scripts,
    # styles, comments and tags too long for _SHORT_RUN (a few dozen a page, not thousands).
    while (found := _TAG_START.match(raw, _SHORT_RUN.match(raw, start).end())) is not None:
        opening = found.start()
        if found.group(1) is not None:  # <script>, <style>: up to their end tag
            end = _END_TAGS[found.group(1).lower()].search(raw, found.end())
            start = len(raw) if end is None else end.end()
            continue
        if found.group(0) == b"<!--":
            end = raw.find(b"-->", found.end())
            start = len(raw) if end == -1 else end + 3
            continue
        closing = raw.find(b">", opening)
        end = len(raw) if closing == -1 else closing
        if end - opening > _LONG_TAG and _count_attributes(raw[opening + 1:end]) > _MANY_ATTRIBUTES:
            out += [raw[cut:opening], raw[opening:end].replace(b"<", b"&lt;")]
            cut = end
        start = end + 1
    return raw if not out else b"".join([*out, raw[cut:]])


def has_long_stretch(raw: bytes) -> bool:
    """Return True when ``raw`` may hold more than _LONG_TAG bytes without a '>' (a quick, safe test).

    Such a stretch covers at least one whole window of _LONG_TAG/2 bytes starting at a
    multiple of that size, so looking for a '>' in each window finds every one (and
    a few shorter stretches too); a search per window instead of a split of the page.
    """
    step = _LONG_TAG // 2
    find = raw.find
    return any(find(b">", start, start + step) == -1 for start in range(0, len(raw) - step + 1, step))


def _may_hold_giant_tag(raw: bytes) -> bool:
    """Return True when a tag start ('<' and a letter) opens a stretch without '>' longer than _LONG_TAG.

    Such a stretch covers a whole window of _LONG_TAG/2 bytes (see ``has_long_stretch``);
    the stretches that do are measured, and a tag start looked for where one would be too
    long: most long stretches are scripts and data, with no tag start that far from a '>'.
    """
    step = _LONG_TAG // 2
    find = raw.find
    checked = 0  # where the last stretch measured ends
    for window in range(0, len(raw) - step + 1, step):
        if window < checked or find(b">", window, window + step) != -1:
            continue
        begin = raw.rfind(b">", 0, window) + 1
        end = find(b">", window)
        checked = end = len(raw) if end == -1 else end
        if end - begin > _LONG_TAG and _TAG_OPEN.search(raw, begin, end - _LONG_TAG + 1):
            return True
    return False


def _count_attributes(tag: bytes) -> int:
    """Return how many attributes a tag's inside holds (a quoted value, however long, is one)."""
    return sum(1 for _ in _ATTRIBUTE.finditer(tag))


def parse_html(data: bytes, declared: str | None = None) -> tuple[HtmlElement, str]:
    """Return (document tree, encoding) for page bytes; an empty page gives an empty tree."""
    shown = utf8_shows_text(data)
    if shown is not None:  # UTF-8, as decode_html would decide first: the bytes go to libxml2 as they are
        encoding = "utf-8"
        raw = defuse_giant_tags(data if b"\x00" not in data else data.replace(b"\x00", b"")) if shown else _EMPTY
    else:
        text, encoding = decode_html(data, declared)
        raw = defuse_giant_tags(_utf8(data, text, encoding)) if text and not text.isspace() else _EMPTY
    try:
        tree = document_fromstring(raw, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        log.debug("unparsable page (%s); using an empty tree", exc)
        tree = document_fromstring(_EMPTY, parser=_PARSER)
    return tree, encoding


@lru_cache(maxsize=256)
def _compile(selector: str) -> etree.XPath:
    """Return a compiled XPath for a CSS or XPath selector string."""
    if selector.lstrip().startswith(("/", "(", ".")):
        return etree.XPath(selector)
    return CSSSelector(selector, translator="html")


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


_FIRST: dict[str, etree.XPath] = {}


def first_descendant(tree: HtmlElement, tag: str) -> HtmlElement | None:
    """Return the first ``tag`` element under ``tree`` in document order; None when there is none.

    ``tree.find(".//tag")`` and ``next(tree.iter(tag))`` give the same element but
    look ahead for a second one, reading the whole page; this XPath stops at the first.
    """
    path = _FIRST.get(tag)
    if path is None:
        path = _FIRST[tag] = etree.XPath(f"descendant::{tag}[1]")
    found = path(tree)
    return found[0] if found else None


def meta_content(tree: HtmlElement, *names: str) -> str | None:
    """Return the first non-empty ``<meta>`` content among ``names``; None when absent."""
    values = read_structured(tree).meta_values(*(n.lower() for n in names))
    return clean_text(values[0]) if values else None


_NOSCRIPT_PAGE_MIN = 500  # characters: a tracking pixel's or a "please enable JavaScript" note is shorter
_SCRIPTED = frozenset(("script", "style", "template", "noscript"))


def show_noscript_page(tree: HtmlElement) -> None:
    """Unwrap, in place, each ``<noscript>`` that is the only text of the element holding it.

    Some sites send a page, or an article's text, inside ``<noscript>`` and draw it
    again with a script (from a ``<script type="text/template">`` copy, say); a
    reader without scripts (this extractor) sees the ``<noscript>`` text.
    """
    for el in list(tree.iter("noscript")):
        size = len(el.text_content())
        parent = el.getparent()
        if size < _NOSCRIPT_PAGE_MIN or parent is None:
            continue
        other = len((parent.text or "").strip()) + sum(
            len((child.tail or "").strip()) + (0 if child.tag in _SCRIPTED else len(child.text_content()))
            for child in parent)
        if other * 10 < size:
            el.drop_tag()
