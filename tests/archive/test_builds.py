"""Real Jekyll and Hugo builds of an archive full of hostile posts.

Each build must succeed, put every post at its date path, show Liquid and
shortcode syntax as literal text and carry no executable markup.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html

from newscrawl.archive import (
    ensure_skeleton,
    post_url,
    write_category_page,
    write_post,
)
from tests.archive.cases import BASE_URL, HOSTILE_DIGESTS, HOSTILE_PARAGRAPHS, LITERALS, hostile_articles
from tests.helpers import need_tool

BUILD_TIMEOUT = 300
UNSAFE_TAGS = {"script", "iframe", "object", "embed", "form", "input", "frame", "frameset", "base"}
OUTPUT = {"jekyll": "_site", "hugo": "public"}
COMMANDS = {"jekyll": ["jekyll", "build", "--trace"], "hugo": ["hugo"]}
CATEGORIES = {"jiangxiribao": "江西日报新闻", "renminribao": "人民日报 {{ site.title }} [x](y)"}


def squash(text: str) -> str:
    """Return text with whitespace runs collapsed, as a browser shows it."""
    return " ".join(text.split())


def build_site(root: Path, fmt: str) -> tuple[list, Path]:
    """Write skeleton, hostile posts and category pages, run the generator; return (items, output)."""
    command = COMMANDS[fmt]
    need_tool(command[0])
    ensure_skeleton(root, fmt, timezone="Asia/Shanghai")
    items = hostile_articles()
    for item in items:
        write_post(root, item, base_url=BASE_URL, fmt=fmt)
    for slug, label in CATEGORIES.items():
        write_category_page(root, slug, label, fmt)
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(command, cwd=root, capture_output=True, text=True,
                          timeout=BUILD_TIMEOUT, env=env)
    assert done.returncode == 0, f"{fmt} build failed:\n{done.stdout}\n{done.stderr}"
    # A Liquid syntax error in a post is only a warning in Jekyll: refuse those too.
    assert not re.search(r"warn|error", done.stdout + done.stderr, re.I), done.stdout + done.stderr
    return items, root / OUTPUT[fmt]


def page_file(out: Path, url: str) -> Path:
    """Return the built file that serves url."""
    return out / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))


def parse(path: Path):
    """Return the parsed HTML document at path."""
    return lxml_html.document_fromstring(path.read_bytes())


@pytest.fixture(scope="module", params=[
    pytest.param("jekyll", marks=pytest.mark.jekyll),
    pytest.param("hugo", marks=pytest.mark.hugo),
])
def site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"{request.param}-archive")
    items, out = build_site(root, request.param)
    return request.param, items, out


def test_every_post_is_built_at_its_date_path_with_its_title(site):
    fmt, items, out = site
    for item in items:
        path = page_file(out, post_url(item, fmt))
        assert path.is_file(), f"{item.id!r}: {path} was not built"
        heading = parse(path).xpath("//h1[@class='post-title']")
        assert [squash(h.text_content()) for h in heading] == [squash(item.title)], item.id


def test_template_syntax_reaches_readers_as_text(site):
    fmt, items, out = site
    item = next(i for i in items if i.id == "hostile-body")
    page = parse(page_file(out, post_url(item, fmt)))
    text = squash(page.text_content())
    for literal in LITERALS:
        assert literal in text, literal
    for paragraph in HOSTILE_PARAGRAPHS:
        assert squash(paragraph) in text
    back = f"//finews.withounder.com{'/category/renminribao.html' if fmt == 'jekyll' else '/categories/renminribao/'}"
    assert page.xpath("//a[@href=$h]/text()", h=back) == ["返回" + CATEGORIES["renminribao"]]
    titled = {i.title: i for i in items}
    for literal in ("{{ site.title }}", "{% raw %} never closed", "{{< shortcode >}}", "{{% shortcode %}}"):
        page = parse(page_file(out, post_url(titled[literal], fmt)))
        assert page.xpath("string(//h1)") == literal


def test_a_digest_reads_as_written(site):
    fmt, items, out = site
    for item in items:
        if not item.id.startswith("digest-"):
            continue
        page = parse(page_file(out, post_url(item, fmt)))
        quotes = page.xpath("//blockquote")
        assert len(quotes) == 1, (item.digest, [lxml_html.tostring(q) for q in quotes])
        assert squash(quotes[0].text_content()) == squash(item.digest), lxml_html.tostring(quotes[0], encoding="unicode")
        assert not quotes[0].xpath(".//*[not(self::p)]"), lxml_html.tostring(quotes[0], encoding="unicode")


def test_built_site_holds_no_executable_markup(site):
    fmt, _, out = site
    pages = [p for p in out.rglob("*") if p.suffix in {".html", ".xml"}]
    assert pages
    for path in pages:
        raw = path.read_text(encoding="utf-8").lower()
        assert "<script" not in raw and "<iframe" not in raw, path
        if path.suffix != ".html":
            continue
        for element in parse(path).iter():
            if not isinstance(element.tag, str):
                continue
            assert element.tag not in UNSAFE_TAGS, (path, element.tag)
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (path, name)
                target = "".join(value.split()).lower()
                assert not target.startswith(("javascript:", "data:", "vbscript:")), (path, name, value)


def test_category_pages_have_their_titles_and_posts(site):
    fmt, items, out = site
    for slug, label in CATEGORIES.items():
        url = f"/category/{slug}.html" if fmt == "jekyll" else f"/categories/{slug}/"
        page = parse(page_file(out, url))
        assert page.xpath("string(//h1)") == label
        links = set(page.xpath("//main//a/@href"))
        expected = {post_url(i, fmt) for i in items if i.category == slug}
        assert expected <= links, expected - links
    index = parse(page_file(out, "/categories.html" if fmt == "jekyll" else "/categories/"))
    assert set(index.xpath("//main//a/text()")) == set(CATEGORIES.values())
