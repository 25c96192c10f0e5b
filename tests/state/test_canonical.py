"""Canonical URLs and content fingerprints."""

from __future__ import annotations

import pytest

from newscrawl.state.canonical import canonical_url, content_fingerprint

CANONICAL_CASES = [
    # scheme: http and https are one
    ("http://example.com/a", "https://example.com/a"),
    # host lower-cased, www. and mobile hosts folded
    ("https://WWW.Example.COM/a", "https://example.com/a"),
    ("http://m.jxnews.com.cn/a.shtml", "https://jxnews.com.cn/a.shtml"),
    ("http://wap.people.com.cn/n1/x.html", "https://people.com.cn/n1/x.html"),
    ("http://3g.163.com/news/a.html", "https://163.com/news/a.html"),
    ("http://mobile.example.com/a", "https://example.com/a"),
    ("http://www.m.example.com/a", "https://example.com/a"),
    # a prefix is not folded when only the TLD would be left
    ("http://m.cn/a", "https://m.cn/a"),
    # default ports dropped, others kept
    ("http://example.com:80/a", "https://example.com/a"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("http://example.com:8080/a", "https://example.com:8080/a"),
    # tracking parameters removed, real ids kept, query sorted
    ("https://example.com/a?utm_source=x&utm_medium=y&id=7", "https://example.com/a?id=7"),
    ("https://example.com/a?spm=1.2.3&from=timeline&isappinstalled=0", "https://example.com/a"),
    ("https://example.com/a?share_token=9&shareId=3&fbclid=z&gclid=q", "https://example.com/a"),
    ("https://example.com/a?ref=home&aid=12", "https://example.com/a?aid=12"),
    ("https://example.com/d?infoCode=NW2022&b=2&a=1", "https://example.com/d?a=1&b=2&infoCode=NW2022"),
    ("https://example.com/a?", "https://example.com/a"),
    # fragment dropped
    ("https://example.com/a#comments", "https://example.com/a"),
    # static directory index folded into the folder; scripts kept
    ("https://example.com/news/index.html", "https://example.com/news/"),
    ("https://example.com/index.htm", "https://example.com/"),
    ("https://example.com/index.php?id=3", "https://example.com/index.php?id=3"),
    # empty path, dot segments, escapes
    ("https://example.com", "https://example.com/"),
    ("https://example.com/a/./b/../c.html", "https://example.com/a/c.html"),
    ("https://example.com/%e6%96%b0", "https://example.com/%E6%96%B0"),
    ("https://example.com/新", "https://example.com/%E6%96%B0"),
    ("https://example.com/s?q=a+b", "https://example.com/s?q=a%20b"),
    ("https://example.com/s?q=%E4%B8%AD", "https://example.com/s?q=%E4%B8%AD"),
    ("  https://example.com/a  ", "https://example.com/a"),
]


@pytest.mark.parametrize(("url", "expected"), CANONICAL_CASES)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(("url", "_"), CANONICAL_CASES)
def test_canonical_url_is_idempotent(url: str, _: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


def test_same_story_variants_share_one_canonical_form() -> None:
    variants = [
        "http://www.jxnews.com.cn/system/2022/03/17/019.shtml?from=singlemessage",
        "https://m.jxnews.com.cn/system/2022/03/17/019.shtml#top",
        "https://jxnews.com.cn:443/system/2022/03/17/019.shtml?utm_campaign=a",
    ]
    assert len({canonical_url(url) for url in variants}) == 1


def test_different_ids_stay_different() -> None:
    assert canonical_url("https://example.com/d?id=1") != canonical_url("https://example.com/d?id=2")


@pytest.mark.parametrize("url", ["", "example.com/a", "ftp://example.com/a", "/relative", "https:///a"])
def test_canonical_url_rejects_non_http_urls(url: str) -> None:
    with pytest.raises(ValueError):
        canonical_url(url)


TITLE = "西湖区加快培育数字经济生态圈"
BODY = ["记者 3月17日 从西湖区获悉，", "该区将加快培育数字经济生态圈。"]


@pytest.mark.parametrize(
    ("title", "paragraphs"),
    [
        (TITLE, BODY),
        (f"  {TITLE}\n", [f"\u3000\u3000{BODY[0]}  ", BODY[1]]),  # whitespace, ideographic indent
        (TITLE, ["".join(BODY)]),  # paragraphs split differently
        (TITLE + "！", ["记者3月17日从西湖区获悉,", "该区将加快培育数字经济生态圈."]),  # punctuation
        (TITLE, ["记者 ３月１７日 从西湖区获悉，", BODY[1]]),  # full-width digits
    ],
)
def test_fingerprint_ignores_whitespace_and_punctuation(title: str, paragraphs: list[str]) -> None:
    assert content_fingerprint(title, paragraphs) == content_fingerprint(TITLE, BODY)


def test_fingerprint_ignores_case_in_english() -> None:
    assert content_fingerprint("City Council Votes", ["It passed, 7-2."]) == \
        content_fingerprint("city council votes", ["It passed 72"])


@pytest.mark.parametrize(
    ("title", "paragraphs"),
    [
        (TITLE, [BODY[0], "该区将加快培育数字经济新生态。"]),  # edited word
        (TITLE, ["记者 3月18日 从西湖区获悉，", BODY[1]]),  # edited digit
        ("西湖区加快培育数字经济", BODY),  # edited title
        (TITLE, BODY[:1]),  # paragraph removed
    ],
)
def test_fingerprint_changes_when_text_changes(title: str, paragraphs: list[str]) -> None:
    assert content_fingerprint(title, paragraphs) != content_fingerprint(TITLE, BODY)


def test_title_and_body_are_not_interchangeable() -> None:
    assert content_fingerprint("ab", ["cd"]) != content_fingerprint("abc", ["d"])


def test_fingerprint_is_stable_hex() -> None:
    fingerprint = content_fingerprint("Title", ["Body"])
    assert fingerprint == content_fingerprint("Title", ["Body"])
    assert len(fingerprint) == 32 and int(fingerprint, 16) >= 0


def test_fingerprint_refuses_empty_text() -> None:
    with pytest.raises(ValueError):
        content_fingerprint(" ！", ["  ", "…"])
