"""Measure date, author, editor and source extraction on the saved corpus.

Usage: python bench/meta_fields.py [set ...] [-v] [--real]

Without ``--real`` the :class:`Page` is built here (decode, parse, headline and
body located from the truth), which isolates the field rules from headline and
body finding; with ``--real`` the orchestrator's own title and body finders
build it, as ``extract_article`` does. ``-v`` lists every miss. Scores follow
the corpus README (author/source "contains"); ``bench/accuracy.py`` measures
the whole pipeline with the shared scoring.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from datetime import date, datetime
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newscrawl.extract.dates import extract_published  # noqa: E402
from newscrawl.extract.page import Page  # noqa: E402
from newscrawl.extract.people import extract_people  # noqa: E402
from newscrawl.extract.source import extract_source  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def decode(raw: bytes) -> str:
    """Return the page text: utf-8, else the meta charset, else gb18030."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = CHARSET.search(raw[:4096])
    if m:
        try:
            return raw.decode(m.group(1).decode())
        except (LookupError, UnicodeDecodeError):
            pass
    return raw.decode("gb18030", errors="replace")


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip()


BLOCKS = {"p", "div", "li", "h2", "h3", "h4", "td", "section", "blockquote", "center"}


def body_lines(node) -> list[str]:
    """Return the text lines of a body container, attribution lines included (like the orchestrator)."""
    lines: list[str] = []
    for el in node.iter(*BLOCKS):
        if any(isinstance(c.tag, str) and c.tag in BLOCKS for c in el):
            own = (el.text or "").strip()
            if own:
                lines.append(own)
            continue
        for part in re.split(r"\n+", "".join(t for t in el.itertext()) if el.tag != "script" else ""):
            if part.strip():
                lines.append(norm(part))
    return lines


def build_page(truth: dict, html: str) -> Page:
    """Return a Page with headline and body located from the truth."""
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    tree = lxml.html.fromstring(html)
    page = Page(tree=tree, url=truth.get("url"), language=truth.get("lang"))
    title = truth.get("title")
    if title:
        t = norm(title)
        for tags in (("h1", "h2", "h3", "h4", "h5", "h6"), ("div", "p", "span", "td", "strong")):
            for el in tree.iter(*tags):
                txt = norm(el.text_content())
                if txt == t or (t and t in txt and len(txt) < len(t) + 20):
                    page.title_node, page.title = el, title
                    break
            if page.title_node is not None:
                break
    lines = [x for x in (truth.get("body") or "").split("\n") if x.strip()]
    if lines:
        first, last = norm(lines[0])[:15], norm(lines[-1])[:15]
        for el in tree.iter("p", "div", "td", "span", "section", "article"):
            if el.getparent() is not None and el.tag in {"p", "span"}:
                continue
            txt = norm(el.text_content())
            if first in txt and last in txt:
                page.body_node = el  # deepest-first not guaranteed: keep refining
        page.paragraphs = body_lines(page.body_node) if page.body_node is not None else lines
    return page


def real_page(raw: bytes, url: str | None) -> Page:
    """Return the Page the orchestrator builds (headline and body found by the extractor)."""
    from newscrawl.extract.article import build_page as orchestrator_page
    from newscrawl.extract.body import container_lines, find_body, walk_page
    from newscrawl.extract.title import find_title

    page, _ = orchestrator_page(raw, url)
    walked = walk_page(page)
    page.title, page.title_node = find_title(page, walked.headings)
    page.body_node, page.paragraphs = find_body(page, walked)
    page.lines = container_lines(walked.blocks, page.body_node)
    return page


def joined(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, list):
        sep = "、" if any("\u4e00" <= c <= "\u9fff" for c in "".join(v)) else ", "
        return sep.join(v)
    return v


def same_minute(p, t: str) -> tuple[bool, bool | None]:
    """Return (day ok, minute ok or None when the truth has no time)."""
    if p is None:
        return False, (None if "T" not in t else False)
    tt = datetime.fromisoformat(t) if "T" in t else date.fromisoformat(t)
    if isinstance(tt, datetime):
        if isinstance(p, datetime):
            if tt.tzinfo is not None and p.tzinfo is not None:
                tt, p2 = tt, p.astimezone(tt.tzinfo)
            else:
                p2 = p.replace(tzinfo=None)
                tt = tt.replace(tzinfo=None)
            return p2.date() == tt.date(), p2.replace(second=0, microsecond=0) == tt.replace(second=0, microsecond=0)
        return p == tt.date(), False
    pd = p.date() if isinstance(p, datetime) else p
    return pd == tt, None


def run(name: str, verbose: bool) -> None:
    d = CORPUS / name
    rows = [json.loads(x) for x in (d / "truth.jsonl").open(encoding="utf-8")]
    stats: dict[str, list[int]] = {}
    spent = 0.0

    def add(key: str, ok: bool | None) -> None:
        if ok is not None:
            stats.setdefault(key, []).append(int(ok))

    for t in rows:
        raw = (d / "pages" / f"{t['id']}.html").read_bytes()
        page = real_page(raw, t.get("url")) if REAL else build_page(t, decode(raw))
        t0 = time.perf_counter()
        pub = extract_published(page)
        author, editor = extract_people(page)
        source = extract_source(page)
        spent += time.perf_counter() - t0
        if t.get("date"):
            day, minute = same_minute(pub, t["date"])
            add("date day", day)
            add("date minute", minute)
            if verbose and not (day and minute is not False):
                print(f"DATE {t['id']}: got {pub} want {t['date']}")
        for key, got in (("author", author), ("editor", editor), ("source", source)):
            want = t.get(key)
            if want is None:
                continue
            g = joined(got)
            ok_exact = g is not None and norm(g) == norm(want)
            ok_contains = g is not None and bool(g.strip()) and (norm(g) in norm(want) or norm(want) in norm(g))
            add(f"{key} exact", ok_exact)
            add(f"{key} contains", ok_contains)
            if verbose and not ok_contains:
                print(f"{key.upper()} {t['id']}: got {g!r} want {want!r}")
    print(f"== {name}: {len(rows)} pages, {len(rows) / spent:.0f} pages/s for these fields")
    for key, v in stats.items():
        print(f"  {key:16} {100 * sum(v) / len(v):5.1f}%  ({sum(v)}/{len(v)})")


REAL = "--real" in sys.argv  # build pages with the orchestrator instead of from the truth

if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    for s in args or ["zh-news", "fundus-dev", "dates-dev"]:
        run(s, "-v" in sys.argv)
