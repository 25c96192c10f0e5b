"""Find the article's main text: the container and its paragraphs, in order.

The page is cut into text blocks (``blocks.py``). Each block gets a value:
sentence-like prose counts for its length, link lists and page furniture count
against. The container is the block element whose subtree has the highest total
(a maximum-subtree sum: adding the wrapper of the whole page brings menus and
link lists that cost more than they give); of several ``<article>`` elements in
it (infinite scroll) the one with the headline is kept. Inside the container,
link lists, furniture, teaser cards, captions, the headline and the dateline
lines under it are dropped, and a related-links heading in the second half
ends the text. Text the page declares in data (``declared.py``) much longer
than what it shows stands in for pages that render their text with scripts.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.blockmodel import tail_trimmed
from newscrawl.extract.blocks import Block, Walk, blocks_inside, collect_blocks
from newscrawl.extract.bodytext import BodyText, declared_text, shown_text
from newscrawl.extract.hints import is_overlay
from newscrawl.extract.items import without_item_lists, without_teasers
from newscrawl.extract.declared import DECLARED_MIN, jsonld_body, reads_as_prose, shown_description, state_body
from newscrawl.extract.lines import (is_boilerplate_line, is_caption, is_date_line, is_meta_line, is_promo_label,
                                     is_read_more_teaser, is_related_heading)
from newscrawl.extract.page import Page
from newscrawl.extract.parse import select
from newscrawl.extract.text import SENTENCE_END, normalize_title
from newscrawl.extract.threads import thread_posts

# A furniture-named element holding this share of the page's prose is a wrapper, not furniture.
_FURNITURE_SHARE = 0.5
_LEFT_MIN = 0.25  # below this share of prose outside furniture, the names are layout
_SMALL_BOX = 0.1
# Hidden containers are searched only when the page shows less than this (a teaser, or nothing).
_HIDDEN_SHOWN_MAX = 2000
_LEAD_MIN = 60  # characters of prose in a standfirst
_SHORT_BODY = 200  # characters; a body this short may come from the wrong container
_MARKED_MIN = 100  # characters an article-marked element must hold to stand in
_ARTICLE_BODY = etree.XPath("//*[@itemprop='articleBody']")
_LEAD_MAX = 2
_HEADER = re.compile(r"head|hero", re.I)  # the article's header: its dek stays with the headline


def furniture(blocks: list[Block]) -> set:
    """Return the furniture-named elements that really are furniture.

    A class such as ``share`` or ``tag-x`` also lands on article wrappers
    (an image ``share-area``, WordPress ``tag-…`` classes), so an element holding
    half the page's prose is not furniture, unless it is a dialog, banner or
    comment thread (``is_overlay``). When the names
    would leave almost no prose at all (a layout split into ``sidebar-…``
    boxes), only the small named boxes count.
    """
    prose: dict = {}
    total = 0
    for block in blocks:
        amount = block.prose
        total += amount
        for el in block.boilerplate:
            prose[el] = prose.get(el, 0) + amount
    junk = {el for el, amount in prose.items()
            if amount < total * _FURNITURE_SHARE or total == 0 or is_overlay(el)}
    left = sum(b.prose for b in blocks if junk.isdisjoint(b.boilerplate))
    if left < total * _LEFT_MIN:
        junk = {el for el in junk if prose[el] < total * _SMALL_BOX or is_overlay(el)}
    return junk - _twins(prose.keys() - junk, junk)


def _twins(wrappers, junk: set) -> set:
    """Return the furniture-named elements that are siblings of a wrapper of the text, of its tag and class.

    A widget-built page names its text boxes like its furniture ("article-widget
    article-widget-text"); the one holding most of the text is a wrapper, and the
    boxes beside it with the same name are the rest of the text, not furniture.
    """
    names = {(el.getparent(), el.tag, el.get("class")) for el in wrappers if el.get("class")}
    return {el for el in junk if (el.getparent(), el.tag, el.get("class")) in names and not is_overlay(el)
            and not _holds_headline(el)}


def _holds_headline(el: HtmlElement) -> bool:
    """Return True when ``el`` holds an ``<h1>``: a story of its own."""
    return next(el.iter("h1"), None) is not None


def _value(block: Block, junk: set) -> float:
    """Return how much ``block`` counts for (prose > 0) or against (furniture < 0) its containers."""
    length = len(block.text)
    if not junk.isdisjoint(block.boilerplate):
        return -0.8 * length
    density = block.link_chars / length
    if density > 0.5:
        return -length * density
    return float(block.prose) or -3.0


def _best_container(blocks: list[Block], junk: set, title_node: HtmlElement | None = None) -> HtmlElement | None:
    """Return the block element whose subtree scores highest; None when nothing is prose."""
    totals: dict[HtmlElement, float] = {}
    for block in blocks:
        value = _value(block, junk)
        for el in block.stack:
            totals[el] = totals.get(el, 0.0) + value
    if not totals:
        return None
    # Deeper elements come later in stacks; max() keeps the first of equal totals,
    # so ties go to the outer element — the one that loses nothing.
    best = max(totals, key=totals.__getitem__)
    if totals[best] <= 0:
        return None
    return _one_article(best, totals, title_node)


def _containers(walked: Walk, junk: set, title_node: HtmlElement | None) -> tuple:
    """Return the container of the text and the parts the text is read from (the container, and the
    sibling boxes that continue it); (None, []) when nothing is prose.

    On a forum thread the parts are its posts' messages (``threads.py``), without the
    furniture each post prints around its message.
    """
    blocks = walked.blocks
    container = _best_container(blocks, junk, title_node)
    if container is None:
        return None, []
    posts = thread_posts(container, blocks, walked.numbered)
    messages = _messages(posts, blocks, junk) if posts else []
    if messages:
        return messages[0], messages
    return container, _text_parts(container, blocks, junk)


def _messages(posts: list[HtmlElement], blocks: list[Block], junk: set) -> list[HtmlElement]:
    """Return the element holding each forum post's message, in order (posts without text left out).

    The posts of a thread share one template: the message is found in the post with the most
    prose (the best container among its blocks), and taken in every post by the same path of
    tags and classes (a short reply's date line would outweigh its message).
    """
    own = {post: blocks_inside(blocks, post) for post in posts}
    richest = max(posts, key=lambda post: sum(b.prose for b in own[post]))
    depth = own[richest][0].stack.index(richest)  # the richest post holds prose, so it holds blocks
    model = _best_container([replace(b, stack=b.stack[depth:]) for b in own[richest]], junk)
    path = _path(richest, model) if model is not None else ()
    messages = [_follow(post, path) for post in posts if own[post]]
    return [m for m in messages if m is not None]


def _path(top: HtmlElement, el: HtmlElement) -> tuple:
    """Return the tags and classes of the elements from below ``top`` down to ``el``."""
    steps = []
    while el is not top:
        steps.append((el.tag, el.get("class")))
        el = el.getparent()
    return tuple(reversed(steps))


def _follow(top: HtmlElement, path: tuple) -> HtmlElement | None:
    """Return the element reached from ``top`` by ``path`` (the first child of each tag and class)."""
    el = top
    for tag, cls in path:
        el = next((child for child in el if child.tag == tag and child.get("class") == cls), None)
        if el is None:
            return None
    return el


def _one_article(best: HtmlElement, totals: dict, title_node: HtmlElement | None) -> HtmlElement:
    """Return the one ``<article>`` holding the headline when ``best`` holds several (infinite scroll)."""
    articles = [el for el in best.iter("article") if totals.get(el, 0) > totals[best] * 0.15]
    if len(articles) < 2 or any(a in b.iterancestors() for a in articles for b in articles):
        return best
    if title_node is not None:
        for article in articles:
            if article is title_node or article in title_node.iterancestors():
                return article
    return articles[0]


# What a row of links is separated by: its words are all linked, these are not.
_LINK_SEPARATORS = re.compile(r"[\s|｜/\\·•,，、;；>»›\-–—\[\]【】()（）]+")


def _links_only(block: Block) -> bool:
    """Return True when the linked text is (nearly) all of a block's words: "首页 | 新闻 | 政务",
    a menu whose separators would otherwise lower its link share below a half."""
    if not block.link_chars:
        return False
    return block.link_chars * 5 >= len(_LINK_SEPARATORS.sub("", block.text)) * 4


def _keep(block: Block, junk: set, title: str) -> bool:
    """Return True when ``block`` belongs to the article text."""
    if not junk.isdisjoint(block.boilerplate):
        return False
    if block.link_chars * 2 > len(block.text) or _links_only(block):
        return False
    if is_caption(block) or is_date_line(block.text):
        return False
    return not (title and abs(len(block.text) - len(title)) < 4 and normalize_title(block.text) == title)


def select_blocks(blocks: list[Block], container: HtmlElement, junk: set, title: str | None,
                  title_index: int | None) -> list[Block]:
    """Return the blocks among ``blocks`` inside ``container`` that are article paragraphs."""
    junk = junk - {container, *container.iterancestors()}
    inside = blocks_inside(blocks, container)
    inside = without_item_lists(without_teasers(inside, container), container)
    norm_title = normalize_title(title) if title else ""
    if title_index is not None and inside and inside[0].index <= title_index <= inside[-1].index:
        # The headline sits inside the container: what precedes it is kicker and breadcrumbs.
        inside = [b for b in inside if b.index > title_index]
    kept: list[Block] = []
    started = False  # a prose paragraph has been seen: header lines are over
    for position, block in enumerate(inside):
        if not started:
            if is_meta_line(block.text):
                continue
            started = block.prose >= _PARAGRAPH_MIN
        if is_related_heading(block.text):
            if position * 2 >= len(inside) and not _box_inside_text(inside, position, junk):
                break  # what follows is a related-links or promo section
            continue
        if _keep(block, junk, norm_title) and not _furniture_line(block.text):
            kept.append(block)
    return _with_drop_caps(kept)


def _with_drop_caps(kept: list[Block]) -> list[Block]:
    """Return ``kept`` with each drop cap set apart from its paragraph ("T", then "urkey, Poland …") joined to it."""
    out: list[Block] = []
    for block in kept:
        if out and len(out[-1].text) == 1 and out[-1].text.isupper() and block.text[:1].islower():
            block = replace(block, text=out.pop().text + block.text)
        out.append(block)
    return out


def _furniture_line(text: str) -> bool:
    """Return True when a block's text is a promo label, another page's teaser or the page's furniture."""
    return is_promo_label(text) or is_read_more_teaser(text) or is_boilerplate_line(text)


_COMMENTS = re.compile(r"comment|kommentar|评论|評論|réaction|comentario|reply|antwort", re.I)
_PROSE_AFTER_BOX = 2  # prose paragraphs after a related box that show the article goes on
_PROSE_AFTER_HEADING = 3  # the same after a related heading that no furniture-named box holds
_PARAGRAPH_MIN = 40  # characters of prose that make a block a paragraph of the text
_SENTENCE_ENDS = tuple(SENTENCE_END)


def _box_inside_text(inside: list[Block], position: int, junk: set) -> bool:
    """Return True when the related heading at ``position`` opens a box set inside the text, not the
    section that ends it: sentences of prose outside furniture follow it (two after a furniture-named
    box, three after a bare heading) before any other such heading.

    A comments heading always ends the text; so does a related section with only the page's
    furniture (a post's tags line, a comment form's note, a video player's labels) after it.
    """
    heading = inside[position]
    if _COMMENTS.search(heading.text):
        return False
    needed = _PROSE_AFTER_BOX if not junk.isdisjoint(heading.boilerplate) else _PROSE_AFTER_HEADING
    paragraphs = 0
    for block in inside[position + 1:]:
        if is_related_heading(block.text):
            return False
        if junk.isdisjoint(block.boilerplate) and block.prose >= _PARAGRAPH_MIN and block.text.endswith(_SENTENCE_ENDS):
            paragraphs += 1
            if paragraphs >= needed:
                return True
    return False


def select_paragraphs(blocks: list[Block], container: HtmlElement, junk: set, title: str | None,
                      title_index: int | None) -> list[str]:
    """Return the article paragraphs among ``blocks`` inside ``container``."""
    return [b.text for b in select_blocks(blocks, container, junk, title, title_index)]


def container_lines(blocks: list[Block], container: HtmlElement | None) -> list[str]:
    """Return the text of every block inside ``container``, kept or not (credit lines live there)."""
    if container is None:
        return []
    return [b.text for b in blocks_inside(blocks, container)]


def walk_page(page: Page) -> Walk:
    """Return the text blocks and headline candidates of the page's ``<body>``."""
    root = page.tree.find("body")
    return collect_blocks(page.tree if root is None else root)


def _profile_body(page: Page) -> BodyText | None:
    """Return the text under the profile's body selector; None when it matches nothing."""
    nodes = [n for n in select(page.tree, page.selectors.get("body")) if isinstance(n, HtmlElement)]
    kept: list[Block] = []
    blocks: list[Block] = []
    images: list[tuple[HtmlElement, int]] = []
    title = normalize_title(page.title) if page.title else ""
    for node in nodes:
        walked = collect_blocks(node)
        junk = furniture(walked.blocks) - {node}
        offset = len(blocks)  # one count over every node's blocks, so that anchors and images agree
        blocks += [replace(b, index=b.index + offset) for b in walked.blocks]
        kept += [b for b in blocks[offset:] if _keep(b, junk, title)]
        images += [(img, index + offset) for img, index in walked.images]
    if not nodes or not kept:
        return None
    return BodyText(nodes[0], [b.text for b in kept], [b.index for b in kept], blocks, images, tuple(nodes))


def _title_index(blocks: list[Block], headings: dict, title_node: HtmlElement | None) -> int | None:
    """Return how many blocks precede the headline element; None when it is not among them."""
    if title_node is None:
        return None
    if title_node in headings:
        return headings[title_node]
    return next((b.index for b in blocks if title_node in b.stack), None)


def find_text(page: Page, walked: Walk | None = None) -> BodyText:
    """Return the article text: container, paragraphs, and where they stand among the page's blocks.

    ``walked`` is what ``collect_blocks`` returned for the page's ``<body>``; the
    page is walked again when it is not given. The paragraphs are empty when
    the page has no prose.
    """
    found = _profile_body(page)
    if found:
        return found
    if walked is None:
        walked = walk_page(page)
    blocks, headings, hidden = walked.blocks, walked.headings, walked.hidden
    title_index = _title_index(blocks, headings, page.title_node)
    junk = furniture(blocks)
    container, parts = _containers(walked, junk, page.title_node)
    kept = [b for part in parts for b in select_blocks(blocks, part, junk, page.title, title_index)]
    if kept and title_index is not None:
        kept = _lead(blocks, container, junk, title_index) + kept
    kept = _without_repeated_summary(kept)
    shown = shown_text(container, kept, walked)
    if len(parts) > 1:
        shown = _joined(parts, kept, walked)
    found = _stand_in(page, container, hidden, sum(len(b.text) for b in kept), walked) or shown
    marked = _marked_article(page, blocks, junk, title_index, found, walked)
    if marked or found.paragraphs:
        found = marked or found
        return tail_trimmed(found, walked, junk, title_index) if page.learned_blocks else found
    visible = [b for b in blocks if not b.boilerplate and not b.heading]
    index = shown_description(page, [b.text for b in visible])
    return shown_text(visible[index].stack[-1], [visible[index]], walked) if index is not None else found


_PART_PROSE_MIN = 80  # characters of prose a sibling part must hold to continue the text


def _text_parts(container: HtmlElement, blocks: list[Block], junk: set) -> list[HtmlElement]:
    """Return the container and the siblings that continue its text, in document order.

    Widget-built pages split one article into sibling text boxes of one tag and class, with a
    picture or a related-links box between them; the container search picks one of them. A
    sibling of the same tag and class (not an ``<article>``: those are other stories), outside
    furniture, holding no headline and some prose, is more of the text.
    """
    parent, cls = container.getparent(), container.get("class")
    if parent is None or not cls or container.tag == "article":
        return [container]
    alike = [el for el in parent if el is container or (el.tag == container.tag and el.get("class") == cls)]
    if len(alike) < 2:
        return [container]
    prose = _prose_in(alike, blocks, junk)
    return [el for el in alike if el is container or (prose[el] >= _PART_PROSE_MIN and el not in junk
                                                       and not _holds_headline(el))]


def _prose_in(elements: list[HtmlElement], blocks: list[Block], junk: set) -> dict:
    """Return how many characters of prose outside furniture each of ``elements`` (siblings) holds."""
    prose: dict = {el: 0 for el in elements}
    for block in blocks:
        if junk.isdisjoint(block.boilerplate) and not block.heading:
            holder = next((el for el in block.stack if el in prose), None)
            if holder is not None:
                prose[holder] += block.prose
    return prose


def _joined(parts: list[HtmlElement], kept: list[Block], walked: Walk) -> BodyText:
    """Return the text of several sibling parts as one, their pictures with it."""
    inside = {img for part in parts for img in part.iter("img")}
    images = [(img, index) for img, index in walked.images if img in inside]
    return BodyText(parts[0], [b.text for b in kept], [b.index for b in kept], walked.blocks, images, tuple(parts))


def find_body(page: Page, walked: Walk | None = None) -> tuple[HtmlElement | None, list[str]]:
    """Return (main-content element, paragraphs); (None, []) when the page has no prose."""
    found = find_text(page, walked)
    return found.node, found.paragraphs


def _marked_article(page: Page, blocks: list[Block], junk: set, title_index: int | None,
                    found: BodyText, walked: Walk) -> BodyText | None:
    """Return the text of the page's one article-marked element when the container found holds
    next to nothing and that element holds more; None otherwise.

    A page of short lines (a data sheet, a list of facts) has no prose for the container
    search to weigh, but its markup still says where the article is: one ``<article>``,
    or one element with ``itemprop=articleBody``.
    """
    shown = sum(map(len, found.paragraphs))
    if shown >= _SHORT_BODY:
        return None
    marked = [*page.tree.iter("article"), *_ARTICLE_BODY(page.tree)]
    if len(marked) != 1 or marked[0] is found.node:
        return None
    more = select_blocks(blocks, marked[0], junk, page.title, title_index)
    return shown_text(marked[0], more, walked) if sum(len(b.text) for b in more) > max(2 * shown, _MARKED_MIN) \
        else None


def _lead(blocks: list[Block], container: HtmlElement, junk: set, title_index: int) -> list[Block]:
    """Return the lead paragraph(s) between the headline and a container that starts after it.

    Many pages print the standfirst (Vorspann, bajada, 导语) in the article's
    header, beside the headline, and the text in a container below: it is the
    start of the article. Only sentence-like, unlinked lines count, at most two.
    """
    first = next((b.index for b in blocks if container in b.stack), None)
    if first is None or first <= title_index + 1:
        return []
    between = blocks[title_index:first]
    lead = [b for b in between if b.index > title_index and b.prose >= _LEAD_MIN and b.stack[-1].tag != "h1"
            and b.link_chars * 4 < len(b.text) and not is_caption(b) and not is_meta_line(b.text)
            and not b.boilerplate and not any(_HEADER.search(el.get("class") or "") for el in b.stack[-4:])]
    return lead if len(lead) <= _LEAD_MAX else []


_SUMMARY_LABEL = re.compile(r"^\s*(?:摘要|内容提要|内容摘要|提要|导读|導讀|summary|zusammenfassung)\s*[:：]\s*", re.I)
_SUMMARY_SPAN = 2  # the opening paragraphs a summary may stand among
_SUMMARY_END = "。.!！?？…"


def _without_repeated_summary(kept: list[Block]) -> list[Block]:
    """Return ``kept`` without an opening summary that the text repeats: a CMS's description box
    ("摘要: …", an intro above the text) holding the first sentence of the paragraph after it."""
    for at, block in enumerate(kept[:_SUMMARY_SPAN]):
        summary = _SUMMARY_LABEL.sub("", block.text).rstrip(_SUMMARY_END)
        if len(summary) >= 20 and block.prose and any(
                summary in later.text and len(later.text) > len(block.text)  # a paragraph said twice stays
                for later in kept[at + 1:at + 1 + _SUMMARY_SPAN]):
            return kept[:at] + kept[at + 1:]
    return kept


def _stand_in(page: Page, container: HtmlElement | None, hidden: list[HtmlElement],
              shown: int, walked: Walk) -> BodyText | None:
    """Return the article a page keeps out of sight when it is more than twice the ``shown`` text.

    In order: the JSON-LD articleBody, a hidden container, a script's state; the
    visible container stays the body node for the data copies.
    """
    declared = jsonld_body(page)
    if sum(map(len, declared)) > max(2 * shown, DECLARED_MIN):
        return declared_text(container, declared, walked)
    found = _revealed(hidden, shown, page.title) if hidden and shown < _HIDDEN_SHOWN_MAX else None
    if found:
        return found
    declared = state_body(page, shown)
    return declared_text(container, declared, walked) if declared else None


def _revealed(hidden: list[HtmlElement], shown: int, title: str | None) -> BodyText | None:
    """Return the text of a hidden element holding the article; None when none does.

    Some pages hide the article until a script has run (WeChat sets
    ``visibility: hidden`` on it) or keep the full text hidden behind a teaser.
    A hidden element whose text is more than twice what the page shows, and
    reads as an article once walked, is the article.
    """
    needed = max(2 * shown, DECLARED_MIN)
    size, el = max((len(e.text_content()), i, e) for i, e in enumerate(hidden))[::2]
    if size <= needed:
        return None
    walked = collect_blocks(el)
    junk = furniture(walked.blocks)
    container = _best_container(walked.blocks, junk)
    if container is None:
        return None
    kept = select_blocks(walked.blocks, container, junk, title, None)
    paragraphs = [b.text for b in kept]
    if sum(map(len, paragraphs)) > needed and reads_as_prose(paragraphs):
        return shown_text(container, kept, walked)
    return None


def extract_body(page: Page) -> list[str]:
    """Return the article paragraphs in reading order; [] when none are found."""
    return find_body(page)[1]
