"""CleanPipeline: normalise whitespace and remove invisible junk from text fields.

The rule is the project's one text cleaner, :func:`newscrawl.extract.text.clean_text`,
with NFC normalisation on: stored text spells one story one way.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import partial

from newscrawl.extract.text import clean_text as _clean_text
from newscrawl.items import ArticleItem, as_names

clean_text = partial(_clean_text, nfc=True)


def clean_people(value: str | list[str] | None) -> list[str]:
    """Return names cleaned and de-duplicated, always as a list (empty when there is none)."""
    names = (clean_text(v) for v in as_names(value))
    return list(dict.fromkeys(n for n in names if n))


def clean_pictures(pictures: list[dict], kept: list[int]) -> list[dict]:
    """Return ``pictures`` with captions and alt text cleaned, placed among the ``kept`` paragraphs.

    ``kept`` lists the indexes of the paragraphs that remain; a picture keeps
    its place before the same paragraph (or after all of them, where a
    position that is no position puts it).
    """
    cleaned = []
    for picture in pictures:
        position = picture.get("position")
        placed = isinstance(position, int) and not isinstance(position, bool) and position >= 0
        cleaned.append({**picture, "position": bisect_left(kept, position) if placed else len(kept),
                        "caption": clean_text(picture.get("caption") or "") or None,
                        "alt": clean_text(picture.get("alt") or "") or None})
    return cleaned


class CleanPipeline:
    """Clean titles, names, sources, paragraphs and captions; drop empty paragraphs."""

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` with every text field cleaned in place."""
        item.title = clean_text(item.title) if item.title else item.title
        item.source = clean_text(item.source) or None if item.source else None
        item.section = clean_text(item.section) or None if item.section else None
        item.author = clean_people(item.author)
        item.editor = clean_people(item.editor)
        paragraphs = [clean_text(p) for p in item.paragraphs]
        kept = [i for i, p in enumerate(paragraphs) if p]
        item.paragraphs = [paragraphs[i] for i in kept]
        item.pictures = clean_pictures(item.pictures, kept)
        return item
