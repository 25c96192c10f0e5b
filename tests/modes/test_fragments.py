"""Broken body fragments from JSON APIs come out whole (lxml repairs them; no second parser needed)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newscrawl.extract import extract_article
from newscrawl.modes.records import record_page

PARAGRAPHS = ["第一段文字内容比较长，用来测试正文提取的效果。", "第二段文字同样比较长，看看会不会丢失掉这一段。",
              "第三段也是正文内容，应该出现在结果里面才对。"]
ONE, TWO, THREE = PARAGRAPHS


@pytest.mark.parametrize("fragment", [
    f"<p>{ONE}</p></div></article><p>{TWO}</p><p>{THREE}</p>",  # stray closing tags
    f"<div><p>{ONE}<p>{TWO}<div><p>{THREE}",  # nothing closed
    f"<html><body><p>{ONE}</p></body></html><p>{TWO}</p><p>{THREE}</p>",  # a whole page inside
    f"<p>{ONE}</p><script>var x='</div>';</script><p>{TWO}</p><!-- <p>x --><p>{THREE}</p>",
    f"<P>{ONE}<BR><BR>{TWO}</P><p>{THREE}</p>",  # upper case, <br> paragraphs
])
def test_broken_fragments_keep_every_paragraph(fragment):
    page = record_page("标题", datetime(2024, 5, 20, tzinfo=timezone.utc), fragment)
    assert extract_article(page, "http://x.test/a/1.html", None).paragraphs == PARAGRAPHS
