"""Author credits in structured data, and the cleaning of any credit line into names.

Structured data means JSON-LD ``author`` (with ``@id`` references resolved),
author elements (rel=author, itemprop=author, an element named ``author`` or
``byline``) and meta tags; an organisation or the publisher's own name standing
in for a byline is kept apart as a weak credit. Printed bylines ("By X",
"Autor: X") are read in ``bylines.py``.
"""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.extract.datepatterns import MONTH_NAMES
from newscrawl.extract.jsonld import article_objects, meta_values, resolve
from newscrawl.extract.page import Page
from newscrawl.extract.sitename import declared_names, names_site
from newscrawl.extract.zones import element_text, in_noise

# Words a greedy byline match may run into ("von dpa Montag 12. April").
_NOT_NAME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "updated", "published", "posted", "aktualisiert", "uhr", "am", "um",
    "pm", "est", "edt", "cet", "cest", "gmt", "utc", "et", "pt", "print", "this", "article", "veröffentlicht",
    "publié", "publicado", "pubblicato", "min", "min.", "minuten", "lesezeit", "read",
    *MONTH_NAMES,
}
# Author slots a CMS fills when nobody is credited.
_PLACEHOLDER = re.compile(r"^(?:by|von|par|por|no author|unknown|anonymous|anonym|\w*admin|administrator|webmaster"
                          r"|guest|n/?a|none|null|author|autor)$", re.I)
# A job title printed after the name ("Anna Berg Chefredakteurin").
_TRAILING_ROLE = re.compile(r"\s+(?:chefredakteur(?:in)?|redakteur(?:in)?|journalist(?:in)?|reporter(?:in)?"
                            r"|correspondent|editor|writer|autor(?:in)?|author|contributor|columnist)$", re.I)
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")  # "Anna Berg, MS, RD"
_ROLE = re.compile(r"\b(?:[Ww]riter|[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[Cc]olumnist|[Cc]ontributor)\b")
# A sentence after the name: "Gov. Anna Berg. The ..." (titles and initials keep their dot).
_SENTENCE_AFTER = re.compile(r"\b(?!(?:Gov|Dr|Mr|Mrs|Ms|Sen|Rep|Prof|St|Jr|Sr|Gen|Col|Capt)\.)([A-Z][a-z]{2,})\.\s.*$")
# "and" between names: en, de, fr, da/no, nl, sv, fi, hu, tr, ru.
_LATIN_SPLIT = re.compile(r"\s*(?:,|;|&|\b(?:and|und|et|og|en|och|ja|és|ve|и)\b)\s*")
# One-letter "and" (es y, it/pt e, ca/pl i) also joins surnames ("Ortega y Gasset"): it
# splits only between two names of two words or more.
_SHORT_AND = re.compile(r"^(\S+(?:\s+\S+)+)\s+[yei]\s+(\S+(?:\s+\S+)+)$")
_INITIALS = re.compile(r"\s*\([^)]{1,12}\)$")  # "Anna Berg (abe)": the writer's initials
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")  # "anna-berg": an id, not a display name
# <a rel=author> and itemprop=author elements (meta tags aside), in document order; the
# attribute axis is twice as fast in libxml2 as testing every element ("//*[@itemprop=…]").
_AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "parsely-author", "sailthru.author",
                "og:article:author", "citation_author", "shareaholic:article_author_name")
_WRITTEN_BY = re.compile(r"^(?:written by|verfasst von|geschrieben von|autor|author|écrit par|escrito por)$", re.I)
# Elements whose class names an author or a byline ("author", "byline__author", "c-article-card__author").
_NAMED_AUTHOR = etree.XPath("//@class[contains(., 'uthor') or contains(., 'yline')]/parent::*")
_NOT_A_BYLINE = re.compile(r"comment|avatar|photo|image|img|picture|media|video|audio|gallery|caption|social"
                           r"|share|follow|more|other")
_BYLINE_MAX = 60
_LEADING_LABEL = re.compile(
    r"^(?:(?:posted|post|written|words|story) by|beitrag\s*von|by|von|par|por|di|door|erstellt von|verfasst von|geschrieben von"
    r"|autor(?:in)?|auteur|author|text|texto)\s*:?\s+", re.I)
# Where a byline element's name ends: a digit (the date), a dash or bar, a "published" word.
_AFTER_NAME = re.compile(r"\s(?:\d|[—–|·•»›]|(?:veröffentlicht|published|posted|updated|aktualisiert|publié"
                         r"|publicado|pubblicato|stand)\b)", re.I)
_SOURCE_LABEL = re.compile(r"^(?:quelle|source|fuente|fonte|bron|źródło|来源)\s*[:：]", re.I)  # an outlet, not a writer
_CAPITALISED = re.compile(r"[A-ZÀ-Þ]|[^\x00-\u024f]")  # a capital letter, or a non-Latin script
_AUTHOR_ELEMENTS = etree.XPath(
    "//@rel[.='author']/parent::a | //@itemprop[.='author']/parent::*[not(self::meta)]")

def is_acronym(name: str) -> bool:
    """Return True for an agency or outlet code rather than a person ("APA", "LTO", "NTV")."""
    return bool(re.fullmatch(r"[A-Z0-9]{2,5}", name.strip()))


def _two_names(part: str) -> tuple[str, ...]:
    """Return a part of a credit split at a one-letter "and" between two full names."""
    found = _SHORT_AND.match(part.strip())
    return found.groups() if found else (part,)


def split_credit(value: str) -> list[str]:
    """Return the names in a credit line ("A, B and C").

    Only the credit's first line and first ``|`` field count; initials in
    brackets, dates and times, credentials and job titles after a name go.
    """
    value = re.split(r"[\n|]", value.strip())[0]
    value = re.sub(r"^(?:By|Von|Par|Por)\s+", "", value.strip(), flags=re.I)
    names: list[str] = []
    for part in (p for chunk in _LATIN_SPLIT.split(value) for p in _two_names(chunk)):
        part = _SENTENCE_AFTER.sub(r"\1", _INITIALS.sub("", part.strip()))
        if len(part.split()) >= 3 and not (names and _ROLE.search(part)):
            part = _TRAILING_ROLE.sub("", part)
        words = [w for w in part.split() if not re.search(r"\d", w) and w.lower() not in _NOT_NAME_WORDS]
        name = " ".join(words)
        if not name or _PLACEHOLDER.match(name) or names and (_CREDENTIAL.match(name) or _ROLE.search(name)):
            continue
        names.append(name)
    return names


def structured_authors(page: Page) -> tuple[list[str], list[str]]:
    """Return (people, weak) author names from JSON-LD, meta tags and author elements.

    Weak names are organisations and publisher names standing in for a byline;
    they count only when the page credits nobody else.
    """
    declared = declared_names(page)
    people, weak = _jsonld_authors(page, declared)
    if people:
        return people, weak
    people, meta_weak = _meta_authors(page, declared)
    weak = weak or meta_weak
    for finder in (_author_elements, _named_author_elements):
        people = people or finder(page)
    site = [p for p in people if names_site(p, page, declared)]
    if site and len(site) == len(people):
        return [], weak or site  # the site's own name in an author slot
    return people, weak


def _jsonld_authors(page: Page, declared: set[str]) -> tuple[list[str], list[str]]:
    """Return (people, weak) from the JSON-LD author of the first article object that names one."""
    people: list[str] = []
    weak: list[str] = []
    for obj in article_objects(page):
        author = obj.get("author") or obj.get("creator")
        for item in author if isinstance(author, list) else [author]:
            item = resolve(page, item)
            name = item.get("name") if isinstance(item, dict) else item
            if not isinstance(name, str) or not name.strip():
                continue
            org = isinstance(item, dict) and item.get("@type") in ("Organization", "NewsMediaOrganization")
            for part in split_credit(name):
                site = _SLUG.match(part) or names_site(part, page, declared)
                target = weak if org or site else people
                if part not in target:
                    target.append(part)
        if people:
            break
    return people, weak


def _meta_authors(page: Page, declared: set[str]) -> tuple[list[str], list[str]]:
    """Return (people, weak) from author meta tags, including a "Written by" label/data pair."""
    values = meta_values(page, *_AUTHOR_META)
    for number in "1234":  # twitter:label1 "Written by" / twitter:data1 "Name" (WordPress SEO plugins)
        label = meta_values(page, f"twitter:label{number}")
        if label and _WRITTEN_BY.match(label[0]):
            values += meta_values(page, f"twitter:data{number}")
    for value in values:
        if _is_credit(value):
            if names_site(value.split(",")[0], page, declared) or is_acronym(value):
                return [], [value.strip()]  # the publisher or an agency code standing in for a byline
            return split_credit(value), []
    return [], []


# Where a line of an author box ends: a <br> or the edge of a block element (a name, then "Posts: 87").
_LINE_ENDS = frozenset(("br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "h1", "h2",
                        "h3", "h4", "h5", "h6", "section", "header", "footer", "blockquote"))
_SKIPPED = frozenset(("script", "style", "noscript", "template"))
_LABEL_ONLY = re.compile(r"^(?:by|von|par|por|di|door|autor(?:in)?|auteur|author|text|texto)\s*:?$", re.I)


def credit_line(el) -> str:
    """Return the first line of an author element's text, whitespace collapsed: its name, not the
    rank, post count or bio a forum's or a magazine's author box prints on the lines below it.
    A line that is only a label ("By") runs on into the next."""
    lines: list[str] = []
    line: list[str] = []
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        shown = isinstance(tag, str) and tag not in _SKIPPED
        if event == "start":
            if not shown:
                walker.skip_subtree()
            elif node is not el and tag in _LINE_ENDS:
                lines.append("".join(line))
                line = []
            if shown and node.text:
                line.append(node.text)
            continue
        if node is el:
            break
        if shown and tag in _LINE_ENDS:
            lines.append("".join(line))
            line = []
        if node.tail:
            line.append(node.tail)
    lines = [text for text in (" ".join(part.split()) for part in (*lines, "".join(line))) if text]
    if len(lines) > 1 and _LABEL_ONLY.match(lines[0]):
        return f"{lines[0]} {lines[1]}"
    return lines[0] if lines else ""


def _author_elements(page: Page) -> list[str]:
    """Return the names in the first rel=author or itemprop=author element."""
    for el in _AUTHOR_ELEMENTS(page.tree)[:3]:
        whole = " ".join(element_text(el).split())
        if not _is_credit(whole) or len(whole) > 80:
            continue  # a long box is a bio, not a byline
        text = credit_line(el)
        if _is_credit(text):
            return split_credit(text)
    return []


def _named_author_elements(page: Page) -> list[str]:
    """Return the names in the first short element whose class says author or byline.

    The innermost such element counts (the name, not the box with the date and
    reading time around it); comment authors, pictures and the bylines of
    related articles are left out. What follows the name (a date, "— published",
    a role after a dash) goes.
    """
    found = _NAMED_AUTHOR(page.tree)[:20]
    holders = {id(anc) for el in found for anc in el.iterancestors()}
    inner = [el for el in found if id(el) not in holders]
    for el in inner:
        hint = (el.get("class") or "").lower()
        if _NOT_A_BYLINE.search(hint):
            continue
        whole = " ".join(element_text(el).split())  # a long box is a bio or a notice, not a byline
        if not _is_credit(whole) or len(whole) > _BYLINE_MAX:
            continue
        text = credit_line(el)
        if not _is_credit(text) or len(text) > _BYLINE_MAX or _SOURCE_LABEL.match(text) or in_noise(el):
            continue
        text = _AFTER_NAME.split(_LEADING_LABEL.sub("", text.lstrip(" ,;:·•|-—")))[0]
        names = [n for n in split_credit(text) if _CAPITALISED.search(n)]
        if names:
            return names
    return []


def _is_credit(value: str) -> bool:
    """Return True for a credit that can name people (not a URL, address, photo credit or slug)."""
    value = value.strip()
    return (len(value) >= 2 and not value.startswith(("http", "(", "/")) and "@" not in value
            and not _SLUG.match(value))
