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
_LEAD_LABEL = re.compile(r"【([^】]{1,200})】")
_MARKUP = re.compile(r"<(?:p|br|div|span|a|img|strong|b|em|i|font|table)\b", re.I)


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
    body: str | None = None  # the record's own body (a 快讯), when the feed maps fields.body
    links: tuple[str, ...] = ()  # pages a topic row links to (news.cn linkUrls), resolved
    linked_from: str | None = None  # the topic row's page, for a record made of one of its links


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
    """Return the value at dotted ``path`` ("data.list", "items.0.id"); None when absent.

    A ``*`` part takes every item of a list: "linkUrls.*.linkUrl" is the list of their linkUrl.
    """
    parts = [part for part in path.split(".") if part]
    for i, part in enumerate(parts):
        if part == "*":
            rest = ".".join(parts[i + 1:])
            return [dig(item, rest) for item in data] if isinstance(data, list) else None
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


@dataclass(frozen=True)
class ListPage:
    """What one list response holds: its records, complete or not, and the next page's cursor."""

    records: tuple[ApiRecord, ...]  # every mapping of the list, in order (see :func:`missing_field`)
    others: int = 0  # entries of the list that are no mapping
    cursor: str | None = None  # the value the next page is asked for with; None: no next page


def parse_list_page(body: bytes, feed: ApiFeed, tz: tzinfo | None = None, url: str | None = None) -> ListPage:
    """Return every record of the list response from ``url``, and the next page's cursor.

    A record's relative page URL resolves against ``url``; a title given as
    markup (an ``<a>`` fragment) becomes its text. Nothing is left out here:
    the crawl says why it skips a record (:func:`missing_field`, its window …).
    Raises :class:`ApiError` when the body is not JSON or ``list_path`` is not a list.
    """
    data = load_json(body)
    entries = dig(data, feed.list_path)
    if not isinstance(entries, list):
        raise ApiError(f"{feed.list_path!r} is not a list in the response")
    raws = [raw for raw in entries if isinstance(raw, dict)]
    records = tuple(_record(raw, feed, tz, url) for raw in raws)
    return ListPage(records, len(entries) - len(raws), _next_cursor(data, raws, feed))


def parse_list(body: bytes, feed: ApiFeed, tz: tzinfo | None = None, url: str | None = None) -> list[ApiRecord]:
    """Return the records of the list response from ``url`` that lead to an article (topic rows: their links)."""
    out = []
    for record in parse_list_page(body, feed, tz, url).records:
        out += [r for r in (linked_records(record) if record.links else [record]) if not missing_field(r, feed)]
    return out


def linked_records(record: ApiRecord) -> list[ApiRecord]:
    """Return one record per page a topic row links to (its own title and time name the topic, not them)."""
    return [ApiRecord(id="", url=link, linked_from=record.url) for link in record.links]


def missing_field(record: ApiRecord, feed: ApiFeed) -> str | None:
    """Return what a record lacks to become an article ("no id", "no page URL", "no body"), or None."""
    if not feed.list_only and not record.id:
        return "no id"
    if feed.detail_url is None and not article_page_url(feed, record):  # else the detail URL names the post
        return "no page URL"
    if feed.record_body and not record.body:
        return "no body"
    return None


def is_article_url(url: str, feed: ApiFeed, listing=None) -> bool:
    """Return True when a list-only record's page is an article by the feed's ``articles`` and the
    profile's listing ``article_links`` (either may be absent)."""
    if feed.articles is not None and not feed.articles.search(url):
        return False
    return listing is None or listing.is_article(url)


def _record(raw: dict, feed: ApiFeed, tz: tzinfo | None, url: str | None) -> ApiRecord:
    """Return one list entry as a record."""
    fields = feed.fields
    return ApiRecord(
        id=_text(_field(raw, fields, "id")) or "",
        title=_plain(_field(raw, fields, "title")),
        published=parse_moment(_field(raw, fields, "published"), tz),
        media=_name(_field(raw, fields, "media")),
        url=_link(_field(raw, fields, "url"), url),
        detail_id=_text(_field(raw, fields, "detail_id")),
        digest=digest_text(_field(raw, fields, "digest")),
        body=_text(_field(raw, fields, "body")),
        links=tuple(dict.fromkeys(filter(None, (_link(v, url) for v in _values(_field(raw, fields, "links")))))),
    )


def _next_cursor(data: Any, raws: list[dict], feed: ApiFeed) -> str | None:
    """Return the next page's cursor: the response's own value, else the last record's; None without one."""
    cursor = feed.cursor
    if cursor is None or not raws:
        return None
    value = _text(dig(data, cursor.path)) if cursor.path else None
    if value is None and cursor.field:
        value = _text(dig(raws[-1], cursor.field))
    return value


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


def record_text(record: ApiRecord) -> tuple[str | None, str | None]:
    """Return the title and body HTML of a record that holds its body.

    A 快讯 reads "【标题】正文": a lead label that is the title (or stands in
    for a missing one) is left out of the body, which would repeat it. A
    body without markup is plain text, each line a paragraph.
    """
    body, title = (record.body or "").strip(), record.title
    match = _LEAD_LABEL.match(body)
    if match and (title is None or match.group(1).strip() == title.strip()):
        title, body = title or match.group(1).strip(), body[match.end():].lstrip()
    if body and not _MARKUP.search(body):  # plain text: its lines are its paragraphs
        body = "".join(f"<p>{escape(line.strip())}</p>" for line in body.splitlines() if line.strip())
    return title, body or None


def list_page_urls(feed: ApiFeed, page: int = 1, base: str | None = None, cursor: str = "") -> list[str]:
    """Return the URL of list page ``page`` (1-based) for each list URL of ``feed``; ``cursor`` fills {cursor}."""
    urls = [url.replace("{page}", str(page)).replace("{cursor}", quote(cursor, safe="")) for url in feed.list_urls]
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


def _values(value: Any) -> list:
    """Return a field that may hold one value or a list as a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


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
