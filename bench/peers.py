"""Adapters that run peer extractors and return predictions in the bench's common shape."""

from __future__ import annotations

import importlib.util
import logging
import re

from newscrawl.extract.encoding import decode_html

_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_PAGE = 200  # a page with this many Han characters is read as Chinese
# lxml refuses a decoded string that still declares its encoding, and control characters:
# peers given text (not bytes) get the page without them, so they fail only on their own.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)
logging.getLogger("newspaper").setLevel(logging.CRITICAL)


def _text(html: bytes) -> str:
    """Return the page decoded the way newscrawl decodes it (peers get the same text)."""
    return _CONTROL.sub("", _XML_DECLARATION.sub("", decode_html(html)[0], count=1))


def trafilatura_peer(html: bytes, url: str | None) -> dict:
    """Run trafilatura with metadata."""
    from trafilatura import bare_extraction

    doc = bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return {}
    return {"title": doc.title, "date": doc.date, "author": doc.author, "body": doc.text}


_GNE = None


def gne_peer(html: bytes, url: str | None) -> dict:
    """Run GeneralNewsExtractor."""
    global _GNE
    if _GNE is None:
        from gne import GeneralNewsExtractor

        _GNE = GeneralNewsExtractor()
    result = _GNE.extract(_text(html))
    return {"title": result.get("title"), "date": result.get("publish_time"),
            "author": result.get("author"), "body": result.get("content")}


def htmldate_peer(html: bytes, url: str | None) -> dict:
    """Run htmldate (dates only), asking for the time of day where it finds one."""
    from htmldate import find_date

    found = find_date(_text(html), url=url, outputformat="%Y-%m-%dT%H:%M:%S", original_date=True)
    if found and found.endswith("T00:00:00"):
        found = found[:10]  # no time found: report the day only
    return {"date": found}


def newspaper_peer(html: bytes, url: str | None) -> dict:
    """Run newspaper4k on the saved bytes (no download, no image fetching: the bench is offline)."""
    from newspaper import Article

    text = _text(html)
    # newspaper4k splits words by language (jieba for Chinese); tell it which one.
    language = "zh" if len(_CJK.findall(text)) >= _CJK_PAGE else "en"
    article = Article(url or "http://example.com/article", language=language, fetch_images=False)
    article.download(input_html=text)
    article.parse()
    return {"title": article.title, "date": article.publish_date, "author": article.authors or None,
            "body": article.text}


_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "br")


def readability_peer(html: bytes, url: str | None) -> dict:
    """Run readability-lxml (title and main text; it reads no dates or people)."""
    import lxml.html
    from readability import Document

    doc = Document(_text(html), url=url)
    tree = lxml.html.fromstring(doc.summary(html_partial=True))
    for el in tree.iter(*_BLOCK_TAGS):  # one line per block, as the other peers give text
        el.tail = "\n" + (el.tail or "")
    body = "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())
    return {"title": doc.short_title(), "body": body}


def newsplease_peer(html: bytes, url: str | None) -> dict:
    """Run news-please on the saved page (its own extractor chain, no download)."""
    from newsplease import NewsPlease

    article = NewsPlease.from_html(_text(html), url=url, fetch_images=False)
    return {"title": article.title, "date": article.date_publish, "author": article.authors or None,
            "body": article.maintext}


_FUNDUS: dict[str, object] = {}


def fundus_peer(html: bytes, url: str | None) -> dict:
    """Run fundus's hand-written parser for the page's publisher; nothing for a site it has none for.

    fundus reads only the publishers it ships a parser for: on other sites it finds nothing,
    which is what a user of it would get there.
    """
    from urllib.parse import urlsplit

    if not _FUNDUS:
        from fundus import PublisherCollection

        for publisher in PublisherCollection:
            for domain in (publisher.domain, *publisher.deprecated_domains):
                _FUNDUS[_host(urlsplit(domain).hostname or "")] = publisher
    publisher = _FUNDUS.get(_host(urlsplit(url or "").hostname or ""))
    if publisher is None:
        return {}
    found = publisher.parser().parse(_text(html), "suppress")
    body = found.get("body")
    return {"title": found.get("title"), "date": found.get("publishing_date"),
            "author": found.get("authors") or None, "body": str(body) if body else None}


def _host(host: str) -> str:
    """Return a host name without its ``www.``."""
    return host.lower().removeprefix("www.")


_ALL = (
    ("trafilatura", "trafilatura", trafilatura_peer, {"title", "date", "author", "body"}),
    ("GNE", "gne", gne_peer, {"title", "date", "author", "body"}),
    ("htmldate", "htmldate", htmldate_peer, {"date"}),
    ("newspaper4k", "newspaper", newspaper_peer, {"title", "date", "author", "body"}),
    ("readability", "readability", readability_peer, {"title", "body"}),
    ("news-please", "newsplease", newsplease_peer, {"title", "date", "author", "body"}),
    ("fundus", "fundus", fundus_peer, {"title", "date", "author", "body"}),
)


def available() -> list[tuple[str, object, set[str]]]:
    """Return (label, function, fields) for the peers installed in this Python."""
    found = []
    for label, module, fn, fields in _ALL:
        if importlib.util.find_spec(module) is None:
            print(f"peer {label} not installed (pip install -r requirements-bench.txt)")
            continue
        found.append((label, fn, fields))
    return found
