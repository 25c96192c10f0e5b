"""Collect the article's pictures: the images inside the text container, in order.

Icons and tracking pixels (declared tiny) and images in furniture-named boxes
inside the container (share bars, related cards) are left out; lazy-loading
attributes count as sources.
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml.html import HtmlElement

from newscrawl.extract.hints import classify_hint

_ICON_MAX = 40  # pixels; smaller declared images are icons, not pictures
_IMAGE_ATTRS = ("src", "data-src", "data-original", "data-url", "data-lazy-src")


def _icon(img: HtmlElement) -> bool:
    """Return True when the image declares itself tiny (icons, tracking pixels)."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < _ICON_MAX:
            return True
    return False


def _in_furniture(el: HtmlElement, container: HtmlElement) -> bool:
    """Return True when ``el`` sits in a furniture-named element inside ``container``."""
    for parent in el.iterancestors():
        if parent is container:
            return False
        cls, ident = parent.get("class"), parent.get("id")
        if (cls or ident) and classify_hint(f"{cls} {ident}")[0]:
            return True
    return False


def body_images(container: HtmlElement, url: str | None) -> list[str]:
    """Return absolute http(s) URLs of the images in ``container``, in order, without repeats."""
    seen: list[str] = []
    for img in container.iter("img"):
        if _icon(img) or _in_furniture(img, container):
            continue
        for attr in _IMAGE_ATTRS:
            src = (img.get(attr) or "").strip()
            if src and not src.startswith("data:"):
                break
        else:
            continue
        try:
            absolute = urljoin(url, src) if url else src
        except ValueError:  # a bracketed host that is no IP address ("//[x]/a.jpg"): no URL at all
            continue
        if absolute.startswith("//"):
            absolute = "https:" + absolute
        if absolute.startswith(("http://", "https://")) and absolute not in seen:
            seen.append(absolute)
    return seen
