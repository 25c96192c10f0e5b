"""Render an ArticleItem as a Jekyll (seed-shaped) or Hugo post — pure functions."""

from __future__ import annotations

from typing import Any

from newscrawl.archive.frontmatter import (
    front_matter,
    hugo_date,
    jekyll_date,
    present,
    yaml_list,
    yaml_str,
    yaml_value,
)
from newscrawl.archive.paths import category_slug, category_url, check_format, post_name
from newscrawl.archive.pictures import figure_html, pictures_at
from newscrawl.archive.safety import (
    escape_markdown_inline,
    escape_markdown_text,
    escape_text,
    safe_base_url,
    safe_http_url,
    safe_site_path,
    sanitize_body,
)

# Item attributes written after the seed's keys, in this order, when set.
EXTRA_KEYS = ("author", "editor", "source", "section")
# Written as a YAML list even for one name: one shape per key, in every post.
PEOPLE_KEYS = ("author", "editor")
PARAGRAPH_JOIN = "\n "  # the seed's separator: never a blank line
HOME_LABEL = "返回首页"


def render_post(item: Any, *, base_url: str, fmt: str = "jekyll") -> str:
    """Return the complete post file text for item.

    Raises ValueError when title or publication date is missing, the date is
    naive, or base_url is not http(s), ``//host`` or a ``/path``.
    """
    check_format(fmt)
    entries = _jekyll_entries(item) if fmt == "jekyll" else _hugo_entries(item)
    entries += _extra_entries(item)
    return front_matter(entries) + render_body(item, base_url=base_url, fmt=fmt)


def render_category_page(slug: str, label: str, fmt: str = "jekyll", link: str | None = None) -> str:
    """Return the category page text: Jekyll layout page or Hugo term ``_index.md``.

    ``link`` (a site path such as ``/emnews/``) is where the page is served
    instead of the generator's default, so that posts' back-links reach it.
    """
    name = category_slug(slug)
    title = yaml_str(label if label and label.strip() else name)
    moved = [("url" if fmt == "hugo" else "permalink", yaml_str(link))] if safe_site_path(link) else []
    if check_format(fmt) == "hugo":
        return front_matter([("title", title), *moved])
    return front_matter([("layout", "category"), ("title", title), ("category", yaml_str(name)), *moved])


def render_body(item: Any, *, base_url: str, fmt: str = "jekyll") -> str:
    """Return the post body: digest, paragraphs with the pictures where they stood, source, original URL,
    back-links."""
    base = safe_base_url(base_url)
    paragraphs = list(getattr(item, "paragraphs", None) or [])
    slots = pictures_at(getattr(item, "pictures", None), len(paragraphs))
    blocks: list[str] = []
    for index, slot in enumerate(slots):
        blocks += [html for html in (figure_html(p, base, fmt) for p in slot) if html]
        if index < len(paragraphs) and escape_text(str(paragraphs[index])):
            blocks.append(f"<p>{escape_text(str(paragraphs[index]))}</p>")
    html = PARAGRAPH_JOIN.join(blocks)
    source = present(getattr(item, "source", None))
    if isinstance(source, str) and escape_text(source):
        html += f'<p class="em_media">（文章来源：{escape_text(source)}）</p>'
    parts = [sanitize_body(html)] if html else []
    digest = present(getattr(item, "digest", None))
    if isinstance(digest, str) and escape_markdown_inline(digest):
        # the lead, quoted as the seed's system did: as written, escaped only where Markdown or Liquid would act
        parts.insert(0, f"> {escape_markdown_inline(digest)}")
    original = safe_http_url(getattr(item, "url", None))
    if original:
        parts.append(f"<{original}>")
    parts.append(_back_links(item, base_url=base_url, fmt=fmt))
    return "\n\n".join(parts)


def _back_links(item: Any, *, base_url: str, fmt: str) -> str:
    """Return the seed's back-links line (category, then home)."""
    base = safe_base_url(base_url)
    home = f"[{HOME_LABEL}]({base}/)"
    slug, label = _category(item)
    if not slug:
        return home
    text = escape_markdown_text(label or slug)
    link = getattr(item, "category_url", None)
    return f"[返回{text}]({base}{link if safe_site_path(link) else category_url(slug, fmt)})｜{home}"


def _category(item: Any) -> tuple[str | None, str | None]:
    """Return the item's safe category slug and its label (either may be None)."""
    raw = getattr(item, "category", None)
    slug = category_slug(raw) if raw and str(raw).strip() else None
    label = present(getattr(item, "category_name", None))
    return slug, label if isinstance(label, str) else None


def _title(item: Any) -> str:
    """Return the item's title; raise ValueError when it is blank."""
    title = getattr(item, "title", None)
    if title is None or not str(title).strip():
        raise ValueError(f"item {getattr(item, 'url', '?')!r} has no title")
    return str(title)


def _published(item: Any) -> Any:
    """Return the item's publication date; raise ValueError when missing."""
    published = getattr(item, "published", None)
    if published is None:
        raise ValueError(f"item {getattr(item, 'url', '?')!r} has no publication date")
    return published


def _jekyll_entries(item: Any) -> list[tuple[str, str]]:
    """Return the seed's keys: layout, title (always quoted), date, categories, tags."""
    entries = [
        ("layout", "post"),
        ("title", yaml_str(_title(item), quote=True)),
        ("date", jekyll_date(_published(item))),
    ]
    slug, label = _category(item)
    if slug:
        entries.append(("categories", yaml_str(slug)))
    if label:
        entries.append(("tags", yaml_str(label)))
    return entries


def _hugo_entries(item: Any) -> list[tuple[str, str]]:
    """Return Hugo's keys: title, date (ISO 8601), slug, categories, tags."""
    entries = [
        ("title", yaml_str(_title(item), quote=True)),
        ("date", hugo_date(_published(item))),
    ]
    raw_id = getattr(item, "id", None)
    if raw_id is not None and str(raw_id).strip():
        # the post's own name: a second story of one day and id must not share its page
        entries.append(("slug", yaml_str(post_name(item), quote=True)))
    slug, label = _category(item)
    if slug:
        entries.append(("categories", yaml_list([slug])))
    if label:
        entries.append(("tags", yaml_list([label])))
    return entries


def _extra_entries(item: Any) -> list[tuple[str, str]]:
    """Return author, editor, source, section, original_url and id when set."""
    entries = []
    for key in EXTRA_KEYS:
        value = present(getattr(item, key, None))
        if key in PEOPLE_KEYS and isinstance(value, str):
            value = [value]
        if value is not None:
            entries.append((key, yaml_value(value)))
    original = safe_http_url(getattr(item, "url", None))
    if original:
        entries.append(("original_url", yaml_str(original)))
    raw_id = present(getattr(item, "id", None))
    if isinstance(raw_id, str):
        entries.append(("id", yaml_str(raw_id)))
    return entries
