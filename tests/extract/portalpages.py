"""Article pages of four content-management systems older Chinese portals run, written for the tests.

Discuz! portal, DedeCMS, PHPCMS and EmpireCMS print an article with their own
header line (date, source, writer, a hit counter filled by a script), a
summary above the text, tags, dividers, previous/next links and footers.
Each builder returns the same short story (``PARAGRAPHS``, headline ``TITLE``);
``EXPECT`` gives each page's (author, source).
"""

from __future__ import annotations

PARAGRAPHS = [
    "记者从市交通局获悉，南昌至九江高速公路新桥今天合龙，预计年底前建成通车，届时两地车程将缩短半小时。",
    "新桥全长约三公里，主跨四百米，是省内跨度最大的斜拉桥之一，施工中采用了多项新工艺。",
    "项目负责人介绍，目前工人们正在加紧施工，桥面铺装和附属设施将于十月底前完成。",
    "据悉，新桥通车后将与沿江快速路相连，进一步完善城市路网，方便市民出行。",
]
TITLE = "南昌至九江高速公路新桥今天合龙"
P, T = PARAGRAPHS, TITLE
_BODY = "".join(f"<p>{p}</p>" for p in P)


def discuz_portal() -> str:
    """Return a Discuz! portal article: 发布者, 原作者 and 来自 in its header, a 摘要 box."""
    return f"""<html><head><meta charset="gbk"><title>{T} - 本地新闻 - 江西网 - Powered by Discuz!</title></head><body>
<div id="hd"><a href="/">江西网</a><ul><li><a href="#">首页</a></li><li><a href="#">论坛</a></li></ul></div>
<div id="pt" class="bm cl"><a href="./">江西网</a> <em>&rsaquo;</em> <a href="#">资讯</a> <em>&rsaquo;</em> <a href="#">本地新闻</a> <em>&rsaquo;</em> 查看内容</div>
<div id="ct" class="ct2 wp cl"><div class="mn"><div class="bm vw"><div class="h hm"><h1 class="ph">{T}</h1>
<p class="xg1">2019-5-6 21:14<span class="pipe">|</span> 发布者: 江南游子<span class="pipe">|</span> 查看: 3521<span class="pipe">|</span> 评论: 5<span class="pipe">|</span>原作者: 王小明<span class="pipe">|</span>来自: 江西日报</p></div>
<div class="s"><div><strong>摘要</strong>: 南昌至九江高速公路新桥今天合龙，预计年底前建成通车。</div></div>
<div class="d"><table cellpadding="0" cellspacing="0" class="vwtb"><tr><td id="article_content">{_BODY}</td></tr></table>
<div class="o cl ptm pbm"><a href="#" class="oshr">分享</a><a href="#" class="oshr ofav">收藏</a><a href="#" class="oshr oivt">邀请</a></div>
<div class="pren pbm cl"><em>上一篇：<a href="#">南昌地铁四号线开通</a></em><em>下一篇：<a href="#">赣江新区建设提速</a></em></div></div></div>
<div class="bm"><div class="bm_h"><h3>相关阅读</h3></div><div class="bm_c"><ul><li><a href="#">新桥合龙现场直击</a></li><li><a href="#">高速公路网建设再提速</a></li></ul></div></div>
<div id="comment" class="bm"><div class="bm_h"><h3>最新评论</h3></div><div id="comment_ul"><dl><dt><a href="#">网友1</a> 2019-5-7 08:10</dt><dd>终于要通车了，期待！</dd></dl></div></div>
</div></div><div id="ft"><p>Powered by Discuz! X3.4</p><p>&copy; 2001-2019 Comsenz Inc.</p></div></body></html>"""


def dedecms() -> str:
    """Return a DedeCMS article: labelled header, an intro above the text, a divider under it."""
    return f"""<html><head><meta charset="gb2312"><title>{T}_本地新闻_江西资讯网</title></head><body>
<div class="header"><a href="/">江西资讯网</a><div class="nav"><a href="#">首页</a><a href="#">新闻</a><a href="#">图片</a></div></div>
<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="#">新闻中心</a> &gt; <a href="#">本地新闻</a> &gt;</div>
<div class="viewbox"><div class="title"><h2>{T}</h2></div>
<div class="info"><small>时间:</small>2019-05-06 21:14<small>来源:</small>江西日报 <small>作者:</small>王小明 <small>点击:</small><script src="/plus/count.php?view=yes&aid=123&mid=1" type="text/javascript" language="javascript"></script>次</div>
<div class="intro">南昌至九江高速公路新桥今天合龙，预计年底前建成通车。</div>
<div class="content"><table width="100%"><tr><td>{_BODY}</td></tr></table></div>
<div class="dede_pages"><ul class="pagelist"></ul></div>
<div class="boxoff"><strong>------分隔线----------------------------</strong></div>
<div class="handle"><div class="context"><ul><li>上一篇：<a href="#">南昌地铁四号线开通</a> </li><li>下一篇：<a href="#">赣江新区建设提速</a> </li></ul></div>
<div class="actbox"><ul><li id="act-fav"><a href="#">收藏</a></li><li id="act-err"><a href="#">挑错</a></li><li id="act-pus"><a href="#">推荐</a></li><li id="act-pnt"><a href="#">打印</a></li></ul></div></div></div>
<div class="footer">Copyright &copy; 2002-2019 江西资讯网 版权所有</div></body></html>"""


def phpcms() -> str:
    """Return a PHPCMS article: the header line inside the <h1> after a <br>, a tags line."""
    return f"""<html><head><meta charset="utf-8"><title>{T} - 江西新闻网</title></head><body>
<div class="header"><a href="/">江西新闻网</a></div><div class="crumbs"><a href="/">首页</a><span> &gt; </span><a href="#">要闻</a> &gt; 正文</div>
<div class="main"><div class="col-left"><div id="Article"><h1>{T}<br /><span>2019-05-06 21:14:00&nbsp;&nbsp;&nbsp;来源：江西日报&nbsp;&nbsp;&nbsp;评论：<a href="#" id="comment">0</a> <a href="#">点击：</a><span id="hits"></span></span></h1>
<div class="content">{_BODY}</div>
<div id="pages" class="text-c"></div><p style="margin-bottom:10px"><strong>相关热词搜索：</strong><a href="#">新桥</a> <a href="#">合龙</a></p>
<p class="f14"><strong>上一篇：</strong><a href="#">南昌地铁四号线开通</a><br /><strong>下一篇：</strong><a href="#">赣江新区建设提速</a></p>
<div class="bk15"></div><div class="box"><h5>延伸阅读</h5><ul class="list"><li><a href="#">新桥合龙现场直击</a></li></ul></div>
<div class="comment" id="comment_iframe"><h4>网友评论</h4></div></div></div></div>
<div class="footer">江西新闻网 版权所有 赣ICP备12345678号</div></body></html>"""


def empirecms() -> str:
    """Return an EmpireCMS article in tables, a copyright footer line."""
    return f"""<html><head><meta charset="utf-8"><title>{T}-江西在线</title></head><body>
<table width="960" align="center"><tr><td><a href="/">江西在线</a> | <a href="#">新闻</a> | <a href="#">财经</a></td></tr></table>
<table width="960" align="center"><tr><td class="position">现在的位置：<a href="/">首页</a>&nbsp;>&nbsp;<a href="#">新闻</a></td></tr></table>
<table width="960" align="center" class="box"><tr><td><table width="100%"><tr><td align="center"><h1>{T}</h1></td></tr>
<tr><td align="center" class="info">作者：王小明&nbsp;&nbsp;来源：江西日报&nbsp;&nbsp;发布时间：2019-05-06 21:14:00&nbsp;&nbsp;点击：<script src="/e/public/ViewClick/?classid=1&id=123&addclick=1"></script>&nbsp;&nbsp;【<a href="#">字体：小 大</a>】</td></tr>
<tr><td id="text" class="content">{_BODY}</td></tr>
<tr><td>【<a href="#">打印本文</a>】【<a href="#">关闭窗口</a>】</td></tr></table></td></tr></table>
<table width="960" align="center"><tr><td>Copyright 江西在线 All Rights Reserved</td></tr></table></body></html>"""


BUILDERS = {"discuz_portal": discuz_portal, "dedecms": dedecms, "phpcms": phpcms, "empirecms": empirecms}
EXPECT = {"discuz_portal": ("王小明", "江西日报"), "dedecms": ("王小明", "江西日报"), "phpcms": (None, "江西日报"),
          "empirecms": ("王小明", "江西日报")}
