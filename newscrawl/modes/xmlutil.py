"""Safe XML parsing shared by the feed, sitemap and e-paper index parsers."""

from __future__ import annotations

import gzip
import io
import zlib

from lxml import etree

#: Largest decompressed body accepted (sitemaps allow 50 MB uncompressed).
MAX_BODY = 60 * 1024 * 1024


class XmlError(ValueError):
    """A body is not XML the parsers can read."""


def gunzip(body: bytes) -> bytes:
    """Return ``body`` decompressed when it is gzip data, else unchanged.

    Raises :class:`XmlError` when the gzip data is corrupt or too large.
    """
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
            data = f.read(MAX_BODY + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise XmlError(f"corrupt gzip data: {exc}") from exc
    if len(data) > MAX_BODY:
        raise XmlError(f"decompressed body exceeds {MAX_BODY} bytes")
    return data


def parse_xml(body: bytes) -> etree._Element:
    """Return the root element of ``body``; entities and network access stay off.

    Raises :class:`XmlError` when nothing parseable is found.
    """
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body.lstrip(b"\xef\xbb\xbf \t\r\n"), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise XmlError(f"not XML: {exc}") from exc
    if root is None:
        raise XmlError("not XML: empty document")
    return root


def local(tag) -> str:
    """Return an element tag without its namespace, lower-cased ('' for comments)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def children(el: etree._Element, name: str) -> list[etree._Element]:
    """Return the direct children of ``el`` whose local name is ``name``."""
    return [c for c in el if local(c.tag) == name]


def child_text(el: etree._Element, *names: str) -> str | None:
    """Return the stripped text of the first direct child named one of ``names``."""
    for name in names:
        for c in children(el, name):
            text = "".join(c.itertext()).strip()
            if text:
                return text
    return None

