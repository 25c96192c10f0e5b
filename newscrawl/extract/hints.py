"""Class and id vocabulary: what newspapers call their furniture, captions and headlines.

Kept apart from the walk so the words can be read and extended in one place.
"""

from __future__ import annotations

import re
from itertools import islice

# Class/id words of page furniture, as many newspapers name it (pinyin ones too:
# xgxw 相关新闻, tuijian 推荐, fenxiang 分享, pinglun 评论, gentie 跟帖, liuyan 留言, erweima 二维码).
# Parts match inside a word, words whole.
_FURNITURE_PARTS = (
    "comment", "share", "social", "related", "recommend", "sidebar", "footer", "breadcrumb",
    "crumb", "copyright", "advert", "promo", "subscribe", "newsletter", "toolbar", "widget",
    "popup", "modal", "login", "signup", "byline", "author", "keyword", "xgxw", "xgyd",
    "tuijian", "fenxiang", "hotnews", "paging", "pagination", "pager", "outbrain", "taboola",
    "disclaimer", "cookie", "consent", "onetrust", "gdpr", "pinglun", "gentie", "liuyan", "xiangguan",
    "qrcode", "erweima",  # a QR code to scan (erweima, ewm 二维码): a follow or share box
    "pullquote",  # a line of the text repeated large beside it
)
_FURNITURE_WORDS = frozenset("nav navbar menu tag tags ad ads rank foot topbar qr ewm".split())
# Words that name the article itself; a class name holding one outweighs a furniture
# name beside it ("side-grid__content post__content"); "text" or "body" do not
# ("footer-text"), nor does one inside a furniture name ("popup-content").
_ARTICLE_PARTS = ("article", "content", "story", "entry", "main", "zhengwen")
# Furniture that lies over the page or follows it, whatever it holds: a cookie dialog
# or a comment thread with more text than the article is still not the article.
_OVERLAY_PARTS = ("modal", "popup", "cookie", "consent", "gdpr", "onetrust", "login", "signup",
                  "subscribe", "newsletter", "comment", "disclaimer", "pinglun", "gentie", "liuyan")
_CAPTION_PARTS = ("caption", "imgdesc", "picdesc", "imgdescr", "imgtxt", "pictxt", "pictext",
                  "photocredit", "illustration")
_CAPTION_WORDS = frozenset(("credit", "credits"))
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_TITLE_PARTS = ("tit", "headline", "biaoti")  # biaoti 标题
_FURNITURE, _ARTICLE, _CAPTION, _TITLE = 1, 2, 4, 8


def word_scan(words) -> re.Pattern:
    """Return a regex that finds any of ``words`` (for yes/no tests: which word matched is not kept).

    The alternatives form a trie ("c(?:aption|o(?:mment|okie))"): re tries every
    alternative at every position, so one branch per first letter is three times
    faster than one per word over the class names of a page.
    """
    firsts: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        firsts.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in firsts.items():
        if "" in rests:  # the letter is a whole word: longer words after it add nothing to a search
            branches.append(re.escape(first))
        else:
            branches.append(re.escape(first) + word_scan(rests).pattern)
    return re.compile(branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")")


# One scan per vocabulary instead of one substring test per word (class names are many).
_FURNITURE_RE = word_scan(_FURNITURE_PARTS)
_ARTICLE_RE = word_scan(_ARTICLE_PARTS)
_CAPTION_RE = word_scan(_CAPTION_PARTS)
_OVERLAY_RE = word_scan(_OVERLAY_PARTS)
_TITLE_WORDS = word_scan(_TITLE_PARTS)
# Every word of every vocabulary above, in one scan: a name holding none of them (most
# utility-CSS names: "flex", "mt-4") has no flags. No word holds "-" or "_", so a word
# inside the name is inside it with those taken out, where the caption parts are looked for.
_ANY_WORD_RE = word_scan((*_FURNITURE_PARTS, *_FURNITURE_WORDS, *_ARTICLE_PARTS, *_CAPTION_PARTS,
                          *_CAPTION_WORDS, *_TITLE_PARTS))
# Class names repeat far more than whole class strings (utility-CSS pages), so both
# levels are cached: one class name -> flags, one class+id string -> verdict.
_TOKENS: dict[str, int] = {}
# A blog engine's post classes ("post-3258 type-post hentry tag-illustrationen category-news"):
# the tag and category slugs beside them are the site's topics, not the element's role.
_POST_CLASS = re.compile(r"(?:^|\s)(?:hentry|type-post|post-\d+)(?=\s|$)")
_TAXONOMY = ("tag-", "category-")
_HINTS: dict[str, tuple[bool, bool, bool]] = {}
_CACHE_MAX = 50_000  # entries in each cache (class names; class+id strings)


def _token_flags(token: str) -> int:
    """Return the vocabulary flags of one class name or id."""
    low = token.lower()
    joined = low.replace("-", "").replace("_", "")
    if _ANY_WORD_RE.search(joined) is None:
        return 0  # no vocabulary word in it: the common case, one scan instead of five
    words = _WORD_SPLIT.split(low)
    flags = 0
    if _FURNITURE_RE.search(low) or not _FURNITURE_WORDS.isdisjoint(words):
        flags |= _FURNITURE  # "modal-content", "sidebar-content": the furniture word wins
    elif _ARTICLE_RE.search(low):
        flags |= _ARTICLE
    if (_CAPTION_RE.search(joined) and _caption_named(words)) or not _CAPTION_WORDS.isdisjoint(words):
        flags |= _CAPTION
    if _TITLE_WORDS.search(low):
        flags |= _TITLE
    return flags


def _caption_named(words: list[str]) -> bool:
    """Return True when a caption word is in one of ``words``, or starts at one and runs on across
    separators ("img-desc", "pic_txt"); one that starts inside a word does not count: TYPO3's
    "textpic-text" is the text beside a picture, not "pictext". Asked only of names whose
    letters, separators taken out, hold a caption word."""
    return (any(_CAPTION_RE.search(word) for word in words)
            or any(_CAPTION_RE.match("".join(words[i:])) for i in range(len(words))))


def classify_hint(hint: str) -> tuple[bool, bool, bool]:
    """Return (furniture, caption, title-named) for an element's class and id text."""
    known = _HINTS.get(hint)
    if known is not None:
        return known
    flags = 0
    tokens = hint.split()
    if ("post" in hint or "hentry" in hint) and _POST_CLASS.search(hint):  # substring tests first: cheaper
        tokens = [t for t in tokens if not t.startswith(_TAXONOMY)]
    for token in tokens:
        token_flags = _TOKENS.get(token)
        if token_flags is None:
            token_flags = _token_flags(token)
            _remember(_TOKENS, token, token_flags)
        flags |= token_flags
    verdict = (bool(flags & _FURNITURE) and not flags & _ARTICLE, bool(flags & _CAPTION),
               bool(flags & _TITLE))
    _remember(_HINTS, hint, verdict)
    return verdict


def _remember(cache: dict, key: str, value) -> None:
    """Store ``value`` under ``key`` in a bounded cache; a full one drops its older half.

    A long crawl moves from site to site: the names of the site being read stay
    (emptying the whole cache made every page after the limit classify from scratch).
    """
    if len(cache) >= _CACHE_MAX:
        for old in list(islice(cache, len(cache) // 2)):  # dicts keep insertion order: oldest first
            del cache[old]
    cache[key] = value


def is_overlay(el) -> bool:
    """Return True when an element's class or id names a dialog, banner or comment thread."""
    hint = f"{el.get('class')} {el.get('id')}".lower()
    return _OVERLAY_RE.search(hint) is not None
