"""Canonical URLs and content fingerprints: the keys of cross-run de-duplication.

This is the project's one canonicaliser. A canonical URL is an identity key,
never a URL to fetch (requests go to the URL as the page wrote it). w3lib's
``canonicalize_url`` does the well-known part: escapes normalised (UTF-8 for
characters, bytes of any charset kept as they are), dot segments resolved,
the query sorted, the fragment dropped. Our code adds what news sites need
for one story to have one key:

- ``http`` and ``https`` collapse into ``https``; default ports go;
- ``www.``/mobile hosts (``m.``, ``wap.``, ``3g.``, ``mobile.``) fold into the
  bare host;
- tracking parameters (``utm_*``, ``spm``, ``from``, ``share*``, click ids …)
  are removed; the rest of the query stays;
- a trailing static directory index (``index.html``, ``index.htm``,
  ``index.shtml``) is removed because servers answer the directory and its
  index with the same page; dynamic scripts (``index.php``, ``index.jsp``) are
  kept since their query decides the page;
- a space in the query is spelled ``%20`` (w3lib writes ``+``).

A content fingerprint hashes the article text after Unicode NFKC folding,
case folding and removal of everything that is not a letter, digit or
combining mark, so whitespace, punctuation and full-width/half-width
variants of the same story match while an edited word does not.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Host prefixes that serve the same articles as the bare host.
FOLDED_HOST_PREFIXES = ("www.", "m.", "wap.", "3g.", "mobile.")

# Query keys that only say how a reader arrived, never which page it is.
TRACKING_KEYS = frozenset({
    "spm", "from", "ref", "ref_src", "ref_url", "referer", "referrer",
    "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "isappinstalled", "wxfrom", "scene", "clicktime",
    "sharer", "sharesource", "wechat_redirect",
})
TRACKING_PREFIXES = ("utm_", "share")

# Trailing path segments that name the directory's own static index page.
DIRECTORY_INDEXES = frozenset({"index.html", "index.htm", "index.shtml"})

DEFAULT_PORTS = frozenset({80, 443})

_HASH_BYTES = 16
# What a URL may be wrapped in (the WHATWG URL standard strips C0 controls and space).
_URL_SPACE = "".join(map(chr, range(0x21)))


def canonical_url(url: str) -> str:
    """Return the canonical identity form of an absolute http(s) URL.

    Raises ``ValueError`` when the URL is not absolute http(s) with a host.
    """
    return _canonical(url)


# A crawl asks for one URL's key several times (link, state, de-duplication): bounded memo.
@functools.lru_cache(maxsize=4096)
def _canonical(url: str) -> str:
    """Return :func:`canonical_url` of ``url``."""
    parts = urlsplit(url.strip(_URL_SPACE))  # ASCII only: a trailing NBSP is part of the path
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    netloc = _canonical_netloc(parts.hostname, _port_or_none(parts, url))
    query = "&".join(f for f in parts.query.split("&") if f and not _is_tracking_field(f))
    canonical = canonicalize_url(urlunsplit(("https", netloc, parts.path, query, "")),
                                 keep_blank_values=True)
    path, sep, query = canonical.partition("?")
    return _fold_index(path) + sep + query.replace("+", "%20")


def content_fingerprint(title: str, paragraphs: list[str]) -> str:
    """Return a stable hex hash of the article's normalised title and body.

    Raises ``ValueError`` when no letter or digit is left to hash, so empty
    articles never match each other.
    """
    return _fingerprint(title or "", tuple(paragraphs))


@functools.lru_cache(maxsize=256)
def _fingerprint(title: str, paragraphs: tuple[str, ...]) -> str:
    """Return :func:`content_fingerprint` (a run asks once to decide a post and once to record it)."""
    normal_title = normalise_text(title)
    normal_body = "".join(normalise_text(p) for p in paragraphs)
    if not normal_title and not normal_body:
        raise ValueError("nothing to fingerprint: title and body are empty")
    payload = f"{normal_title}\x1f{normal_body}".encode("utf-8")
    return hashlib.blake2b(payload, digest_size=_HASH_BYTES).hexdigest()


def normalise_text(text: str) -> str:
    """Return text folded to its letters, digits and marks, case-folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LNM")


def _port_or_none(parts, url: str) -> int | None:
    """Return the explicit port of a split URL, or ``None`` when absent."""
    try:
        return parts.port
    except ValueError as exc:
        raise ValueError(f"bad port in URL: {url!r}") from exc


def _canonical_netloc(hostname: str, port: int | None) -> str:
    """Return the lower-cased, prefix-folded host plus any non-default port."""
    host = _fold_host(hostname.rstrip(".").lower())
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # keep the lower-cased form; it is still a stable key
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    if port is None or port in DEFAULT_PORTS:
        return host
    return f"{host}:{port}"


def _fold_host(host: str) -> str:
    """Return the host with ``www.`` and mobile prefixes removed."""
    changed = True
    while changed:
        changed = False
        for prefix in FOLDED_HOST_PREFIXES:
            rest = host[len(prefix):]
            # Keep at least "name.tld" so "m.cn" never becomes "cn".
            if host.startswith(prefix) and "." in rest:
                host, changed = rest, True
    return host


def _fold_index(url: str) -> str:
    """Return ``url`` (without query) with a trailing static directory index removed."""
    head, _, last = url.rpartition("/")
    return head + "/" if last.lower() in DIRECTORY_INDEXES else url


def _is_tracking_field(field: str) -> bool:
    """Return whether one ``key=value`` query field is a tracking parameter."""
    key = field.partition("=")[0].lower()
    return key in TRACKING_KEYS or key.startswith(TRACKING_PREFIXES)
