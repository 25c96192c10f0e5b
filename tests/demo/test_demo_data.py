"""The demo data covers every markup variant the extractor must handle."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from newscrawl.demo.data import BYLINES, DATELINES, SOURCE_LABELS, DemoDataError, load_demo

DATA = load_demo()
ARTICLES = DATA.articles


def test_paper_identity():
    assert (DATA.name, DATA.slug, DATA.label, DATA.timezone) == ("演示日报", "yanshiribao", "演示日报新闻", "Asia/Shanghai")


def test_enough_articles_and_sections():
    assert len(ARTICLES) >= 32
    assert len(DATA.sections) >= 3
    assert all(DATA.in_section(s.name) for s in DATA.sections)
    assert len({a.id for a in ARTICLES}) == len(ARTICLES)


def test_paragraph_counts_and_plain_text():
    for a in ARTICLES:
        assert 2 <= len(a.paragraphs) <= 6, a.id
        for p in a.paragraphs:
            assert p == p.strip() and "\u3000" not in p and "<" not in p, a.id


def test_encodings_and_headers():
    gbk = [a for a in ARTICLES if a.encoding == "gbk"]
    assert len(gbk) >= 8
    kinds = Counter(a.content_type for a in gbk)
    assert kinds["lying"] >= 2 and kinds["bare"] >= 2 and kinds["honest"] >= 1
    assert all(a.content_type == "honest" for a in ARTICLES if a.encoding == "utf-8")


def test_every_markup_variant_is_used():
    assert {a.byline for a in ARTICLES} >= set(BYLINES)
    assert {a.source_label for a in ARTICLES if a.source} >= set(SOURCE_LABELS)
    assert {a.dateline for a in ARTICLES} >= set(DATELINES)
    assert {a.layout for a in ARTICLES} == {"portal", "epaper", "classic"}
    assert {a.br for a in ARTICLES} >= {"single", "double"}
    assert sum(a.indent for a in ARTICLES) >= 3
    assert {a.layout for a in ARTICLES if any(i.caption for i in a.images)} == {"portal", "epaper", "classic"}
    assert any(len(a.images) > 1 for a in ARTICLES)
    assert sum(i.cdn for a in ARTICLES for i in a.images) == 1  # one picture on the host that checks the Referer
    assert sum(a.blank_paragraphs for a in ARTICLES) >= 2


def test_date_forms():
    published = [a.published for a in ARTICLES]
    day_only = [p for p in published if not isinstance(p, datetime)]
    assert len(day_only) >= 3 and all(isinstance(p, date) for p in day_only)
    assert any(a.has_seconds for a in ARTICLES)
    assert any(not a.has_seconds and not a.day_only for a in ARTICLES)
    for p in published:
        if isinstance(p, datetime):
            assert p.utcoffset().total_seconds() == 8 * 3600


def test_people_forms():
    assert any(isinstance(a.author, list) and len(a.author) >= 2 for a in ARTICLES)
    assert any(isinstance(a.author, str) for a in ARTICLES)
    assert any(a.author is None for a in ARTICLES)
    assert any(a.editor is None for a in ARTICLES) and any(a.editor for a in ARTICLES)
    for a in ARTICLES:
        if a.byline == "bracket":
            assert a.paragraphs[-1].endswith(f"（{a.author}）")
        assert a.editor is None or a.editor not in a.authors


def test_awkward_titles():
    titles = [a.title for a in ARTICLES]
    assert '专家解读："双减"之后的课后服务' in titles
    assert any("{{" in t for t in titles)
    assert any("#" in t for t in titles)


def test_sources():
    assert {a.source for a in ARTICLES} >= {"演示日报", "新华社", "滨江晚报", None}


def test_inconsistent_data_is_refused(tmp_path):
    bad = tmp_path / "articles.yaml"
    bad.write_text(
        "paper: {name: 演示日报, slug: yanshiribao, label: 演示日报新闻, timezone: Asia/Shanghai, city: 演州市}\n"
        "sections: [{key: yaowen, name: 要闻}]\n"
        "articles:\n"
        "  - {id: 1, section: 要闻, title: T, published: '2024-05-20 09:30', author: 甲, byline: bracket,\n"
        "     editor: null, source: null, encoding: utf-8, paragraphs: [一段, 二段]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DemoDataError, match="bracket"):
        load_demo(bad)
