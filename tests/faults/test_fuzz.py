"""Fuzzing (issue 11, item 9): the extractor and the renderer fed generated inputs, short runs.

A seeded run of 2,000 generated pages (saved pages mutated, synthetic pages
with hostile strings, random bytes) and 2,000 hostile items, and Hypothesis
properties over arbitrary bytes and arbitrary text in every field. No
exception may escape, each page stays within its time bound, and every
rendered post parses as YAML, gives back its values and holds no active
content. ``bench/fuzz.py`` runs 100,000 and more.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newscrawl.extract import extract_article
from newscrawl.items import ArticleItem
from pipelines.clean import CleanPipeline
from pipelines.validate import missing_field
from tests.faults.fuzzing import CORPUS, Counts, check_page, check_post, fuzz, seed_pages
from tests.helpers import need_shared

SHORT_RUN = 2000


def test_a_short_seeded_run_finds_nothing():
    need_shared(CORPUS)
    seeds = seed_pages(limit=60) + seed_pages(corpus=False)
    counts = fuzz(seed=20241130, pages=SHORT_RUN, items=SHORT_RUN, seeds=seeds)
    assert counts.pages == SHORT_RUN and counts.items == SHORT_RUN
    assert counts.posts > SHORT_RUN // 4  # enough pages became posts for the renderer to be tried
    assert counts.problems == [], counts.problems[:20]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=20000))
def test_any_bytes_are_extracted_without_an_escaped_exception(data):
    counts = Counts()
    check_page(data, counts, "hypothesis bytes")
    assert counts.problems == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000).map(lambda t: f"<html><body><h1>{t[:80]}</h1><p>2024-05-20 09:30</p><p>{t}</p>"))
def test_any_text_in_a_page_is_extracted_and_rendered_safely(page):
    counts = Counts()
    check_page(page.encode("utf-8", "surrogatepass"), counts, "hypothesis page")
    assert counts.problems == []


def test_a_tag_of_sixty_thousand_attributes_parses_within_the_bound():
    page = b"<html><body><h1>t</h1><div " + b" ".join(b"a%d=1" % i for i in range(60000)) + b">x</div></body></html>"
    counts = Counts()
    check_page(page, counts, "a giant tag")  # libxml2 alone: about 20 s
    assert counts.problems == [] and counts.slowest < 0.5


def test_an_image_whose_host_is_a_bracketed_word_is_left_out():
    # Found by bench/fuzz.py: a mutated script left src="//['GoogleAnalyticsObject']/…" on an <img>,
    # and urljoin refuses a bracketed host that is no IP address.
    page = ("<html><body><h1>标题</h1><p>2024-05-20 09:30</p><div class='content'>"
            + "<p>正文第一段，足够长的一段文字，用来当作文章的正文内容。</p>" * 4
            + "<img src=\"//['GoogleAnalyticsObject']/pic.jpg\"><img src='/ok.jpg'></div></body></html>")
    counts = Counts()
    check_page(page.encode("utf-8"), counts, "bracketed image host")
    assert counts.problems == []
    fields = extract_article(page.encode("utf-8"), "http://news.example.cn/2024/05/20/a.html")
    assert [p.url for p in fields.pictures] == ["http://news.example.cn/ok.jpg"]


def test_a_page_that_lost_its_closing_brackets_parses_within_the_bound():
    # A block of 30,000 words (an SEO keyword list, as some pages carry) inside a tag left open.
    words = " ".join(f"keyword{n}" for n in range(30000))
    page = f"<html><head><title>t</title></head><body><h1>t</h1><p>{words}</p></body></html>"
    page = page.encode("utf-8").replace(b">", b"") + b">"  # every '>' lost but the last: one tag to here
    counts = Counts()
    check_page(page, counts, "no '>'")
    assert counts.problems == [] and counts.slowest < 0.5


TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)


@settings(max_examples=300, deadline=None)
@given(title=TEXT, source=TEXT, section=TEXT, people=st.lists(TEXT, max_size=3), paragraphs=st.lists(TEXT, max_size=5),
       category=TEXT, label=TEXT, digest=TEXT, offset=st.integers(-720, 840))
def test_any_text_in_every_field_renders_a_post_that_parses_and_runs_nothing(
        title, source, section, people, paragraphs, category, label, digest, offset):
    item = ArticleItem(url="http://news.example.cn/a/1.html", site="fuzz", id="1", title=title,
                       published=datetime(2024, 5, 20, 9, 30, tzinfo=timezone(timedelta(minutes=offset))),
                       author=people, editor=people[::-1], source=source, section=section, paragraphs=paragraphs,
                       category=category, category_name=label, digest=digest)
    item = CleanPipeline().process_item(item)
    if missing_field(item) is None:
        counts = Counts()
        check_post(item, counts, "hypothesis item")
        assert counts.problems == []
