"""Chinese blog platforms: the post's text, its writer, no licence notice or tip prompt taken for anything."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newscrawl.extract import extract_article
from tests.extract.blogpages import BUILDERS, PARAGRAPHS, TITLE, WP_PARAGRAPHS, WP_TITLE, WP_VARIANTS, WRITER


@pytest.mark.parametrize("platform", sorted(BUILDERS))
def test_a_blog_posts_fields(platform):
    found = extract_article(BUILDERS[platform]().encode(), f"https://blog.example.cn/{platform}/123.html")
    assert found.title == TITLE
    assert found.paragraphs == PARAGRAPHS
    assert found.published == datetime(2012, 4, 12, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert found.source in (None, WRITER)  # a platform account may stand as the source, as on portals
    # Jianshu prints the writer only before its 关注 button: an account's name, read as the source.
    assert found.author == (None if platform == "jianshu" else WRITER)


def _post(title: str, text: str = "") -> bytes:
    return (f"<html><head><title>{title}</title></head><body><h1>春天的河畔步道</h1>"
            f"<div class='content'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}{text}</div></body></html>").encode()


@pytest.mark.parametrize("title, author", [
    ("春天的河畔步道_山间小屋_新浪博客", "山间小屋"),
    ("春天的河畔步道 - 山间小屋 - 博客园", "山间小屋"),
    ("春天的河畔步道_山间小屋的博客-CSDN博客", "山间小屋"),
    ("春天的河畔步道_新闻频道_央视网", None),  # a news site's channel, no blog
    ("春天的河畔步道 - 博客园", None),  # no name between the headline and the platform
    ("春天的河畔步道_新浪博客_新浪网", None),  # the platform's own name is nobody's
])
def test_a_blogs_title_names_its_writer(title, author):
    assert extract_article(_post(title)).author == author


@pytest.mark.parametrize("notice, source", [
    ("<p>版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接和本声明。</p>", None),
    ("<p>转载请注明出处。</p>", None),
    ("<p>出处：新华社</p>", "新华社"),
])
def test_a_reposting_notices_words_are_no_source(notice, source):
    assert extract_article(_post("春天的河畔步道", notice)).source == source


@pytest.mark.parametrize("prompt", ["“小礼物走一走，来简书关注我”", "赞赏支持", "喜欢就点赞关注我吧", "打赏"])
def test_a_blogs_tip_prompt_is_no_paragraph(prompt):
    assert extract_article(_post("春天的河畔步道", f"<p>{prompt}</p>")).paragraphs == PARAGRAPHS


@pytest.mark.parametrize("sentence", ["他说，这些年一直有人关注我们的步道改造，也有人提了很多好建议。",
                                      "赞赏之余，也有市民提出了不同意见。"])
def test_sentences_about_following_and_praise_stay(sentence):
    assert extract_article(_post("春天的河畔步道", f"<p>{sentence}</p>")).paragraphs == PARAGRAPHS + [sentence]


@pytest.mark.parametrize("variant", sorted(WP_VARIANTS))
def test_a_wordpress_posts_text_leaves_its_boxes_out(variant):
    # Share, like and related boxes, an author bio, a follow-by-email box, comments and the reply form.
    found = extract_article(WP_VARIANTS[variant].encode(), "https://allotment.example/2020/05/06/blossom-end-rot/")
    assert (found.title, found.author) == (WP_TITLE, "Anna Berg")
    assert found.published.isoformat() == "2020-05-06T09:14:00+00:00"
    assert found.paragraphs == WP_PARAGRAPHS
