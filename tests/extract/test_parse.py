"""Parsing page bytes: the quick test that lets nearly every page skip the giant-tag scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extract.parse import _LONG_TAG, defuse_giant_tags, has_long_stretch, parse_html


def _longest_stretch(raw: bytes) -> int:
    return max(map(len, raw.split(b">")))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3 * _LONG_TAG), min_size=1, max_size=6))
def test_every_stretch_longer_than_a_tag_may_be_is_seen(gaps):
    raw = b">".join(b"a" * gap for gap in gaps)
    if _longest_stretch(raw) > _LONG_TAG:
        assert has_long_stretch(raw)


def test_a_page_of_short_tags_skips_the_scan_and_a_giant_tag_is_still_read_as_text():
    page = b"<html><body>" + b"<p class='x'>text</p>" * 2000 + b"</body></html>"
    assert not has_long_stretch(page) and defuse_giant_tags(page) is page
    giant = b"<html><body><div " + b" ".join(b"a%d=1" % i for i in range(3000)) + b"><p>after</p></body></html>"
    assert has_long_stretch(giant)
    tree, _ = parse_html(giant)
    assert tree.find(".//div") is None and "after" in tree.text_content()
