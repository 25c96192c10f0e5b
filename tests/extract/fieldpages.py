"""Build small pages and saved corpus pages as the field extractors see them."""

from __future__ import annotations

import json
from functools import lru_cache

import lxml.html

from newscrawl.extract.article import build_page
from newscrawl.extract.body import container_lines, find_body, walk_page
from newscrawl.extract.page import Page
from newscrawl.extract.title import find_title
from tests.helpers import CORPUS, need_shared

# Paragraphs of a short Chinese news story written for the tests (a riverside path reopens).
RIVERSIDE = [
    "经过三个月的施工，城东河畔步道改造工程日前完工，全长约四公里的步道重新向市民开放。",
    "改造后的步道铺设了透水材料，沿线新增了休息座椅、照明设施和两处公共卫生间。",
    "市园林部门负责人介绍，下一步将在步道两侧补种乔木，并在入口处设置导览标识。",
    "不少市民表示，步道环境比以前好了很多，周末带孩子来散步更方便了。",
    "据了解，步道沿线还将陆续开设便民服务点，提供饮水、急救箱和共享雨伞等服务。",
    "园林部门提醒，步道部分路段临水，请带孩子出行的市民注意安全，不要翻越护栏。",
]


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
    assert truth is not None, f"{set_name}/{page_id} is not in the corpus's truth.jsonl"
    raw = need_shared(CORPUS / set_name / "pages" / f"{page_id}.html").read_bytes()
    page, _ = build_page(raw, truth.get("url"))
    walked = walk_page(page)
    page.title, page.title_node = find_title(page, walked[1])
    page.body_node, page.paragraphs = find_body(page, walked)
    page.lines = container_lines(walked[0], page.body_node)
    return page, truth
