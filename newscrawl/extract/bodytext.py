"""The article text the body finder found, with what places its pictures among the paragraphs."""

from __future__ import annotations

from typing import NamedTuple

from lxml.html import HtmlElement

from newscrawl.extract.blocks import Block, Walk


class BodyText(NamedTuple):
    """The article text found, with what places its pictures among the paragraphs."""

    node: HtmlElement | None  # the main-content container (None: the page has no prose)
    paragraphs: list[str]
    anchors: list[int | None]  # per paragraph, the index of its block in ``blocks`` (None: text from data)
    blocks: list[Block]  # the walk the anchors and image indexes count in
    images: list[tuple[HtmlElement, int]]  # the <img> elements of the text, with the blocks before each
    regions: tuple[HtmlElement, ...]  # the elements the text was taken from


def shown_text(container: HtmlElement | None, kept: list[Block], walked: Walk) -> BodyText:
    """Return the text of ``kept`` blocks of ``walked``, the images inside ``container`` with it."""
    if container is None or not walked.images:
        images = []
    else:  # the container's pictures, found by libxml2 in its subtree, not by climbing from each picture
        inside = set(container.iter("img"))
        images = [(img, index) for img, index in walked.images if img in inside]
    regions = () if container is None else (container,)
    return BodyText(container, [b.text for b in kept], [b.index for b in kept], walked.blocks, images, regions)


def declared_text(container: HtmlElement | None, paragraphs: list[str], walked: Walk | None) -> BodyText:
    """Return text the page declares in data; its pictures (the container's) follow it."""
    shown = shown_text(container, [], walked) if walked is not None else shown_text(None, [], Walk([], {}, [], []))
    return shown._replace(paragraphs=paragraphs, anchors=[None] * len(paragraphs))
