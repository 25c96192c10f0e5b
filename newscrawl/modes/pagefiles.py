"""Find a 版面 page's own page files: the PDF of the printed page and the page image — pure functions.

Founder-style e-papers (方正数字报) show each 版面 as an image under a map of
article areas (``<img usemap=…>``) and publish its PDF. A page often links
the PDFs of every 版面 (one per row of its 版面 list: hunanribao's
``node_202.htm``, jiangxiribao's ``node_5452.htm``), so the page's own PDF is,
in this order: the only one it names; else the one in the page image's folder
(Founder keeps both in ``…/2022-08/24/02/``); else the one in the 版面 list
row that links this page. Newer layouts name it in a hidden paragraph
instead of a link (hubeiribao's ``<p id="pdfUrl">``), or in an attribute a
script reads (zhejiangribao's ``<img filepath=…>``, in the 版面 list's
``<dl>`` beside the page's link; its PDFs sit above the page folders). A page that names
several and none of these ways gives none: a wrong PDF is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

from newscrawl.extract.encoding import decode_html
from newscrawl.modes.links import page_key

_PDF_TEXT = re.compile(r"^\S+\.pdf$", re.I)  # a PDF's address written as an element's whole text
_ROWS = ("tr", "li", "dl")  # a 版面 list entry: its own link and its PDF's


@dataclass(frozen=True)
class PageFiles:
    """A 版面 page's PDF and page image (absolute URLs), each None when the page names none of its own."""

    pdf: str | None = None
    image: str | None = None


def find_page_files(body: bytes, url: str) -> PageFiles:
    """Return the PDF and page image of the 版面 page ``body`` at ``url``."""
    text = decode_html(body)[0]
    if not text or not text.strip():
        return PageFiles()
    tree = lxml.html.fromstring(text, base_url=url)
    image = page_image(tree, url)
    return PageFiles(pdf=page_pdf(tree, url, image), image=image)


def page_image(tree: lxml.html.HtmlElement, url: str) -> str | None:
    """Return the URL of the image the page's article map lies over, or None."""
    for img in tree.iter("img"):
        if img.get("usemap") and img.get("src"):
            found = _absolute(url, img.get("src"))
            if found:
                return found
    return None


def page_pdf(tree: lxml.html.HtmlElement, url: str, image: str | None) -> str | None:
    """Return the URL of the page's own PDF among those it names (see the module's text), or None."""
    named = _pdf_links(tree, url)
    candidates = list(dict.fromkeys(u for u, _ in named))
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if image:
        folder = urljoin(image, ".")
        beside = [u for u in candidates if urljoin(u, ".") == folder]
        if len(beside) == 1:
            return beside[0]
    own = page_key(url)
    rows = {id(row): row for el in tree.iter("a") if el.get("href")
            and (row := _row(el)) is not None and page_key(_absolute(url, el.get("href")) or "") == own}
    in_rows = list(dict.fromkeys(u for u, el in named if any(_inside(el, row) for row in rows.values())))
    return in_rows[0] if len(in_rows) == 1 else None


def _pdf_links(tree: lxml.html.HtmlElement, url: str) -> list[tuple[str, lxml.html.HtmlElement]]:
    """Return every PDF the page names, by a link (or another attribute) or as an element's whole text, with
    its element."""
    found = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        # a link, or any attribute a download script reads (zhejiangribao's <img filepath="….pdf">)
        targets = [_absolute(url, v) for k, v in el.attrib.items() if k != "src" and ".pdf" in v.lower()]
        targets = [t for t in targets if t and urlsplit(t).path.lower().endswith(".pdf")]
        if targets:
            found += [(target, el) for target in targets]
        elif len(el) == 0 and el.tag not in ("script", "style") and _PDF_TEXT.match((el.text or "").strip()):
            target = _absolute(url, el.text.strip())
            if target:
                found.append((target, el))
    return found


def _absolute(url: str, reference: str) -> str | None:
    """Return ``reference`` resolved against ``url`` when it is an http(s) address, else None."""
    reference = reference.strip()
    if not reference or reference.startswith("#"):
        return None
    target = urljoin(url, reference).split("#", 1)[0]
    parts = urlsplit(target)
    return target if parts.scheme in ("http", "https") and parts.netloc else None


def _row(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """Return the 版面 list row (table row or list item) ``el`` stands in, or None."""
    return next((a for a in el.iterancestors() if a.tag in _ROWS), None)


def _inside(el: lxml.html.HtmlElement, row: lxml.html.HtmlElement) -> bool:
    return any(a is row for a in el.iterancestors())
