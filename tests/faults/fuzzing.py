"""Fuzz the extractor and the post renderer: generated pages in, checked posts out.

Inputs come from a seeded :class:`Fuzzer`: saved pages (the shared corpus,
else the demo newspaper's) mutated at random — truncated, bytes flipped,
spliced, hostile markup inserted, re-encoded, charset declarations that lie;
synthetic pages with hostile strings in every field, deep nesting and odd
encodings; random bytes. :func:`check_page` runs ``extract_article`` on one
(no exception may escape; CPU time within a bound that grows with size),
turns what it found into an item the way a crawl does (clean, validate),
and :func:`check_post` renders that item in both formats: the front matter
must parse as YAML and give back every value unchanged, and the body must
hold nothing a browser or a site generator would run.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import lxml.html
import yaml

from newscrawl.archive import render_post
from newscrawl.extract import extract_article
from newscrawl.items import ArticleItem
from pipelines.clean import CleanPipeline
from pipelines.validate import missing_field

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
DEMO_PAGES = REPO / "newscrawl" / "demo" / "site"
SECONDS_PER_2MB = 1.0  # the time bound: this much CPU per 2 MB of page, and at least this much for any page

HOSTILE = [
    '"', "'", ": ", " #", "\n", "\r\n", "\t", "{{ site.title }}", "{% raw %}", "{{< shortcode >}}", "{{% x %}}",
    "---", "...", "- item", "? key", "!!python/object:os.system", "*alias", "&anchor", "%YAML 1.1", "@", "`",
    "|", ">", "null", "true", "~", "0x1F", "1e3", "2024-05-20", "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">', "javascript:alert(1)", "<iframe src=//evil>", "\x00", "\x07", "\x1b[31m",
    "\u202e", "\u2066", "\ufeff", "\u200b", "\u2028", "\x85", "&#x3C;script&#x3E;", "]]>", "<!--", "-->",
    "😀", "ﾟ｡", "\u3000", "赣",
    "<a href=\"javascript:alert(1)\">x</a>", "<svg onload=alert(1)>", "data:text/html,<b>", "\\", "\\u0000",
]
ENCODINGS = ["utf-8", "gbk", "gb18030", "big5", "shift_jis", "euc-kr", "utf-16", "latin-1", "cp1252", "koi8-r"]
SNIPPETS = [
    b"<script>document.write('<p>x')</script>", b"<p>\x00\x00\x00</p>", b"<div" * 50, b"</div>" * 50,
    b"<![CDATA[", b"<!--", b"<meta charset=\"gbk\">", b"<meta http-equiv=\"refresh\" content=\"0;url=javascript:x\">",
    b"\xef\xbb\xbf", b"\xff\xfe", b"&#0;&#xD800;&#1114112;", b"<time datetime=\"9999-99-99T99:99\">",
    b"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"0001-01-01\"", b"<h1>",
    b"<table>" * 30, b"\x81\x82\x83\xfe", b"<p>" + "来源：新华社 记者 张三 李四 责任编辑：王五".encode() + b"</p>",
]


@dataclass
class Counts:
    """What a fuzz run did and found."""

    pages: int = 0
    posts: int = 0  # pages whose item was rendered (in both formats)
    items: int = 0  # hostile items generated
    renders: int = 0  # posts rendered (each page's item and each valid hostile item, in both formats)
    escaped: list[str] = field(default_factory=list)  # exceptions that escaped extract_article or render_post
    slow: list[str] = field(default_factory=list)  # pages past the time bound
    bad_posts: list[str] = field(default_factory=list)  # posts whose YAML or body broke a rule
    slowest: float = 0.0  # CPU time of the slowest page as a share of its bound
    slowest_label: str = ""

    @property
    def problems(self) -> list[str]:
        return self.escaped + self.slow + self.bad_posts


def seed_pages(limit: int | None = None, corpus: bool = True) -> list[bytes]:
    """Return saved pages to mutate: the shared corpus when present (and wanted), else the demo newspaper's."""
    paths = sorted(CORPUS.glob("*/pages/*.html")) if corpus and CORPUS.is_dir() else []
    paths = paths or sorted(DEMO_PAGES.rglob("*.html"))
    if limit and len(paths) > limit:
        paths = random.Random(0).sample(paths, limit)
    return [p.read_bytes() for p in paths]


class Fuzzer:
    """Generate pages and items from a seed."""

    def __init__(self, seed: int, pages: list[bytes]):
        self.rng = random.Random(seed)
        self.pages = pages

    def hostile(self, words: int = 3) -> str:
        """Return text mixing ordinary words and hostile strings."""
        parts = [self.rng.choice(HOSTILE) if self.rng.random() < 0.5 else self.rng.choice(["新闻", "记者", "Title", "报道"])
                 for _ in range(self.rng.randint(1, words))]
        text = "".join(parts)
        return text * self.rng.choice([1, 1, 1, 50]) if self.rng.random() < 0.05 else text

    def page(self) -> tuple[str, bytes]:
        """Return (kind, bytes) of the next page."""
        roll = self.rng.random()
        if roll < 0.45:
            return "mutated", self.mutated()
        if roll < 0.85:
            return "synthetic", self.synthetic()
        return "random", self.rng.randbytes(self.rng.randint(0, 4096))

    def mutated(self) -> bytes:
        """Return a saved page changed in one to three random ways."""
        data = self.rng.choice(self.pages)
        for _ in range(self.rng.randint(1, 3)):
            data = self.rng.choice(self._mutations)(self, data)
        return data

    def _truncate(self, data: bytes) -> bytes:
        return data[: self.rng.randint(0, len(data))]

    def _flip(self, data: bytes) -> bytes:
        buf = bytearray(data)
        for _ in range(self.rng.randint(1, 64)) if buf else ():
            buf[self.rng.randrange(len(buf))] = self.rng.randrange(256)
        return bytes(buf)

    def _insert(self, data: bytes) -> bytes:
        at = self.rng.randint(0, len(data))
        return data[:at] + self.rng.choice(SNIPPETS) * self.rng.choice([1, 1, 20]) + data[at:]

    def _splice(self, data: bytes) -> bytes:
        other = self.rng.choice(self.pages)
        return data[: self.rng.randint(0, len(data))] + other[self.rng.randint(0, len(other)):]

    def _reencode(self, data: bytes) -> bytes:
        text = data.decode("utf-8", "replace")
        return text.encode(self.rng.choice(ENCODINGS), "replace")

    def _strip(self, data: bytes) -> bytes:
        return data.replace(self.rng.choice([b">", b"<", b'"', b"</p>", b"\n"]), b"")

    def _unclose(self, data: bytes) -> bytes:
        """Lose every '>' after a random point but the last (the rest of the page becomes one tag)."""
        at = self.rng.randint(0, len(data))
        return data[:at] + data[at:].replace(b">", b"") + b">"

    _mutations = [_truncate, _flip, _insert, _splice, _reencode, _strip, _unclose]

    def synthetic(self) -> bytes:
        """Return a page built around hostile strings, in a random (sometimes misdeclared) encoding."""
        rng = self.rng
        title = self.hostile(4)
        day = rng.choice(["2024-05-20 09:30", "2024年5月20日", "0001-01-01", "9999-12-31 23:59", "2199-01-01",
                          "2024-02-30", "昨天 10:00", self.hostile(1)])
        paragraphs = "".join(f"<p>{self.hostile(6)}{'正文内容' * rng.randint(0, 30)}</p>"
                             for _ in range(rng.randint(0, 8)))
        nest = rng.choice([0, 0, 0, 300, 3000])
        body = (f"<h1>{title}</h1><div class=info>{day} 来源：{self.hostile(2)} 记者 {self.hostile(2)}</div>"
                f"{'<div>' * nest}<div class=content>{paragraphs}</div>{'</div>' * (nest // 2)}"
                f"<a href='{self.hostile(1)}'>{self.hostile(1)}</a>")
        declared, actual = rng.choice(ENCODINGS), rng.choice(ENCODINGS)
        page = (f"<html><head><meta charset='{declared}'><title>{title}</title>"
                f"<meta property='og:title' content='{self.hostile(2)}'></head><body>{body}</body></html>")
        return page.encode(actual, "replace")

    def item(self) -> ArticleItem:
        """Return an item with hostile strings in every field."""
        rng = self.rng
        published = rng.choice([
            datetime(rng.randint(1700, 2026), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                     rng.randint(0, 59), tzinfo=timezone(timedelta(minutes=rng.choice([-720, -330, 0, 480, 840])))),
            date(rng.randint(1700, 2026), rng.randint(1, 12), rng.randint(1, 28)),
        ])
        return ArticleItem(
            url=rng.choice(["http://news.example.cn/a/1.html", f"http://news.example.cn/{self.hostile(1)}",
                            "javascript:alert(1)", "https://例子.cn/新闻?q=\"x\"#frag"]),
            site="fuzz", id=self.hostile(1) or "1", title=self.hostile(5) or "题",
            published=published, author=[self.hostile(1) for _ in range(rng.randint(0, 3))],
            editor=[self.hostile(1) for _ in range(rng.randint(0, 2))], source=self.hostile(2),
            paragraphs=[self.hostile(8) for _ in range(rng.randint(1, 6))], category=self.hostile(1),
            category_name=self.hostile(2), section=self.hostile(2), digest=self.hostile(3),
        )


def time_bound(size: int) -> float:
    """Return the CPU seconds a page of ``size`` bytes may take (1 s per 2 MB, and at least 1 s)."""
    return SECONDS_PER_2MB * max(1.0, size / (2 << 20))


def check_page(data: bytes, counts: Counts, label: str) -> None:
    """Extract one page; record an escaped exception or a slow page; render what it yields."""
    counts.pages += 1
    started = time.process_time()
    try:
        fields = extract_article(data, "http://news.example.cn/2024/05/20/a.html")
    except Exception as exc:  # noqa: BLE001 - nothing may escape: record it whatever it is
        counts.escaped.append(f"{label}: extract_article raised {exc.__class__.__name__}: {exc}")
        return
    spent = time.process_time() - started
    if spent / time_bound(len(data)) > counts.slowest:
        counts.slowest, counts.slowest_label = spent / time_bound(len(data)), f"{label}: {len(data)} bytes"
    if spent > time_bound(len(data)):
        counts.slow.append(f"{label}: {spent:.2f} s CPU for {len(data)} bytes")
    item = ArticleItem(url="http://news.example.cn/2024/05/20/a.html", site="fuzz", id="a", title=fields.title,
                       published=_aware(fields.published), author=fields.author, editor=fields.editor,
                       source=fields.source, paragraphs=list(fields.paragraphs), category="fuzz",
                       category_name="模糊测试")
    item = CleanPipeline().process_item(item)
    if missing_field(item) is None:  # what the validate pipeline lets through is what gets rendered
        counts.posts += 1
        check_post(item, counts, label)


def check_post(item: ArticleItem, counts: Counts, label: str) -> None:
    """Render ``item`` as Jekyll and Hugo posts; record any exception or broken rule."""
    for fmt in ("jekyll", "hugo"):
        counts.renders += 1
        try:
            text = render_post(item, base_url="https://archive.example.org", fmt=fmt)
        except Exception as exc:  # noqa: BLE001
            counts.escaped.append(f"{label}: render_post({fmt}) raised {exc.__class__.__name__}: {exc}")
            continue
        problem = post_problem(text, item)
        if problem:
            counts.bad_posts.append(f"{label} ({fmt}): {problem}")


def post_problem(text: str, item: ArticleItem) -> str | None:
    """Return what is wrong with a rendered post: front matter that breaks or changes a value, active body."""
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        return "no closed front matter"
    head, _, body = text[4:].partition("\n---\n")
    try:
        front = yaml.safe_load(head)
    except yaml.YAMLError as exc:
        return f"front matter is not YAML: {exc}"
    if not isinstance(front, dict) or front.get("title") != item.title:
        return f"title did not survive: {front.get('title') if isinstance(front, dict) else front!r}"
    for key in ("source", "section"):
        value = getattr(item, key)
        if value is not None and value.strip() and front.get(key) != value:
            return f"{key} did not survive: {front.get(key)!r} != {value!r}"
    for key in ("author", "editor"):
        names = [n for n in getattr(item, key) if n.strip()]
        if names and front.get(key) != names:
            return f"{key} did not survive: {front.get(key)!r} != {names!r}"
    return active_content(body)


def active_content(body: str) -> str | None:
    """Return what in a post body would run in a browser or a site generator, or None."""
    for marker in ("{{", "{%", "{{<", "{{%"):
        if marker in body:
            return f"template syntax {marker!r} in the body"
    try:
        nodes = lxml.html.fragments_fromstring(body) if body.strip() else []
    except (lxml.etree.ParserError, ValueError):
        return None  # nothing an HTML parser can read is markup a browser would run
    for node in nodes:
        if not isinstance(node, lxml.html.HtmlElement):
            continue
        for element in node.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag in ("script", "iframe", "object", "embed", "form", "style", "base", "meta", "link"):
                return f"<{element.tag}> in the body"
            for name, value in element.attrib.items():
                if name.lower().startswith("on"):
                    return f"event handler {name} in the body"
                if value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    return f"{name}={value[:30]!r} in the body"
    return None


def _aware(published):
    """Return a naive datetime as it would be in the site's zone (a crawl attaches the profile's)."""
    if isinstance(published, datetime) and published.tzinfo is None:
        return published.replace(tzinfo=timezone(timedelta(hours=8)))
    return published


def fuzz(seed: int, pages: int, items: int, seeds: list[bytes], progress=None) -> Counts:
    """Fuzz ``pages`` generated pages and ``items`` hostile items from ``seed``; return the counts."""
    fuzzer, counts = Fuzzer(seed, seeds), Counts()
    for number in range(pages):
        kind, data = fuzzer.page()
        check_page(data, counts, f"page {number} ({kind}, seed {seed})")
        if progress and number % 5000 == 4999:
            progress(counts)
    for number in range(items):
        counts.items += 1
        item = CleanPipeline().process_item(fuzzer.item())
        if missing_field(item) is None:
            check_post(item, counts, f"item {number} (seed {seed})")
    return counts
