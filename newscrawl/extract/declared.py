"""Article text a page ships as data instead of showing it.

Pages that write their text with scripts carry it twice: in schema.org JSON-LD
(``articleBody``) or in the application state a script reads
(``window.__INITIAL_STATE__ = {...}``, Next.js ``__NEXT_DATA__``, a JavaScript
object with ``content: '<p>…'``). Either may hold plain text or HTML, itself
HTML-escaped at times. ``body.py`` uses it only when it is much longer than the
text the page shows. A page that shows no article text at all (a video or picture
page) still shows its description: that line is its text.
"""

from __future__ import annotations

import html
import json
import re

import lxml.html
from lxml import etree

from newscrawl.extract.blocks import collect_blocks
from newscrawl.extract.jsonld import article_objects, meta_values, structured
from newscrawl.extract.page import Page
from newscrawl.extract.text import clean_text, punctuation_count

DECLARED_MIN = 200  # characters; shorter declared bodies are teasers
# A field named for the article text (content, body, articleBody, content_html, postContent...)
# with a long string value: JSON double quotes, or a JavaScript single-quoted string. It is
# matched where str.find meets one of _STATE_KEYS: a regex search over every script is slow.
_STATE_KEYS = ("content", "Content", "body", "Body")
_STATE_FIELD = re.compile(
    r"""(?i:(?:content|body)(?:_?html)?)["']?\s*:\s*"""
    r"""(?:"(?P<dq>(?:[^"\\]|\\.){%d,})"|'(?P<sq>(?:[^'\\]|\\.){%d,})')""" % (DECLARED_MIN, DECLARED_MIN))
_TAG = re.compile(r"<(?:p|br|div|span|strong|em|h[1-6]|section|img|a)\b", re.I)
_SENTENCES_PER_CHAR = 1 / 150  # prose has a sentence mark every 150 characters or sooner
_CODE = re.compile(r"[{};=<>]|=>|\\[nu]")  # script code and leftover escapes, rare in prose
_CODE_PER_CHAR = 100
_DESCRIPTION_MIN = 80  # characters; a shorter description is a slogan, not a summary
_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "application/json", "module")
# Script state is searched only when the page shows less than this: reading every
# script of every page costs more than the whole extraction.
_STATE_SHOWN_MAX = 2000


def _unwrap(text: str) -> str:
    """Return HTML that was escaped again on its way into the data (entities, a JSON string in a string)."""
    for _ in range(3):
        if _TAG.search(text):
            break
        unwrapped = html.unescape(text) if "&lt;" in text or "&quot;" in text else text
        if "\\u003c" in unwrapped.lower() or '\\"' in unwrapped:
            core = unwrapped.strip()
            core = core[1:-1] if len(core) > 1 and core[0] == core[-1] == '"' else core
            try:
                unwrapped = json.loads(f'"{core}"', strict=False)
            except ValueError:
                pass
        if unwrapped == text:
            break
        text = unwrapped
    return text


def _paragraphs(text: str) -> list[str]:
    """Return the paragraphs of a declared body: HTML cut into its blocks, plain text into lines."""
    text = _unwrap(text)
    if not _TAG.search(text):
        return [p for p in map(clean_text, text.split("\n")) if p]
    try:
        root = lxml.html.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    return [b.text for b in collect_blocks(root)[0] if not b.caption]


def reads_as_prose(paragraphs: list[str]) -> bool:
    """Return True when ``paragraphs`` read as running text (not code, markup or a list of links)."""
    text = " ".join(paragraphs)
    if len(text) < DECLARED_MIN or len(_CODE.findall(text)) * _CODE_PER_CHAR > len(text):
        return False
    return punctuation_count(text) >= len(text) * _SENTENCES_PER_CHAR


def jsonld_body(page: Page) -> list[str]:
    """Return the paragraphs of the page's JSON-LD ``articleBody``; [] when absent or short."""
    for obj in article_objects(page):
        text = obj.get("articleBody")
        if isinstance(text, str) and len(text) >= DECLARED_MIN:
            paragraphs = _paragraphs(text)
            if reads_as_prose(paragraphs):
                return paragraphs
    return []


def _decode(raw: str, quote: str) -> str:
    """Return the value of a JSON or JavaScript string literal's body."""
    if quote == "'":
        raw = raw.replace("\\'", "'").replace('"', '\\"')
    try:
        return json.loads(f'"{raw}"', strict=False)
    except ValueError:
        return raw


def _state_fields(text: str) -> list[re.Match]:
    """Return the article-text fields with long string values in a script."""
    found = []
    for key in _STATE_KEYS:
        pos = text.find(key)
        while pos >= 0:
            mt = _STATE_FIELD.match(text, pos)
            if mt:
                found.append(mt)
            pos = text.find(key, pos + len(key))
    return found


def state_body(page: Page, shown: int = 0) -> list[str]:
    """Return the longest article text held in a script's state object, when it is more than twice
    the ``shown`` characters; [] when there is none or it does not read as prose."""
    if shown >= _STATE_SHOWN_MAX:
        return []
    best: list[str] = []
    best_len = 0
    for script in structured(page).scripts:
        text = script.text
        if not text or len(text) < DECLARED_MIN or script.get("src"):
            continue
        if (script.get("type") or "").lower().strip() not in _SCRIPT_TYPES:
            continue
        for mt in _state_fields(text):
            raw, quote = (mt.group("dq"), '"') if mt.group("dq") is not None else (mt.group("sq"), "'")
            if len(raw) <= best_len:
                continue
            paragraphs = _paragraphs(_decode(raw, quote))
            if reads_as_prose(paragraphs):
                best, best_len = paragraphs, len(raw)
    return best if best_len > max(2 * shown, DECLARED_MIN) else []


def shown_description(page: Page, texts: list[str]) -> int | None:
    """Return the index of the text that shows the page's meta description; None when none does."""
    for description in meta_values(page, "og:description", "description", "twitter:description"):
        wanted = _folded(description)
        if len(wanted) < _DESCRIPTION_MIN:
            continue
        for i, text in enumerate(texts):
            if _folded(text) == wanted:
                return i
    return None


def _folded(text: str) -> str:
    """Return ``text`` with whitespace collapsed, case folded and a trailing ellipsis dropped."""
    return " ".join(text.split()).casefold().rstrip(" .…")
