"""Parse a JSON list/detail news API into records, as an ``api`` feed maps it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from html import escape
from typing import Any
from urllib.parse import quote, urljoin

import lxml.html

from newscrawl.modes.apiconfig import ApiFeed
from newscrawl.modes.timeparse import parse_moment
from newscrawl.slugs import slugify

_JSONP = re.compile(r"^\s*[\w$.]+\s*\((.*)\)\s*;?\s*$", re.S)


class ApiError(ValueError):
    """An API response is not JSON, or lacks what the profile says it holds."""


@dataclass(frozen=True)
class ApiRecord:
    """One entry of the list endpoint."""

    id: str  # "" only in a list-only feed, whose page URL then names the article
    title: str | None = None
    published: datetime | None = None
    media: str | None = None  # the publishing medium's name (江西日报), may pick the category
    url: str | None = None  # the article's public page, when the API gives one
    detail_id: str | None = None  # the id the detail endpoint wants, when it is not ``id``
    digest: str | None = None  # a lead to quote above the body, its 【…】 label removed


@dataclass(frozen=True)
class ApiDetail:
    """What the detail endpoint returns for one record."""

    body_html: str
    title: str | None = None
    published: datetime | None = None
    source: str | None = None


def load_json(body: bytes) -> Any:
    """Return the JSON value in ``body`` (a JSONP wrapper is removed); raise ApiError if none."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApiError(f"response is not UTF-8 JSON: {exc}") from exc
    wrapped = _JSONP.match(text) if text.lstrip()[:1] not in ("{", "[") else None
    try:
        return json.loads(wrapped.group(1) if wrapped else text)
    except json.JSONDecodeError as exc:
        raise ApiError(f"response is not JSON: {exc}") from exc


def dig(data: Any, path: str) -> Any:
    """Return the value at dotted ``path`` ("data.list", "items.0.id"); None when absent."""
    for part in filter(None, path.split(".")):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def parse_list(body: bytes, feed: ApiFeed, tz: tzinfo | None = None, url: str | None = None) -> list[ApiRecord]:
    """Return the records of the list response from ``url``; records without an id (or page) are skipped.

    A record's relative page URL resolves against ``url``; a title given as
    markup (an ``<a>`` fragment) becomes its text. A list-only feed's record
    needs a page URL and may lack an id (its page then names the article).
    Raises :class:`ApiError` when the body is not JSON or ``list_path`` is not a list.
    """
    records = dig(load_json(body), feed.list_path)
    if not isinstance(records, list):
        raise ApiError(f"{feed.list_path!r} is not a list in the response")
    out = []
    for raw in records:
        if not isinstance(raw, dict):
            continue
        record = ApiRecord(
            id=_text(_field(raw, feed.fields, "id")) or "",
            title=_plain(_field(raw, feed.fields, "title")),
            published=parse_moment(_field(raw, feed.fields, "published"), tz),
            media=_name(_field(raw, feed.fields, "media")),
            url=_link(_field(raw, feed.fields, "url"), url),
            detail_id=_text(_field(raw, feed.fields, "detail_id")),
            digest=digest_text(_field(raw, feed.fields, "digest")),
        )
        if article_page_url(feed, record) if feed.list_only else record.id:
            out.append(record)
    return out


def parse_detail(body: bytes, feed: ApiFeed, tz: tzinfo | None = None) -> ApiDetail:
    """Return the detail record in ``body``; raise ApiError when it has no body HTML."""
    record = dig(load_json(body), feed.detail_path)
    fields = feed.detail_fields or {}
    html = _field(record, fields, "body") if isinstance(record, dict) else None
    if not isinstance(html, str) or not html.strip():
        where = ".".join(filter(None, [feed.detail_path, fields.get("body")]))
        raise ApiError(f"no body HTML at {where!r}")
    return ApiDetail(
        body_html=html,
        title=_text(_field(record, fields, "title")),
        published=parse_moment(_field(record, fields, "published"), tz),
        source=_name(_field(record, fields, "source")),
    )


def digest_text(value: Any) -> str | None:
    """Return a digest on one line without its 【…】 label: the text after the last 】.

    The replaced system quoted digests this way ("【标题】正文" → "正文");
    None when nothing is left.
    """
    text = _text(value)
    if text is None:
        return None
    return " ".join(text.rsplit("】", 1)[-1].split()) or None


def list_page_urls(feed: ApiFeed, page: int = 1, base: str | None = None) -> list[str]:
    """Return the URL of list page ``page`` (1-based) for each list URL of ``feed``."""
    urls = [url.replace("{page}", str(page)) for url in feed.list_urls]
    return [urljoin(base, url) if base else url for url in urls]


def detail_page_url(feed: ApiFeed, record: ApiRecord, base: str | None = None) -> str | None:
    """Return the detail endpoint URL of ``record``, or None for a list-only feed."""
    return _fill(feed.detail_url, record, base) if feed.detail_url else None


def article_page_url(feed: ApiFeed, record: ApiRecord, base: str | None = None) -> str | None:
    """Return the record's public page: its url field, else the ``article_url`` template, else None."""
    if record.url:
        return urljoin(base, record.url) if base else record.url
    return _fill(feed.article_url, record, base) if feed.article_url and record.id else None


def category_for(record: ApiRecord, feed: ApiFeed) -> tuple[str, str] | None:
    """Return the (slug, label) of the record's category, or None for the profile's own.

    A fixed ``category`` files every record; else ``categories`` maps a media
    name, and with ``category: media`` any other name is its own category:
    its pinyin slug and the label ``<name>新闻``.
    """
    if feed.category:
        return feed.category.slug, feed.category.label
    name = _name(record.media)
    if not name:
        return None
    mapped = (feed.categories or {}).get(name)
    if mapped or not feed.media_categories:
        return mapped
    return slugify(name), f"{name}新闻"


def record_page(title: str | None, published: datetime | None, body_html: str) -> bytes:
    """Return a whole UTF-8 HTML page framing an API record, for the article extractor."""
    heading = escape(title or "")
    stamp = published.isoformat() if published else ""
    time_tag = f'<time datetime="{escape(stamp)}">{escape(stamp)}</time>' if stamp else ""
    meta = f'<meta property="article:published_time" content="{escape(stamp)}">' if stamp else ""
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{heading}</title>{meta}</head>'
        f"<body><article><h1>{heading}</h1>{time_tag}"
        f'<div class="article-content">{body_html}</div></article></body></html>'
    )
    return page.encode("utf-8")


def _fill(template: str, record: ApiRecord, base: str | None) -> str:
    """Return ``template`` with the record's {id} and {detail_id} filled in, URL-quoted."""
    url = template.replace("{id}", quote(record.id, safe=""))
    url = url.replace("{detail_id}", quote(record.detail_id or record.id, safe=""))
    return urljoin(base, url) if base else url


def _field(record: dict, fields: dict[str, str], name: str) -> Any:
    key = fields.get(name)
    return dig(record, key) if key else None


def _link(value: Any, base: str | None) -> str | None:
    """Return a record's page URL, resolved against the list's own URL."""
    text = _text(value)
    return urljoin(base, text) if text and base else text


def _plain(value: Any) -> str | None:
    """Return a text field that may be markup (``<a href=…>标题</a>``) as its plain text."""
    text = _text(value)
    if text is None or "<" not in text:
        return text
    return _text(lxml.html.fragment_fromstring(text, create_parent="div").text_content())


def _name(value: Any) -> str | None:
    """Return a name with each whitespace run made one space, or None."""
    text = _text(value)
    return " ".join(text.split()) if text else None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None
