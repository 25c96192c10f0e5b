"""The zones' page-wide text reader walks lazily but finds what the XPath finds."""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlComment, document_fromstring

from newscrawl.extract.zones import visible_text_nodes

_XPATH = etree.XPath(".//text()[not(parent::script or parent::style or parent::noscript or parent::template)]")

_PAGE = """<html><body>lead<div class="a">one<span>two</span>three<script>var x = 1;</script>four
<noscript><p>inner</p>after-p</noscript>five<template><b>t</b>t-tail</template>six<style>p {}</style>
<ul><li>2024-05-01</li> <li><a href="/">link</a>tail</li></ul></div>end</body></html>"""


def test_visible_text_nodes_are_the_xpaths_text_nodes_with_their_owners():
    body = document_fromstring(_PAGE).find("body")
    body[0].insert(1, HtmlComment("a comment"))  # a comment's tail is text too; its own text is not
    body[0][1].tail = "after-comment"
    expected = [(str(node), node.getparent()) for node in _XPATH(body)]
    assert list(visible_text_nodes(body)) == expected
    assert ("after-comment", body[0][1]) in expected and ("inner", body.find(".//p")) in expected


def test_the_backward_reader_reads_what_the_forward_reader_reads_in_reverse():
    from newscrawl.extract.zones import _lazy_texts, _reverse_texts

    body = document_fromstring(_PAGE + "<p>x<b>leaf</b><i></i>y<svg><text>no</text></svg>z</p>").find("body")
    for el in body.iter():
        forward = list(_lazy_texts(el))
        assert list(_reverse_texts(el)) == forward[::-1]
        assert list(_reverse_texts(el, with_tail=True)) == ([el.tail] if el.tail else []) + forward[::-1]


def test_the_text_before_the_headline_holds_its_parents_own_text_and_nothing_from_the_head():
    from newscrawl.extract.article import build_page
    from newscrawl.extract.zones import before_headline_text

    html = ("<html><head><title>Harbour plans reviewed</title></head><body><div class='nav'>Home</div>"
            "<div class='post'>Anna Berg / 22.04.2020 / 06:15<h1>Harbour plans reviewed</h1><p>Text.</p></div>"
            "</body></html>")
    page, _ = build_page(html.encode())
    assert before_headline_text(page) == "Home\nAnna Berg / 22.04.2020 / 06:15"
