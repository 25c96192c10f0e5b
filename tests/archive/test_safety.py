"""Escaping, URL checks and the nh3 allow-list make article text inert."""

from __future__ import annotations

import pytest

from newscrawl.archive.safety import (
    one_line as clean_text,
    escape_markdown_text,
    escape_text,
    safe_base_url,
    safe_http_url,
    sanitize_body,
)


def test_escape_text_leaves_no_markup_or_template_delimiters():
    out = escape_text('<script>x</script> {{ a }} {% b %} "q" & \n\n next')
    assert out == ("&lt;script&gt;x&lt;/script&gt; &#123;&#123; a &#125;&#125; "
                   "&#123;% b %&#125; &quot;q&quot; &amp; next")


def test_clean_text_collapses_breaking_whitespace_and_drops_controls():
    assert clean_text(" a\r\n\r\nb\tc\x00d\x1be\u2028f\ud800 ") == "a b cde f"
    assert clean_text("\u3000\u3000段落\u3000中\u3000") == "段落\u3000中"


def test_markdown_label_escapes_ascii_symbols_only():
    assert escape_markdown_text("江西 [x](y) *_|{}") == (
        "江西 &#91;x&#93;&#40;y&#41; &#42;&#95;&#124;&#123;&#125;")


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,x",
    "vbscript:x", "/relative/path", "//no-scheme.example/x", "ftp://x.example/", "http://", "http:///x",
    "http://bad host/", "http://x.example\x00.evil/", "",
])
def test_non_http_urls_are_refused(url):
    assert safe_http_url(url) is None


@pytest.mark.parametrize(("url", "expected"), [
    ("http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1",
     "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1"),
    ("HTTPS://x.example/a b/{{c}}?q=<\"'>#f|g", "https://x.example/a%20b/%7B%7Bc%7D%7D?q=%3C%22'%3E#f%7Cg"),
    ("http://x.example/%E4%B8%AD/50%", "http://x.example/%E4%B8%AD/50%25"),
    ("http://x.example/新闻/(1)", "http://x.example/%E6%96%B0%E9%97%BB/%281%29"),
    ("http://新闻.example/", "http://xn--efvy88h.example/"),
])
def test_http_urls_are_percent_encoded(url, expected):
    assert safe_http_url(url) == expected


@pytest.mark.parametrize(("base", "expected"), [
    ("//finews.withounder.com/", "//finews.withounder.com"),
    ("https://x.example/archive/", "https://x.example/archive"),
    ("", ""),
    ("/archive/", "/archive"),
    ("/a {b}", "/a%20%7Bb%7D"),
])
def test_base_url_is_normalised(base, expected):
    assert safe_base_url(base) == expected


@pytest.mark.parametrize("base", ["javascript:alert(1)", "x.example", "//bad host"])
def test_bad_base_url_is_refused(base):
    with pytest.raises(ValueError):
        safe_base_url(base)


def test_sanitize_body_keeps_only_the_allow_list():
    dirty = ('<p onclick="x()">a {{ b }}</p><script>alert(1)</script><iframe src="http://x"></iframe>'
             '<img src="javascript:alert(1)" onerror="x()"><img src="http://ok.example/i.png" alt="">'
             '<p class="em_media evil">s</p><a href="javascript:x">l</a><form><input></form>')
    out = sanitize_body(dirty)
    for bad in ("<script", "onclick", "onerror", "javascript:", "<iframe", "<form", "<input", "<a", "evil", "{", "}"):
        assert bad not in out
    assert '<img src="http://ok.example/i.png" alt="">' in out
    assert '<p class="em_media">s</p>' in out
    assert "&#123;&#123; b &#125;&#125;" in out
