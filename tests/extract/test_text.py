"""nfkc(): the same answer as unicodedata's NFKC, by a cheaper road for full-width punctuation."""

from __future__ import annotations

import random
import unicodedata

import pytest

from newscrawl.extract.text import nfkc

# Full-width forms, the ideographic space, combining marks that compose with ASCII letters,
# kana voicing marks (half-width and combining), Hangul jamo, other compatibility characters
# (circled digits, ligatures, the Ångström and Ohm signs) and plain text around them.
_ALPHABET = ([chr(code) for code in range(0xFF00, 0xFFA0)]
             + list("\u3000\u0301\u0308\u0327\u3099\u309a\u2460\ufb01\u212b\u2126\u00e9\u304b\u1100\u1161\u11a8")
             + list("Ae 中文，。\n"))


def test_equals_unicodedata_on_every_character_of_the_basic_plane():
    for code in range(0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        assert nfkc(char) == unicodedata.normalize("NFKC", char), hex(code)


@pytest.mark.parametrize("seed", range(4))
def test_equals_unicodedata_on_random_mixtures(seed):
    pick = random.Random(seed)
    for _ in range(20000):
        text = "".join(pick.choice(_ALPHABET) for _ in range(pick.randint(0, 14)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)


@pytest.mark.parametrize("text, expected", [
    ("记者：王小明（通讯员）", "记者:王小明(通讯员)"),
    ("２０２２年３月１７日\u3000来源", "2022年3月17日 来源"),
    ("Ａ\u0301", "Á"),  # a combining mark after a full-width letter composes with its ASCII form
    ("ｶﾞ", "ガ"),  # half-width katakana are not full-width ASCII: unicodedata decides
    ("plain text", "plain text"),
])
def test_known_foldings(text, expected):
    assert nfkc(text) == expected
