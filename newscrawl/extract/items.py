"""Lists of items inside the article's container: teaser cards, comments, the posts of a thread.

Portals put related-article cards (a linked headline, a blurb, a date) and
comment threads (a name, a text, a time, a reply link) inside the element
that holds the article. They are recognised by their shape, whatever their
class names: three or more sibling elements of one kind, each holding a
linked line or a date stamp beside other lines. When next to all the text is
in such items they are the content (a forum thread's posts, a live blog);
otherwise they are furniture around the article and go.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newscrawl.extract.blocks import Block

_MIN_ITEMS = 3
_STAMP = re.compile(r"(?:19|20)\d\d[-/.年]\d{1,2}|\d{1,2}[-/月]\d{1,2}日?\s+\d{1,2}:\d\d|\d{1,2}:\d\d"
                    r"|\d+\s*(?:分钟|小时|天)前|\b\d+\s+(?:minutes?|hours?|days?)\s+ago\b", re.I)
_STAMP_MAX = 40  # a longer line with a date in it is a sentence, not a stamp
_HEADING_MAX = 20
_BLURB_MAX = 300  # characters of prose in a teaser card; more is a passage of the article
# Below this share of the prose outside every list, the lists are the content (a thread's posts).
_OUTSIDE_MIN = 0.25


def _linked(block: Block) -> bool:
    """Return True for a line that is all link (a headline linking elsewhere, a user name)."""
    return len(block.text) >= 2 and block.link_chars * 10 >= len(block.text) * 9


def _stamp(block: Block) -> bool:
    """Return True for a short line carrying a date or time (a teaser's or a comment's stamp)."""
    return len(block.text) <= _STAMP_MAX and _STAMP.search(block.text) is not None


def _items(blocks: list[Block], container: HtmlElement) -> tuple[dict[HtmlElement, list[Block]], set]:
    """Return every element inside ``container`` (below it) mapped to the blocks it holds, and the
    elements that hold a linked line or a stamp."""
    held: dict[HtmlElement, list[Block]] = {}
    marked: set = set()
    start = -1
    for block in blocks:  # all inside the container, which sits at one depth in every stack
        stack = block.stack
        if start < 0:
            start = stack.index(container) + 1
        mark = _linked(block) or _stamp(block)
        for el in stack[start:]:
            members = held.get(el)
            if members is None:
                members = held[el] = []
            members.append(block)
            if mark:
                marked.add(el)
    return held, marked


def _signature(el: HtmlElement) -> tuple[str, str]:
    """Return what makes sibling items alike: tag and class."""
    return el.tag, el.get("class") or ""


def item_lists(blocks: list[Block], container: HtmlElement) -> list[list[list[Block]]]:
    """Return the runs of alike sibling items inside ``container``, each item (a card, a comment,
    a post) as the blocks it holds.

    A run is broken by a sibling of another kind that holds text (the heading
    between a related list and the comments); siblings without text are skipped.
    """
    held, marked = _items(blocks, container)
    parents = {id(el.getparent()): el.getparent() for el in marked if len(held[el]) >= 2}
    runs: list[list[list[Block]]] = []
    for parent in parents.values():
        run: list[list[Block]] = []
        kind = None
        for child in parent:
            members = held.get(child)
            if members is None:
                continue  # no text: an image, a spacer, an empty ad slot
            item = len(members) >= 2 and child in marked
            if not item or _signature(child) != kind:
                if len(run) >= _MIN_ITEMS:
                    runs.append(run)
                run, kind = ([members], _signature(child)) if item else ([], None)
            else:
                run.append(members)
        if len(run) >= _MIN_ITEMS:
            runs.append(run)
    return runs


def without_item_lists(blocks: list[Block], container: HtmlElement) -> list[Block]:
    """Return ``blocks`` without item lists beside the article, and their headings.

    When there is next to no prose outside the lists, the items are the content
    itself (the posts of a forum thread, the entries of a live blog or a blog
    archive); of those only the name and time stamp lines go.
    """
    if len(blocks) < 2 * _MIN_ITEMS:
        return blocks  # too few lines for a list of items beside anything
    lists = item_lists(blocks, container)
    if not lists:
        return blocks
    listed = {id(b) for items in lists for group in items for b in group}
    outside = sum(b.prose for b in blocks if id(b) not in listed)
    posts = outside < (sum(b.prose for b in blocks) or 1) * _OUTSIDE_MIN
    dropped: set[int] = set()
    for items in lists:
        dropped |= _dropped(blocks, [b for group in items for b in group], posts)
    return [b for b in blocks if id(b) not in dropped]


def _dropped(blocks: list[Block], members: list[Block], posts: bool) -> set[int]:
    """Return the ids of an item list's blocks that go: every one and the heading before them, or,
    when the items are the content (``posts``), only their name and time stamp lines."""
    if posts:
        return {id(b) for b in members if _stamp(b) or _linked(b) and len(b.text) <= _STAMP_MAX}
    dropped = {id(b) for b in members}
    heading = _heading_before(blocks, members[0])
    if heading is not None:
        dropped.add(id(heading))
    return dropped


def _heading_before(blocks: list[Block], first: Block) -> Block | None:
    """Return the short heading right before an item list ("相关新闻", "Comments"); None when none."""
    position = blocks.index(first)
    if position == 0:
        return None
    before = blocks[position - 1]
    heading = before.heading or before.bold or before.prose == 0
    return before if heading and len(before.text) <= _HEADING_MAX else None


def without_teasers(blocks: list[Block], container: HtmlElement) -> list[Block]:
    """Return ``blocks`` without teaser cards: a linked headline and a blurb in a small box.

    A box of at most four blocks, one of them entirely a link, holding little of
    the container's prose and no more than a blurb, advertises another article
    (feeds under the text).
    """
    groups: dict[HtmlElement, list[Block]] = {}
    for block in blocks:
        if len(block.stack) >= 2 and block.stack[-2] is not container:
            groups.setdefault(block.stack[-2], []).append(block)
    total = sum(b.prose for b in blocks) or 1
    teasers = set()
    for box, members in groups.items():
        linked = any(len(b.text) >= 8 and b.link_chars * 10 >= len(b.text) * 9 for b in members)
        prose = sum(b.prose for b in members)
        if linked and 2 <= len(members) <= 4 and prose < min(total * 0.3, _BLURB_MAX):
            teasers.update(id(b) for b in members)
    return [b for b in blocks if id(b) not in teasers] if teasers else blocks
