"""Forum thread pages in the markup of the common forum engines, written for the tests.

Each builder takes the thread's title and its posts, opening post first, and
returns the page as bytes. The markup follows what each engine prints (the
post wrappers, numbered ids, the author's side column with its counters, the
post's date and floor number, the reply and report buttons); the text is ours.
The opening post is the article; the replies under it are readers' comments.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Post:
    """One post of a thread."""

    author: str
    when: str  # as the engine prints it
    paragraphs: tuple[str, ...]


ZH_OPENING = (
    "今年五一假期，我们一家三口自驾去了婺源，看了油菜花，也住了几晚古村落的民宿，整体感受很好，这里把行程和花费写下来给大家参考。",
    "第一天从南昌出发，走高速大约三个小时到婺源县城，下午去了篁岭，人很多，建议早上八点前进山，否则排队坐索道要一个多小时。",
    "第二天去了江湾和晓起，晓起的古樟树非常壮观，村里的农家菜也很地道，一桌六个菜才一百五十元左右，价格公道。",
    "第三天早上去月亮湾拍照，然后返程。总花费大约三千元，其中住宿一千二，门票八百，油费和过路费六百，其余是吃饭。",
)
ZH_REPLIES = (
    ("谢谢楼主分享，很实用！",),
    ("请问民宿是在哪个平台订的？价格多少一晚？我们也打算带孩子去，想找一家安静一点、能停车的。",),
    ("收藏了，准备十一去。",),
    ("篁岭确实要早去，我们上次下午到的，排了将近两个小时才坐上索道，下山的时候天都黑了，建议大家一定错峰。",
     "另外江湾景区的停车场节假日很紧张，最好早上九点前到。"),
    ("顶一下，写得很详细，支持楼主。",),
)
EN_OPENING = (
    "After two seasons of fighting blossom end rot on my tomatoes I finally changed the way I water, and this year "
    "the crop came in clean. Here is what I did, in case it helps anyone with the same trouble.",
    "First, I stopped watering every evening and switched to a deep soak every third morning, about two gallons a "
    "plant, straight onto the soil rather than over the leaves.",
    "Second, I put down a thick mulch of straw once the soil had warmed up in late May, which kept the moisture "
    "even through the hot spell in July.",
    "Third, I had the soil tested. Calcium was fine, so I did not add any of the sprays people recommend; the "
    "problem really was uneven water.",
)
EN_REPLIES = (
    ("Great write-up, thanks for sharing.",),
    ("Did you change anything about the fertiliser as well? I have been using a high nitrogen feed and wondered "
     "whether that makes the rot worse on the first trusses.",),
    ("Bookmarked for next year.",),
    ("Same experience here. Once I went to watering in the morning and mulching with grass clippings the problem "
     "mostly disappeared, although the first fruits of the season still showed a little of it.",
     "I also found that plants in pots were much worse than the ones in the ground, which fits with your theory."),
    ("Thanks, very helpful.",),
)


def thread(chinese: bool, replies: int, opening_first: bool = True) -> tuple[str, list[Post]]:
    """Return a thread's title and posts: the opening post, then ``replies`` replies (the five cycled).

    ``opening_first=False`` gives an opening post shorter than its longest reply.
    """
    if chinese:
        title, opening, pool, names = "五一婺源自驾三日游攻略（附花费）", ZH_OPENING, ZH_REPLIES, "江南游子"
        dates = [f"2019-5-{6 + i % 20} {9 + i % 12}:{10 + i % 50:02d}" for i in range(replies + 1)]
    else:
        title, opening, pool, names = "How I finally beat blossom end rot", EN_OPENING, EN_REPLIES, "riverwalker"
        dates = [f"May {6 + i % 20}, 2019 at {1 + i % 11}:{10 + i % 50:02d} PM" for i in range(replies + 1)]
    if not opening_first:
        opening = opening[:1]
    posts = [Post(names, dates[0], opening)]
    posts += [Post(f"{'网友' if chinese else 'member'}{i}", dates[i + 1], pool[i % len(pool)]) for i in range(replies)]
    return title, posts


def _page(title: str, site: str, generator: str, body: str, charset: str = "utf-8") -> bytes:
    """Return a whole page: head, a site menu, ``body``, a footer."""
    return (f"<!DOCTYPE html><html><head><meta charset='{charset}'><title>{escape(title)} - {site}</title>"
            f"<meta name='generator' content='{generator}'></head><body>"
            f"<div id='hd'><a href='/'>{site}</a><ul class='nav'><li><a href='/forum'>Forum</a></li>"
            f"<li><a href='/search'>Search</a></li><li><a href='/members'>Members</a></li></ul></div>"
            f"{body}<div id='ft'><p>Powered by {generator}</p><p>&copy; 2019 {site}</p></div>"
            "</body></html>").encode("utf-8")


def discuz(title: str, posts: list[Post]) -> bytes:
    """Return a Discuz! X thread: ``#postlist``, a ``post_N`` table per post, the text in ``#postmessage_N``."""
    def one(i: int, post: Post) -> str:
        pid = 3100 + i
        floor = "楼主" if i == 0 else f"{i + 1}#"
        text = "<br />\r\n".join(escape(p) for p in post.paragraphs)
        return (f"<div id='post_{pid}'><table id='pid{pid}' class='plhin' summary='pid{pid}'><tr>"
                f"<td class='pls' rowspan='2'><div class='pi'><div class='authi'><a href='#' class='xw1'>{post.author}"
                "</a></div></div><div class='tns xg2'><table><tr><th><p><a href='#'>12</a></p>主题</th>"
                "<th><p><a href='#'>340</a></p>帖子</th><td><p><a href='#'>1520</a></p>积分</td></tr></table></div>"
                "<p><em><a href='#'>中级会员</a></em></p></td>"
                f"<td class='plc'><div class='pi'><strong><a href='#' id='postnum{pid}'>{floor}</a></strong>"
                f"<div class='pti'><div class='authi'><em id='authorposton{pid}'>发表于 {post.when}</em>"
                "<span class='pipe'>|</span><a href='#'>只看该作者</a></div></div></div>"
                "<div class='pct'><div class='pcb'><div class='t_fsz'><table><tr>"
                f"<td class='t_f' id='postmessage_{pid}'>\r\n{text}</td></tr></table></div></div></div></td></tr>"
                "<tr><td class='plc plm'><div class='po hin'><div class='pob cl'><em><a class='fastre' href='#'>回复</a>"
                "</em><p><a href='#'>举报</a></p></div></div></td></tr></table></div>")
    body = ("<div id='pt' class='bm cl'><a href='/'>论坛</a> <em>&rsaquo;</em> <a href='/f-2'>自驾游</a></div>"
            "<div id='postlist' class='pl bm'><table><tr><td class='pls ptn pbn'><div class='hm ptn'>"
            f"<span class='xg1'>查看:</span> <span class='xi1'>3521</span><span class='pipe'>|</span>"
            f"<span class='xg1'>回复:</span> <span class='xi1'>{len(posts) - 1}</span></div></td>"
            f"<td class='plc ptm pbn vwthd'><h1 class='ts'><span id='thread_subject'>{escape(title)}</span></h1>"
            "</td></tr></table>" + "".join(one(i, p) for i, p in enumerate(posts)) + "</div>")
    return _page(title, "江西旅游论坛", "Discuz! X3.4", body)


def tieba(title: str, posts: list[Post]) -> bytes:
    """Return a Baidu Tieba thread: ``.l_post`` per floor, the text in ``#post_content_N``."""
    def one(i: int, post: Post) -> str:
        text = "<br>".join(escape(p) for p in post.paragraphs)
        return (f"<div class='l_post j_l_post l_post_bright'><div class='d_author'><ul class='p_author'>"
                f"<li class='d_name'><a class='p_author_name j_user_card' href='#'>{post.author}</a></li>"
                "<li class='l_badge'><div class='d_badge_title'>知名人士</div><div class='d_badge_lv'>9</div></li>"
                "</ul></div><div class='d_post_content_main'><div class='p_content'><cc>"
                f"<div id='post_content_{62000000 + i}' class='d_post_content j_d_post_content' style='display:;'>"
                f"{text}</div><br></cc></div><div class='core_reply j_lzl_wrapper'><div class='core_reply_tail'>"
                f"<ul class='p_tail'><li><span>{i + 1}楼</span></li><li><span>{post.when}</span></li></ul>"
                "<a href='#' class='lzl_link_unfold'>回复</a></div></div></div></div>")
    body = (f"<div class='core_title_wrap_bright'><h3 class='core_title_txt' title='{escape(title)}'>"
            f"{escape(title)}</h3></div><div class='p_postlist' id='j_p_postlist'>"
            + "".join(one(i, p) for i, p in enumerate(posts)) + "</div>")
    return _page(title, "婺源吧_百度贴吧", "tieba", body)


def vbulletin(title: str, posts: list[Post]) -> bytes:
    """Return a vBulletin 4 thread: ``li.postcontainer`` per post, the text in ``#post_message_N``."""
    def one(i: int, post: Post) -> str:
        pid = 88100 + i
        text = "<br />".join(escape(p) for p in post.paragraphs)
        return (f"<li class='postbitlegacy postbitim postcontainer old' id='post_{pid}'>"
                f"<div class='posthead'><span class='postdate old'><span class='date'>{post.when}</span></span>"
                f"<span class='nodecontrols'><a name='post{pid}' href='#' class='postcounter'>#{i + 1}</a></span></div>"
                "<div class='postdetails'><div class='userinfo'><div class='username_container'>"
                f"<a class='username offline popupctrl' href='#'><strong>{post.author}</strong></a></div>"
                "<span class='usertitle'>Senior Member</span><dl class='userinfo_extra'><dt>Join Date</dt>"
                "<dd>Mar 2012</dd><dt>Posts</dt><dd>1,234</dd></dl></div><div class='postbody'><div class='postrow'>"
                f"<div class='content'><div id='post_message_{pid}'><blockquote class='postcontent restore'>{text}"
                "</blockquote></div></div></div></div></div><div class='postfoot'><span class='postcontrols'>"
                "<a class='quote' href='#'>Reply With Quote</a></span></div></li>")
    body = (f"<div id='pagetitle'><h1>Thread: <span class='threadtitle'><a href='#'>{escape(title)}</a></span></h1></div>"
            "<div id='postlist' class='postlist restrain'><ol id='posts' class='posts'>"
            + "".join(one(i, p) for i, p in enumerate(posts)) + "</ol></div>")
    return _page(title, "Garden Forums", "vBulletin 4.2.5", body)


def phpbb(title: str, posts: list[Post]) -> bytes:
    """Return a phpBB 3 (prosilver) topic: ``div.post`` per post, the text in ``div.content``."""
    def one(i: int, post: Post) -> str:
        pid = 5100 + i
        text = "<br><br>".join(escape(p) for p in post.paragraphs)
        return (f"<div id='p{pid}' class='post has-profile bg{1 + i % 2}'><div class='inner'>"
                f"<dl class='postprofile' id='profile{pid}'><dt><a href='#' class='username'>{post.author}</a></dt>"
                "<dd class='profile-rank'>Registered User</dd><dd class='profile-posts'><strong>Posts:</strong> 120</dd>"
                "<dd class='profile-joined'><strong>Joined:</strong> Sun Mar 04, 2012 8:10 pm</dd></dl>"
                f"<div class='postbody'><div id='post_content{pid}'><h3><a href='#p{pid}'>Re: {escape(title)}</a></h3>"
                "<ul class='post-buttons'><li><a href='#' class='button'><span>Quote</span></a></li></ul>"
                f"<p class='author'><a href='#'><span>Post</span></a> by <strong><a href='#' class='username'>"
                f"{post.author}</a></strong> &raquo; <time>{post.when}</time></p>"
                f"<div class='content'>{text}</div></div></div>"
                "<div class='back2top'><a href='#top' class='top'>Top</a></div></div></div><hr class='divider'>")
    body = (f"<h2 class='topic-title'><a href='#'>{escape(title)}</a></h2><div class='action-bar'>"
            "<a href='#' class='button'>Post Reply</a></div>" + "".join(one(i, p) for i, p in enumerate(posts)))
    return _page(title, "Garden Forums", "phpBB", body)


def xenforo(title: str, posts: list[Post]) -> bytes:
    """Return a XenForo 2 thread: an ``<article>`` per post, the text in ``div.bbWrapper``."""
    def one(i: int, post: Post) -> str:
        pid = 771000 + i
        text = "<br>\n<br>\n".join(escape(p) for p in post.paragraphs)
        return (f"<article class='message message--post js-post' data-author='{post.author}' "
                f"data-content='post-{pid}' id='js-post-{pid}'><div class='message-inner'>"
                "<div class='message-cell message-cell--user'><section class='message-user'>"
                f"<h4 class='message-name'><a href='#' class='username'>{post.author}</a></h4>"
                "<h5 class='userTitle message-userTitle'>Well-known member</h5></section></div>"
                "<div class='message-cell message-cell--main'><div class='message-main'>"
                "<header class='message-attribution'><ul class='message-attribution-main listInline'>"
                f"<li><a href='#'><time class='u-dt'>{post.when}</time></a></li></ul>"
                f"<ul class='message-attribution-opposite'><li><a href='#'>#{i + 1}</a></li></ul></header>"
                "<div class='message-content js-messageContent'><div class='message-userContent'>"
                f"<article class='message-body js-selectToQuote'><div class='bbWrapper'>{text}</div></article>"
                "</div></div><footer class='message-footer'><div class='message-actionBar actionBar'>"
                "<a href='#' class='actionBar-action actionBar-action--reply'>Reply</a></div></footer>"
                "</div></div></div></article>")
    body = (f"<div class='p-title'><h1 class='p-title-value'>{escape(title)}</h1></div>"
            "<div class='block block--messages'><div class='block-body js-replyNewMessageContainer'>"
            + "".join(one(i, p) for i, p in enumerate(posts)) + "</div></div>")
    return _page(title, "Garden Forums", "XenForo", body)


def discourse(title: str, posts: list[Post]) -> bytes:
    """Return a Discourse topic as it is served to readers without scripts: ``#post_N`` per post."""
    def one(i: int, post: Post) -> str:
        text = "".join(f"<p>{escape(p)}</p>" for p in post.paragraphs)
        prop = "articleBody" if i == 0 else "comment"
        return (f"<div id='post_{i + 1}' itemprop='{prop}' class='topic-body crawler-post'>"
                f"<div class='crawler-post-meta'><span class='creator'><a href='#'><span>{post.author}</span></a>"
                f"</span><span class='crawler-post-infos'><time class='post-time'>{post.when}</time>"
                f"<span>{i + 1}</span></span></div><div class='post'>{text}</div>"
                "<div><span class='post-likes'>3 Likes</span></div></div>")
    body = (f"<div id='main-outlet' class='wrap'><h1><a href='#'>{escape(title)}</a></h1>"
            "<div id='topic-title'></div>" + "".join(one(i, p) for i, p in enumerate(posts)) + "</div>")
    return _page(title, "Garden Community", "Discourse 3.1", body)


def mybb(title: str, posts: list[Post]) -> bytes:
    """Return a MyBB thread: ``div.post`` per post (``#post_N``), the text in ``#pid_N``."""
    def one(i: int, post: Post) -> str:
        pid = 4400 + i
        text = "<br />\n".join(escape(p) for p in post.paragraphs)
        return (f"<div class='post classic' id='post_{pid}'><div class='post_author'><strong>"
                f"<span class='largetext'><a href='#'>{post.author}</a></span></strong><br><span class='smalltext'>"
                "Member<br>Posts: 87<br>Joined: Jan 2015</span></div><div class='post_content'><div class='post_head'>"
                f"<span class='post_date'>{post.when}</span><div class='float_right'><a href='#'>#{i + 1}</a></div>"
                f"</div><div class='post_body scaleimages' id='pid_{pid}'>{text}</div></div>"
                "<div class='post_controls'><a href='#' class='postbit_quote'><span>Reply</span></a>"
                "<a href='#' class='postbit_report'><span>Report</span></a></div></div>")
    body = (f"<table class='tborder'><tr><td class='thead'><strong>{escape(title)}</strong></td></tr></table>"
            "<div id='posts'>" + "".join(one(i, p) for i, p in enumerate(posts)) + "</div>")
    return _page(title, "Garden Forums", "MyBB", body)


def smf(title: str, posts: list[Post]) -> bytes:
    """Return a Simple Machines Forum topic: ``div.windowbg`` per post, the text in ``#msg_N``."""
    def one(i: int, post: Post) -> str:
        pid = 9900 + i
        text = "<br /><br />".join(escape(p) for p in post.paragraphs)
        return (f"<div class='windowbg'><div class='post_wrapper'><div class='poster'><h4><a href='#'>{post.author}"
                "</a></h4><ul class='user_info'><li class='membergroup'>Full Member</li><li class='postcount'>"
                "Posts: 230</li></ul></div><div class='postarea'><div class='keyinfo'>"
                f"<h5 id='subject_{pid}'><a href='#msg{pid}'>Re: {escape(title)}</a></h5>"
                f"<div class='smalltext'>&#171; <strong>Reply #{i} on:</strong> {post.when} &#187;</div></div>"
                f"<div class='post'><div class='inner' id='msg_{pid}'>{text}</div></div></div></div></div>")
    body = (f"<div class='cat_bar'><h3 class='catbg'>Topic: {escape(title)} (Read 812 times)</h3></div>"
            "<div id='forumposts'>" + "".join(one(i, p) for i, p in enumerate(posts)) + "</div>")
    return _page(title, "Garden Forums", "SMF 2.0", body)


ENGINES = {"discuz": (discuz, True), "tieba": (tieba, True), "vbulletin": (vbulletin, False),
           "phpbb": (phpbb, False), "xenforo": (xenforo, False), "discourse": (discourse, False),
           "mybb": (mybb, False), "smf": (smf, False)}
