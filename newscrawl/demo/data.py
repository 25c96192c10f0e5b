"""Load and check the demo newspaper's ground-truth data (``articles.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

DATA_FILE = Path(__file__).with_name("articles.yaml")
#: The paper's picture host: another site, which serves a picture only to requests whose Referer
#: is a page of the paper (``newscrawl demo`` serves it on a port of its own).
CDN_BASE = "http://img.yanshiribao.example/"

LAYOUTS = ("portal", "epaper", "classic")
BYLINES = ("reporter", "jizhe", "zuozhe", "wen", "bracket")
SOURCE_LABELS = ("来源", "文章来源", "稿源")
DATELINES = ("iso", "cn", "fabu", "shijian")
BREAKS = ("single", "double")
CONTENT_TYPES = ("honest", "lying", "bare")
ENCODINGS = ("utf-8", "gbk")
DEFAULT_DATELINE = {"portal": "iso", "epaper": "cn", "classic": "shijian"}


class DemoDataError(ValueError):
    """The demo data file has a missing or inconsistent value."""


@dataclass(frozen=True)
class Section:
    """One 栏目 of the demo paper."""

    key: str  # ASCII, used in URLs: section/<key>/index.html
    name: str  # the label readers see


@dataclass(frozen=True)
class DemoPicture:
    """One picture of an article: its path (on the paper's site, or on its picture host) and caption."""

    path: str  # images/YYYY-MM/DD/<id>_N.png
    caption: str | None = None
    cdn: bool = False  # on the picture host (CDN_BASE), which refuses a wrong Referer

    def url(self, site_base: str) -> str:
        """Return the picture's public URL, the paper's site being at ``site_base``."""
        return (CDN_BASE if self.cdn else site_base) + self.path


@dataclass(frozen=True)
class DemoArticle:
    """One article: the expected fields plus how its page is marked up."""

    id: int
    section: str
    title: str
    published_text: str  # as written in the data: "2024-05-20 09:30[:SS]" or "2024-05-20"
    author: str | list[str] | None
    editor: str | None
    source: str | None
    paragraphs: tuple[str, ...]
    encoding: str
    layout: str
    byline: str | None
    source_label: str
    dateline: str
    indent: bool
    br: str | None
    content_type: str
    tz: ZoneInfo
    images: tuple[DemoPicture, ...] = ()  # body pictures, shown after the first paragraph
    blank_paragraphs: bool = False  # empty <p>&nbsp;</p> left in the body

    @property
    def day_only(self) -> bool:
        """Return True when the page gives only a day, no time."""
        return len(self.published_text) == 10

    @property
    def has_seconds(self) -> bool:
        """Return True when the published time includes seconds."""
        return len(self.published_text) == 19

    @property
    def published(self) -> datetime | date:
        """Return the aware publication datetime, or a date for day-only pages."""
        if self.day_only:
            return date.fromisoformat(self.published_text)
        fmt = "%Y-%m-%d %H:%M:%S" if self.has_seconds else "%Y-%m-%d %H:%M"
        return datetime.strptime(self.published_text, fmt).replace(tzinfo=self.tz)

    @property
    def day(self) -> date:
        """Return the publication day in the paper's time zone."""
        return date.fromisoformat(self.published_text[:10])

    @property
    def path(self) -> str:
        """Return the page's path below the site root, e-paper style."""
        d = self.day
        return f"html/{d:%Y-%m}/{d:%d}/content_{self.id}.html"

    @property
    def authors(self) -> list[str]:
        """Return the author names as a list (empty when there is none)."""
        if self.author is None:
            return []
        return [self.author] if isinstance(self.author, str) else list(self.author)


@dataclass(frozen=True)
class DemoData:
    """The whole demo paper: identity, sections and articles (newest first)."""

    name: str
    slug: str
    label: str
    timezone: str
    city: str
    sections: tuple[Section, ...]
    articles: tuple[DemoArticle, ...]

    def section(self, name: str) -> Section:
        """Return the section called ``name``; raise KeyError if unknown."""
        for s in self.sections:
            if s.name == name:
                return s
        raise KeyError(name)

    def in_section(self, name: str) -> list[DemoArticle]:
        """Return the section's articles, newest first."""
        return [a for a in self.articles if a.section == name]


def load_demo(path: Path = DATA_FILE) -> DemoData:
    """Return the demo data in ``path``; raise DemoDataError when it is inconsistent."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    paper = raw["paper"]
    tz = ZoneInfo(paper["timezone"])
    sections = tuple(Section(key=s["key"], name=s["name"]) for s in raw["sections"])
    names = {s.name for s in sections}
    articles = [_article(item, tz, names) for item in raw["articles"]]
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise DemoDataError("article ids must be unique")
    articles.sort(key=lambda a: (a.published_text, a.id), reverse=True)
    return DemoData(
        name=paper["name"], slug=paper["slug"], label=paper["label"],
        timezone=paper["timezone"], city=paper["city"],
        sections=sections, articles=tuple(articles),
    )


def _choice(item: dict, key: str, allowed: tuple, default=None):
    value = item.get(key, default)
    if value not in allowed and value is not default:
        raise DemoDataError(f"article {item.get('id')}: {key}={value!r} (allowed: {allowed})")
    return value


def _article(item: dict, tz: ZoneInfo, sections: set[str]) -> DemoArticle:
    aid = item["id"]
    if item["section"] not in sections:
        raise DemoDataError(f"article {aid}: unknown section {item['section']!r}")
    layout = _choice(item, "layout", LAYOUTS, "portal")
    article = DemoArticle(
        id=int(aid), section=item["section"], title=item["title"],
        published_text=str(item["published"]), author=item.get("author"),
        editor=item.get("editor"), source=item.get("source"),
        paragraphs=tuple(item["paragraphs"]),
        encoding=_choice(item, "encoding", ENCODINGS, "utf-8"),
        layout=layout,
        byline=_choice(item, "byline", BYLINES),
        source_label=_choice(item, "source_label", SOURCE_LABELS, "来源"),
        dateline=_choice(item, "dateline", DATELINES, DEFAULT_DATELINE[layout]),
        indent=bool(item.get("indent", False)),
        br=_choice(item, "br", BREAKS),
        content_type=_choice(item, "content_type", CONTENT_TYPES, "honest"),
        tz=tz,
        images=tuple(_picture(aid, entry) for entry in item.get("images") or ()),
        blank_paragraphs=bool(item.get("blank_paragraphs", False)),
    )
    _check(article)
    return article


def _picture(aid, entry) -> DemoPicture:
    """Return a picture written as its path, or as ``{src, caption, cdn}``."""
    if isinstance(entry, str):
        return DemoPicture(entry)
    unknown = set(entry) - {"src", "caption", "cdn"}
    if unknown or "src" not in entry:
        raise DemoDataError(f"article {aid}: a picture is a path or {{src, caption, cdn}}, not {entry!r}")
    return DemoPicture(entry["src"], entry.get("caption"), bool(entry.get("cdn", False)))


def _check(a: DemoArticle) -> None:
    if len(a.published_text) not in (10, 16, 19):
        raise DemoDataError(f"article {a.id}: published must be 'YYYY-MM-DD[ HH:MM[:SS]]'")
    a.published  # noqa: B018 - parses, raising ValueError on a bad date
    if (a.author is None) != (a.byline is None):
        raise DemoDataError(f"article {a.id}: author and byline go together")
    if a.byline == "bracket" and not a.paragraphs[-1].endswith(f"（{a.author}）"):
        raise DemoDataError(f"article {a.id}: bracket byline must end the last paragraph")
    if a.layout == "epaper" and a.source is not None:
        raise DemoDataError(f"article {a.id}: epaper pages print no source")
    if a.content_type != "honest" and a.encoding != "gbk":
        raise DemoDataError(f"article {a.id}: only GBK pages get a lying or bare header")
    if a.images and a.br:
        raise DemoDataError(f"article {a.id}: pictures go in <p> bodies, not <br> ones")
    for image in a.images:
        if not image.path.startswith(f"images/{a.day:%Y-%m/%d}/{a.id}_") or not image.path.endswith(".png"):
            raise DemoDataError(f"article {a.id}: image {image.path!r} must be images/YYYY-MM/DD/<id>_N.png")
    if not 2 <= len(a.paragraphs) <= 6:
        raise DemoDataError(f"article {a.id}: needs 2-6 paragraphs")
