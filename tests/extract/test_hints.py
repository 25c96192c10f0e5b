"""Class/id vocabulary: furniture, captions and title names."""

from __future__ import annotations

import re

import pytest

from lxml.html import fragment_fromstring

from newscrawl.extract.hints import classify_hint, is_overlay


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("share-bar None", (True, False, False)),
        ("None xgxw", (True, False, False)),  # 相关新闻 in pinyin
        ("footer-bottom-text None", (True, False, False)),
        ("js_img_share_area main_content", (False, False, False)),  # article words win
        ("sidebar-grid__content article__content None", (False, False, False)),
        ("img_descr None", (False, True, False)),
        ("photo-credit None", (False, True, False)),
        ("h-title None", (False, False, True)),
        ("article-headline None", (False, False, True)),
        ("nav-item None", (True, False, False)),
        ("navigation None", (False, False, False)),  # "nav" only as a whole word
        ("text-22 leading-12 font-bold None", (False, False, False)),
        ("cli-modal-content cli-bar-popup None", (True, False, False)),  # furniture word wins
        ("csc-textpic-text None", (False, False, False)),  # text beside a picture, not "pictext"
        ("pic-text None", (False, True, False)),
        ("articleimagecaption None", (False, True, False)),
        # a blog engine's post classes: tag and category slugs are topics, not roles
        ("post-12 post type-post hentry tag-illustrationen tag-sidebar category-footer None", (False, False, False)),
        ("tag-cloud None", (True, False, False)),
        ("wp-block-pullquote None", (True, False, False)),  # a line of the text repeated large
        ("article-pullquote None", (True, False, False)),
    ],
)
def test_classify_hint(hint, expected):
    assert classify_hint(hint) == expected
    assert classify_hint(hint) == expected  # cached answer is the same


def test_overlays_are_named_as_such():
    assert is_overlay(fragment_fromstring('<div class="cli-modal" id="cliSettingsPopup"></div>'))
    assert is_overlay(fragment_fromstring('<section id="comments"></section>'))
    assert not is_overlay(fragment_fromstring('<div class="share-bar"></div>'))


def test_the_one_scan_prefilter_knows_every_vocabulary_word():
    """A name that holds any vocabulary word, whatever its separators, passes the prefilter:
    a word added to a list is in the scan, and no word may hold a separator the scan drops."""
    from newscrawl.extract import hints

    words = (*hints._FURNITURE_PARTS, *hints._FURNITURE_WORDS, *hints._ARTICLE_PARTS,
             *hints._CAPTION_PARTS, *hints._CAPTION_WORDS, *hints._TITLE_PARTS)
    for word in words:
        assert "-" not in word and "_" not in word, word
        assert hints._ANY_WORD_RE.search(f"x{word}9") is not None, word
    assert hints._token_flags("flex") == hints._token_flags("mt-4") == 0
    assert hints._token_flags("img-desc") == hints._CAPTION  # a caption word across a separator


@pytest.mark.parametrize("text", ["", "a", "ad", "xadvert", "pagin", "paging", "imgdescr", "credits", "crumb",
                                  "main-content", "footnote", "subtitle", "navbar", "tagline", "foo", "nav"])
def test_word_scan_finds_what_a_flat_alternation_finds(text):
    from newscrawl.extract.hints import word_scan

    words = ["ad", "ads", "advert", "pager", "paging", "pagination", "imgdesc", "imgdescr", "credit",
             "crumb", "content", "foot", "tit", "nav", "navbar", "tag"]
    flat = re.compile("|".join(map(re.escape, words)))
    scan = word_scan(words)
    assert bool(scan.search(text)) == bool(flat.search(text))
    assert bool(scan.match(text)) == bool(flat.match(text))


def test_a_full_cache_keeps_the_names_seen_last():
    # A long crawl moves from site to site: a full cache drops its older entries, not the
    # site being read (emptying it made every page after the limit classify from scratch).
    from newscrawl.extract import hints

    hints._HINTS.clear()
    hints._TOKENS.clear()
    names = [f"box-{i} wrap" for i in range(50_002)]
    for name in names:
        classify_hint(name)
    assert len(hints._HINTS) <= 50_000 and len(hints._TOKENS) <= 50_000
    assert all(name in hints._HINTS for name in names[-1000:])
    assert all(f"box-{i}" in hints._TOKENS for i in range(49_000, 50_002)) and "wrap" in hints._TOKENS
