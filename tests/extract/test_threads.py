"""Forum threads: every post's message is the text, without the furniture each post prints around it."""

from __future__ import annotations

import pytest

from newscrawl.extract import extract_article
from newscrawl.extract.credits import credit_line
from tests.extract.forumpages import ENGINES, thread

URL = "https://forum.example.org/thread/1"
# What an engine prints around a post's message: the author's column, counters, buttons, floor numbers.
FURNITURE = ("主题", "帖子", "积分", "中级会员", "只看该作者", "回复", "举报", "知名人士", "楼", "Senior Member",
             "Join Date", "Posts", "Joined", "Registered User", "Quote", "Reply", "Report", "Well-known member",
             "Likes", "Member", "Full Member", "#")


@pytest.mark.parametrize("replies", [1, 3, 12])
@pytest.mark.parametrize("opening_long", [True, False])
@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_threads_text_is_its_posts_messages_in_order(engine, replies, opening_long):
    build, chinese = ENGINES[engine]
    title, posts = thread(chinese, replies, opening_long)
    found = extract_article(build(title, posts), URL)
    assert found.title == title
    assert found.paragraphs == [p for post in posts for p in post.paragraphs]
    assert not [p for p in found.paragraphs if any(p.startswith(word) for word in FURNITURE)]


@pytest.mark.parametrize("engine", sorted(ENGINES))
def test_a_threads_date_is_its_first_posts_and_no_reply_is_its_author(engine):
    build, chinese = ENGINES[engine]
    title, posts = thread(chinese, 12)
    found = extract_article(build(title, posts), URL)
    assert found.published.strftime("%Y-%m-%d %H:%M") == ("2019-05-06 09:10" if chinese else "2019-05-06 13:10")
    replies = {p for post in posts[1:] for p in post.paragraphs}
    authors = found.author if isinstance(found.author, list) else [found.author] if found.author else []
    assert authors in ([], [posts[0].author])
    assert not [a for a in authors if any(a in text for text in replies)]


def _wordpress(teasers_first: bool) -> bytes:
    """A blog post whose page also shows other posts' cards (numbered post ids too), before or after it."""
    text = "".join(f"<p>Paragraph {i}: the allotment society met on Saturday and agreed to share the new "
                   f"water butts between the plots along the southern fence.</p>" for i in range(6))
    cards = "".join(f"<article id='post-{n}' class='post-{n} post type-post card'><h3><a href='/p/{n}'>Another "
                    f"story {n}</a></h3><p>A short teaser of another story, with a sentence of its own.</p></article>"
                    for n in (101, 102, 103))
    main = (f"<div id='post-200' class='post-200 post type-post hentry'><h1>Water butts for every plot</h1>"
            f"<div class='entry-content'>{text}</div></div>")
    aside = f"<section class='more-stories'>{cards}</section>"
    body = aside + main if teasers_first else main + aside
    return f"<html><head><title>Water butts for every plot</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize("teasers_first", [True, False])
def test_a_post_page_with_other_posts_cards_is_no_thread(teasers_first):
    found = extract_article(_wordpress(teasers_first), "https://blog.example.org/water-butts")
    assert len(found.paragraphs) == 6 and all(p.startswith("Paragraph") for p in found.paragraphs)


def test_posts_nested_by_broken_markup_are_read_as_the_page_shows_them():
    # An unclosed tag puts every later post inside the first: no post is read twice, none is lost.
    title, posts = thread(False, 3)
    html = ENGINES["vbulletin"][0](title, posts).decode().replace("</li>", "", 2)
    found = extract_article(html.encode(), URL)
    wanted = [p for post in posts for p in post.paragraphs]
    assert [p for p in found.paragraphs if p in wanted] == wanted


@pytest.mark.parametrize("html, line", [
    ("<div class='post_author'><strong><a>riverwalker</a></strong><br><span>Member<br>Posts: 87</span></div>",
     "riverwalker"),
    ("<p class='author'><a><span>Post</span></a> by <strong><a>River Walker</a></strong> &raquo; "
     "<time>May 6</time></p>", "Post by River Walker » May 6"),
    ("<div class='byline'>By<br><a>Anna Berg</a> and <b>Ben Cole</b><script>var x = 1;</script></div>",
     "By Anna Berg and Ben Cole"),
    ("<div class='author'><div class='name'>Anna Berg</div><div class='bio'>Anna writes on gardens.</div></div>",
     "Anna Berg"),
    ("<span class='author'> </span>", ""),
])
def test_an_author_boxs_credit_is_its_first_line(html, line):
    import lxml.html
    assert credit_line(lxml.html.fragment_fromstring(html)) == line


@pytest.mark.parametrize("line", [
    "<a><span>Post</span></a> by <strong><a>River Walker</a></strong> &raquo; <time>Mon May 06, 2019 9:14 pm</time>",
    "<a><span title='Beitrag'>Beitrag</span></a><span>von <strong><a>River Walker</a></strong> &raquo; </span>"
    "06.05.2019, 21:14",
])
def test_a_forum_posts_by_line_gives_its_name(line):
    html = ("<html><head><title>Raised beds</title></head><body><h1>Raised beds</h1>"
            f"<p class='author'>{line}</p><div class='content'>"
            + "".join(f"<p>Raised beds warm up earlier in spring and drain better after heavy rain {i}.</p>"
                      for i in range(5)) + "</div></body></html>")
    assert extract_article(html.encode(), URL).author == "River Walker"
