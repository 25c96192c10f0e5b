"""Canonical URLs and content fingerprints: the keys of cross-run de-duplication.

A canonical URL is an identity key, not a URL to fetch: ``http`` and
``https`` collapse into ``https``, ``www.``/mobile hosts fold into the bare
host, tracking parameters go, the rest of the query is sorted and the
fragment is dropped. A trailing static directory index (``index.html``,
``index.htm``, ``index.shtml``) is removed because servers answer the
directory and its index with the same page; dynamic scripts (``index.php``,
``index.jsp``) are kept since their query decides the page.

A content fingerprint hashes the article text after Unicode NFKC folding,
case folding and removal of everything that is not a letter, digit or
combining mark, so whitespace, punctuation and full-width/half-width
variants of the same story match while an edited word does not.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote, unquote_to_bytes, urlsplit, urlunsplit

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

# Characters left unescaped in a path segment / query part (RFC 3986).
_SAFE_SEGMENT = "!$&'()*+,;=:@-._~"
_SAFE_QUERY_PART = "!$'()*,;:@/?-._~"

_HASH_BYTES = 16


def canonical_url(url: str) -> str:
    """Return the canonical identity form of an absolute http(s) URL.

    Raises ``ValueError`` when the URL is not absolute http(s) with a host.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    netloc = _canonical_netloc(parts.hostname, _port_or_none(parts, url))
    path = _canonical_path(parts.path)
    query = _canonical_query(parts.query)
    return urlunsplit(("https", netloc, path, query, ""))


def content_fingerprint(title: str, paragraphs: list[str]) -> str:
    """Return a stable hex hash of the article's normalised title and body.

    Raises ``ValueError`` when no letter or digit is left to hash, so empty
    articles never match each other.
    """
    normal_title = normalise_text(title or "")
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


def _canonical_path(path: str) -> str:
    """Return the path with dot segments resolved and escapes normalised."""
    segments = _remove_dot_segments(path.split("/"))
    if segments and segments[-1].lower() in DIRECTORY_INDEXES:
        segments[-1] = ""
    encoded = "/".join(quote(unquote_to_bytes(s), safe=_SAFE_SEGMENT) for s in segments)
    return encoded if encoded.startswith("/") else "/" + encoded


def _remove_dot_segments(segments: list[str]) -> list[str]:
    """Return path segments with ``.`` and ``..`` resolved."""
    out: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return out


def _canonical_query(query: str) -> str:
    """Return the query without tracking keys, escapes normalised, sorted."""
    pairs = []
    for field in re.split(r"[&;]", query):
        if not field:
            continue
        key, sep, value = field.partition("=")
        key, value = _normal_query_part(key), _normal_query_part(value)
        if not _is_tracking_key(key):
            pairs.append(f"{key}{sep}{value}")
    return "&".join(sorted(pairs))


def _normal_query_part(part: str) -> str:
    """Return one query key or value with ``+`` and escapes normalised."""
    return quote(unquote_to_bytes(part.replace("+", " ")), safe=_SAFE_QUERY_PART)


def _is_tracking_key(key: str) -> bool:
    """Return whether a (percent-encoded) query key is a tracking parameter."""
    lowered = key.lower()
    return lowered in TRACKING_KEYS or lowered.startswith(TRACKING_PREFIXES)
