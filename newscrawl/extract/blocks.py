"""Cut a parsed page into text blocks (paragraph candidates) in one walk.

A block is the run of inline text between two block-level boundaries (block
tags or ``<br>``), with what the body finder needs to judge it: its length, how
much of it is link text, the block elements around it, and whether it sits in
boilerplate (share bars, related links, footers), in a caption or after an image.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.hints import classify_hint
from newscrawl.extract.text import clean_text, has_punctuation

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav ul ol li dl dt dd table tbody thead "
    "tfoot tr td th caption h1 h2 h3 h4 h5 h6 blockquote pre figure figcaption form center "
    "address hr details summary fieldset body".split()
)
SKIP_TAGS = frozenset(
    "script style noscript iframe object embed svg canvas template select option button input "
    "textarea head video audio map math link meta title rt rp".split()
)
_BOLD = frozenset(("strong", "b"))
_INLINE = frozenset(
    "a span font em i b strong u small big label time abbr cite sup sub code q s mark ins del "
    "bdi bdo var kbd samp dfn tt nobr".split()
)
# One lookup per element instead of four set tests.
_BLOCK, _FURNITURE, _CAPTION_TAG, _LINK, _STRONG = 1, 2, 4, 8, 16
_LEAVES = frozenset(("br", "img", "hr"))
_COLLAPSED = frozenset(("nav", "footer", "aside"))
_PASSED = SKIP_TAGS | _LEAVES | _COLLAPSED  # tags that may be passed over (``_Walker.passed_over``)
_COLLAPSE_SHARE = 0.3  # of the page's text; a bigger region is walked like any other
BOILERPLATE_TAGS = frozenset(("nav", "footer", "aside", "header"))
_TAG_FLAGS = {
    **{tag: _BLOCK for tag in BLOCK_TAGS},
    **{tag: _BLOCK | _FURNITURE for tag in BOILERPLATE_TAGS},
    "figcaption": _BLOCK | _CAPTION_TAG, "a": _LINK, "strong": _STRONG, "b": _STRONG,
}
_PLAIN = (False, False, False)
_DIGITS = frozenset("0123456789")
# The length of an element's text (``len(el.text_content())``) counted by libxml2, without
# making the Python string.
_TEXT_LENGTH = etree.XPath("string-length()")
HEADING_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Elements that may hold a headline when their class or id says "title".
TITLE_HOSTS = frozenset(("div", "p", "span", "td", "strong", "b", "header"))


@dataclass(slots=True)
class Block:
    """One run of text between block boundaries."""

    text: str
    link_chars: int
    stack: tuple  # block elements enclosing the text, outermost first
    boilerplate: tuple  # boilerplate elements enclosing the text
    caption: bool  # inside a figcaption or a caption-classed element
    after_image: bool  # an image came right before it
    heading: bool  # owner is h1..h6
    index: int  # position in the walk
    prose: int  # characters of sentence-like unlinked text (0 for labels and link lists)
    bold: bool  # all of it is in <strong>/<b> (a sub-heading rather than a caption)

    @property
    def centered(self) -> bool:
        """Return True when the block's owner is centre-aligned (asked of few blocks: not stored)."""
        return bool(self.stack) and _centered(self.stack[-1])


def _hidden(get) -> bool:
    """Return True when the element whose ``get`` is given is hidden from readers by markup."""
    style = get("style")
    if get("hidden") is not None:
        return True
    if style:
        style = style.replace(" ", "").lower()
        return "display:none" in style or "visibility:hidden" in style
    return False


def _prose(text: str, links: int) -> int:
    """Return how many characters of sentence-like, unlinked text a block holds (0 if none)."""
    own = len(text) - links
    if links * 2 > len(text) or (own < 25 and not has_punctuation(text)):
        return 0
    return own


def _centered(el: HtmlElement) -> bool:
    """Return True when ``el`` is centre-aligned by attribute or inline style."""
    if (el.get("align") or "").lower() == "center" or el.tag == "center":
        return True
    style = el.get("style")
    return bool(style) and "center" in style.lower()


class _Walker:
    """Depth-first walk collecting blocks; state lives here, not in globals."""

    def __init__(self, root: HtmlElement) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.stack: list[HtmlElement] = []
        self.boiler: list[HtmlElement] = []
        self.captions = 0
        self.links = 0
        self.bold = 0  # depth of <strong>/<b> elements
        self.bold_chars = 0
        self.image = False
        # Headline candidates (headings, title-named blocks) -> number of blocks before them.
        self.headings: dict[HtmlElement, int] = {}
        self.hidden: list[HtmlElement] = []  # outermost elements hidden by markup, skipped
        self.images: list[tuple[HtmlElement, int]] = []  # each <img> walked, with the number of blocks before it
        self.numbered: list[HtmlElement] = []  # elements entered whose id ends in a digit (forum posts: threads.py)
        self.root = root
        self.page_chars: int | None = None  # length of the page's text, measured when needed

    def add(self, text: str | None) -> None:
        """Append inline text to the current block."""
        if text:
            if not self.parts and text.isspace():
                return  # a block's leading whitespace (indentation) changes nothing in it
            self.parts.append(text)
            if self.links:
                self.link_chars += len(text.strip())
            if self.bold:
                self.bold_chars += len(text.strip())

    def flush(self) -> None:
        """Close the current block, keeping it when it has text."""
        if not self.parts:
            return
        raw = "".join(self.parts)
        self.parts = []
        links, self.link_chars = self.link_chars, 0
        bold, self.bold_chars = self.bold_chars, 0
        if raw.isspace():
            return
        text = clean_text(raw)
        if not text:
            return
        size = len(text)
        if links > size:
            links = size
        self.blocks.append(
            Block(text, links, tuple(self.stack), tuple(self.boiler) if self.boiler else (),
                  self.captions > 0, self.image, self.stack[-1].tag in HEADING_TAGS,
                  len(self.blocks), _prose(text, links),
                  bold > 0 and bold >= len(text.replace(" ", "")))  # cleaned text is never all spaces
        )
        self.image = False

    def heading(self, el: HtmlElement) -> None:
        """Record a headline candidate (and, for a heading, its kicker/headline children)."""
        index = len(self.blocks)
        self.headings[el] = index
        if el.tag in HEADING_TAGS:
            for child in el:
                if child.tag.__class__ is str:
                    self.headings[child] = index

    @staticmethod
    def titled(el: HtmlElement, tag: str) -> bool:
        """Return True when a childless inline element is named as a title."""
        if tag not in TITLE_HOSTS:
            return False
        cls, ident = el.get("class"), el.get("id")
        return bool(cls or ident) and classify_hint(f"{cls} {ident}")[2]

    def collapse(self, el: HtmlElement) -> bool:
        """Record a navigation/footer/side column as one furniture block; False to walk it instead.

        Such regions rarely hold the article text, but their weight keeps the body
        finder from choosing the whole page; on modern pages they are 40% of the
        elements, so their text is taken in one C-level call. One that holds a
        large part of the page's text (an article misfiled in an <aside>) is walked.
        """
        raw = el.text_content()
        if self.page_chars is None:  # measured on first need: most Chinese pages have no <nav>
            self.page_chars = int(_TEXT_LENGTH(self.root))
        if len(raw) > self.page_chars * _COLLAPSE_SHARE:
            return False
        self.flush()
        index = len(self.blocks)
        for heading in el.iter(*HEADING_TAGS):  # breadcrumb headlines still count as evidence
            self.headings[heading] = index
        text = clean_text(raw)
        if text:
            self.blocks.append(Block(text, len(text), (*self.stack, el), (*self.boiler, el), False,
                                     False, False, index, 0, False))
        self.image = False
        return True

    def walk(self, el: HtmlElement) -> None:
        """Visit ``el`` and its subtree, then its tail."""
        tag = el.tag
        if tag in _PASSED or tag.__class__ is not str or el.get("style") is not None or el.get("hidden") is not None:
            if self.passed_over(el, tag):
                self.add(el.tail)
                return
        flags = self.open(el, tag)
        text = el.text  # each read of .text or .tail builds a new string: read once
        if text:
            self.add(text)
        for child in el:
            ctag = child.tag
            # Fast path: a childless inline element (most links and spans) only adds text;
            # furniture and caption names on it cannot matter, no block closes inside it.
            if (ctag in _INLINE and not len(child) and child.get("style") is None
                    and child.get("hidden") is None
                    and (ctag not in TITLE_HOSTS or not self.titled(child, ctag))):
                text = child.text
                if text:
                    self.add_inline(text, ctag)
                text = child.tail
                if text:
                    self.add(text)
            elif ctag in SKIP_TAGS:  # never walked, whatever its attributes: only its tail counts
                text = child.tail
                if text:
                    self.add(text)
            else:
                self.walk(child)
        if flags:
            self.close(flags)
        text = el.tail
        if text:
            self.add(text)

    def passed_over(self, el: HtmlElement, tag) -> bool:
        """Return True when ``el``'s subtree is not walked: script-like, hidden, a leaf, a collapsed region."""
        if tag.__class__ is not str or tag in SKIP_TAGS:
            return True
        get = el.get
        if (get("style") is not None or get("hidden") is not None) and _hidden(get):
            self.hidden.append(el)
            return True
        if tag in _LEAVES:
            if self.parts:
                self.flush()
            if tag == "img":
                self.image = True
                self.images.append((el, len(self.blocks)))
            return True
        return tag in _COLLAPSED and self.collapse(el)

    def open(self, el: HtmlElement, tag: str) -> int:
        """Enter ``el``: record a headline candidate, push it where its tag and names say; return its flags."""
        cls, ident = el.get("class"), el.get("id")
        boiler, caption, titled = classify_hint(f"{cls} {ident}") if cls or ident else _PLAIN
        if ident and ident[-1] in _DIGITS:
            self.numbered.append(el)
        if tag in HEADING_TAGS or (titled and tag in TITLE_HOSTS and len(el) <= 3):
            if tag in BLOCK_TAGS or tag in HEADING_TAGS:
                self.flush()
            self.heading(el)
        flags = _TAG_FLAGS.get(tag, 0)
        if flags & _BLOCK:
            if self.parts:
                self.flush()
            self.stack.append(el)
        if boiler or flags & _FURNITURE:
            flags |= _FURNITURE
            self.boiler.append(el)
        if caption or flags & _CAPTION_TAG:
            flags |= _CAPTION_TAG
            self.captions += 1
        if flags & _LINK:
            self.links += 1
        if flags & _STRONG:
            self.bold += 1
        return flags

    def close(self, flags: int) -> None:
        """Leave an element entered with ``flags``: close its block, undo what it pushed."""
        if flags & _BLOCK:
            if self.parts:
                self.flush()
            self.stack.pop()
        if flags & _LINK:
            self.links -= 1
        if flags & _STRONG:
            self.bold -= 1
        if flags & _FURNITURE:
            self.boiler.pop()
        if flags & _CAPTION_TAG:
            self.captions -= 1

    def add_inline(self, text: str, tag: str) -> None:
        """Append the text of a childless inline element (a link or bold one counts as such)."""
        self.parts.append(text)
        if tag == "a" or self.links:
            self.link_chars += len(text.strip())
        if tag in _BOLD or self.bold:
            self.bold_chars += len(text.strip())


def blocks_inside(blocks: list[Block], container: HtmlElement) -> list[Block]:
    """Return the blocks inside ``container``, in order.

    Stacks start at the walk's root, so the container sits at the same depth in
    every stack that holds it: one identity test per block, not a search.
    """
    inside: list[Block] = []
    depth = -1
    for block in blocks:
        stack = block.stack
        if depth < 0:
            if container in stack:
                depth = stack.index(container)
                inside.append(block)
        elif len(stack) > depth and stack[depth] is container:
            inside.append(block)
    return inside


class Walk(NamedTuple):
    """What one walk over a subtree found."""

    blocks: list[Block]  # text blocks in reading order
    headings: dict[HtmlElement, int]  # headline candidate -> number of blocks before it, in document order
    hidden: list[HtmlElement]  # outermost elements hidden by markup (not walked)
    images: list[tuple[HtmlElement, int]]  # each <img> walked, with the number of blocks before it
    numbered: tuple | list = ()  # the elements entered whose id ends in a digit, in document order


def collect_blocks(root: HtmlElement) -> Walk:
    """Return the text blocks under ``root`` in reading order, the headline candidates, hidden elements
    and images."""
    walker = _Walker(root)
    walker.stack.append(root)
    walker.add(root.text)
    for child in root:
        walker.walk(child)
    walker.flush()
    return Walk(walker.blocks, walker.headings, walker.hidden, walker.images, walker.numbered)
