"""Parse a JSON list/detail news API into records, as an ``api`` profile maps it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import quote, urljoin

from newscrawl.modes.config import ApiConfig
from newscrawl.modes.timeparse import parse_moment

_JSONP = re.compile(r"^\s*[\w$.]+\s*\((.*)\)\s*;?\s*$", re.S)


class ApiError(ValueError):
    """An API response is not JSON, or lacks what the profile says it holds."""


@dataclass(frozen=True)
class ApiRecord:
    """One entry of the list endpoint."""

    id: str
    title: str | None = None
    published: datetime | None = None
    media: str | None = None  # the publishing medium's name (江西日报), may pick the category
    url: str | None = None  # the article's public page, when the API gives one


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


def parse_list(body: bytes, config: ApiConfig, tz: tzinfo | None = None) -> list[ApiRecord]:
    """Return the records of a list response; records without an id are skipped.

    Raises :class:`ApiError` when the body is not JSON or ``list_path`` is not a list.
    """
    records = dig(load_json(body), config.list_path)
    if not isinstance(records, list):
        raise ApiError(f"{config.list_path!r} is not a list in the response")
    out = []
    for raw in records:
        record_id = _text(dig(raw, config.fields["id"])) if isinstance(raw, dict) else None
        if not record_id:
            continue
        out.append(ApiRecord(
            id=record_id,
            title=_text(_field(raw, config.fields, "title")),
            published=parse_moment(_field(raw, config.fields, "published"), tz),
            media=_text(_field(raw, config.fields, "media")),
            url=_text(_field(raw, config.fields, "url")),
        ))
    return out


def parse_detail(body: bytes, config: ApiConfig, tz: tzinfo | None = None) -> ApiDetail:
    """Return the detail record in ``body``; raise ApiError when it has no body HTML."""
    record = dig(load_json(body), config.detail_path)
    fields = config.detail_fields
    html = _field(record, fields, "body") if isinstance(record, dict) else None
    if not isinstance(html, str) or not html.strip():
        raise ApiError(f"no body HTML at {'.'.join(filter(None, [config.detail_path, fields['body']]))!r}")
    return ApiDetail(
        body_html=html,
        title=_text(_field(record, fields, "title")),
        published=parse_moment(_field(record, fields, "published"), tz),
        source=_text(_field(record, fields, "source")),
    )


def list_page_url(config: ApiConfig, page: int, base: str | None = None) -> str:
    """Return the list endpoint URL for page ``page`` (1-based)."""
    url = config.list_url.replace("{page}", str(page))
    return urljoin(base, url) if base else url


def detail_page_url(config: ApiConfig, record_id: str, base: str | None = None) -> str:
    """Return the detail endpoint URL for ``record_id`` (URL-quoted)."""
    url = config.detail_url.replace("{id}", quote(record_id, safe=""))
    return urljoin(base, url) if base else url


def article_page_url(config: ApiConfig, record: ApiRecord, base: str | None = None) -> str | None:
    """Return the record's public page: its url field, else the ``article_url`` template, else None."""
    url = record.url or (config.article_url.replace("{id}", quote(record.id, safe=""))
                         if config.article_url else None)
    return urljoin(base, url) if url and base else url


def category_for(record: ApiRecord, config: ApiConfig) -> tuple[str, str] | None:
    """Return the (slug, label) the record's media name maps to, or None when unmapped."""
    if not config.categories or not record.media:
        return None
    return config.categories.get(record.media.strip())


def _field(record: dict, fields: dict[str, str], name: str) -> Any:
    key = fields.get(name)
    return dig(record, key) if key else None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


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
