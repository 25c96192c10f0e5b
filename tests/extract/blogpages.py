"""Chinese blog pages in the markup of four blog platforms, written for the tests.

Each builder returns a post of the same short text (``PARAGRAPHS``, headline
``TITLE``, written by 山间小屋 on 2012-04-12 08:30) as the platform prints it:
the title's form, the header line, tags, counters, share and tip prompts, the
previous/next links, the blogger's side column.
"""

from __future__ import annotations

PARAGRAPHS = [
    "周末又去河畔步道走了一圈，柳树已经发芽，河边的风还有些凉，但走起来很舒服，沿途有不少市民在锻炼。",
    "改造后的步道铺了透水材料，下雨天也不积水，沿线新增了休息座椅和照明设施，晚上散步也很安全。",
    "步道入口处新设了导览牌，标出了全程四公里的路线和沿途的公共卫生间位置，方便第一次来的人。",
    "唯一的遗憾是周末人太多，自行车和行人混行，希望管理部门能考虑分时段或者划出专门的骑行道。",
]
TITLE = "春天的河畔步道"
WRITER = "山间小屋"
P, T = PARAGRAPHS, TITLE


def sina() -> str:
    """Return a Sina blog post: the title as 'headline_blogger_新浪博客', counters under the text."""
    body = "".join(f"<p>{p}</p>" for p in P)
    return f"""<html><head><meta charset="utf-8"><title>{T}_山间小屋_新浪博客</title></head><body>
<div class="blogtoparea"><a href="#">新浪博客</a><a href="#">首页</a><a href="#">注册</a></div>
<div id="column_1" class="SG_colW21"><div class="SG_conn"><div class="blogzz_paihang"></div>
<div class="articalTitle"><h2 id="t_123" class="titName SG_txta">{T}</h2><span class="img2"></span><span class="time SG_txtc">(2012-04-12 08:30:00)</span></div>
<div class="articalTag" id="sina_keyword_ad_area"><table><tr><td class="blog_tag"><h3>标签：</h3><h3><a href="#">步道</a></h3><h3><a href="#">杂谈</a></h3></td><td class="blog_class"><h3>分类：</h3><a href="#">随笔</a></td></tr></table></div>
<div id="sina_keyword_ad_area2" class="articalContent newfont_family">{body}</div>
<div class="shareUp"><span>分享：</span><a href="#">微博</a><a href="#">微信</a></div>
<div class="articalInfo"><span>阅读(1234)</span><span>评论(12)</span><span>收藏(3)</span><span>转载(1)</span></div>
<div class="articalfrontback SG_j_linedot1 clearfix"><div><span class="SG_txtb">前一篇：</span><a href="#">秋天的南湖公园</a></div><div><span class="SG_txtb">后一篇：</span><a href="#">冬天的梅岭</a></div></div>
</div></div><div class="SG_colW73"><div class="info_nm"><strong>山间小屋</strong></div><div>博客等级：8 博客积分：1024 博客访问：123,456</div></div>
</body></html>"""


def cnblogs() -> str:
    """Return a cnblogs post: 'posted @ date blogger 阅读(N)' under the text."""
    body = "".join(f"<p>{p}</p>" for p in P)
    return f"""<html><head><meta charset="utf-8"><title>{T} - 山间小屋 - 博客园</title></head><body>
<div id="header"><h1><a id="Header1_HeaderTitle" href="#">山间小屋</a></h1><div id="navigator"><ul id="navList"><li><a href="#">博客园</a></li><li><a href="#">首页</a></li><li><a href="#">联系</a></li></ul></div></div>
<div id="main"><div id="mainContent"><div class="forFlow"><div id="post_detail"><div id="topics"><div class="post">
<h1 class="postTitle"><a id="cb_post_title_url" class="postTitle2" href="#"><span role="heading">{T}</span></a></h1>
<div class="clear"></div><div class="postBody"><div id="cnblogs_post_body" class="blogpost-body">{body}</div>
<div id="MySignature"></div><div class="clear"></div><div id="blog_post_info_block"><div id="BlogPostCategory">分类: <a href="#">随笔</a></div>
<div id="EntryTag">标签: <a href="#">生活</a></div><div id="green_channel"><a href="#">好文要顶</a><a href="#">关注我</a><a href="#">收藏该文</a></div></div></div>
<div class="postDesc">posted @ <span id="post-date">2012-04-12 08:30</span>&nbsp;<a href="#">山间小屋</a>&nbsp; 阅读(<span id="post_view_count">1234</span>)&nbsp; 评论(<span id="post_comment_count">0</span>)&nbsp;<a href="#">编辑</a>&nbsp;<a href="#">收藏</a>&nbsp;<a href="#">举报</a></div>
</div></div></div></div></div></div></body></html>"""


def csdn() -> str:
    """Return a CSDN post: the CC licence notice above the text, counters in the header."""
    body = "".join(f"<p>{p}</p>" for p in P)
    return f"""<html><head><meta charset="utf-8"><title>{T}_山间小屋的博客-CSDN博客</title></head><body>
<div id="csdn-toolbar"><a href="#">首页</a><a href="#">博客</a><a href="#">下载</a><a href="#">学习</a></div>
<div class="main_father"><main><div class="blog-content-box"><div class="article-header-box"><div class="article-header"><div class="article-title-box"><h1 class="title-article" id="articleContentId">{T}</h1></div>
<div class="article-info-box"><div class="article-bar-top"><span class="article-type type-1">原创</span><a class="follow-nickName" href="#">山间小屋</a><img class="article-time-img" src="x.png"><span class="time">于&nbsp;2012-04-12 08:30:00&nbsp;发布</span><img class="article-read-img" src="r.png"><span class="read-count">阅读量1.2k</span><a class="un-collection">收藏</a><span class="get-collection">3</span><a class="like">点赞数</a><span>2</span></div>
<div class="blog-tags-box"><div class="tags-box artic-tag-box"><span class="label">分类专栏：</span><a class="tag-link">随笔</a><span class="label">文章标签：</span><a class="tag-link">生活</a></div></div>
<div class="slide-content-box"><div class="article-copyright"><div class="creativecommons">版权声明：本文为博主原创文章，遵循 CC 4.0 BY-SA 版权协议，转载请附上原文出处链接和本声明。</div><div class="article-source-link">本文链接：<a href="#">https://blog.csdn.net/shanjian/article/details/123</a></div></div></div></div></div></div>
<article class="baidu_pl"><div id="article_content" class="article_content clearfix"><div id="content_views" class="htmledit_views">{body}</div></div></article></div>
<div class="recommend-box"><div class="recommend-item-box"><a href="#">河畔步道改造工程完工的相关报道</a><p>步道改造后环境明显改善……</p></div></div></main></div></body></html>"""


def jianshu() -> str:
    """Return a Jianshu post: the writer before a 关注 button, a tip prompt under the text."""
    body = "".join(f"<p>{p}</p>" for p in P)
    return f"""<html><head><meta charset="utf-8"><title>{T} - 简书</title></head><body>
<header><a href="/">简书</a><a href="#">首页</a><a href="#">下载App</a></header>
<div id="__next"><div class="_gp-ck"><section class="ouvJEz"><h1 class="_1RuRku" title="{T}">{T}</h1>
<div class="rEsl9f"><div class="_2mYfmT"><a class="_1OhGeD" href="#">山间小屋</a><button class="_3kba3h">关注</button></div>
<div class="s-dsoj"><time datetime="2012-04-12T00:30:00.000Z">2012.04.12 08:30:00</time><span>字数 612</span><span>阅读 1,234</span></div></div>
<article class="_2rhmJa">{body}</article></section>
<div class="_19DgIp">"小礼物走一走，来简书关注我"</div><div class="_2NzR6f"><span>更多精彩内容，就在简书APP</span></div></div></div></body></html>"""


BUILDERS = {"sina": sina, "cnblogs": cnblogs, "csdn": csdn, "jianshu": jianshu}


# An English blog post of WordPress, with the boxes such posts carry.
WP_PARAGRAPHS = [
    "After two seasons of fighting blossom end rot on my tomatoes I finally changed the way I water, and this year the crop came in clean.",
    "First, I stopped watering every evening and switched to a deep soak every third morning, about two gallons a plant, straight onto the soil.",
    "Second, I put down a thick mulch of straw once the soil had warmed up in late May, which kept the moisture even through the hot spell.",
    "Third, I had the soil tested. Calcium was fine, so I did not add any of the sprays people recommend; the problem really was uneven water.",
]
WP_TITLE = "How I finally beat blossom end rot"


def wordpress(extra_in: str = "", extra_after: str = "") -> str:
    """Return an English WordPress post (a default theme, Jetpack's share, like and related boxes, two
    comments and the reply form), with ``extra_in`` at the end of its text and ``extra_after`` after it."""
    body = "".join(f"<p>{p}</p>" for p in WP_PARAGRAPHS)
    T = WP_TITLE
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8"><title>{T} &#8211; The Allotment Diary</title>
<meta property="og:title" content="{T}"></head><body class="post-template-default single single-post">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">The Allotment Diary</a></p><nav id="site-navigation" class="main-navigation"><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-123" class="post-123 post type-post status-publish format-standard hentry category-garden">
<header class="entry-header"><h1 class="entry-title">{T}</h1><div class="entry-meta"><span class="posted-on">Posted on <a href="#"><time class="entry-date published" datetime="2020-05-06T09:14:00+00:00">May 6, 2020</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="#">Anna Berg</a></span></span></div></header>
<div class="entry-content">{body}{extra_in}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul><li class="share-twitter"><a class="share-twitter sd-button" href="#"><span>Twitter</span></a></li><li class="share-facebook"><a class="share-facebook sd-button" href="#"><span>Facebook</span></a></li><li class="share-end"></li></ul></div></div></div>
<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded" id="like-post-wrapper-1-123"><h3 class="sd-title">Like this:</h3><div class="likes-widget-placeholder post-likes-widget-placeholder" style="height: 55px;"><span class="button"><span>Like</span></span> <span class="loading">Loading...</span></div><span class="sd-text-color"></span><a class="sd-link-color"></a></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="#" rel="category tag">Garden</a></span><span class="tags-links">Tagged <a href="#" rel="tag">tomatoes</a>, <a href="#" rel="tag">watering</a></span></footer>
</article>{extra_after}
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="#" rel="prev"><span class="meta-nav">Previous Post</span> <span class="post-title">Raised beds in a wet spring</span></a></div><div class="nav-next"><a href="#" rel="next"><span class="meta-nav">Next Post</span> <span class="post-title">Saving bean seed</span></a></div></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on &ldquo;{T}&rdquo;</h2><ol class="comment-list">
<li id="comment-12" class="comment even thread-even depth-1"><article id="div-comment-12" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Ben Cole</b> <span class="says">says:</span></div><div class="comment-metadata"><a href="#"><time datetime="2020-05-07T08:10:00+00:00">May 7, 2020 at 8:10 am</time></a></div></footer><div class="comment-content"><p>Great tips, thanks! I have had the same trouble with my plum tomatoes for years and will try the morning soak.</p></div><div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article></li>
<li id="comment-13" class="comment odd alt thread-odd depth-1"><article id="div-comment-13" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Cara</b> <span class="says">says:</span></div><div class="comment-metadata"><a href="#"><time datetime="2020-05-08T10:00:00+00:00">May 8, 2020 at 10:00 am</time></a></div></footer><div class="comment-content"><p>Did you change the feed as well, or only the watering? Mine get a high nitrogen feed every week.</p></div><div class="reply"><a class="comment-reply-link" href="#">Reply</a></div></article></li></ol>
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" href="#">Cancel reply</a></small></h3><form action="#" method="post" id="commentform" class="comment-form"><p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked <span class="required">*</span></p><p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment" name="comment"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>
</main></div><aside id="secondary" class="widget-area"><section id="search-2" class="widget widget_search"><form><input type="search"></form></section><section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="#">Saving bean seed</a></li><li><a href="#">Raised beds in a wet spring</a></li></ul></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info"><a href="https://wordpress.org/">Proudly powered by WordPress</a></div></footer></body></html>"""
_BIO = """<div class="author-bio"><div class="author-avatar"><img src="a.png" alt=""></div><div class="author-description"><h2 class="author-title">Published by Anna Berg</h2><p class="author-bio-text">Anna grows vegetables on a council allotment in Leeds and writes about what works and what does not. <a class="author-link" href="#">View all posts by Anna Berg</a></p></div></div>"""
_SUBSCRIBE = """<div class="wp-block-jetpack-subscriptions"><p>Enter your email address to follow this blog and receive notifications of new posts by email.</p><form><input type="email"><button>Follow</button></form></div>"""
WP_VARIANTS = {"plain": wordpress(), "bio after": wordpress(extra_after=_BIO), "bio in": wordpress(extra_in=_BIO),
               "subscribe": wordpress(extra_in=_SUBSCRIBE),
               "see also": wordpress(extra_in="<h3>See also</h3><ul><li><a href='#'>Raised beds in a wet spring</a></li></ul>"),
               "pinterest": wordpress(extra_in="<p><a href='#'>Pin it for later!</a></p>"),
               "caption": wordpress(extra_in="<figure class='wp-block-image'><img src='t.jpg'><figcaption>The clean crop in August.</figcaption></figure>"),
               "pdf": wordpress(extra_in="<p><a href='x.pdf'>Download the watering plan (PDF, 120 KB)</a></p>")}

