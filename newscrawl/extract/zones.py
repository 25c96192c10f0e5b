"""Short text zones around the headline and the body, where bylines and dates live.

Field rules run their regexes over these zones only (a few hundred
characters each, built once per page and cached): after the headline, before
it, before the body, at the body's end and right after it. A date or a name in
a sidebar, a comment or a related-articles list is outside every zone. Each
text node is one line of a zone, so rules can tell a meta line from prose.
The one page-wide reader, ``document_lines``, is a last resort for dates and
skips comments, sidebars, menus and related lists.
"""

from __future__ import annotations

import re
from typing import Iterator

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.page import Page
from newscrawl.extract.parse import first_descendant

_SKIP = {"script", "style", "noscript", "template", "svg", "select", "textarea", "button"}
HEADER_LIMIT = 700  # characters read after the headline
BEFORE_LIMIT = 160  # characters read just before the headline (dates above a headline)
TAIL_LIMIT = 600  # characters read right after the body container


# Visible text nodes (tails included, in document order), skipping scripts and styles.
_VISIBLE = etree.XPath(
    ".//text()[not(parent::script or parent::style or parent::noscript or parent::template)]",
    smart_strings=False,
)


def _texts(el: HtmlElement) -> list[str]:
    """Return the text of ``el`` and its descendants in order, skipping scripts and styles."""
    if not isinstance(el.tag, str) or el.tag in _SKIP:
        return []
    if len(el) == 0:  # a leaf: no need for XPath
        return [el.text] if el.text else []
    return _VISIBLE(el)


def _reverse_texts(el: HtmlElement, with_tail: bool = False) -> Iterator[str]:
    """Yield the visible text of ``el`` backwards, lazily (the zone before a node stops early)."""
    if with_tail and el.tail:
        yield el.tail
    if not isinstance(el.tag, str) or el.tag in _SKIP:
        return
    if not len(el):  # a leaf: its own text is all there is
        text = el.text
        if text:
            yield text
        return
    # An explicit stack, not nested generators: a deep page would pass every text up the chain.
    stack = [el.iterchildren(reversed=True)]
    heads = [el.text]  # each open element's own text, due once its children are done
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            head = heads.pop()
            if head:
                yield head
            continue
        text = child.tail  # each read of .tail, .tag or .text builds a new string: read once
        if text:
            yield text
        tag = child.tag
        if tag.__class__ is str and tag not in _SKIP:
            if len(child):
                stack.append(child.iterchildren(reversed=True))
                heads.append(child.text)
            else:  # a leaf: its text now, without an iterator to open and close
                text = child.text
                if text:
                    yield text


def _lazy_texts(el: HtmlElement) -> Iterator[str]:
    """Yield the visible text of ``el`` in order, lazily (a zone stops reading early)."""
    if not isinstance(el.tag, str) or el.tag in _SKIP:
        return
    if not len(el):  # a leaf (most siblings a zone reads): no walker to build
        text = el.text
        if text:
            yield text
        return
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if not isinstance(node.tag, str) or node.tag in _SKIP:
                walker.skip_subtree()
            elif node.text:
                yield node.text
        elif node is not el and node.tail:
            yield node.tail


def element_text(el: HtmlElement) -> str:
    """Return the visible text of ``el`` (no scripts or styles)."""
    return "".join(_texts(el))


def _following(node: HtmlElement, stop: HtmlElement | None) -> Iterator[str]:
    """Yield text after ``node`` in document order, ending where ``stop`` begins."""
    inside = set(stop.iterancestors()) | {stop} if stop is not None else set()
    cur: HtmlElement | None = node
    while cur is not None:
        if cur.tail:
            yield cur.tail
        for sib in cur.itersiblings():
            if sib is stop:
                return
            if sib in inside:  # the body's container: read it up to the body
                yield from _until(sib, stop, inside)
                return
            yield from _lazy_texts(sib)
            if sib.tail:
                yield sib.tail
        cur = cur.getparent()
        if cur is not None and cur in inside:
            # The headline sits inside the body container: the body starts after
            # the headline, so keep reading the container's following siblings.
            inside = set()


def _until(el: HtmlElement, stop: HtmlElement, inside: set) -> Iterator[str]:
    """Yield text of ``el`` up to the start of its descendant ``stop``."""
    if el.text:
        yield el.text
    for child in el:
        if child is stop:
            return
        if child in inside:
            yield from _until(child, stop, inside)
            return
        yield from _lazy_texts(child)
        if child.tail:
            yield child.tail


def _take(chunks: Iterator[str], limit: int) -> str:
    """Return the first ``limit`` characters of ``chunks``, one text node a line.

    Whitespace inside a text node becomes one space; the line breaks keep text
    nodes apart, so a rule can tell a short meta line from a sentence of prose.
    """
    out: list[str] = []
    size = 0
    for chunk in chunks:
        chunk = " ".join(chunk.split())
        if chunk:
            out.append(chunk)
            size += len(chunk) + 1
            if size >= limit:
                break
    return "\n".join(out)[:limit]


def _cached(page: Page, kind: str, build) -> str:
    """Return the zone ``kind`` of ``page``, built once per headline/body pair and kept on the page."""
    hit = page.zones.get(kind)
    if hit is not None and hit[0] is page.title_node and hit[1] is page.body_node:
        return hit[2]
    text = build()
    page.zones[kind] = (page.title_node, page.body_node, text)
    return text


def headline_node(page: Page) -> HtmlElement | None:
    """Return the headline element: the located one, else the first ``<h1>``, else ``<h2>``."""
    if page.title_node is not None:
        return page.title_node
    found = first_descendant(page.tree, "h1")
    return found if found is not None else first_descendant(page.tree, "h2")


_NOISE = re.compile(r"comment|related|recommend|sidebar|reply|ranking|navbar|-nav|nav-", re.I)
_MAY_HOLD_DATE = re.compile(r"(?:19|20)\d\d|\d\.\d\d?\.\d\d")
_HIDDEN_TEXT = frozenset(("script", "style", "noscript", "template"))


def visible_text_nodes(root: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """Yield (text, owner) for each text node under ``root`` not directly in a script, style,
    noscript or template, in document order; ``owner`` is the element whose text or tail it is.

    The nodes ``_VISIBLE`` finds, with their ``getparent()``, but lazily: a reader that
    stops after its first 30,000 characters does not pay for the rest of the page.
    """
    tags: list = []  # tags of the elements open around the walk
    for event, node in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            tags.append(node.tag)
            if node.text and node.tag not in _HIDDEN_TEXT:
                yield node.text, node
            continue
        if event == "end":
            tags.pop()
        if tags and node.tail and tags[-1] not in _HIDDEN_TEXT:  # a comment's text is not shown, its tail is
            yield node.tail, node


def in_noise(el: HtmlElement) -> bool:
    """Return True when ``el`` sits in a comment, sidebar, navigation or related-articles block."""
    for anc in (el, *el.iterancestors()):
        if anc.tag in ("aside", "nav"):
            return True
        if _NOISE.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return True
    return False


def document_lines(page: Page, limit: int = 30000) -> list[str]:
    """Return the page's text lines that may hold a date, outside comments, sidebars,
    related lists and navigation (a last resort for pages whose header was not found)."""
    body = page.tree.find("body")
    out: list[str] = []
    size = 0
    before = ""  # a short text node just before, which may be the date's label ("发布时间:")
    for node, owner in visible_text_nodes(body if body is not None else page.tree):
        size += len(node)
        if size > limit:
            break
        text = " ".join(node.split())
        if _MAY_HOLD_DATE.search(text) and not in_noise(owner):
            out.append(f"{before} {text}" if before else text)
        if text:
            before = text if len(text) <= 20 else ""
    return out


def _header_text(page: Page, limit: int = HEADER_LIMIT) -> str:
    """Return the text between the headline and the body start (the article header)."""
    node = headline_node(page)
    if node is None:
        return ""
    stop = page.body_node
    if stop is not None and (stop is node or node in set(stop.iterancestors())):
        stop = None  # a headline node that contains the body: no boundary to honour
    return _take(_following(node, stop), limit)


def _preceding(node: HtmlElement, limit: int) -> str:
    """Return the last ``limit`` characters of text before ``node``, one text node a line."""
    chunks: list[str] = []
    size = 0
    cur: HtmlElement | None = node
    while cur is not None and size < limit:
        for sib in cur.itersiblings(preceding=True):
            for text in _reverse_texts(sib, with_tail=True):
                text = " ".join(text.split())
                if text:
                    chunks.append(text)
                    size += len(text) + 1
                    if size >= limit:
                        break
            if size >= limit:
                break
        cur = cur.getparent()
        if cur is None or size >= limit:
            break
        text = " ".join((cur.text or "").split())  # the parent's own text comes before all its children
        if text:
            chunks.append(text)
            size += len(text) + 1
        if cur.tag == "body":
            break  # what precedes <body> (the <head>, its <title>) is not on the page
    return "\n".join(reversed(chunks))[-limit:]


def _before_headline_text(page: Page, limit: int = BEFORE_LIMIT) -> str:
    """Return the last ``limit`` characters of text just before the headline."""
    node = headline_node(page)
    return _preceding(node, limit) if node is not None else ""


def _after_body_text(page: Page, limit: int = TAIL_LIMIT) -> str:
    """Return the text right after the body container (editor and source lines)."""
    if page.body_node is None:
        return ""
    return _take(_following(page.body_node, None), limit)


def header_text(page: Page, limit: int = HEADER_LIMIT) -> str:
    """Return the text between the headline and the body start (the article header)."""
    return _cached(page, "header_text:%d" % limit, lambda: _header_text(page, limit))


def before_headline_text(page: Page, limit: int = BEFORE_LIMIT) -> str:
    """Return the last characters of text just before the headline."""
    return _cached(page, "before_headline_text:%d" % limit, lambda: _before_headline_text(page, limit))


def after_body_text(page: Page, limit: int = TAIL_LIMIT) -> str:
    """Return the text right after the body container (editor and source lines)."""
    return _cached(page, "after_body_text:%d" % limit, lambda: _after_body_text(page, limit))


def body_tail_text(page: Page, limit: int = 300) -> str:
    """Return the last characters of the body container's text (editor and source lines
    that the paragraph finder may have left out)."""
    if page.body_node is None:
        return ""

    def build() -> str:
        tail: list[str] = []
        size = 0
        for chunk in _reverse_texts(page.body_node):
            chunk = " ".join(chunk.split())
            if chunk:
                tail.append(chunk)
                size += len(chunk) + 1
                if size >= limit:
                    break
        return "\n".join(reversed(tail))[-limit:]

    return _cached(page, "tail:%d" % limit, build)


def body_head_text(page: Page, limit: int = 200) -> str:
    """Return the first characters of the body container's text (a meta line the paragraph
    finder may have left out: "发布时间：… 来源：…")."""
    if page.body_node is None:
        return ""
    return _cached(page, "head:%d" % limit, lambda: _take(_lazy_texts(page.body_node), limit))


def before_body_text(page: Page, limit: int = BEFORE_LIMIT * 2) -> str:
    """Return the last characters of text just before the body container (its header)."""
    if page.body_node is None:
        return ""
    return _cached(page, "before-body:%d" % limit, lambda: _preceding(page.body_node, limit))
