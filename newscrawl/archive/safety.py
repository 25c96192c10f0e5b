"""Turn untrusted article text and URLs into inert HTML and Markdown pieces.

Everything here is pure. Text is escaped for HTML, and ``{``/``}`` become
character references so neither Liquid (Jekyll 3.x and 4.x) nor Hugo
shortcodes ever see a delimiter; nh3 then re-checks the body HTML against a
tight allow-list as defence in depth.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit, urlunsplit

import nh3

from newscrawl.extract.text import clean_text

# Controls, DEL, C1 controls and lone surrogates carry no text and cannot be
# written as UTF-8; a URL holding one is refused.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_BRACES = {ord("{"): "&#123;", ord("}"): "&#125;"}
# Characters a URL may keep as they are; the rest is percent-encoded.
# Parentheses go too: they would end a Markdown link target early.
_URL_KEEP = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "-._~:/?#@!$&*+,;=%'"
)
_PCT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(r"(?:[A-Za-z0-9_.~!$&'*+,;=:%-]*@)?(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?")

_SITE_PATH = re.compile(r"/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/?)*")
BODY_TAGS = frozenset({"p", "img", "figure", "figcaption"})
BODY_ATTRIBUTES = {"p": set(), "img": {"src", "alt", "data-src"}, "figure": set(), "figcaption": set()}
BODY_CLASSES = {"p": {"em_media"}}
BODY_SCHEMES = frozenset({"http", "https"})


def one_line(text: str) -> str:
    """Return text on one line, controls removed, other spaces kept.

    A blank line inside a paragraph would end the raw-HTML block in CommonMark
    (Hugo) and let Markdown run on the rest.
    """
    return clean_text(text, keep_spaces=True)


def encode_braces(markup: str) -> str:
    """Return markup with ``{`` and ``}`` as numeric character references."""
    return markup.translate(_BRACES)


def escape_text(text: str) -> str:
    """Return plain text as inert HTML: escaped, one line, no template braces."""
    return encode_braces(html.escape(one_line(text), quote=True))


def escape_markdown_text(text: str) -> str:
    """Return text for a Markdown link label: ASCII punctuation as references.

    Letters, digits, spaces and non-ASCII characters stay; every ASCII symbol
    (``[``, ``]``, ``*``, ``_``, ``|``, ``<``, ``{``, backslash …) becomes
    ``&#N;`` so neither Markdown, Liquid nor shortcodes can act on it.
    """
    return "".join(
        f"&#{ord(ch)};" if ch.isascii() and not ch.isalnum() and ch != " " else ch
        for ch in one_line(text)
    )


# What makes a quoted line (a digest) mean more than its text, in kramdown (Jekyll) or
# goldmark (Hugo), and where; everything else is written as it is.
_INLINE = re.compile(
    r"[*`\[\]|]"  # emphasis, code, links and footnotes, table cells: always
    r"|\\(?=[!-/:-@\[-`{-~]|$)"  # a backslash that would escape what follows (or break the line)
    r"|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])"  # an underscore not inside a word: emphasis
    r"|\$(?=\$)|(?<=\$)\$"  # $$: kramdown's math
    r"|~(?=~)|(?<=~)~"  # ~~: strikethrough
    r"|[\"']|-(?=-)|(?<=-)-|\.(?=\.)|(?<=\.)\.|<(?=<)|(?<=<)<|>(?=>)|(?<=>)>"  # typography: “” – … «»
)
_ENTITY_START = re.compile(r"&(?=#[0-9]+;|#[xX][0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)")  # &amp; would be &
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")  # a tag, an autolink, a comment
_TEMPLATE_START = re.compile(r"\{(?=[{%:])")  # Liquid {{ and {%, Hugo {{< and {{%, kramdown's {: and {::
# A line that starts so would be a heading, list item, quote, rule or kramdown's block end marker
_LINE_START = re.compile(r"^(?:[#>^:=]|[-+](?=\s|$)|(\d{1,9})[.)](?=\s|$)|(?:[-_]\s*){3,}$)")


def escape_markdown_inline(text: str) -> str:
    """Return text for a line of Markdown that reads as it is written, on one line.

    Only what would change its meaning is escaped, and only where it would:
    emphasis, code, links and tables by a backslash (``\\*``), a backslash
    that would escape what follows, an underscore outside a word, ``$$`` and
    ``~~``; ``&`` before an entity, ``<`` before a tag and ``{`` before
    ``{``/``%``/``:`` (Liquid, shortcodes, kramdown attributes) as character
    references; a first character that would start a heading, list, quote or
    rule. ``5%至5.25%`` stays ``5%至5.25%``.
    """
    line = one_line(text).strip()
    line = _ENTITY_START.sub("&amp;", line)
    line = _TAG_START.sub("&lt;", line)
    line = _TEMPLATE_START.sub("&#123;", line)
    line = _INLINE.sub(lambda m: "\\" + m.group(0), line)
    start = _LINE_START.match(line)
    if start is None:
        return line
    if start.group(1) is not None:  # "1. " / "1) ": escape the list marker's dot or parenthesis
        end = len(start.group(1))
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def _encode_url_part(part: str) -> str:
    """Percent-encode every character of a URL part outside the keep-set."""
    part = _PCT.sub("%25", part)
    return "".join(
        ch if ch in _URL_KEEP else "".join(f"%{b:02X}" for b in ch.encode("utf-8"))
        for ch in part
    )


def _safe_host(netloc: str) -> str | None:
    """Return netloc as ASCII (IDNA for non-ASCII hosts); None when unusable."""
    if not netloc.isascii():
        try:
            netloc = netloc.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    return netloc if _HOST.fullmatch(netloc) else None


def safe_http_url(url: str | None) -> str | None:
    """Return an absolute http(s) URL made inert for HTML/Markdown/Liquid.

    Returns None for any other scheme (``javascript:``, ``data:``, relative
    references), for control characters, or when the host is malformed.
    """
    if not url:
        return None
    url = url.strip()
    if _CONTROL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in BODY_SCHEMES or not parts.netloc:
        return None
    host = _safe_host(parts.netloc)
    if host is None:
        return None
    return urlunsplit((
        parts.scheme.lower(),
        host,
        _encode_url_part(parts.path),
        _encode_url_part(parts.query),
        _encode_url_part(parts.fragment),
    ))


def safe_base_url(base_url: str) -> str:
    """Return the site base URL without a trailing slash, percent-encoded.

    Accepts ``//host/path``, ``http(s)://host/path``, a path starting with
    ``/`` or the empty string; raises ValueError for anything else.
    """
    base = base_url.strip().rstrip("/")
    if base.startswith("//"):
        checked = safe_http_url("http:" + base)
        if checked is None:
            raise ValueError(f"base_url {base_url!r} is not a usable URL")
        return checked[len("http:"):].rstrip("/")
    if base == "" or (base.startswith("/") and not base.startswith("//")):
        return _encode_url_part(base)
    checked = safe_http_url(base)
    if checked is None:
        raise ValueError(f"base_url {base_url!r} must be http(s), //host or /path")
    return checked.rstrip("/")


def sanitize_body(markup: str) -> str:
    """Return body HTML passed through the nh3 allow-list, braces encoded.

    nh3 re-serialises entities, so braces are encoded after it runs.
    """
    cleaned = nh3.clean(
        markup,
        tags=set(BODY_TAGS),
        attributes={tag: set(names) for tag, names in BODY_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in BODY_CLASSES.items()},
        url_schemes=set(BODY_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return encode_braces(cleaned)


def safe_site_path(path: object) -> bool:
    """Return True when ``path`` is a plain path on the archive site (``/emnews/``).

    Only ASCII letters, digits and ``._~-`` between slashes; no segment starts
    with a dot, so ``..`` and hidden folders are refused.
    """
    return isinstance(path, str) and bool(_SITE_PATH.fullmatch(path))
