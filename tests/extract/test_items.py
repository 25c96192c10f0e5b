"""Lists of items inside the article container: related cards and comments go, a thread's posts stay."""

from __future__ import annotations

from newscrawl.extract import extract_article
from tests.extract.fieldpages import RIVERSIDE

PARAS = RIVERSIDE[:5]
CARDS = "".join(
    f"<div><a href='/news/{i}.html'>城西公园{i}号门改造方案公布</a>"
    f"<p>城西公园{i}号门将在今年下半年开工改造，届时将新增停车位和自行车停放点，方便周边居民出行。</p>"
    f"<span>2024-05-1{i}</span></div>" for i in range(5))
COMMENTS = "".join(
    f"<div><span>网友{i}</span><p>步道修得真不错，希望以后能多建一些这样的设施，方便大家锻炼身体。</p>"
    f"<span>2024-05-20 1{i}:00</span> <a href='#'>回复</a></div>" for i in range(6))


def page(inside: str) -> bytes:
    """Return a portal page whose article container holds ``inside`` after the paragraphs."""
    return ("<html><head><title>河畔步道改造完工_城东新闻网</title></head><body>"
            "<div class='top'><a href='/'>首页</a> <a href='/city'>城市</a></div>"
            "<div class='main'><h1>河畔步道改造完工</h1><div class='info'>2024-05-20 10:10 来源：城东晚报</div>"
            "<div class='article'>" + "".join(f"<p>{p}</p>" for p in PARAS) + inside
            + "</div></div><div class='bottom'>城东新闻网 版权所有</div></body></html>").encode("utf-8")


def test_related_cards_and_comments_inside_the_container_are_not_the_article():
    # No class names give them away: the cards and comments are known by their shape.
    assert extract_article(page("<h3>延伸</h3>" + CARDS + "<h3>留言</h3>" + COMMENTS)).paragraphs == PARAS
    assert extract_article(page(CARDS)).paragraphs == PARAS


def test_a_comment_thread_named_in_pinyin_is_furniture():
    inside = "<div class='pinglun-list'>" + "".join(
        f"<p>步道修得真不错，希望以后能多建一些这样的设施。{i}</p>" for i in range(3)) + "</div>"
    assert extract_article(page(inside)).paragraphs == PARAS


def test_the_posts_of_a_forum_thread_are_all_kept():
    posts = [f"第{i}楼：我也去走了一趟，步道确实平整了不少，夜里灯光也亮，就是周末人有点多，建议错峰前往。"
             for i in range(1, 7)]
    thread = "".join(
        f"<div class='post'><a href='/u/{i}'>用户{i}</a><span>2024-05-2{i} 09:00</span><p>{text}</p></div>"
        for i, text in enumerate(posts))
    html = ("<html><head><title>河畔步道改造完工了，大家去看了吗 - 城东论坛</title></head><body>"
            "<h1>河畔步道改造完工了，大家去看了吗</h1><div class='thread'>" + thread + "</div></body></html>")
    assert extract_article(html.encode()).paragraphs == posts


def test_the_entries_of_a_live_blog_are_all_kept():
    entries = [f"The council confirmed at {9 + i}:00 that the riverside path section {i} has reopened to walkers."
               for i in range(5)]
    live = "".join(f"<div class='entry'><time>{9 + i}:00</time><p>{text}</p></div>"
                   for i, text in enumerate(entries))
    html = ("<html><head><title>Riverside path reopens: live updates</title></head><body>"
            "<h1>Riverside path reopens: live updates</h1><div class='live'>" + live + "</div></body></html>")
    assert extract_article(html.encode()).paragraphs == entries
