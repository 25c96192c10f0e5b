"""Find the headline that heads the article (not the ``<title>`` with its site suffix).

Fallback order:
1. the profile's ``title`` selector;
2. a visible heading (h1-h6, a ``*title*``/``*headline*`` block, or a heading's
   child when a kicker sits beside it) that the page's own metadata confirms
   (JSON-LD headline first, then og:title, twitter:title, ``<title>``); when the
   heading is the editors' short headline plus a kicker or tail, the short one;
3. the metadata headline, then ``<title>``, with a site name removed;
4. the first h1.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.blocks import collect_blocks
from newscrawl.extract.jsonld import article_objects, meta_values, structured
from newscrawl.extract.lines import is_date_line, is_meta_line
from newscrawl.extract.page import Page
from newscrawl.extract.parse import first_descendant, select
from newscrawl.extract.sitename import declared_names, is_logo, names_site
from newscrawl.extract.text import clean_text, has_cjk, normalize_title

# " | Daily Planet", "_某某新闻", "--某某网", " - City News", "｜某某日报"...
_SEPARATORS = re.compile(r"\s+[|｜\-–—:·•»]\s+|\s*(?:[|｜_ㅣ]|--|——|::)\s*")
# In CJK titles a bare hyphen separates the site name too ("某某条例全文-法规").
_CJK_HYPHEN = re.compile(r"(?<=[^\x00-\x7f])-|-(?=[^\x00-\x7f])")
_MAX_LEN = 300
_FOLD = str.maketrans({**dict.fromkeys("’‘‚‹›“”„«»\"", "'"), "–": "-", "—": "-", "\u00ad": None})
_FOLDED = re.compile("[" + "".join(map(chr, _FOLD)) + "]")  # a character _FOLD changes
# What separates a kicker from the headline after it.
_KICKER = re.compile(r"[:：|｜\-–—]\s*$")


def _profile_title(page: Page) -> tuple[str, HtmlElement | None] | None:
    """Return (text, element) from the profile's title selector; None when it finds nothing."""
    for item in select(page.tree, page.selectors.get("title")):
        if isinstance(item, HtmlElement):
            text = clean_text(item.text_content())
            if text:
                return text, item
        elif clean_text(str(item)):
            return clean_text(str(item)), None
    return None


def _metadata_titles(page: Page) -> tuple[list[str], list[str]]:
    """Return (headlines from JSON-LD/og/twitter, those plus ``<title>``), best evidence first."""
    social = []
    for obj in article_objects(page):  # parsed once per page, shared with dates/people
        headline = obj.get("headline")
        if isinstance(headline, str) and clean_text(headline):
            social.append(clean_text(headline))
            break
    social += [clean_text(v) for v in meta_values(page, "og:title", "twitter:title")[:2]]
    found = social + [clean_text(v) for v in meta_values(page, "title", "headline")[:1]]
    title = first_descendant(page.tree, "title")
    if title is not None and clean_text(title.text_content()):
        found.append(clean_text(title.text_content()))
    return social, found


def _short_form(text: str, social: list[str]) -> str:
    """Return the editors' short headline when ``text`` is it after a kicker; else ``text``.

    "Kicker: Headline" in the h1, with og:title "Headline", is the same headline
    with a label in front of it.
    """
    norm = normalize_title(text)
    for candidate in social:
        short = normalize_title(candidate)
        if short == norm or len(short) * 2 < len(norm):
            continue
        if norm.endswith(short) and _KICKER.search(norm[: -len(short)]):
            return candidate
    return text


_KICKER_WORDS = ("kicker", "overline", "topline", "dachzeile", "roofline", "eyebrow", "spitzmarke",
                 "supertitle", "pretitle")


_KICKER_HINT = re.compile("|".join(_KICKER_WORDS))  # one scan of a class name, not one per word


def _candidates(tree: HtmlElement) -> list[HtmlElement]:
    """Return headings (with their children) and title-named blocks, in document order."""
    root = tree.find("body")
    return [] if root is None else list(collect_blocks(root)[1])


def _segments(title: str) -> list[str]:
    """Return the parts of ``title`` between site separators, longest first."""
    parts = [p.strip() for p in _SEPARATORS.split(title) if p and p.strip()]
    if has_cjk(title):
        parts = [q.strip() for p in parts for q in _CJK_HYPHEN.split(p) if q.strip()]
    return sorted(parts, key=len, reverse=True)


def strip_site_name(title: str) -> str:
    """Return ``title`` without a leading or trailing site name."""
    parts = _segments(title)
    return parts[0] if parts else title


@lru_cache(maxsize=4096)
def _comparable(text: str) -> str:
    """Return ``text`` normalised for comparing a heading with metadata: quotes and dashes folded.

    Metadata often carries typewriter quotes and hyphens where the heading shows
    typographic ones ("d'un" / "d’un", „“ / "").
    """
    norm = normalize_title(text)
    return norm.translate(_FOLD) if _FOLDED.search(norm) else norm  # most text has nothing to fold


def _without_site(title: str, page: Page) -> str:
    """Return ``title`` without the parts that name the site; the longest part left."""
    parts = _segments(title)
    if len(parts) < 2:
        return parts[0] if parts else title
    declared = declared_names(page)
    kept = [p for p in parts if not names_site(p, page, declared)]
    return kept[0] if kept else parts[0]


def _matches(text: str, evidence: list[tuple[str, int]], share: float = 2 / 3) -> int:
    """Return how strongly ``text`` is confirmed by (title, headline length) evidence (0 = not at all).

    ``share`` is how much of the metadata headline a heading must cover to count.
    """
    norm = _comparable(text)
    if len(norm) < 4:
        return 0
    best = 0
    for ref, core in evidence:
        if norm == ref:
            best = max(best, 3)
        elif norm in ref and len(norm) >= core * share:
            best = max(best, 2)
        elif ref in norm and len(ref) * 4 >= len(norm) * 3:
            best = max(best, 1)
    return best


def _is_kicker(el: HtmlElement) -> bool:
    """Return True when ``el`` is a kicker (Dachzeile, overline) or a hidden separator in a heading."""
    if el.get("aria-hidden") == "true":
        return True
    hint = el.get("class")
    return bool(hint) and _KICKER_HINT.search(hint.lower()) is not None


_RUBY = etree.XPath(".//text()[not(ancestor::rt or ancestor::rp)]")
_HAS_RUBY = etree.XPath("boolean(descendant::rt)")


# A heading left unclosed holds the page after it: its text ends where a block starts inside it
# (unless the blocks only wrap the headline: nothing comes before the first).
_BLOCKS = frozenset(("div", "p", "table", "ul", "ol", "section", "article", "h1", "h2", "h3", "dl"))


def _text(el: HtmlElement, ruby: bool) -> str:
    """Return the cleaned text of ``el`` up to the first block inside it, or up to a line break
    followed by the header's meta line (date, source, counters); on a page with ruby, without its
    readings (the small kana over kanji)."""
    if not len(el):
        return clean_text(el.text_content())
    headline = _before_meta_line(el) if el.find("br") is not None else None  # most headings hold no <br>
    if headline:
        return headline
    if any(child.tag in _BLOCKS for child in el):
        pieces = [el.text or ""]
        for child in el:
            if child.tag in _BLOCKS:
                break
            pieces += [child.text_content(), child.tail or ""]
        if clean_text("".join(pieces)):  # else the blocks only wrap the headline
            return clean_text("".join(pieces))
    if not ruby or not _HAS_RUBY(el):
        return clean_text(el.text_content())
    return clean_text("".join(_RUBY(el)))


def _before_meta_line(el: HtmlElement) -> str | None:
    """Return a heading's text before its first ``<br>`` when what follows is a meta line
    ("<h1>新桥合龙<br><span>2019-05-06 21:14 来源：江西日报</span></h1>"); None otherwise
    (a headline set on two lines stays whole)."""
    pieces = [el.text or ""]
    for at, child in enumerate(el):
        if child.tag == "br":
            rest = clean_text((child.tail or "") + "".join(c.text_content() + (c.tail or "") for c in el[at + 1:]))
            headline = clean_text("".join(pieces))
            return headline if headline and rest and (is_meta_line(rest) or is_date_line(rest)) else None
        pieces += [child.text_content(), child.tail or ""]
    return None


def heading_text(el: HtmlElement, ruby: bool = False) -> str:
    """Return the text of a heading without its kicker (the label shown above the headline)."""
    if not any(_is_kicker(child) for child in el):
        return _text(el, ruby)
    pieces = [el.text or ""]
    for child in el:
        if not _is_kicker(child):
            pieces.append(child.text_content())
        pieces.append(child.tail or "")
    return clean_text("".join(pieces)).lstrip(" -–—:|")


def _confirmed_heading(candidates: Iterable[HtmlElement], evidence: list[str],
                       page: Page, ruby: bool) -> tuple[str, HtmlElement] | None:
    """Return the heading best confirmed by the metadata; None when none is.

    The site's logo heading is no candidate, even though ``<title>`` names the site too.
    """
    best: tuple[tuple, str, HtmlElement] | None = None
    refs = [(_comparable(ref), len(strip_site_name(normalize_title(ref)))) for ref in evidence]
    declared: set[str] | None = None
    for el in candidates:
        for text in _heading_texts(el, ruby):
            if not text or len(text) > _MAX_LEN:
                continue
            # An h1 may carry only the quoted part of a longer metadata headline.
            score = _matches(text, refs, 0.5 if el.tag == "h1" else 2 / 3)
            if not score:
                continue
            # Exact matches rank by their evidence: the JSON-LD headline is the article's own.
            first = _first_exact(text, refs) if score == 3 else 0
            rank = (score, -first, (el.tag == "h1") + len(text) / 1000)
            if best is not None and rank <= best[0]:
                continue
            declared = declared_names(page) if declared is None else declared
            if is_logo(el, page) or names_site(text, page, declared):
                break
            best = (rank, text, el)
    return (best[1], best[2]) if best else None


def _heading_texts(el: HtmlElement, ruby: bool) -> tuple[str, ...]:
    """Return a heading's text without its kicker, then with it (kept when metadata has it too)."""
    if not len(el):  # a leaf (most candidates): no kicker inside it
        return (clean_text(el.text_content()),)
    full = _text(el, ruby)
    if not any(_is_kicker(child) for child in el):
        return (full,)
    bare = heading_text(el, ruby)
    if full == bare:
        return (bare,)
    kicker = clean_text(" ".join(c.text_content() for c in el
                                 if _is_kicker(c) and c.get("aria-hidden") != "true"))
    return (bare, full, f"{kicker.rstrip(':：')}: {bare}") if kicker else (bare, full)


def _first_exact(text: str, refs: list[tuple[str, int]]) -> int:
    """Return the position of the first evidence string equal to ``text``."""
    norm = _comparable(text)
    return next((i for i, (ref, _) in enumerate(refs) if ref == norm), len(refs))


def _first_h1(page: Page, ruby: bool) -> tuple[str, HtmlElement] | None:
    """Return the first h1 that is not the site's logo or name; None when the page has none."""
    declared = declared_names(page)
    for el in page.tree.iter("h1"):
        text = heading_text(el, ruby)
        if 2 <= len(text) <= _MAX_LEN and not is_logo(el, page) and not names_site(text, page, declared):
            return text, el
    return None


# E-paper article templates (Founder's among them) print no heading element: the headline is
# named main-title, with the kicker (intro-title, 引题) and the sub-title (sub-title, 副题) beside it.
_MAIN_TITLE_IDS = frozenset(("main-title", "main_title", "mainTitle", "maintitle"))


def _named_headline(candidates: Iterable[HtmlElement]) -> tuple[str, HtmlElement] | None:
    """Return the candidate named as the main headline and its text; None when there is none.

    Such an element is a title-named block, so it is among the headline candidates.
    """
    for el in candidates:
        if el.get("id") not in _MAIN_TITLE_IDS:
            continue
        text = clean_text(el.text_content())
        if 2 <= len(text) <= _MAX_LEN:
            return text, el
    return None


# <title>s that name no story: an editor's default ("无标题文档", Dreamweaver's "Untitled Document"),
# the name of a page type or of the home page. Compared lower-cased, site name removed.
_PLACEHOLDER_TITLES = frozenset((
    "无标题文档", "无标题", "無標題文件", "無標題文檔", "未命名", "untitled document", "untitled", "new page 1",
    "首页", "首頁", "主页", "網站首頁", "网站首页", "正文", "内容", "內容", "内容页", "详情", "詳情", "详情页",
    "新闻详情", "新聞詳情", "文章详情", "文章內容", "文章内容", "新闻内容", "home", "home page", "index", "default",
))


def _placeholder(title: str) -> bool:
    """Return True when a ``<title>`` (its site name removed) names no story."""
    return title.lower() in _PLACEHOLDER_TITLES


def _first_named(candidates: Iterable[HtmlElement], page: Page, ruby: bool) -> tuple[str, HtmlElement] | None:
    """Return the first heading or title-named element that is not the logo, the site's name or a placeholder."""
    declared = declared_names(page)
    for el in candidates:
        text = heading_text(el, ruby)
        if (2 <= len(text) <= _MAX_LEN and text.lower() not in _PLACEHOLDER_TITLES and not is_logo(el, page)
                and not names_site(text, page, declared)):
            return text, el
    return None


def find_title(page: Page, candidates: Iterable[HtmlElement] | None = None) -> tuple[str | None, HtmlElement | None]:
    """Return (headline, its element); (None, None) when the page names no headline.

    ``candidates`` are the page's headings as ``collect_blocks`` found them; they
    are looked up when not given.
    """
    found = _profile_title(page)
    if found:
        return found
    social, evidence = _metadata_titles(page)
    if candidates is None:
        candidates = _candidates(page.tree)
    ruby = structured(page).ruby
    # Without a social headline (e-paper pages have none; their <title> and h1 name the paper),
    # an element named as the main headline is the headline.
    found = None if social else _named_headline(candidates)
    if found:
        return found
    found = _confirmed_heading(candidates, evidence, page, ruby)
    if found:
        return _short_form(found[0], social), found[1]
    # No heading matches the metadata: the page's own h1 is the headline (unless it is only
    # the start of the metadata's, cut at a line break), else the metadata's.
    found = _first_h1(page, ruby)
    if found and not any(_comparable(found[0]) in _comparable(ref) for ref in social):
        return _short_form(found[0], social), found[1]
    if not evidence:
        return None, None
    fallback = _without_site(evidence[0], page)
    if not social and _placeholder(fallback):  # "无标题文档": the page's own named heading, if any
        return _first_named(candidates, page, ruby) or (fallback, None)
    return fallback, None


def extract_title(page: Page) -> str | None:
    """Return the article headline; None when the page names none."""
    return find_title(page)[0]
