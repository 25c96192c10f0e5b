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


def _defused_tag_by_tag(raw: bytes) -> bytes:
    """The scan as it was written first, one tag at a time: the reference for the faster one."""
    from newscrawl.extract import parse
    out, start, cut = [], 0, 0
    while (found := parse._TAG_START.search(raw, start)) is not None:
        opening = found.start()
        if found.group(1) is not None:
            end = parse._END_TAGS[found.group(1).lower()].search(raw, found.end())
            start = len(raw) if end is None else end.end()
            continue
        if found.group(0) == b"<!--":
            end = raw.find(b"-->", found.end())
            start = len(raw) if end == -1 else end + 3
            continue
        closing = raw.find(b">", opening)
        end = len(raw) if closing == -1 else closing
        if end - opening > _LONG_TAG and parse._count_attributes(raw[opening + 1:end]) > parse._MANY_ATTRIBUTES:
            out += [raw[cut:opening], raw[opening:end].replace(b"<", b"&lt;")]
            cut = end
        start = end + 1
    return raw if not out else b"".join([*out, raw[cut:]])


_PIECES = [b"<div a=1>", b"text ", b"</div>", b"<script>", b"</script>", b"<STYLE>", b"</style", b"<!--",
           b"-->", b"<", b">", b"<p", b" a=1" * 4200, b"x" * 9000, b"<scriptx>", b"<!DOCTYPE html>",
           b"'", b'"', b"a < b", b"<a title='<!--'>", b"<a title='<script>'>", b"\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_scan_defuses_what_a_tag_by_tag_scan_defuses(pieces):
    raw = b"".join(pieces)
    assert defuse_giant_tags(raw) == _defused_tag_by_tag(raw)
