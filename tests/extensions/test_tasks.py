"""The pool's jobs: a page read once yields its fields and the fingerprint the pipelines would compute."""

from __future__ import annotations

import pytest

from newscrawl.extensions.tasks import read_article
from newscrawl.extract import extract_article
from newscrawl.items import ArticleItem
from newscrawl.state import content_fingerprint
from pipelines.clean import CleanPipeline

URL = "http://paper.example/a/1.html"


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='info'>2024-05-20 09:30 来源：测试日报</div><div class='content'>{body}</div>"
            "</body></html>").encode()


SENTENCE = "会议研究部署了下一阶段的重点工作，要求各部门抓好落实，确保按期完成年度目标任务。"
PAGES = {
    "plain": page("市政府召开常务会议", [SENTENCE] * 4),
    # junk between a letter and its accent: the clean pipeline removes it first, so they compose (NFC)
    "junk before a combining mark": page("Cafe\u200b\u0301 opens its doors in town",
                                         ["The cafe\u200b\u0301 opened on Monday, its owner said in a statement."] * 4),
    "spaces and soft hyphens": page("A  long\u00adawaited   report", [f"{SENTENCE}\u00a0\u3000 end"] * 4),
}


@pytest.mark.parametrize("html", PAGES.values(), ids=PAGES.keys())
def test_the_fingerprint_is_the_one_decide_computes_after_the_clean_pipeline(html):
    fields, fingerprint = read_article(html, URL)
    assert fields == extract_article(html, URL)
    item = CleanPipeline().process_item(ArticleItem(url=URL, site="t", title=fields.title,
                                                    paragraphs=list(fields.paragraphs)))
    assert fingerprint == content_fingerprint(item.title, item.paragraphs)


def test_a_page_with_nothing_to_hash_has_no_fingerprint():
    fields, fingerprint = read_article("<html><body><p>\u200b</p></body></html>".encode(), URL)  # a zero-width space only
    assert fingerprint is None
