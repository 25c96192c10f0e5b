"""Cut a parsed page into text blocks (paragraph candidates) in one walk.

A block is the run of inline text between two block-level boundaries (block
tags or ``<br>``), with what the body finder needs to judge it: its length, how
much of it is link text, the block elements around it, and whether it sits in
boilerplate (share bars, related links, footers), in a caption or after an image.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from newscrawl.extract.text import clean_text

BLOCK_TAGS = frozenset(
    "p div section article main header footer aside nav ul ol li dl dt dd table tbody thead "
    "tfoot tr td th caption h1 h2 h3 h4 h5 h6 blockquote pre figure figcaption form center "
    "address hr details summary fieldset body".split()
)
SKIP_TAGS = frozenset(
    "script style noscript iframe object embed svg canvas template select option button input "
    "textarea head video audio map math link meta title".split()
)
BOILERPLATE_TAGS = frozenset(("nav", "footer", "aside", "header"))
# Class/id words of page furniture, as many newspapers name it (pinyin ones too:
# xgxw 相关新闻, tuijian 推荐, fenxiang 分享).
_BOILERPLATE = re.compile(
    r"comment|share|sharing|social|related|recommend|sidebar|side-bar|footer|breadcrumb|crumb"
    r"|copyright|advert|promo|subscribe|newsletter|toolbar|widget|popup|modal|login|signup"
    r"|byline|author|keyword|xgxw|xgyd|tuijian|fenxiang|hotnews|hot-news|paging|pagination"
    r"|pager|outbrain|taboola|disclaimer|(?:^|[\s_-])(?:nav|menu|tags?|ads?|ad-\w+|rank|foot"
    r"|bottom|top-?bar|more|hot|share-?\w*)(?:$|[\s_-])",
    re.I,
)
_CAPTION = re.compile(
    r"caption|img-?desc|pic-?desc|img_?descr|img-?txt|pic-?txt|imgtxt|pictext|photo-?credit"
    r"|(?:^|[\s_-])credit|illustration",
    re.I,
)


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
    centered: bool  # owner is centre-aligned
    index: int  # position in the walk


def _hidden(el: HtmlElement) -> bool:
    """Return True when ``el`` is hidden from readers by markup."""
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style:
        style = style.replace(" ", "").lower()
        return "display:none" in style or "visibility:hidden" in style
    return False


def _centered(el: HtmlElement) -> bool:
    """Return True when ``el`` is centre-aligned by attribute or inline style."""
    if (el.get("align") or "").lower() == "center" or el.tag == "center":
        return True
    style = el.get("style")
    return bool(style) and "center" in style.lower()


class _Walker:
    """Depth-first walk collecting blocks; state lives here, not in globals."""

    def __init__(self, marker: HtmlElement | None) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.stack: list[HtmlElement] = []
        self.boiler: list[HtmlElement] = []
        self.captions = 0
        self.links = 0
        self.image = False
        self.marker = marker  # an element whose position in the walk we want
        self.marker_index: int | None = None

    def add(self, text: str | None) -> None:
        """Append inline text to the current block."""
        if text:
            self.parts.append(text)
            if self.links:
                self.link_chars += len(text.strip())

    def flush(self) -> None:
        """Close the current block, keeping it when it has text."""
        if not self.parts:
            return
        text = clean_text("".join(self.parts))
        self.parts = []
        links, self.link_chars = self.link_chars, 0
        if not text or not self.stack:
            return
        owner = self.stack[-1]
        self.blocks.append(
            Block(text, min(links, len(text)), tuple(self.stack), tuple(self.boiler),
                  self.captions > 0, self.image, owner.tag in ("h1", "h2", "h3", "h4", "h5", "h6"),
                  _centered(owner), len(self.blocks))
        )
        self.image = False

    def walk(self, el: HtmlElement) -> None:
        """Visit ``el`` and its subtree, then its tail."""
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS or _hidden(el):
            self.add(el.tail)
            return
        if tag == "br":
            self.flush()
            self.add(el.tail)
            return
        if tag == "img":
            self.flush()
            self.image = True
            self.add(el.tail)
            return
        if el is self.marker:
            self.flush()
            self.marker_index = len(self.blocks)
        block = tag in BLOCK_TAGS
        hint = (el.get("class") or "") + " " + (el.get("id") or "")
        boiler = tag in BOILERPLATE_TAGS or (len(hint) > 1 and _BOILERPLATE.search(hint) is not None)
        caption = tag == "figcaption" or (len(hint) > 1 and _CAPTION.search(hint) is not None)
        if block:
            self.flush()
            self.stack.append(el)
        self.boiler.append(el) if boiler else None
        self.captions += caption
        self.links += tag == "a"
        self.add(el.text)
        for child in el:
            self.walk(child)
        if block:
            self.flush()
            self.stack.pop()
        if boiler:
            self.boiler.pop()
        self.captions -= caption
        self.links -= tag == "a"
        self.add(el.tail)


def collect_blocks(root: HtmlElement, marker: HtmlElement | None = None) -> tuple[list[Block], int | None]:
    """Return the text blocks under ``root`` in reading order, and where ``marker`` starts (None if unseen)."""
    walker = _Walker(marker)
    walker.stack.append(root)
    walker.add(root.text)
    for child in root:
        walker.walk(child)
    walker.flush()
    return walker.blocks, walker.marker_index
