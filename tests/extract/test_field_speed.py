"""The field readers' speed-only shortcuts give what the plain forms they stand for give."""

from __future__ import annotations

import re
import unicodedata

from lxml.html import document_fromstring

from newscrawl.extract import datepatterns as dp
from newscrawl.extract.jsonld import read_structured
from newscrawl.extract.source import _ATTRIBUTION_MAX, _surely_long

_SPACES = [chr(code) for code in range(0x3100) if chr(code).isspace()]


def _plain_normalize(text: str) -> str:
    """Return ``normalize`` as first written: NFKC, every blank run one space, every break run one break."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[^\S\n]+", " ", text)
    return re.sub(r" ?\n[\s]*", "\n", text) if "\n" in text else text


def test_normalize_folds_every_kind_of_whitespace_as_the_plain_rewrite_does():
    samples = ["a  b", "a\tb", "a\u3000b", "a \nb", "a\n b", "a\n\n\nb", "a\u00a0\n\u2003b", "a\u200bb",
               "２０２２年", "a\x1cb", "a\u2028b", " a ", "a\r\nb", "plain text", ""]
    samples += [f"x{space}y{space}{space}\n{space}z" for space in _SPACES]
    for sample in samples:
        assert dp.normalize(sample) == _plain_normalize(sample), repr(sample)


def test_the_script_date_is_found_after_a_quote_and_in_any_case():
    assert dp.find_script_date(['var a = {"pubTime": "2021-04-12 08:30:00"}'])[0].hour == 8
    assert dp.find_script_date(["window.PUBLISH_DATE='2021-04-12 08:30'"])[0].day == 12
    assert dp.find_script_date(["var ct = \"1618187400\";"]) is not None
    assert dp.find_script_date(["var product = \"1618187400\";"]) is None  # "ct" inside a word


def test_one_pass_over_the_tree_finds_scripts_times_metas_and_ruby():
    tree = document_fromstring(
        "<html><head><meta property='og:title' content='T'><script>var a;</script>"
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"H\"}</script></head>"
        "<body><time datetime='2021-04-12'>x</time><p><ruby>漢<rt>かん</rt></ruby></p>"
        "<meta itemprop='datePublished' content='2021-04-12'><time>y</time></body></html>")
    found = read_structured(tree)
    assert [el.tag for el in found.scripts] == ["script", "script"]
    assert [el.text for el in found.times] == ["x", "y"]
    assert found.metas == {"og:title": ["T"], "datepublished": ["2021-04-12"]}
    assert found.articles[0]["headline"] == "H" and found.ruby
    assert not read_structured(document_fromstring("<p>no ruby</p>")).ruby


def test_a_paragraph_is_surely_long_exactly_when_it_holds_more_non_space_characters_than_the_bound():
    for text in ["字" * 61, "字" * 60, " 字" * 61, "字 " * 60 + " " * 500, " " * 300 + "字" * 61,
                 "ａ" * 100, "a b " * 40 + "x"]:
        expected = unicodedata.is_normalized("NFKC", text) and len("".join(text.split())) > _ATTRIBUTION_MAX
        assert _surely_long(text) == expected, repr(text[:20])
