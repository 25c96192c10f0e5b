"""Find what WARC files hold: each URL's response to serve, and the article requests newscrawl kept.

A URL fetched several times is answered with its newest successful (2xx)
response, else its newest other response: a 304 to a re-check says "as
before", and a later 404 says the page is gone, not what it said. A rendered
page is answered with its rendered DOM (the ``conversion`` record) when that is
as new as the response. Of the metadata records that keep an article's request
(``records.py``), the newest per article wins. Records and files that cannot be
read are listed with the reason, never skipped silently.
"""

from __future__ import annotations

import glob
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin

from warcio.archiveiterator import ArchiveIterator
from warcio.timeutils import iso_date_to_datetime

from newscrawl.warc.records import META_TYPE, parse_metadata

logger = logging.getLogger(__name__)

WARC_NAMES = ("*.warc.gz", "*.warc", "*.warc.wet.gz")
GZIP_MAGIC = b"\x1f\x8b\x08"


@dataclass(frozen=True)
class Stored:
    """One record in a WARC file: where it is, what URL and moment, and its HTTP status and type."""

    path: Path
    offset: int
    kind: str  # "response" or "conversion"
    url: str
    moment: datetime
    order: int  # position among every record read, for ties and for the order of a crawl
    status: int | None = None
    mime: str = ""

    def rank(self) -> tuple:
        """Return how good an answer this record is: successful first, then newest."""
        return (self.status is not None and 200 <= self.status < 300, self.moment, self.order)


@dataclass
class WarcIndex:
    """The responses, rendered pages and article requests of a set of WARC files."""

    files: list[Path] = field(default_factory=list)
    responses: dict[str, Stored] = field(default_factory=dict)  # URL -> the response to serve
    conversions: dict[str, Stored] = field(default_factory=dict)  # URL -> the newest rendered DOM
    requests: dict[str, tuple[int, datetime, dict]] = field(default_factory=dict)  # article URL -> newest
    redirects: dict[str, str] = field(default_factory=dict)  # URL -> where its newest 3xx response sent it
    unreadable: list[str] = field(default_factory=list)  # "file: reason", one per problem
    records: int = 0

    @classmethod
    def build(cls, sources: list[str]) -> "WarcIndex":
        """Return the index of the WARC files ``sources`` name (files, folders, globs)."""
        index = cls()
        for path in warc_files(sources):
            index.add_file(path)
        return index

    def add_file(self, path: Path) -> None:
        """Index every record of ``path``; past a record that cannot be read, go on at the next gzip member.

        Each problem is noted with its file and offset (``unreadable``).
        """
        self.files.append(path)
        try:
            with path.open("rb") as stream:
                start = 0
                while start is not None:
                    start = self._add_from(path, stream, start)
        except OSError as exc:
            self.unreadable.append(f"{path}: {_first_line(exc)}")

    def _add_from(self, path: Path, stream, start: int) -> int | None:
        """Index the records of ``stream`` from ``start``; return where to go on after a bad one (None: done)."""
        stream.seek(start)
        iterator = ArchiveIterator(stream)
        at = start
        try:
            for record in iterator:
                at = iterator.offset
                self._add(path, iterator, record)
                at = iterator.offset
            return None
        except Exception as exc:  # a torn or damaged gzip member, a bad header: a fault of the file, not ours
            failed = max(at, start)
            self.unreadable.append(f"{path}: the record at offset {failed} cannot be read "
                                   f"({type(exc).__name__}: {_first_line(exc)})")
            return _next_member(stream, failed + 1)

    def _add(self, path: Path, iterator: ArchiveIterator, record) -> None:
        kind = record.rec_type
        url = record.rec_headers.get_header("WARC-Target-URI")
        payload = record.content_stream().read() if kind == "metadata" else None
        offset = iterator.get_record_offset()
        self.records += 1
        if not url or kind not in ("response", "conversion", "metadata"):
            return
        moment = _moment(record.rec_headers.get_header("WARC-Date"))
        if kind == "metadata":
            self._add_request(path, offset, record, payload, moment)
            return
        if kind == "conversion":
            stored = Stored(path, offset, kind, url, moment, self.records, 200, "text/html")
            if url not in self.conversions or self.conversions[url].rank() <= stored.rank():
                self.conversions[url] = stored
            return
        headers = record.http_headers
        status = _status(headers)
        if status is None or status == 304 or status < 200:
            return  # a 304 says "as before": the earlier response answers
        location = headers.get_header("Location")
        if 300 <= status < 400 and location:
            self.redirects[url] = urljoin(url, location)
        mime = (headers.get_header("Content-Type") or "").partition(";")[0].strip().lower()
        stored = Stored(path, offset, kind, url, moment, self.records, status, mime)
        if url not in self.responses or self.responses[url].rank() <= stored.rank():
            self.responses[url] = stored

    def _add_request(self, path: Path, offset: int, record, payload: bytes, moment: datetime) -> None:
        if (record.rec_headers.get_header("Content-Type") or "").split(";")[0] != META_TYPE:
            return  # another crawler's metadata (Heritrix's outlinks, Common Crawl's fetch times)
        try:
            fields = parse_metadata(payload)
        except ValueError as exc:
            self.unreadable.append(f"{path}: metadata record at offset {offset}: {_first_line(exc)}")
            return
        article = fields["meta"].get("article_url") or fields["url"]
        held = self.requests.get(article)
        if held is None or (held[1], held[0]) <= (moment, self.records):
            self.requests[article] = (self.records, moment, fields)

    def answer(self, url: str) -> Stored | None:
        """Return the record that answers a request for ``url``: its rendered DOM or its response; None: not kept."""
        response, dom = self.responses.get(url), self.conversions.get(url)
        if dom is not None and (response is None or dom.moment >= response.moment):
            return dom
        return response

    def article_requests(self) -> list[dict]:
        """Return the newest kept request of each article, in the order they were fetched."""
        return [fields for _, _, fields in sorted(self.requests.values(), key=lambda held: held[0])]

    def redirected_to(self, url: str) -> list[str]:
        """Return the URLs a stored redirect chain from ``url`` leads through (not ``url`` itself)."""
        chain: list[str] = []
        while url in self.redirects and len(chain) < 20:
            url = self.redirects[url]
            if url in chain:
                break
            chain.append(url)
        return chain

    def pages(self) -> Iterator[Stored]:
        """Yield each URL's response in the order it was fetched (HTML or not, any status)."""
        yield from sorted(self.responses.values(), key=lambda stored: stored.order)


def warc_files(sources: list[str]) -> list[Path]:
    """Return the WARC files ``sources`` name: files as they are, folders' ``*.warc(.gz)``, globs expanded.

    Files come sorted by name within each source (newscrawl's names sort by
    time). Raises FileNotFoundError naming a source that names no file.
    """
    found: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            matches = sorted(p for pattern in WARC_NAMES for p in path.glob(pattern))
        elif path.is_file():
            matches = [path]
        else:
            matches = sorted(Path(p) for p in glob.glob(source, recursive=True) if Path(p).is_file())
        if not matches:
            raise FileNotFoundError(f"{source}: no WARC file there")
        found += [p for p in matches if p not in found]
    return found


def _next_member(stream, offset: int) -> int | None:
    """Return the offset of the next gzip member's header at or after ``offset``, or None."""
    stream.seek(offset)
    data = stream.read()
    found = data.find(GZIP_MAGIC)
    return None if found < 0 else offset + found


def _status(headers) -> int | None:
    try:
        return int(headers.get_statuscode()) if headers else None
    except (TypeError, ValueError):
        return None


def _moment(text: str | None) -> datetime:
    try:
        return iso_date_to_datetime(text) if text else datetime.min
    except ValueError:
        return datetime.min


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
