"""Bounded gzip and safe XML for the feed, sitemap and e-paper index parsers.

Decompression is Scrapy's (``scrapy.utils.gz.gunzip`` with a size limit);
our code adds the one error type the parsers raise, and an lxml parser set
up for untrusted XML (no entities, no network, recovery from broken markup)
for the e-paper month indexes, which no library reads.
"""

from __future__ import annotations

import struct
import zlib

from lxml import etree
from scrapy.utils.gz import gunzip as scrapy_gunzip

#: Largest decompressed body accepted (sitemaps allow 50 MB uncompressed).
MAX_BODY = 60 * 1024 * 1024


class XmlError(ValueError):
    """A body is not XML the parsers can read."""


def gunzip(body: bytes, max_size: int = MAX_BODY) -> bytes:
    """Return ``body`` decompressed when it is gzip data, else unchanged.

    Raises :class:`XmlError` when the gzip data is corrupt or inflates past ``max_size``.
    """
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        return scrapy_gunzip(body, max_size=max_size)
    except (OSError, EOFError, struct.error, zlib.error) as exc:
        raise XmlError(f"corrupt gzip data: {exc}") from exc
    except ValueError as exc:  # Scrapy's "decompressed past the maximum"
        raise XmlError(f"gzip data too large: {exc}") from exc


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
