"""Build small pages and saved corpus pages as the field extractors see them."""

from __future__ import annotations

import json
from functools import lru_cache

import lxml.html
import pytest

from newscrawl.extract.article import build_page
from newscrawl.extract.body import container_lines, find_body, walk_page
from newscrawl.extract.page import Page
from newscrawl.extract.title import find_title
from tests.helpers import CORPUS, need_shared


def inline_page(html: str, url: str | None = None, language: str | None = None,
                paragraphs: list[str] | None = None, **fields) -> Page:
    """Return a Page for an inline fixture: headline is the <h1>, body the .content element."""
    tree = lxml.html.fromstring(html)
    title_node = next(tree.iter("h1"), None)
    body = tree.find_class("content")
    body_node = body[0] if body else None
    if paragraphs is None and body_node is not None:
        paragraphs = [" ".join(p.text_content().split()) for p in body_node.iter("p")]
    return Page(tree=tree, url=url, language=language, title_node=title_node,
                title=title_node.text_content().strip() if title_node is not None else None,
                body_node=body_node, paragraphs=[p for p in paragraphs or [] if p], **fields)


@lru_cache(maxsize=None)
def _truth(set_name: str) -> dict[str, dict]:
    path = need_shared(CORPUS / set_name / "truth.jsonl")
    return {row["id"]: row for row in map(json.loads, path.open(encoding="utf-8"))}


def corpus_page(set_name: str, page_id: str) -> tuple[Page, dict]:
    """Return (the Page the orchestrator builds for a saved corpus page, its truth row)."""
    truth = _truth(set_name).get(page_id)
    if truth is None:
        pytest.skip(f"{set_name}/{page_id} is not in the corpus")
    raw = need_shared(CORPUS / set_name / "pages" / f"{page_id}.html").read_bytes()
    page, _ = build_page(raw, truth.get("url"))
    walked = walk_page(page)
    page.title, page.title_node = find_title(page, walked[1])
    page.body_node, page.paragraphs = find_body(page, walked)
    page.lines = container_lines(walked[0], page.body_node)
    return page, truth
