"""Encoding decisions: the bytes win over labels that lie."""

from __future__ import annotations

import codecs

import pytest

from newscrawl.extract.encoding import declared_charset, decode_html, normalize_label
from tests.helpers import CORPUS, need_shared

TEXT = "江西日报讯 记者报道：南昌市今年新建充电桩三千个，市民出行更方便。"


def page(charset: str, body: str = TEXT, filler: int = 0, title: str = "标题") -> str:
    """Return a small HTML page declaring ``charset``, with ``filler`` bytes of head before the meta."""
    pad = f"<!-- {'x' * filler} -->" if filler else ""
    return (f"<html><head>{pad}<meta http-equiv='Content-Type' content='text/html; charset={charset}'>"
            f"<title>{title}</title></head><body><p>{body}</p></body></html>")


def test_utf8_page_labelled_gb2312_is_read_as_utf8():
    data = page("gb2312").encode("utf-8")
    text, encoding = decode_html(data)
    assert encoding == "utf-8"
    assert TEXT in text


def test_gbk_page_labelled_utf8_is_read_as_gb18030():
    data = page("utf-8").encode("gbk")
    text, encoding = decode_html(data)
    assert encoding == "gb18030"
    assert TEXT in text


def test_gbk_page_with_wrong_http_header_is_read_as_gb18030():
    data = page("gbk").encode("gbk")
    text, encoding = decode_html(data, declared="iso-8859-1")
    assert encoding == "gb18030"
    assert TEXT in text


def test_gbk_page_labelled_latin1_is_read_as_gb18030():
    data = page("iso-8859-1").encode("gbk")
    text, encoding = decode_html(data)
    assert encoding == "gb18030"
    assert TEXT in text


GERMAN = "Die Vorlesungen für Studierende beginnen; fürs Wohnen in Tübingen bleibt wenig übrig, heißt es."


@pytest.mark.parametrize("label", ["iso-8859-1", "none"])
def test_a_latin1_page_that_also_reads_as_gb18030_stays_latin1(label):
    # Every accented letter and the letter after it make one GB18030 ideograph: the decode
    # is clean, but its ideographs sit inside Latin words.
    html = page(label, GERMAN, title="Wohnungssuche")
    data = (html if label != "none" else html.replace("; charset=none", "")).encode("cp1252")
    assert data.decode("gb18030")  # the trap: a strict GB18030 decode succeeds
    text, encoding = decode_html(data)
    assert GERMAN in text
    assert encoding == "cp1252" or label == "none"


def test_a_gbk_page_mixing_latin_words_and_chinese_is_still_gb18030():
    body = "新款iPhone手机和Android平板今日发布，售价5999元起。" + TEXT
    data = page("iso-8859-1", body).encode("gbk")
    text, encoding = decode_html(data)
    assert encoding == "gb18030"
    assert body in text


def test_gb18030_only_characters_survive():
    body = "𠮷野家与镕基"  # 𠮷 needs four-byte GB18030; 镕 is outside GB2312
    data = page("gb2312", body).encode("gb18030")
    text, encoding = decode_html(data)
    assert encoding == "gb18030"
    assert body in text


def test_big5_page_is_read_as_big5():
    body = "臺灣新聞報導：今日天氣晴朗，氣溫攝氏二十八度。"
    data = page("big5", body, title="新聞").encode("big5")
    text, encoding = decode_html(data)
    assert encoding == "big5hkscs"
    assert body in text


def test_meta_charset_after_the_first_kilobyte_is_found():
    data = page("gbk", filler=3000).encode("gbk")
    assert declared_charset(data) == "gb18030"
    text, _ = decode_html(data)
    assert TEXT in text


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [(codecs.BOM_UTF8, "utf-8", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16")],
)
def test_byte_order_mark_decides(bom, codec, name):
    data = bom + page("gbk").encode(codec)
    text, encoding = decode_html(data)
    assert encoding == name
    assert TEXT in text
    assert not text.startswith("\ufeff")


def test_western_page_labelled_latin1_keeps_cp1252_quotes():
    data = page("iso-8859-1", "Caf\u00e9 \u201cquoted\u201d", title="News").encode("cp1252")
    text, encoding = decode_html(data)
    assert encoding == "cp1252"
    assert "Caf\u00e9 \u201cquoted\u201d" in text


def test_utf8_page_with_one_broken_byte_stays_utf8():
    data = page("utf-8").encode("utf-8") + b"\xe6\xb1"  # a truncated last character
    text, encoding = decode_html(data)
    assert encoding == "utf-8"
    assert TEXT in text


@pytest.mark.parametrize(
    ("label", "codec"),
    [("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"), ("UTF8", "utf-8"),
     ("ISO-8859-1", "cp1252"), ("big5", "big5hkscs"), ("nonsense-charset", None), (None, None)],
)
def test_labels_map_to_supersets(label, codec):
    assert normalize_label(label) == codec


@pytest.mark.parametrize("page_id", ["163_9", "qq_2"])
def test_saved_pages_labelled_gb2312_but_utf8(page_id):
    data = need_shared(CORPUS / "zh-news" / "pages" / f"{page_id}.html").read_bytes()
    assert declared_charset(data) == "gb18030"
    assert decode_html(data)[1] == "utf-8"



def test_the_utf8_check_decides_as_decoding_does():
    from newscrawl.extract.encoding import utf8_shows_text

    pages = [b"", b" \n\t", "\u3000 ".encode(), b"<p>x</p>", codecs.BOM_UTF8 + b"<p>x</p>", b"<p>\xff</p>",
             b"a" * 32767 + "\u00e9".encode() + b"<p>",  # a character across two pieces
             b"a" * 32767 + "\u00e9".encode()[:1], "\u65b0\u95fb".encode("gb18030"), b" " * 80000]
    for data in pages:
        try:
            strict = data.decode("utf-8")
        except UnicodeDecodeError:
            strict = None
        if strict is None or data.startswith(codecs.BOM_UTF8):
            assert utf8_shows_text(data) is None
        else:
            assert decode_html(data) == (strict, "utf-8") and utf8_shows_text(data) == bool(strict.strip())
