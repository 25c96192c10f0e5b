"""The learned block scorer (issue 22): the shipped model, its scores, and the body's tail it trims."""

from __future__ import annotations

import json

import pytest

from newscrawl.extract import blockmodel
from newscrawl.extract.article import build_page, extract_fields
from newscrawl.extract.body import find_text, furniture, walk_page
from newscrawl.extract.title import find_title

STORY = [
    "The riverside path reopened on Saturday after three months of work, with new lights along the water.",
    "Walkers and cyclists share the widened lanes, and the council says the surface will drain far better.",
    "A second stretch, north of the old mill, is due to open in the spring if the weather allows the work.",
]


def page_ending_with(tail: str) -> bytes:
    """Return an article page whose text container ends with ``tail`` as a paragraph of its own."""
    return f"""<html><head><title>Riverside path reopens</title></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Riverside path reopens</h1><div class="article-body">
<p>{STORY[0]}</p><p>{STORY[1]}</p><p>{STORY[2]}</p><p>{tail}</p></div></article>
<footer>Contact us</footer></body></html>""".encode()


def paragraphs(html: bytes, learned: bool) -> list[str]:
    """Return the extracted paragraphs with the learned scorer on or off."""
    page, encoding = build_page(html, "https://town.example/a")
    page.learned_blocks = learned
    return extract_fields(page, encoding).paragraphs


def test_the_shipped_model_loads_for_the_features_this_code_computes():
    model = blockmodel.shipped_model()
    data = json.loads(blockmodel.MODEL_FILE.read_text(encoding="utf-8"))
    assert data["features"] == blockmodel.feature_names()
    assert data["kind"] == "trees" and data["trees"]
    assert 0.0 < model.drop_below <= 1.0
    assert blockmodel.MODEL_FILE.stat().st_size < 50_000  # a small file


def test_scores_are_the_same_every_time_and_story_outscores_furniture():
    page, _ = build_page(page_ending_with("Advertisement"), "https://town.example/a")
    page.learned_blocks = False
    walked = walk_page(page)
    page.title, page.title_node = find_title(page, walked.headings)
    found = find_text(page, walked)
    blocks = walked.blocks
    context = blockmodel.page_context(blocks, found.node, [blocks[a] for a in found.anchors], furniture(blocks),
                                      None)
    fresh = blockmodel.BlockModel(json.loads(blockmodel.MODEL_FILE.read_text(encoding="utf-8")))
    first = [blockmodel.shipped_model().score(blocks, i, context) for i in range(len(blocks))]
    assert first == [fresh.score(blocks, i, context) for i in range(len(blocks))]
    by_text = {b.text: p for b, p in zip(blocks, first)}
    assert min(by_text[text] for text in STORY) > by_text["Advertisement"]
    assert by_text["Advertisement"] < fresh.drop_below <= by_text[STORY[-1]]


@pytest.mark.parametrize("tail", ["Advertisement", "© The Town Paper 2026", "Follow us on Facebook"])
def test_furniture_ending_the_text_is_trimmed_and_the_story_stays(tail):
    assert paragraphs(page_ending_with(tail), learned=True) == STORY


@pytest.mark.parametrize("tail", ["Print this page", "Back to top"])  # (ad labels, credits: the rules)
def test_switched_off_the_rules_text_comes_back_whole(tail):
    assert paragraphs(page_ending_with(tail), learned=False) == [*STORY, tail]


def test_a_last_paragraph_of_story_is_never_trimmed():
    last = "The council will hold an open meeting on the second stretch next month, and residents may attend."
    assert paragraphs(page_ending_with(last), learned=True) == [*STORY, last]


def trimmed_harshly(html: bytes) -> list[str]:
    """Return the rules' paragraphs of ``html`` as a model that scores every block under its cut trims them."""
    page, _ = build_page(html, "https://town.example/a")
    page.learned_blocks = False
    walked = walk_page(page)
    page.title, page.title_node = find_title(page, walked.headings)
    found = find_text(page, walked)
    kept = [walked.blocks[a] for a in found.anchors]
    data = json.loads(blockmodel.MODEL_FILE.read_text(encoding="utf-8"))
    harsh = blockmodel.BlockModel({**data, "drop_below": 1.01})  # every block scores under it
    return [b.text for b in blockmodel.trim_tail(walked.blocks, found.node, kept, furniture(walked.blocks), None,
                                                 harsh)]


def test_the_first_paragraph_always_stays_however_low_it_scores():
    lines = ["Route 4: Mill Lane to the weir, 2 km", "Route 5: the weir to Old Bridge, 3 km"]
    html = page_ending_with("Advertisement").replace(
        "".join(f"<p>{text}</p>" for text in STORY).encode(), "".join(f"<p>{text}</p>" for text in lines).encode())
    assert trimmed_harshly(html) == lines[:1]


@pytest.mark.parametrize("last", [
    "带有事件处理器的段落，文字本身应当保留下来给读者阅读。",
    "“We will open the rest in spring,” she said.",
    "“We will open the rest in spring.”",
])
def test_a_paragraph_ending_as_a_sentence_ends_the_trim_however_low_it_scores(last):
    # The model may take a story's last sentence for furniture: a sentence lost is worse than a promo kept.
    assert trimmed_harshly(page_ending_with(last)) == [*STORY, last]
    assert trimmed_harshly(page_ending_with(f"{last}</p><p>Advertisement")) == [*STORY, last]
