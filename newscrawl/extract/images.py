"""Collect the article's pictures where they stand among its paragraphs, with captions and alt text.

A picture is an ``<img>`` inside the text's container. Icons and tracking
pixels (declared tiny) and images in furniture-named boxes inside the
container (share bars, related cards) are left out. Lazy-loading pages keep
the real address in an attribute of their own and a placeholder in ``src``,
so those attributes come first, then the largest ``srcset`` candidate, then
``src``.

A caption is, in order: the ``<figcaption>`` (or a caption-named element) of
the ``<figure>`` holding the picture, else the text block right under it when
that block reads as a caption (``lines.is_caption``: a caption-named box,
「图为…」, a short centred or unfinished line). The body finder never keeps a
caption as a paragraph; a block it kept is never a caption.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.blocks import Block
from newscrawl.extract.hints import classify_hint
from newscrawl.extract.lines import is_caption
from newscrawl.extract.text import clean_text

_ICON_MAX = 40  # pixels; smaller declared images are icons, not pictures
# Where lazy-loading scripts keep the real address (``src`` then holds a placeholder).
_LAZY_ATTRS = ("data-original", "data-src", "data-lazy-src", "data-actualsrc", "data-url", "data-echo",
               "original", "file")
_SRCSET_ATTRS = ("data-srcset", "srcset")
_SRCSET_WIDTH = re.compile(r"^(\d+)[wx]$")
_CAPTION_MAX = 300  # characters; a longer "caption" is article text the page put in a figure
# The editors' line closing an article ("[责任编辑：…]") is no caption of the picture above it.
_EDITOR_LINE = re.compile(r"^[\s(（\[【]*(责任编辑|责编|值班编辑|编辑|校对|审核|审校|editor)\s*[:：]", re.I)


@dataclass(frozen=True)
class Picture:
    """One picture of the article: where it is, where it stands, what it shows."""

    url: str  # absolute http(s) address of the image
    position: int  # how many paragraphs precede it (0: before the first; len(paragraphs): after the last)
    caption: str | None = None
    alt: str | None = None

    def to_dict(self) -> dict:
        """Return the picture as the item carries it (``file``: the archived copy, set when kept;
        ``error``: why keeping it failed)."""
        # Fields named, not dataclasses.asdict: asdict deep-copies each one (~25 µs a picture, in the crawl's thread).
        return {"url": self.url, "position": self.position, "caption": self.caption, "alt": self.alt,
                "file": None, "error": None}


def _icon(img: HtmlElement) -> bool:
    """Return True when the image declares itself tiny (icons, tracking pixels)."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _ICON_MAX:
            return True
    return False


def _in_furniture(el: HtmlElement, regions: tuple[HtmlElement, ...]) -> bool:
    """Return True when ``el`` sits in a furniture-named element (or a caption) inside one of ``regions``."""
    for parent in el.iterancestors():
        if any(parent is region for region in regions):
            return False
        if parent.tag == "figcaption":  # an icon beside a caption's words
            return True
        cls, ident = parent.get("class"), parent.get("id")
        if (cls or ident) and classify_hint(f"{cls} {ident}")[0]:
            return True
    return False


def _largest_candidate(srcset: str) -> str | None:
    """Return the widest (or densest) address of a ``srcset``; None when it names none."""
    best, best_size = None, -1
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts or parts[0].startswith("data:"):
            continue
        match = _SRCSET_WIDTH.match(parts[1]) if len(parts) > 1 else None
        size = int(match.group(1)) if match else 0
        if size > best_size:
            best, best_size = parts[0], size
    return best


def image_sources(img: HtmlElement) -> list[str]:
    """Return the addresses an ``<img>`` may really show, as written, best first (``data:`` ones left out).

    Lazy-loading attributes first, then the largest ``srcset`` candidate, then ``src``.
    """
    found = [(img.get(attr) or "").strip() for attr in _LAZY_ATTRS]
    found += [_largest_candidate(img.get(attr) or "") or "" for attr in _SRCSET_ATTRS]
    found.append((img.get("src") or "").strip())
    return [src for src in found if src and not src.startswith("data:")]


def image_source(img: HtmlElement) -> str | None:
    """Return the address an ``<img>`` really shows, as written; None when it has none."""
    sources = image_sources(img)
    return sources[0] if sources else None


def absolute_image_url(src: str, url: str | None) -> str | None:
    """Return ``src`` as an absolute http(s) URL against the page's ``url``; None when it is none."""
    try:
        absolute = urljoin(url, src) if url else src
    except ValueError:  # a bracketed host that is no IP address ("//[x]/a.jpg"): no URL at all
        return None
    if absolute.startswith("//"):
        absolute = "https:" + absolute
    return absolute if absolute.startswith(("http://", "https://")) else None


def _figure_caption(img: HtmlElement, regions: tuple[HtmlElement, ...]) -> str | None:
    """Return the caption of the ``<figure>`` holding ``img`` inside ``regions``; None without one."""
    for parent in img.iterancestors():
        if any(parent is region for region in regions):
            return None
        if parent.tag == "figure":
            caption = next(parent.iter("figcaption"), None)
            if caption is None:
                caption = next((el for el in parent.iter() if el.tag.__class__ is str and el.get("class")
                                and classify_hint(el.get("class"))[1]), None)
            return _caption_text(_shown_text(caption)) if caption is not None else None
    return None


def _shown_text(el: HtmlElement) -> str:
    """Return the text of ``el`` a reader sees: not its scripts' or styles' code."""
    return "".join(_SHOWN_TEXT(el))


_SHOWN_TEXT = etree.XPath(".//text()[not(ancestor::script) and not(ancestor::style)]", smart_strings=False)  # compiled once


def _caption_text(raw: str) -> str | None:
    """Return a caption's text; None for a line that is no caption (a lead-in to a list, a credit line)."""
    text = clean_text(raw)
    if not text or len(text) > _CAPTION_MAX or text.endswith((":", "：")) or _EDITOR_LINE.match(text):
        return None
    return text


def _reads_as_caption(block: Block) -> bool:
    """Return True when ``block`` reads as a caption (a link's text is a teaser's title, not a caption)."""
    return block.link_chars * 2 <= len(block.text) and is_caption(block)


def _block_caption(blocks: list[Block], index: int, taken: set[int]) -> str | None:
    """Return the text of the block right under a picture when it reads as a caption."""
    if index >= len(blocks) or index in taken:
        return None
    block = blocks[index]
    return _caption_text(block.text) if _reads_as_caption(block) else None


def _past_the_text(blocks: list[Block], known: list[int], index: int,
                   regions: tuple[HtmlElement, ...]) -> bool:
    """Return True when a picture standing before block ``index`` follows the article instead of ending it.

    After the last paragraph, a picture ends the article only when nothing but
    captions lies between them, and what comes under it is a caption or no
    more of the text's container: a picture above other text (a teaser card,
    a QR code's "scan me", the share bar's words) belongs to that text.
    """
    if not known or index <= known[-1]:
        return False
    if any(not _reads_as_caption(blocks[i]) for i in range(known[-1] + 1, min(index, len(blocks)))):
        return True
    under = blocks[index] if index < len(blocks) else None
    if under is None or not any(region in under.stack for region in regions):
        return False
    return not _reads_as_caption(under)


def find_pictures(images: list[tuple[HtmlElement, int]], blocks: list[Block], anchors: list[int | None],
                  regions: tuple[HtmlElement, ...], url: str | None) -> list[Picture]:
    """Return the article's pictures in reading order, each once, with captions and positions.

    ``images`` are the text's ``<img>`` elements with the number of walked
    ``blocks`` before each; ``anchors`` the block index of each paragraph
    (all None: the text came from data, and the pictures follow it).
    """
    known = sorted(a for a in anchors if a is not None)
    taken = set(known)
    pictures: list[Picture] = []
    seen: set[str] = set()
    for n, (img, index) in enumerate(images):
        if _icon(img) or _in_furniture(img, regions) or _past_the_text(blocks, known, index, regions):
            continue
        absolute = next(filter(None, (absolute_image_url(src, url) for src in image_sources(img))), None)
        if absolute is None or absolute in seen:
            continue
        seen.add(absolute)
        # A line under several pictures in a row captions the last of them.
        last = n + 1 == len(images) or images[n + 1][1] != index
        caption = _figure_caption(img, regions) or (_block_caption(blocks, index, taken) if last else None)
        position = bisect_left(known, index) if known else len(anchors)
        pictures.append(Picture(absolute, position, caption, clean_text(img.get("alt") or "") or None))
    return pictures
