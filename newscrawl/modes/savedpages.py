"""Check a profile against its saved pages (``check.yaml`` beside them), offline.

Each manifest entry names a saved file, the URL it stands for, its kind and
what the profile must find in it (the manifest's ``made_up`` says which parts
of the saved pages were written rather than seen: the check prints it):

- ``epaper``: a 版面 page; ``section``, ``pages`` and ``articles`` as the e-paper rules read it;
- ``month_index``: a ``navi.xml``/``period.xml``; ``editions`` maps day to front-page URL;
- ``listing``: a section page; ``articles`` and ``next_pages`` by the listing rules;
- ``article``: an article page; its ``id``, and the ``title``, ``published``
  (prefix of the ISO date) and at least ``paragraphs`` paragraphs the extractor finds;
  ``missed``: the fields whose profile selector matches nothing on it (default: none —
  a saved page follows the profile's selectors, as the site's pages must);
- ``api_list`` / ``api_detail``: a JSON response of an ``api`` feed (``feed``: its
  name), see :mod:`newscrawl.modes.apicheck`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from scrapy.http import HtmlResponse

from newscrawl.modes.apicheck import KINDS as API_KINDS
from newscrawl.modes.apicheck import api_page_fields
from newscrawl.modes.config import mode_config
from newscrawl.modes.editions import days_in_url, parse_month_index, parse_page
from newscrawl.modes.listing import ListingLinks

MANIFEST = "check.yaml"
KINDS = ("epaper", "month_index", "listing", "article", *API_KINDS)


@dataclass
class PageCheck:
    """The outcome for one saved page: empty ``problems`` means it passed."""

    file: str
    kind: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return True when the page met every expectation."""
        return not self.problems


def made_up(folder: Path) -> str | None:
    """Return what the manifest says was written rather than seen in the saved pages, or None.

    Raises ValueError when the manifest is not YAML.
    """
    data = _read(Path(folder) / MANIFEST)
    text = data.get("made_up") if isinstance(data, dict) else None
    return " ".join(str(text).split()) if text else None


def _read(path: Path) -> Any:
    """Return the YAML in ``path``; raise ValueError naming the file when it is not YAML."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not YAML: {' '.join(str(exc).split())}") from exc


def load_manifest(folder: Path) -> list[dict[str, Any]]:
    """Return the entries of ``folder/check.yaml``; raise ValueError when it is malformed."""
    path = Path(folder) / MANIFEST
    data = _read(path)
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, list) or not pages:
        raise ValueError(f"{path}: pages: missing, give a list of saved pages")
    for i, entry in enumerate(pages):
        if not isinstance(entry, dict) or not {"file", "url", "kind"} <= set(entry):
            raise ValueError(f"{path}: pages[{i}]: needs file, url and kind")
        if entry["kind"] not in KINDS:
            raise ValueError(f"{path}: pages[{i}].kind: {entry['kind']!r} is not one of {', '.join(KINDS)}")
    return pages


def check_saved_pages(profile, folder: Path) -> list[PageCheck]:
    """Return one :class:`PageCheck` per page listed in ``folder``'s manifest."""
    results = []
    for entry in load_manifest(folder):
        body = (Path(folder) / entry["file"]).read_bytes()
        check = PageCheck(entry["file"], entry["kind"])
        if entry["kind"] in API_KINDS:
            found = api_page_fields(profile, body, entry)
        else:
            found = _FINDERS[entry["kind"]](profile, body, entry["url"])
        expect = dict(entry.get("expect") or {})
        if entry["kind"] == "article":  # a saved page must follow the profile's selectors, or say where not
            expect.setdefault("missed", [])
        for key, want in expect.items():
            problem = _compare(key, want, found.get(key))
            if problem:
                check.problems.append(problem)
        results.append(check)
    return results


def _epaper(profile, body: bytes, url: str) -> dict:
    layout = _layout_of(profile, url)
    allows = (lambda u: layout.allows(u) is not False and profile.allows(u))
    page = parse_page(body, url, layout.pages, layout.articles, layout.section_selector, allows)
    return {"section": page.section, "pages": [p.url for p in page.pages],
            "articles": [a.url for a in page.articles]}


def _month_index(profile, body: bytes, url: str) -> dict:
    config = mode_config(profile, "epaper")
    refs = parse_month_index(body, url, base_for=lambda day: config.layout_for(day).day_folder(
        day, profile.base_url))
    return {"editions": {r.day.isoformat(): r.url for r in refs}}


def _layout_of(profile, url: str):
    """Return the e-paper layout of the day ``url`` names (the latest layout when it names none)."""
    config = mode_config(profile, "epaper")
    days = days_in_url(url)
    return config.layout_for(min(days)) if days else config.layouts[-1]


def _listing(profile, body: bytes, url: str) -> dict:
    articles, next_pages = ListingLinks(profile).find(HtmlResponse(url=url, body=body))
    return {"articles": articles, "next_pages": next_pages}


def _article(profile, body: bytes, url: str) -> dict:
    from newscrawl.extract import extract_article
    from newscrawl.ids import article_id

    if "epaper" in profile.modes_config and days_in_url(url):
        selectors = _layout_of(profile, url).selectors  # a layout reads its articles its own way
        profile = replace(profile, selectors={**profile.selectors, **selectors})
    fields = extract_article(body, url, profile)
    published = fields.published.isoformat() if fields.published is not None else None
    return {"id": article_id(url, profile.id_pattern), "title": fields.title,
            "published": published, "paragraphs": len(fields.paragraphs), "missed": list(fields.missed)}


_FINDERS = {"epaper": _epaper, "month_index": _month_index, "listing": _listing, "article": _article}


def _compare(key: str, want: Any, got: Any) -> str | None:
    """Return why ``got`` does not meet ``want`` for ``key``, or None when it does."""
    if key == "paragraphs" and isinstance(want, list):  # one count per record
        ok = isinstance(got, list) and len(got) == len(want) and all(g >= int(w) for g, w in zip(got, want))
        return None if ok else f"paragraphs: found {got}, want at least {want}"
    if key == "paragraphs":
        return None if (got or 0) >= int(want) else f"paragraphs: found {got}, want at least {want}"
    if key == "published":
        ok = got is not None and got.replace("T", " ").startswith(str(want).replace("T", " ")[:19])
        return None if ok else f"published: found {got!r}, want {want!r}"
    return None if got == want else f"{key}: found {got!r}, want {want!r}"
