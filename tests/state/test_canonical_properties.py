"""Properties of the one canonicaliser and the one text cleaner, over generated inputs."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extract.text import clean_text
from newscrawl.state.canonical import canonical_url

HOSTS = st.sampled_from(["example.com", "news.example.cn", "jxnews.com.cn", "127.0.0.1", "xn--fiqs8s.cn"])
SEGMENT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/?#"), max_size=8)
WORD = st.text("abcdefghijklmnopqrstuvwxyz0123456789%中文", min_size=1, max_size=6)
PAIRS = st.lists(st.tuples(WORD, st.text("abc123%+=中", max_size=5)), max_size=4)
TRACKING = st.sampled_from(["utm_source=x", "spm=1.2", "from=timeline", "fbclid=abc", "share_token=9"])


@st.composite
def urls(draw) -> str:
    path = "/" + "/".join(draw(st.lists(SEGMENT, max_size=4)))
    query = "&".join(f"{k}={v}" for k, v in draw(PAIRS))
    return f"{draw(st.sampled_from(['http', 'https']))}://{draw(HOSTS)}{path}" + (f"?{query}" if query else "")


@settings(max_examples=300, deadline=None)
@given(urls())
def test_a_key_is_stable_and_a_key_of_itself(url):
    key = canonical_url(url)
    assert key.startswith("https://") and "#" not in key
    assert canonical_url(key) == key


@settings(max_examples=300, deadline=None)
@given(urls(), TRACKING, st.text("abc", max_size=4))
def test_tracking_fragments_and_www_do_not_change_the_key(url, tracking, fragment):
    host_start = url.index("://") + 3
    variant = url[:host_start] + "www." + url[host_start:]
    variant += ("&" if "?" in url else "?") + tracking + "#" + fragment
    if not url[host_start:].startswith("127."):
        assert canonical_url(variant) == canonical_url(url)


@settings(max_examples=500, deadline=None)
@given(st.text(), st.booleans())
def test_cleaned_text_is_one_trimmed_line_without_controls(text, keep_spaces):
    cleaned = clean_text(text, keep_spaces=keep_spaces)
    assert cleaned == cleaned.strip()
    assert not re.search(r"[\n\r\t\x0b\x0c\x85\u2028\u2029]", cleaned)
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in cleaned)
    assert "  " not in cleaned
    assert clean_text(cleaned, keep_spaces=keep_spaces) == cleaned
