"""Rendered posts match the seed's shape and carry hostile values safely."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html

from newscrawl.archive import render_body, render_category_page, render_post
from tests.archive.cases import BASE_URL, HOSTILE_PARAGRAPHS, HOSTILE_PICTURES, HOSTILE_VALUES, LITERALS, article
from tests.helpers import need_shared

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "2022-03-17-NW202203172312986018.md"
SEED_KEYS = ["layout", "title", "date", "categories", "tags"]


def split_post(text: str) -> tuple[str, dict, str]:
    """Return a post's front matter text, its parsed values and its body."""
    assert text.startswith("---\n")
    head, sep, body = text[4:].partition("\n---\n")
    assert sep, "front matter is not closed"
    return head, yaml.safe_load(head), body


def body_html(body: str) -> str:
    """Return the HTML block of a body (everything before the first blank line)."""
    return body.split("\n\n", 1)[0]


@pytest.fixture(scope="module")
def seed_text() -> str:
    return need_shared(SEED).read_text(encoding="utf-8")


def test_seed_post_is_reproduced(seed_text):
    seed_head, seed_front, seed_body = split_post(seed_text)
    paragraphs = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", seed_body)]
    url = re.search(r"^<(https?://[^>]+)>$", seed_body, re.M).group(1)
    item = article(paragraphs=paragraphs, url=url)
    head, front, body = split_post(render_post(item, base_url="//finews.withounder.com"))
    assert list(front)[:5] == SEED_KEYS
    assert {k: front[k] for k in SEED_KEYS} == seed_front
    assert head.splitlines()[:5] == seed_head.splitlines()
    assert list(front)[5:] == ["source", "original_url", "id"]
    assert front["original_url"] == url and front["id"] == "NW202203172312986018"
    assert body == seed_body


def test_seed_shape_for_trailing_slash_base_url():
    body = render_post(article(), base_url="//finews.withounder.com/").split("\n---\n", 1)[1]
    assert body.endswith("[返回江西日报新闻](//finews.withounder.com/category/jiangxiribao.html)"
                         "｜[返回首页](//finews.withounder.com/)")


def test_extra_keys_follow_the_seed_keys_in_order():
    item = article(author=["张三", "李四"], editor="王五", section="要闻", published=date(2022, 3, 17))
    _, front, _ = split_post(render_post(item, base_url=BASE_URL))
    assert list(front) == SEED_KEYS + ["author", "editor", "source", "section", "original_url", "id"]
    assert front["author"] == ["张三", "李四"]
    assert front["date"] == date(2022, 3, 17)


@pytest.mark.parametrize("fmt", ["jekyll", "hugo"])
def test_author_and_editor_are_lists_even_for_one_name(fmt):
    _, front, _ = split_post(render_post(article(author="张三", editor=["王五"]), base_url=BASE_URL, fmt=fmt))
    assert front["author"] == ["张三"] and front["editor"] == ["王五"]
    _, front, _ = split_post(render_post(article(author=[], editor=None), base_url=BASE_URL, fmt=fmt))
    assert "author" not in front and "editor" not in front


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize("fmt", ["jekyll", "hugo"])
def test_hostile_values_round_trip(value, fmt):
    item = article(title=value, author=[value, "张三"], editor=value, source=value,
                   section=value, category_name=value, id=value)
    _, front, _ = split_post(render_post(item, base_url=BASE_URL, fmt=fmt))
    assert front["title"] == value
    assert front["author"] == [value, "张三"]
    assert front["id"] == value
    if value.strip():
        assert front["editor"] == [value]
    for key in ("source", "section"):
        if value.strip():
            assert front[key] == value, key
    tags = front["tags"] if fmt == "jekyll" else front["tags"][0]
    assert tags == value


@pytest.mark.parametrize("fmt", ["jekyll", "hugo"])
def test_hostile_body_renders_as_inert_text(fmt):
    item = article(paragraphs=HOSTILE_PARAGRAPHS, source="{% raw %}<script>",
                   url='http://evil.example/?q={{x}}&r=<script>',
                   category_name="{{ site.title }} [x](javascript:y)")
    item.pictures = HOSTILE_PICTURES
    body = render_post(item, base_url=BASE_URL, fmt=fmt).split("\n---\n", 1)[1]
    assert "{" not in body and "}" not in body
    assert "\n\n" not in body_html(body)
    nodes = lxml_html.fragments_fromstring(body_html(body))
    elements = [el for node in nodes if not isinstance(node, str) for el in node.iter()]
    assert {el.tag for el in elements} <= {"p", "img", "figure", "figcaption"}
    for el in elements:
        assert set(el.attrib) <= {"class", "src", "alt", "data-src"}
    sources = [el.get("src") for el in elements if el.tag == "img"]
    kept = f"{BASE_URL.rstrip('/')}{'/assets/images' if fmt == 'jekyll' else '/images'}/ab/{'ab' * 16}.jpg"
    assert sources == ["http://img.example/a%20b.png", kept, "http://img.example/d.png"]
    assert [el.get("data-src") for el in elements if el.tag == "img"] == [
        None, "http://img.example/c.png?x=%7B%25%20raw%20%25%7D", None]
    text = "".join(n if isinstance(n, str) else n.text_content() for n in nodes)
    for literal in LITERALS + ["<script>alert('x')</script>", 'onerror="alert(1)"', "<b onclick=x>",
                               "<img src=x onerror=alert(1)>"]:
        assert literal in text
    assert "<http://evil.example/?q=%7B%7Bx%7D%7D&r=%3Cscript%3E>" in body


def test_numeric_id_is_written_as_a_string():
    _, front, _ = split_post(render_post(article(id=12345), base_url=BASE_URL))
    assert front["id"] == "12345"


def test_non_http_original_url_is_left_out():
    text = render_post(article(url="javascript:alert(1)"), base_url=BASE_URL)
    assert "javascript" not in text
    assert "original_url" not in text


def test_hugo_front_matter_shape():
    _, front, body = split_post(render_post(article(), base_url=BASE_URL, fmt="hugo"))
    assert list(front)[:5] == ["title", "date", "slug", "categories", "tags"]
    assert front["date"].isoformat() == "2022-03-17T09:04:04+08:00"
    assert front["categories"] == ["jiangxiribao"] and front["tags"] == ["江西日报新闻"]
    assert front["slug"] == "NW202203172312986018"
    assert body.endswith("[返回江西日报新闻](//finews.withounder.com/categories/jiangxiribao/)"
                         "｜[返回首页](//finews.withounder.com/)")


def test_item_without_category_links_home_only():
    body = render_body(article(category=None, category_name=None), base_url=BASE_URL)
    assert body.endswith("\n\n[返回首页](//finews.withounder.com/)")


@pytest.mark.parametrize("changes", [{"title": None}, {"title": " "}, {"published": None}])
def test_missing_title_or_date_is_refused(changes):
    with pytest.raises(ValueError):
        render_post(article(**changes), base_url=BASE_URL)


def test_category_pages():
    assert render_category_page("jiangxiribao", "江西日报新闻") == (
        "---\nlayout: category\ntitle: 江西日报新闻\ncategory: jiangxiribao\n---\n")
    assert render_category_page("jiangxiribao", "江西日报新闻", "hugo") == "---\ntitle: 江西日报新闻\n---\n"
    _, front, _ = split_post(render_category_page("../x", "{{ a }}: b"))
    assert front["title"] == "{{ a }}: b" and "/" not in front["category"]
    assert split_post(render_category_page("123", "数字"))[1]["category"] == "123"
