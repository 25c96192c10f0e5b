"""The article item: one vocabulary from extractor to front matter."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime

#: Fields that come from how a story was reached (its URL, its listing, feed or API record), not from its
#: page: a re-fetch through another URL or source may differ, so an archived story that did not change keeps
#: the ones it was archived with (and always its id, which goes with the name of its post).
SOURCE_FIELDS = ("id", "section", "category", "category_name", "category_url", "digest")


@dataclass
class ArticleItem:
    """One article as it travels from the spider through the pipelines.

    ``published`` is a timezone-aware ``datetime``, or a ``date`` when the page
    gives only a day. ``author`` and ``editor`` are always lists of names
    (empty when the page names nobody), whatever shape they are given in.
    """

    url: str
    site: str  # profile slug of the newspaper the crawl came from
    id: str | None = None  # the site's own stable article id, else a URL hash: it names the post, not the story
    title: str | None = None
    published: datetime | date | None = None
    author: list[str] = field(default_factory=list)
    editor: list[str] = field(default_factory=list)
    source: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    # The body's pictures in reading order, each a dict: ``url`` (the paper's address), ``position``
    # (how many paragraphs precede it), ``caption``, ``alt``, ``file`` (the archived copy's name
    # under the archive's images folder, set by PicturesPipeline; None: the post links ``url``) and
    # ``error`` (why keeping it failed; None when it did not).
    pictures: list[dict] = field(default_factory=list)
    # The e-paper page (版面) the article was printed on, when its profile keeps page files: each a dict,
    # ``kind`` ("pdf" or "image"), ``url`` (the paper's address), ``page`` (the 版面 page's URL, the
    # Referer), ``file`` and ``error`` as for pictures (set by PageFilesPipeline).
    page_files: list[dict] = field(default_factory=list)
    category: str | None = None  # slug: front matter `categories`
    category_name: str | None = None  # label: front matter `tags`
    section: str | None = None  # 版面 / 栏目 the article was found under
    digest: str | None = None  # a lead quoted above the body (an API feed's digest)
    category_url: str | None = None  # back-link path of the category, when not its generated page
    path: str | None = None  # the post file, relative to the archive; set by DecidePipeline (its own name, stable)
    status: str | None = None  # created / updated / unchanged: decided by DecidePipeline, final after the write
    etag: str | None = None  # the page's ETag, kept in the state for conditional re-checks (not in posts)
    last_modified: str | None = None  # the page's Last-Modified, likewise
    # Of the cleaned title and body (state.content_fingerprint): set with the page's own text by the spider
    # (hashed beside the extraction), else by DecidePipeline.
    fingerprint: str | None = None
    key: str | None = None  # the state's key of the story (the article its URLs lead to): set by DecidePipeline
    aliases: list[str] = field(default_factory=list)  # other URLs that led to this page (a redirect's first)
    pictures_missing: int = 0  # pictures not kept for a reason that may pass: a later run fetches the article again

    def __post_init__(self) -> None:
        self.author = as_names(self.author)
        self.editor = as_names(self.editor)

    def to_dict(self) -> dict:
        """Return the item as a plain dict (dates left as objects)."""
        return dataclasses.asdict(self)


def as_names(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """Return people given as a name, a list of names or None as a list of names."""
    if value is None:
        return []
    names = [value] if isinstance(value, str) else list(value)
    return [str(name) for name in names if name is not None and str(name).strip()]
