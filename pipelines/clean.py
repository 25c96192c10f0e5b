"""CleanPipeline: normalise whitespace and remove invisible junk from text fields."""

from __future__ import annotations

import re
import unicodedata

from newscrawl.items import ArticleItem, as_names

# C0/C1 controls other than tab/newline, zero-width spaces and the BOM. The
# zero-width joiner (U+200D) stays: it holds emoji sequences such as 👨‍👩‍👧 together.
_JUNK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200c\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2002-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str) -> str:
    """Return ``text`` on one line: junk removed, whitespace runs (incl. 　) collapsed."""
    text = _JUNK.sub("", unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def clean_people(value: str | list[str] | None) -> list[str]:
    """Return names cleaned and de-duplicated, always as a list (empty when there is none)."""
    names = (clean_text(v) for v in as_names(value))
    return list(dict.fromkeys(n for n in names if n))


class CleanPipeline:
    """Clean titles, names, sources and paragraphs; drop empty paragraphs."""

    def process_item(self, item: ArticleItem) -> ArticleItem:
        """Return ``item`` with every text field cleaned in place."""
        item.title = clean_text(item.title) if item.title else item.title
        item.source = clean_text(item.source) or None if item.source else None
        item.section = clean_text(item.section) or None if item.section else None
        item.author = clean_people(item.author)
        item.editor = clean_people(item.editor)
        item.paragraphs = [p for p in (clean_text(p) for p in item.paragraphs) if p]
        return item
