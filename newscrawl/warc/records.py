"""WARC/1.1 records of what a crawl fetched, built with warcio: request, response, metadata, conversion.

A response is stored as it came over the wire: its status line, its headers and
its body still under any ``Content-Encoding`` (gzip, br), so that warcio, pywb
and replayweb.page decode it as they decode any crawler's records. Scrapy hands
the body over already de-chunked, so a ``Transfer-Encoding`` header is left out
and ``Content-Length`` names the bytes stored.

Beside an article's response, a ``metadata`` record (``application/json``)
keeps what the crawl knew of the page before fetching it: its profile, section
and hints (a listing's title, an API record's time …), as request meta. A
re-extraction or a crawl from the files rebuilds the very request from it. A
page rendered in Chromium also gets a ``conversion`` record: the rendered DOM
the extractor read.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from http import HTTPStatus
from io import BytesIO
from typing import Any, Iterable
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

WARC_VERSION = "1.1"
#: Request meta kept in an article's metadata record: what rebuilds its request and item.
KEPT_META = ("site", "selectors", "section", "hints", "page_kind", "article_url", "mode", "callback", "errback",
             "feed")
META_TYPE = "application/json"
#: Headers a stored response leaves out: the body is stored de-chunked, its length recomputed.
_DROPPED_RESPONSE_HEADERS = {b"transfer-encoding", b"content-length"}


def warc_date(moment: datetime | None = None) -> str:
    """Return ``moment`` (aware; default now) as a WARC-Date with microseconds, WARC/1.1's precision."""
    moment = moment or datetime.now(timezone.utc)
    return datetime_to_iso_date(moment.astimezone(timezone.utc).replace(tzinfo=None), use_micros=True)


def header_pairs(headers) -> list[tuple[str, str]]:
    """Return Scrapy headers as (name, value) text pairs, one per value."""
    return [(name.decode("latin-1"), value.decode("latin-1"))
            for name, values in headers.items() for value in values]


def request_line(method: str, url: str) -> str:
    """Return the HTTP request line of ``url`` ("GET /path?q HTTP/1.1")."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return f"{method} {target} HTTP/1.1"


def http_request_record(writer: WARCWriter, url: str, method: str, headers: Iterable[tuple[str, str]],
                        body: bytes, moment: str):
    """Return the ``request`` record of a request to ``url`` (public form), with a Host header first."""
    pairs = [("Host", urlsplit(url).netloc), *((k, v) for k, v in headers if k.lower() != "host")]
    http_headers = StatusAndHeaders(request_line(method, url), pairs, is_http_request=True)
    return writer.create_warc_record(url, "request", payload=BytesIO(body), length=len(body),
                                     http_headers=http_headers, warc_headers_dict={"WARC-Date": moment})


def http_response_record(writer: WARCWriter, url: str, status: int, protocol: str | None,
                         headers: list[tuple[str, str]], body: bytes, moment: str, ip: str | None = None):
    """Return the ``response`` record of ``body`` (as received, still content-encoded) at ``url``."""
    kept = [(k, v) for k, v in headers if k.lower().encode() not in _DROPPED_RESPONSE_HEADERS]
    kept.append(("Content-Length", str(len(body))))
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = ""
    http_headers = StatusAndHeaders(f"{status} {reason}".strip(), kept, protocol=_protocol(protocol))
    warc_headers = {"WARC-Date": moment}
    if ip:
        warc_headers["WARC-IP-Address"] = ip
    return writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                     http_headers=http_headers, warc_headers_dict=warc_headers)


def _protocol(protocol: str | None) -> str:
    """Return the response's HTTP version as a status line starts with it ("HTTP/1.1")."""
    if protocol and protocol.upper().startswith("HTTP/"):
        return protocol.upper()
    return "HTTP/1.1"


def metadata_record(writer: WARCWriter, url: str, request_fields: dict, concurrent_to: str, moment: str):
    """Return the ``metadata`` record keeping the request an article page was fetched by (JSON)."""
    payload = json.dumps(request_fields, ensure_ascii=False, default=_json_value, sort_keys=True).encode("utf-8")
    return writer.create_warc_record(url, "metadata", payload=BytesIO(payload), length=len(payload),
                                     warc_content_type=META_TYPE,
                                     warc_headers_dict={"WARC-Date": moment, "WARC-Concurrent-To": concurrent_to})


def conversion_record(writer: WARCWriter, url: str, dom: bytes, refers_to: str | None, moment: str):
    """Return the ``conversion`` record of a rendered page: the DOM Chromium made of the response."""
    headers = {"WARC-Date": moment}
    if refers_to:
        headers["WARC-Refers-To"] = refers_to
    return writer.create_warc_record(url, "conversion", payload=BytesIO(dom), length=len(dom),
                                     warc_content_type="text/html; charset=utf-8", warc_headers_dict=headers)


def record_id(record) -> str:
    """Return a record's WARC-Record-ID."""
    return record.rec_headers.get_header("WARC-Record-ID")


def kept_meta(meta: dict) -> dict[str, Any]:
    """Return the part of a request's meta that rebuilds it (see KEPT_META), leaving out empty values."""
    return {k: meta[k] for k in KEPT_META if meta.get(k) not in (None, "", {}, [])}


def _json_value(value: Any) -> Any:
    """Return a value JSON cannot hold as a tagged object (dates); raise TypeError for others."""
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not kept in a WARC metadata record")


def _tagged(obj: dict) -> Any:
    """Return a tagged object (see :func:`_json_value`) as the value it stands for."""
    if len(obj) == 1 and "$datetime" in obj:
        return datetime.fromisoformat(obj["$datetime"])
    if len(obj) == 1 and "$date" in obj:
        return date.fromisoformat(obj["$date"])
    return obj


def parse_metadata(payload: bytes) -> dict:
    """Return the request fields of a metadata record; ValueError when it is not newscrawl's JSON."""
    data = json.loads(payload.decode("utf-8"), object_hook=_tagged)
    if not isinstance(data, dict) or not isinstance(data.get("url"), str) or not isinstance(data.get("meta"), dict):
        raise ValueError("not a newscrawl request record")
    return data
