"""Per-page state lives on the Page (issue 18, case 10): nothing outlives the page it was worked out for.

Module-level caches keyed by ``id()`` (structured data, declared site names,
text zones) kept the last pages' whole DOMs alive, and could hand one page's
answer to another page that reused a freed page's ``id``.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil
import weakref

from lxml import etree

import newscrawl.extract
from newscrawl.extract import extract_article
from newscrawl.extract.article import build_page, extract_fields
from newscrawl.extract.page import Page

PAGE = ("<html lang='en'><head><title>Council approves the budget - Riverside Herald</title>"
        "<meta property='og:site_name' content='Riverside Herald'>"
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"datePublished\": \"2024-05-21T10:00:00Z\","
        " \"publisher\": {\"@type\": \"Organization\", \"name\": \"Riverside Herald\"}}</script></head><body>"
        "<h1>Council approves the budget</h1><div class='byline'>By Ann Lee, May 21, 2024</div>"
        "<div class='content'>" + "<p>The council voted on Tuesday to approve the budget for next year.</p>" * 5
        + "</div></body></html>").encode()


def _holds_a_page(value, depth: int = 0) -> bool:
    """Return True when ``value`` is, or (a few containers down) holds, a Page or an lxml element."""
    if isinstance(value, (Page, etree._Element)):
        return True
    if depth >= 3:
        return False
    if isinstance(value, dict):
        return any(_holds_a_page(v, depth + 1) or _holds_a_page(k, depth + 1) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_holds_a_page(v, depth + 1) for v in value)
    return False


def test_no_module_keeps_a_page_after_extraction():
    extract_article(PAGE, "https://riverside.example/2024/05/21/budget.html")
    modules = [importlib.import_module(f"newscrawl.extract.{m.name}")
               for m in pkgutil.iter_modules(newscrawl.extract.__path__)]
    holders = [f"{module.__name__}.{name}" for module in modules for name, value in vars(module).items()
               if not name.startswith("__") and _holds_a_page(value)]
    assert holders == []


def test_a_page_and_its_tree_are_freed_once_its_fields_are_read():
    page, encoding = build_page(PAGE, "https://riverside.example/2024/05/21/budget.html")
    fields = extract_fields(page, encoding)
    assert fields.title == "Council approves the budget" and fields.author == "Ann Lee"
    freed = [weakref.ref(page), weakref.ref(page.tree)]
    del page
    gc.collect()
    assert [ref() for ref in freed] == [None, None]


def test_two_pages_never_share_an_answer():
    first = extract_article(PAGE, "https://riverside.example/a.html")
    other = PAGE.replace(b"Riverside Herald", b"Hillside Courier").replace(b"Ann Lee", b"Bo Chen")
    second = extract_article(other, "https://hillside.example/a.html")
    assert (first.author, second.author) == ("Ann Lee", "Bo Chen")
