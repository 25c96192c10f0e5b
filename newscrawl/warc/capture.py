"""What one exchange leaves in a WARC file: a response, its request, and what the crawl knew of it.

:class:`Exchange` is copied from Scrapy's request and response on the
reactor's thread (cheap: references and header pairs); :meth:`Exchange.records`
builds the warcio records (digests, gzip) later, in the writing thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from warcio.warcwriter import WARCWriter

from newscrawl.mirrors import MIRROR_META, public_url
from newscrawl.render.policy import KEPT_DOCUMENTS
from newscrawl.warc import records as r

#: Response flag of a page answered from WARC files (never written to WARC files again).
REPLAYED = "warc"


@dataclass
class Document:
    """One HTTP response as received: status, header pairs and body (content-encoded, de-chunked)."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    protocol: str | None = None
    ip: str | None = None


@dataclass
class Exchange:
    """A fetched page: its request, the documents received, a rendered DOM, and the request's meta to keep."""

    url: str  # public URL of the request
    method: str
    request_headers: list[tuple[str, str]]
    request_body: bytes
    documents: list[Document]
    moment: str  # WARC-Date
    dom: bytes | None = None  # the rendered DOM, for a page rendered in Chromium
    request_fields: dict | None = None  # an article request's callback names and kept meta
    dom_url: str | None = None  # the URL the browser ended at

    @classmethod
    def of(cls, request, response, mirrors=None) -> "Exchange":
        """Return the exchange of ``request`` and ``response`` as Scrapy's downloader handed them over.

        ``mirrors`` (the crawl's) give the public URL of a request sent to a
        mirror by others than the spider (robots.txt).
        """
        mirror = request.meta.get(MIRROR_META) or _local_mirror(mirrors, request.url)
        url = _public(mirror, request.url)
        rendered = "playwright" in response.flags
        if rendered:
            documents = [Document(_public(mirror, u), status, list(headers), body)
                         for u, status, headers, body in request.meta.get(KEPT_DOCUMENTS) or ()]
        else:
            headers = [(k, _public(mirror, v) if k.lower() in ("location", "content-location") else v)
                       for k, v in r.header_pairs(response.headers)]
            documents = [Document(url, response.status, headers, response.body, response.protocol,
                                  str(response.ip_address) if response.ip_address else None)]
        return cls(url=url, method=request.method, request_headers=r.header_pairs(request.headers),
                   request_body=request.body, documents=documents, moment=r.warc_date(),
                   dom=response.body if rendered else None,
                   dom_url=_public(mirror, response.url) if rendered else None,
                   request_fields=request_fields(request))

    def records(self) -> list:
        """Return the exchange's WARC records: each response with its request, then metadata and conversion."""
        writer = WARCWriter(None, gzip=True, warc_version=r.WARC_VERSION)
        out, first_id = [], None
        for document in self.documents:
            response = r.http_response_record(writer, document.url, document.status, document.protocol,
                                              document.headers, document.body, self.moment, document.ip)
            request = r.http_request_record(writer, document.url, self.method, self.request_headers,
                                            self.request_body, self.moment)
            request.rec_headers.add_header("WARC-Concurrent-To", r.record_id(response))
            out += [response, request]
            first_id = first_id or r.record_id(response)
        if self.dom is not None:
            conversion = r.conversion_record(writer, self.dom_url or self.url, self.dom,
                                             r.record_id(out[-2]) if out else None, self.moment)
            out.append(conversion)
            first_id = first_id or r.record_id(conversion)
        if self.request_fields is not None and first_id:
            out.append(r.metadata_record(writer, self.url, self.request_fields, first_id, self.moment))
        return out


def request_fields(request) -> dict | None:
    """Return what rebuilds an article request (URL, callbacks, kept meta); None for any other request.

    Only the first hop of an article request is kept: a redirect is followed
    again when the request is rebuilt.
    """
    meta = request.meta
    if "article_url" not in meta or meta.get("redirect_urls"):
        return None
    return {"url": public_url(request), "method": request.method,
            "callback": getattr(request.callback, "__name__", None),
            "errback": getattr(request.errback, "__name__", None),
            "meta": r.kept_meta(meta)}


def _local_mirror(mirrors, url: str):
    """Return the mirror whose local prefix ``url`` is under, or None."""
    return next((m for m in getattr(mirrors, "mirrors", ()) if url.startswith(m.local)), None)


def _public(mirror, url: str) -> str:
    """Return ``url`` under the mirror's public prefix when it is under its local one."""
    return mirror.to_public(url) if mirror is not None else url
