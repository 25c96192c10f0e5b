"""Author credits outside Chinese bylines: structured data and English-style bylines.

Structured data means JSON-LD ``author`` (with ``@id`` references resolved),
author elements (rel=author, itemprop=author) and meta tags; an organisation or
the publisher's own name standing in for a byline is kept apart as a weak
credit. Bylines are "By X and Y" (and its German, French, Spanish, ... forms)
or a capitalised name printed beside the header date.
"""

from __future__ import annotations

import re

from lxml import etree

from newscrawl.extract.datepatterns import MONTH_NAMES, find_dates, normalize
from newscrawl.extract.jsonld import article_objects, meta_values, resolve
from newscrawl.extract.page import Page
from newscrawl.extract.zones import before_headline_text, element_text, header_text

_BY = re.compile(
    r"(?:^|\n)[^\S\n]*(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor|[Aa]v|[Aa]f)\s*:?\s+"
    r"(?P<names>[A-ZÀ-Þ][\w'’.\-]+(?:\s+[A-ZÀ-Þ][\w'’.\-]+){0,3}"
    r"(?:\s*(?:,|and|und|et|y|e|og|&)\s+[A-ZÀ-Þ][\w'’.\-]+(?:\s+[A-ZÀ-Þ][\w'’.\-]+){0,3})*)")
# A capitalised name printed right before the header date ("Anna Berg April 12, 2021").
_NAME_BEFORE_DATE = re.compile(r"(?:^|[\s•|·])(?P<name>[A-ZÀ-Þ][\w'’\-]+(?:\s+[A-ZÀ-Þ][\w'’\-]+){1,2})\s*[•|·,]?\s*$")
_NAME_AFTER_DATE = re.compile(r"^\s*[•|·]\s*(?P<name>[A-ZÀ-Þ][\w'’\-]+(?:\s+[A-ZÀ-Þ][\w'’\-]+){1,2})\s*[•|·]")
# Words a greedy byline match may run into ("von dpa Montag 12. April").
_NOT_NAME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "updated", "published", "posted", "aktualisiert", "uhr", "am", "um",
    "pm", "est", "edt", "cet", "cest", "gmt", "utc", "et", "pt", "print", "this", "article",
    *MONTH_NAMES,
}
_CREDENTIAL = re.compile(r"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?|Jr\.?|Sr\.?)$")  # "Anna Berg, MS, RD"
_ROLE = re.compile(r"\b(?:[Ww]riter|[Cc]orrespondent|[Rr]eporter|[Ee]ditor|[Cc]olumnist|[Cc]ontributor)\b")
# A sentence after the name: "Gov. Anna Berg. The ..." (titles and initials keep their dot).
_SENTENCE_AFTER = re.compile(r"\b(?!(?:Gov|Dr|Mr|Mrs|Ms|Sen|Rep|Prof|St|Jr|Sr|Gen|Col|Capt)\.)([A-Z][a-z]{2,})\.\s.*$")
# Section and kicker words that stand beside a date but never in a person's name.
_SECTION_WORDS = {"news", "sport", "sports", "politics", "breaking", "update", "opinion", "home", "world",
                  "business", "live", "video", "latest", "local", "nachrichten", "politik", "wirtschaft"}
_LATIN_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\bog\b)\s*")
_INITIALS = re.compile(r"\s*\([^)]{1,12}\)$")  # "Anna Berg (abe)": the writer's initials
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")  # "anna-berg": an id, not a display name
# <a rel=author> and itemprop=author elements (meta tags aside), in document order; the
# attribute axis is twice as fast in libxml2 as testing every element ("//*[@itemprop=…]").
_AUTHOR_ELEMENTS = etree.XPath(
    "//@rel[.='author']/parent::a | //@itemprop[.='author']/parent::*[not(self::meta)]")

def is_acronym(name: str) -> bool:
    """Return True for an agency or outlet code rather than a person ("APA", "LTO", "NTV")."""
    return bool(re.fullmatch(r"[A-Z0-9]{2,5}", name.strip()))


def split_credit(value: str) -> list[str]:
    """Return the names in a credit line ("A, B and C").

    Only the credit's first line and first ``|`` field count; initials in
    brackets, dates and times, credentials and job titles after a name go.
    """
    value = re.split(r"[\n|]", value.strip())[0]
    value = re.sub(r"^(?:By|Von|Par|Por)\s+", "", value.strip(), flags=re.I)
    names: list[str] = []
    for part in _LATIN_SPLIT.split(value):
        part = _SENTENCE_AFTER.sub(r"\1", _INITIALS.sub("", part.strip()))
        words = [w for w in part.split() if not re.search(r"\d", w) and w.lower() not in _NOT_NAME_WORDS]
        name = " ".join(words)
        if not name or names and (_CREDENTIAL.match(name) or _ROLE.search(name)):
            continue
        names.append(name)
    return names


def structured_authors(page: Page) -> tuple[list[str], list[str]]:
    """Return (people, weak) author names from JSON-LD, author elements and meta tags.

    Weak names are organisations and publisher names standing in for a byline;
    they count only when the page credits nobody else.
    """
    publishers = {v.lower() for v in meta_values(page.tree, "og:site_name")}
    people: list[str] = []
    weak: list[str] = []
    for obj in article_objects(page.tree):
        pub = resolve(page.tree, obj.get("publisher"))
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            publishers.add(pub["name"].lower())
        author = obj.get("author") or obj.get("creator")
        for item in author if isinstance(author, list) else [author]:
            item = resolve(page.tree, item)
            name = item.get("name") if isinstance(item, dict) else item
            if not isinstance(name, str) or not name.strip():
                continue
            org = isinstance(item, dict) and item.get("@type") in ("Organization", "NewsMediaOrganization")
            for part in split_credit(name):
                target = weak if org or _SLUG.match(part) or part.lower() in publishers else people
                if part not in target:
                    target.append(part)
        if people:
            return people, weak
    metas = meta_values(page.tree, "author", "article:author", "dc.creator", "byl", "parsely-author",
                        "sailthru.author", "og:article:author", "citation_author")
    for value in metas:
        if _is_credit(value):
            if any(value.strip().lower().startswith(p) for p in publishers if p) or is_acronym(value):
                weak = weak or [value.strip()]  # the publisher or an agency code standing in for a byline
            else:
                people.extend(split_credit(value))
            break
    if not people:
        for el in _AUTHOR_ELEMENTS(page.tree)[:3]:
            text = " ".join(element_text(el).split())
            if _is_credit(text) and len(text) <= 80:
                people = split_credit(text)
                break
    return people, weak


def _is_credit(value: str) -> bool:
    """Return True for a credit that can name people (not a URL, address, photo credit or slug)."""
    value = value.strip()
    return (len(value) >= 2 and not value.startswith(("http", "(", "/")) and "@" not in value
            and not _SLUG.match(value))


def header_byline(page: Page) -> list[str]:
    """Return names from an English-style byline or a name printed beside the header date."""
    header = normalize(header_text(page))
    by = _BY.search(header) or _BY.search(normalize(before_headline_text(page)))
    if by:
        return split_credit(by.group("names"))
    found = find_dates(header[:300])
    if found:
        mt = (_NAME_BEFORE_DATE.search(header[:found[0].start])
              or _NAME_AFTER_DATE.search(header[found[0].end:]))
        if mt and not _SECTION_WORDS & set(mt.group("name").lower().split()):
            return split_credit(mt.group("name"))
    return []
