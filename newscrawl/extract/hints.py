"""Class and id vocabulary: what newspapers call their furniture, captions and headlines.

Kept apart from the walk so the words can be read and extended in one place.
"""

from __future__ import annotations

import re

# Class/id words of page furniture, as many newspapers name it (pinyin ones too:
# xgxw 相关新闻, tuijian 推荐, fenxiang 分享). Parts match inside a word, words whole.
_FURNITURE_PARTS = (
    "comment", "share", "social", "related", "recommend", "sidebar", "footer", "breadcrumb",
    "crumb", "copyright", "advert", "promo", "subscribe", "newsletter", "toolbar", "widget",
    "popup", "modal", "login", "signup", "byline", "author", "keyword", "xgxw", "xgyd",
    "tuijian", "fenxiang", "hotnews", "paging", "pagination", "pager", "outbrain", "taboola",
    "disclaimer", "cookie", "consent", "onetrust", "gdpr",
)
_FURNITURE_WORDS = frozenset("nav navbar menu tag tags ad ads rank foot topbar".split())
# Words that name the article itself; they outweigh a furniture word in the same hint
# ("sidebar-grid__content article__content"); "text" or "body" do not: "footer-bottom-text".
_ARTICLE_PARTS = ("article", "content", "story", "entry", "main", "zhengwen")
_CAPTION_PARTS = ("caption", "imgdesc", "picdesc", "imgdescr", "imgtxt", "pictxt", "pictext",
                  "photocredit", "illustration")
_CAPTION_WORDS = frozenset(("credit", "credits"))
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_TITLE_WORDS = re.compile("tit|headline|biaoti", re.I)  # biaoti 标题
_HINTS: dict[str, tuple[bool, bool, bool]] = {}


def classify_hint(hint: str) -> tuple[bool, bool, bool]:
    """Return (furniture, caption, title-named) for an element's class and id text."""
    known = _HINTS.get(hint)
    if known is not None:
        return known
    low = hint.lower()
    words = [w for w in _WORD_SPLIT.split(low) if w]
    joined = low.replace("-", "").replace("_", "")
    furniture = any(p in low for p in _FURNITURE_PARTS) or any(w in _FURNITURE_WORDS for w in words)
    furniture = furniture and not any(p in low for p in _ARTICLE_PARTS)
    caption = any(p in joined for p in _CAPTION_PARTS) or any(w in _CAPTION_WORDS for w in words)
    titled = _TITLE_WORDS.search(hint) is not None
    if len(_HINTS) > 50_000:  # class strings repeat across pages; keep the cache bounded
        _HINTS.clear()
    _HINTS[hint] = (furniture, caption, titled)
    return furniture, caption, titled
