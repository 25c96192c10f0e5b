"""Recognise the site's own name where a headline might stand: logo headings and title segments.

Small sites put their name in an ``<h1>`` (a logo linking to the home page) and
in ``<title>`` ("Headline - Site Name" or "Site Name » Headline"). The site's
name is declared (``og:site_name``, ``application-name``, the JSON-LD
publisher), drawn as a logo (a heading that is one link to the home page, or
inside a ``logo``/``brand``/``site-title`` element), or spelled in the host
name ("Four Years" on ``fouryears.eu``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.jsonld import article_objects, meta_values, resolve
from newscrawl.extract.page import Page
from newscrawl.extract.text import normalize_title

_LOGO = re.compile(r"logo|brand|site-?title|site-?name|sitename|masthead", re.I)
_ROOT_PATHS = ("", "/index.html", "/index.php", "/index.htm", "/home")  # after rstrip("/")
_WORD = re.compile(r"[^\W_]{3,}")
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() and "_"
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$")


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Return ``text`` lower-cased with everything but letters and digits removed."""
    return _NOT_ALNUM.sub("", normalize_title(text).casefold())


def declared_names(page: Page) -> set[str]:
    """Return the site names the page declares, folded (see ``_fold``); worked out once per page."""
    if page.site_names is None:
        page.site_names = _declared_names(page)
    return page.site_names


def _declared_names(page: Page) -> set[str]:
    """Return the site names the page declares, folded."""
    names = meta_values(page, "og:site_name", "application-name", "twitter:app:name:iphone")
    for obj in article_objects(page):
        publisher = resolve(page, obj.get("publisher"))
        if (isinstance(publisher, dict) and isinstance(publisher.get("name"), str)
                and publisher.get("@type") != "Person"):  # a blog published by its writer
            names.append(publisher["name"])
    return {f for f in map(_fold, names) if f}


@lru_cache(maxsize=256)
def host_words(url: str | None) -> str:
    """Return the host name without www. and the top-level domain, folded ("fouryears")."""
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "wap")]
    return _fold("".join(labels[:-1]) if len(labels) > 1 else "".join(labels))


def names_site(text: str, page: Page, declared: set[str] | None = None) -> bool:
    """Return True when ``text`` is the site's name rather than a headline."""
    folded = _fold(text)
    if not folded:
        return False
    declared = declared_names(page) if declared is None else declared
    if any(folded in name for name in declared):
        return True  # the declared name, or its start ("Riverside Garden Club" of "... Club Association")
    host = host_words(page.url)
    if not host:
        return False
    if _DOMAIN.match(text.strip()):  # "example.com" spelled out
        return host_words("http://" + text.strip()) == host
    # Every word of the text is in the host name ("Four Years" on fouryears.eu, "Example.com").
    words = [_fold(w) for w in _WORD.findall(normalize_title(text))]
    return bool(words) and all(w in host for w in words)


def _links_home(el: HtmlElement, url: str | None) -> bool:
    """Return True when all of ``el``'s text is one link to the site's home page."""
    links = [a for a in el.iter("a")]
    if len(links) != 1 or normalize_title(links[0].text_content()) != normalize_title(el.text_content()):
        return False
    raw = (links[0].get("href") or "").strip()
    href = urlsplit(raw)
    if not raw or raw.startswith("#") or href.query or href.path.rstrip("/") not in _ROOT_PATHS:
        return False  # an empty href or a fragment is this page, not the home page
    if not href.netloc:
        return True
    host = urlsplit(url).hostname if url else None
    return host is None or (href.hostname or "").removeprefix("www.") == host.removeprefix("www.")


def is_logo(el: HtmlElement, page: Page) -> bool:
    """Return True when a heading is the site's logo: a link home, or inside a logo-named element."""
    if _links_home(el, page.url):
        return True
    for node in (el, *list(el.iterancestors())[:2]):
        hint = f"{node.get('class') or ''} {node.get('id') or ''}"
        if hint.strip() and _LOGO.search(hint):
            return True
    return False
