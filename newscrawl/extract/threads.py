"""The posts of a forum thread: the text of a thread page is its posts' messages, in order.

Forum engines number their posts in element ids, one family of ids per thread
(Discuz! ``post_N``/``postmessage_N``, vBulletin ``post_message_N``, Tieba
``post_content_N``, XenForo ``js-post-N``, Discourse ``post_N``, MyBB ``pid_N``,
SMF ``msg_N``). Around each message a post prints its furniture: the author's
column (rank, post count, join date), the floor number, reply and report
buttons. The body finder reads each post's message alone. Comment threads under
news articles are named for comments (``comment-N``), not posts, and are
furniture already; they are not looked for here.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from newscrawl.extract.blocks import Block, blocks_inside

# An id naming a numbered post: a family name with "post", "pid", "msg" or "message" in it, then the number.
_NUMBERED_POST = re.compile(r"^(\D*?(?:post|pid|msg|message)\D*?)[_-]?\d+$")


def _family(el: HtmlElement) -> str | None:
    """Return the family of a numbered post id ("postmessage" for ``postmessage_3100``); None for another id."""
    found = _NUMBERED_POST.match(el.get("id") or "")
    return found.group(1).rstrip("_-") if found else None


def _prose(elements: list[HtmlElement], blocks: list[Block]) -> dict[HtmlElement, int]:
    """Return how many characters of prose each of ``elements`` holds (blocks count for every element on their stack)."""
    prose = dict.fromkeys(elements, 0)
    for block in blocks:
        if block.prose:
            for el in block.stack:
                if el in prose:
                    prose[el] += block.prose
    return prose


def _families(named: dict[HtmlElement, str], elements: list[HtmlElement]) -> dict[str, list[HtmlElement]]:
    """Return ``elements`` grouped by the family ``named`` gives each, in document order."""
    families: dict[str, list[HtmlElement]] = {}
    for el in elements:
        families.setdefault(named[el], []).append(el)
    return families


def _posts(members: list[HtmlElement]) -> bool:
    """Return True when a family's members are a thread's posts: each in its own box, the boxes side by
    side under one parent with one tag, and every member at one depth in its box.

    A post page that also shows other posts' cards (WordPress numbers both ``post-N``) has
    its cards in another box than its own text; a post nested in another (an unclosed tag)
    shares its box.
    """
    chains = [[el, *el.iterancestors()] for el in members]
    shared = set(chains[0]).intersection(*map(set, chains[1:]))
    top = next(el for el in chains[0] if el in shared)  # the members' lowest common ancestor
    boxes = []
    for chain in chains:
        at = chain.index(top)
        if at == 0:
            return False  # one member holds the others
        boxes.append((chain[at - 1], at))
    return (len({box for box, _ in boxes}) == len(members) and len({box.tag for box, _ in boxes}) == 1
            and len({at for _, at in boxes}) == 1)


def thread_posts(container: HtmlElement, blocks: list[Block], numbered: list[HtmlElement]) -> list[HtmlElement]:
    """Return the posts of the forum thread whose text ``container`` holds or sits in, in order; [] when
    there is none. ``numbered``: the page's elements whose id ends in a digit, in document order
    (the walk collects them; a search of the page for them would cost more than the rest of this).

    The posts are the family of numbered ids with the most prose; of a post and its parts
    (Discuz! ``post_N`` around ``postmessage_N``) the post, the outer one, comes first in the
    document and wins a tie. At least two posts must hold prose. A container inside one
    post (its replies are short) gives the post's family across the page.
    """
    named = {el: family for el in numbered if (family := _family(el)) is not None}  # each id read once
    if len(named) < 2:
        return []
    inside = [el for el in named if el is container or container in el.iterancestors()]
    families = [members for members in _families(named, inside).values() if len(members) > 1 and _posts(members)]
    if families:
        inside = blocks_inside(blocks, container)
    else:
        families, inside = _around(container, named), blocks
    if not families:
        return []
    prose = _prose([el for members in families for el in members], inside)
    threads = [members for members in families if sum(prose[el] > 0 for el in members) > 1]
    return max(threads, key=lambda members: sum(prose[el] for el in members)) if threads else []


def _around(container: HtmlElement, named: dict[HtmlElement, str]) -> list[list[HtmlElement]]:
    """Return the family of the outermost numbered post around ``container`` among the posts ``named``
    (each with its family), when its members are a thread's posts (``_posts``)."""
    family = None
    for el in (container, *container.iterancestors()):
        family = _family(el) or family
    if family is None:
        return []
    members = [el for el, name in named.items() if name == family]
    return [members] if len(members) > 1 and _posts(members) else []
