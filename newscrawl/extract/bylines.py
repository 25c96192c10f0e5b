"""Bylines printed in the page outside Chinese credits: "By X and Y", "Autor: X", a name beside the date.

A byline is a label and capitalised names. Prepositions ("By", "Von", "Par",
"Posted by", "erstellt von") open a line of the article header; nouns with a
colon ("Autor:", "Author:", "Text:") may also close the article. A capitalised
name printed right beside the header date counts last.
"""

from __future__ import annotations

import re

from newscrawl.extract.credits import split_credit
from newscrawl.extract.datepatterns import find_dates, normalize
from newscrawl.extract.page import Page
from newscrawl.extract.zones import (after_body_text, before_body_text, before_headline_text,
                                     body_tail_text, header_text)

_NAME = r"[A-ZÀ-ÞА-ЯЁ][\w'’.\-]+(?:\s+[A-ZÀ-ÞА-ЯЁ][\w'’.\-]+){0,3}"  # Latin or Cyrillic capitals
_NAMES = rf"(?P<names>{_NAME}(?:\s*(?:,|and|und|et|y|e|og|&)\s+{_NAME})*)"
# "By", "Von", "Par"..., and the longer "posted by" forms, opening a line.
_BY_WORDS = (r"by|von|par|por|di|door|av|af|posted by|written by|words by|story by|geschrieben von"
             r"|erstellt von|verfasst von|ein beitrag von|publié par|écrit par|escrito por|publicado por"
             r"|scritto da")
# Labels that are nouns, followed by a colon: "Autor: X", "Text: X".
_LABEL_WORDS = r"autor|autorin|auteur|author|text|texto|testo|tekst|verfasser|redakteur|redakteurin|автор|yazar"
_BY = re.compile(rf"(?:^|\n)[^\S\n]*(?i:{_BY_WORDS})\s*:?\s+{_NAMES}")
_LABELLED = re.compile(rf"(?:^|\n|\s)(?i:{_LABEL_WORDS})\s*:\s*{_NAMES}")
# A job title after the name ("Anna Berg, Staff Writer", "Anna Berg | Reporter"), before the header date.
_ROLE = r"(?:(?:staff|senior|chief|political|special)\s+)?(?:writer|reporter|editor|correspondent|columnist|contributor)"
_ROLE_BEFORE_DATE = re.compile(rf"\s*[,|•·]\s*{_ROLE}\s*[•|·,]?\s*$", re.I)
_ROLE_ONLY = re.compile(rf"{_ROLE}$", re.I)  # "Staff Writer" alone names nobody
# A capitalised name printed right before the header date ("Anna Berg April 12, 2021").
_NAME_BEFORE_DATE = re.compile(r"(?:^|[\s•|·])(?P<name>[A-ZÀ-Þ][\w'’\-]+(?:\s+[A-ZÀ-Þ][\w'’\-]+){1,2})\s*[•|·,]?\s*$")
_NAME_AFTER_DATE = re.compile(r"^\s*[•|·]\s*(?P<name>[A-ZÀ-Þ][\w'’\-]+(?:\s+[A-ZÀ-Þ][\w'’\-]+){1,2})\s*[•|·]")
# "Posted on March 5, 2024 by Anna Berg", "5. März 2024 von Anna Berg": a preposition and names right after
# the header date (a time may come between), on a line that opens with the date or a short label.
_BY_AFTER_DATE = re.compile(r"[^\S\n]*(?:\d{1,2}[:.h]\d{2}(?:[^\S\n]*[ap]\.?m\.?)?)?[^\S\n]*[,•|·–-]?[^\S\n]*"
                            rf"(?i:by|von|par|por|di|door|av|af)[^\S\n]+{_NAMES}")
_DATE_LABEL_WORDS = 3  # words a header line may hold before its date ("Posted on", "Zuletzt aktualisiert am")
# Section and kicker words that stand beside a date but never in a person's name.
_SECTION_WORDS = {"news", "sport", "sports", "politics", "breaking", "update", "opinion", "home", "world",
                  "business", "live", "video", "latest", "local", "nachrichten", "politik", "wirtschaft"}


def _first(pattern: re.Pattern, zones: list[str]) -> list[str]:
    """Return the names the first match of ``pattern`` in ``zones`` credits."""
    for zone in zones:
        mt = pattern.search(normalize(zone))
        if mt:
            names = split_credit(mt.group("names"))
            if names:
                return names
    return []


def header_byline(page: Page) -> list[str]:
    """Return names from a printed byline, else a name printed beside the header date."""
    header = normalize(header_text(page))
    top = [header, before_headline_text(page), before_body_text(page)]
    names = _first(_BY, top) or _first(_LABELLED, top + [body_tail_text(page), after_body_text(page)])
    if names:
        return names
    return _beside_date(header[:300]) or _by_date(normalize(before_headline_text(page)))


def _by_date(zone: str) -> list[str]:
    """Return the names a preposition credits right after the first date of a zone."""
    found = find_dates(zone)
    return _by_after_date(zone, found[0].start, found[0].end) if found else []


def _beside_date(zone: str) -> list[str]:
    """Return the names printed right beside the first date of a header zone."""
    found = find_dates(zone)
    if not found:
        return []
    names = _by_after_date(zone, found[0].start, found[0].end)
    if names:
        return names
    before = zone[:found[0].start]
    role = _ROLE_BEFORE_DATE.search(before)
    before = before[:role.start()] if role else before
    mt = _NAME_BEFORE_DATE.search(before) or _NAME_AFTER_DATE.search(zone[found[0].end:])
    if mt and not _SECTION_WORDS & set(mt.group("name").lower().split()) and not _ROLE_ONLY.match(mt.group("name")):
        return split_credit(mt.group("name"))
    return []


def _by_after_date(header: str, start: int, end: int) -> list[str]:
    """Return the names a preposition credits right after the header date (``header[start:end]``);
    none when the date's line runs as a sentence before it ("closed on March 5 by …")."""
    line_start = header.rfind("\n", 0, start) + 1
    if len(header[line_start:start].split()) > _DATE_LABEL_WORDS:
        return []
    line_end = header.find("\n", end)
    mt = _BY_AFTER_DATE.match(header, end, line_end if line_end >= 0 else len(header))
    if not mt or _SECTION_WORDS & set(mt.group("names").lower().split()):
        return []
    return split_credit(mt.group("names"))
