"""The URL shapes of a generated site, and the profile's rules that match them."""

from __future__ import annotations

from datetime import datetime

#: The profile's article rule: every shape below, and the redirect, alias and off-site paths.
ARTICLE_LINKS = (r"/(\d{4}/\d\d/\d\d/\d+\.html|(yaowen|jingji|shehui|wenhua|tiyu)/\d+\.html"
                 r"|html/\d{4}-\d\d/\d\d/content_\d+\.htm|article\.php\?id=\d+|(r|print|out)/\d+\.html)")
#: The profile's next-page rules: paging by path, and by ?page=, ?start= and ?from=.
NEXT_PAGES = [r"/list/\w+/(index|list_\d+)\.html$", r"/channel\.php\?sec=\w+(&(page|start|from)=\d+)?$"]


def article_path(shape: str, day: datetime, number: int, section: str) -> str:
    """Return the path of an article in one of the shapes news sites use (``number`` is its id)."""
    if shape == "dated":
        return f"/{day:%Y/%m/%d}/{number}.html"
    if shape == "section":
        return f"/{section}/{number}.html"
    if shape == "edition":
        return f"/html/{day:%Y-%m/%d}/content_{number % 40 + 1}.htm"
    return f"/article.php?id={number}"


def listing_path(section: str, style: str, index: int, per_page: int) -> str:
    """Return the path of page ``index`` (0-based) of a section's listing in ``style``."""
    if style == "paging-path":
        return f"/list/{section}/index.html" if index == 0 else f"/list/{section}/list_{index + 1}.html"
    if index == 0:
        return f"/channel.php?sec={section}"
    key = style.removeprefix("paging-")
    value = index + 1 if key == "page" else index * per_page
    return f"/channel.php?sec={section}&{key}={value}"
