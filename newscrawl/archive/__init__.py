"""Render articles as Jekyll/Hugo posts and write them into an archive safely."""

from newscrawl.archive.paths import (
    FORMATS,
    category_path,
    check_format,
    category_url,
    post_path,
    post_url,
    resolve_inside,
    safe_name,
)
from newscrawl.archive.render import render_body, render_category_page, render_post
from newscrawl.archive.skeleton import ensure_skeleton
from newscrawl.archive.write import (
    write_category_page,
    write_post,
    write_text_atomic,
)

__all__ = [
    "FORMATS",
    "category_path",
    "check_format",
    "category_url",
    "ensure_skeleton",
    "post_path",
    "post_url",
    "render_body",
    "render_category_page",
    "render_post",
    "resolve_inside",
    "safe_name",
    "write_category_page",
    "write_post",
    "write_text_atomic",
]
