"""Date patterns and parsers shared by the date extractor.

Everything here works on short strings (a meta value, a header zone of a few
hundred characters, a URL); nothing walks the tree.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from dateutil import parser as dateutil_parser

from newscrawl.extract.datewords import MONTHS, TZ_NAMES
from newscrawl.extract.datezones import spell_offsets
from newscrawl.extract.lookahead import guarded
from newscrawl.extract.text import nfkc

log = logging.getLogger(__name__)

MONTH_NAMES = frozenset(MONTHS)

# An optional time after a date: "09:04", "09:04:04", "9时4分", "9:04 pm", "T09:04:04+08:00".
_TIME = (
    r"(?:\s*(?:,|T|um|à|at|a las|alle|kl\.?|-|\||/)?\s*(?P<ampm1>上午|下午|晚上|凌晨|早上|中午)?\s*"
    r"(?P<H>[01]?\d|2[0-3])\s*(?:[:：時时]|h(?=\d))\s*(?P<M>[0-5]\d)"
    r"(?:\s*[:：分]\s*(?P<S>[0-5]\d)(?:\.\d+)?)?\s*秒?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?"
    r"\s*(?P<tz>Z|[+-][01]\d:?[0-5]\d|UTC|GMT)?)?"
)
# A weekday between a Chinese or Korean date and its time: "2021年4月12日 星期一 08:30", "週一", "(월)".
_WEEKDAY = r"(?:\s*[(（]?(?:星期|礼拜|禮拜|周|週)[一二三四五六日天][)）]?|\s*\([월화수목금토일]\))?"
# Patterns that start with a digit are compiled behind a lookahead on it (``lookahead.guarded``):
# the lookbehind in front of them is then tried at digits only, not at every character of a zone.
# Year first: 2022-03-17, 2022/3/17, 2022.03.17, 2022年3月17日, 2021년 4월 12일.
YMD = guarded(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*(?:[-/.年]|년)\s*(?P<m>0?[1-9]|1[0-2])\s*(?:[-/.月]|월)\s*"
    r"(?P<d>[12]\d|3[01]|0?[1-9])(?![\d])\s*(?:日|일|号)?" + _WEEKDAY + _TIME,
    re.I,
)
# Day first (or US month first): 17.03.2022, 17/03/2022, 03/17/2022.
DMY = guarded(
    r"(?<![\d.])(?P<a>\d{1,2})\s*([./-])\s*(?P<b>\d{1,2})\s*\2\s*(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME,
    re.I,
)
# Day first with a two-digit year and dots: 25.04.24 (German-language headers).
DMY_SHORT = guarded(
    r"(?<![\d.])(?P<a>[12]\d|3[01]|0?[1-9])\.(?P<b>1[0-2]|0?[1-9])\.(?P<yy>[0-3]\d)(?![\d.])" + _TIME,
    re.I,
)
# Month names: "March 17, 2022", "17 March 2022", "17. März 2022", "17 de marzo de 2022".
# The month word is matched loosely and looked up in MONTHS (a long alternation is slow; as a
# trie behind a first-letter lookahead it was no faster: the month names start with most letters).
MDY_NAME = re.compile(
    r"(?<![\w])(?P<mon>[^\W\d_]{3,12})\.?\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+"
    r"(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME,
    re.I,
)
DMY_NAME = guarded(
    r"(?<![\w.])(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+|of\s+)?"
    r"(?P<mon>[^\W\d_]{3,12})\.?,?\s+(?:de\s+)?(?P<y>(?:19|20)\d\d)(?!\d)" + _TIME,
    re.I,
)
# Year, month name, day: "2024. március 5." (Hungarian), "2024 March 5".
YMD_NAME = guarded(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\.?\s+(?P<mon>[^\W\d_]{3,12})\.?\s+(?P<d>[12]\d|3[01]|0?[1-9])\.?(?![\d])" + _TIME,
    re.I,
)
# Month name, day and time before the year: Java's Date.toString() ("Tue May 21 10:00:00 CST 2024",
# its zone spelled as an offset first, see datezones.spell_offsets).
MD_TIME_Y = re.compile(
    r"(?<![\w])(?P<mon>[^\W\d_]{3,12})\.?\s+(?P<d>[12]\d|3[01]|0?[1-9])\s+(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)"
    r"(?::(?P<S>[0-5]\d))?\s*(?P<tz>Z|[+-][01]\d:?[0-5]\d|UTC|GMT)?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
    re.I,
)
# Dates without a year ("03月17日 09:04", "10-08 12:00"): only with a time, and given a year.
MD_TIME = guarded(
    r"(?<![\d/.-])(?P<m>0?[1-9]|1[0-2])\s*[-/月]\s*(?P<d>[12]\d|3[01]|0?[1-9])\s*日?\s*"
    r"(?P<H>[01]?\d|2[0-3])\s?[:：]\s?(?P<M>[0-5]\d)(?:\s?:\s?(?P<S>[0-5]\d))?(?![\d])"
)
# A two-digit year before month and day, with a time ("21-04-12 08:30"); Chinese pages only.
YY_MD_TIME = guarded(
    r"(?<![\d/.-])(?P<yy>[0-3]\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])\s?"
    r"(?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?(?!\d)")
_YEAR_BEFORE = re.compile(r"((?:19|20)\d\d)\D{0,3}$")
# Publication times kept in page scripts, for pages that render the date by script:
# "pubtime": "2021-04-12 08:30:00", or WeChat's var ct = "<Unix seconds>". Scripts run to tens of
# thousands of characters: the pattern starts at the name (a quote before it changes no value found)
# behind a lookahead on the names' first letters (``lookahead.guarded``), three times faster.
SCRIPT_VAR = guarded(
    r"""\b(?:pub_?time|publish_?time|publishtime|pub_?date|publish_?date|date_?published"""
    r"""|published_?(?:at|date|time|on)|publication_?date|first_?published(?:_at)?|created_?at|ptime|ct)["']?\s*[:=]\s*"""
    r"""["'](?P<v>\d{10}|(?:19|20)\d\d-\d\d?-\d\d?[ T][\d:]{5,8})""",
    re.I,
)

_RELATIVE = re.compile(
    r"(?P<n>\d+)\s*(?P<unit>分钟|小时|天|周|秒|minutes?|mins?|hours?|hrs?|days?|weeks?)\s*(?:前|ago)"
    r"|(?P<word>刚刚|今天|昨天|前天|just now|today|yesterday)"
    r"(?:\s*(?P<H>[01]?\d|2[0-3])[:：](?P<M>[0-5]\d))?",
    re.I,
)
_UNITS = {"分钟": 60, "小时": 3600, "天": 86400, "周": 604800, "秒": 1,
          "mi": 60, "ho": 3600, "hr": 3600, "da": 86400, "we": 604800}
_DAYS_BACK = {"刚刚": 0, "今天": 0, "昨天": 1, "前天": 2, "just now": 0, "today": 0, "yesterday": 1}

# Dates in URLs: /2022/03/17/, /2022-03/17/, /2019-09-07/, /20220317/, t20220317_123.
URL_DATE = re.compile(
    r"(?<![\d])(?P<y>20\d\d|19\d\d)(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?:(?P=sep)|/)"
    r"(?P<d>0[1-9]|[12]\d|3[01])(?![\d])"
)
URL_DATE_DMY = re.compile(
    r"(?:(?<![\d.-])|(?<=[a-z]-))(?P<d>0[1-9]|[12]\d|3[01])(?P<sep>[.-])(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<y>20\d\d)(?!\d)")
# A year folder, then the month and day in one: /2024/0305/, /2024/03-05/;
# or month and day unpadded: /2024/3/5/.
URL_DATE_FOLDER = re.compile(
    r"/(?P<y>20\d\d|19\d\d)/(?P<m>0[1-9]|1[0-2])-?(?P<d>0[1-9]|[12]\d|3[01])/"
    r"|/(?P<y2>20\d\d|19\d\d)/(?P<m2>1[0-2]|0?[1-9])/(?P<d2>[12]\d|3[01]|0?[1-9])/")
URL_DATE_COMPACT = re.compile(r"(?<![\d])(?P<y>20\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass(frozen=True)
class Found:
    """One date found in a string, with where it starts and whether it has a time."""

    value: datetime | date
    start: int
    end: int
    has_time: bool


# Whitespace runs that are not already one space or one bare line break: a single space or
# "\n" is left alone, so most zones need no new string (``sub`` builds one for every match).
_BLANKS = re.compile(r"[^\S\n]{2,}|[^\S\n ]")  # == [^\S\n]+ -> " "
_BREAKS = re.compile(r" \n\s*|\n\s+")  # == " ?\n\s*" -> "\n"


@functools.lru_cache(maxsize=512)
def normalize(text: str) -> str:
    """Return ``text`` with full-width forms folded (NFKC) and whitespace runs made one space or line break.

    Collapsing whitespace also keeps the optional-time patterns linear. Cached:
    the same zone text is normalised by the date, people and source rules.
    """
    text = nfkc(text)
    if "  " in text or not text.replace("\n", " ").isprintable():  # a space is the one printable blank
        text = _BLANKS.sub(" ", text)
    if "\n" in text and (" \n" in text or "\n " in text or "\n\n" in text):  # no other blank is left
        text = _BREAKS.sub("\n", text)
    return text


def _build(y: int, m: int, d: int, mt: re.Match) -> tuple[datetime | date, bool] | None:
    """Return the date (or datetime when the match carries a time) from match groups."""
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    g = mt.groupdict()
    if g["H"] is None:
        return day, False
    hour = int(g["H"])
    ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    ampm1 = g.get("ampm1") or ""
    if (ampm == "pm" or ampm1 in ("下午", "晚上")) and hour < 12:
        hour += 12
    elif (ampm == "am" or ampm1 == "凌晨") and hour == 12:
        hour = 0
    tz = _offset(mt.group("tz"))
    value = datetime(y, m, d, hour, int(mt.group("M")), int(mt.group("S") or 0), tzinfo=tz)
    return value, True


def _offset(text: str | None) -> timezone | None:
    """Return the fixed offset named by ``Z``, ``UTC``, ``+08:00`` or ``+0800``."""
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


# What each full-date pattern cannot match without: a four-digit year, or (DMY_SHORT) a dot.
_FULL_YEAR = re.compile(r"(?:19|20)\d\d")
# A date in Chinese numerals (二〇二二年三月十七日, government notices) and a Minguo year (Taiwan:
# 111年3月17日 is 2022, the year plus 1911; 中華民國 may come before it). Read only where 年 is.
_CN_DIGIT = {ch: n for n, chars in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九")) for ch in chars}
CN_YMD = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>十[一二]?|[一二三四五六七八九])\s*月\s*"
                    r"(?P<d>三十一?|三十|二?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]")
MINGUO_YMD = guarded(
    r"(?<![\d.])(?:(?:中華民國|中华民国|民國|民国)\s*)?(?P<y>1[0-3]\d)\s*年\s*(?P<m>0?[1-9]|1[0-2])\s*月\s*"
    r"(?P<d>[12]\d|3[01]|0?[1-9])(?!\d)\s*日" + _TIME)


def _cn_number(text: str) -> int:
    """Return the value of a Chinese numeral up to 31 (十二, 二十一, 三十) or of a digit string (二〇二二)."""
    if "十" not in text:
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def _patterns_for(text: str) -> tuple[re.Pattern, ...]:
    """Return the full-date patterns that can match in ``text``, in find_dates' order.

    One cheap scan spares four costly ones over the many zones that hold no year.
    """
    patterns = (YMD, DMY, MDY_NAME, DMY_NAME, YMD_NAME, MD_TIME_Y) if _FULL_YEAR.search(text) else ()
    if "年" in text:
        patterns += (CN_YMD, MINGUO_YMD)
    return patterns + (DMY_SHORT,) if "." in text else patterns


@functools.lru_cache(maxsize=256)
def find_dates(text: str, month_first: bool = False) -> tuple[Found, ...]:
    """Return every full date (with year) in ``text``, in order of position.

    Cached: a zone is searched for labelled dates first, then for any date.
    """
    found: list[Found] = []
    for rx in _patterns_for(text):
        for mt in rx.finditer(text):
            g = mt.groupdict()
            if rx is YMD:
                parts = (int(g["y"]), int(g["m"]), int(g["d"]))
            elif rx is CN_YMD:
                try:
                    day = date(_cn_number(g["y"]), _cn_number(g["m"]), _cn_number(g["d"]))
                except ValueError:
                    continue
                found.append(Found(day, mt.start(), mt.end(), False))
                continue
            elif rx is MINGUO_YMD:
                parts = (int(g["y"]) + 1911, int(g["m"]), int(g["d"]))
            elif rx is DMY_SHORT:
                parts = (2000 + int(g["yy"]), int(g["b"]), int(g["a"]))
            elif rx is DMY:
                a, b = int(g["a"]), int(g["b"])
                # Month first only as the US writes it, with slashes or dashes: dots are day first.
                if month_first and mt.group(2) != "." and a <= 12 or b > 12:
                    a, b = b, a
                parts = (int(g["y"]), b, a)
            else:  # a month name: MDY_NAME, DMY_NAME, YMD_NAME, MD_TIME_Y
                mon = MONTHS.get(g["mon"].lower())
                if mon is None:
                    continue
                parts = (int(g["y"]), mon, int(g["d"]))
            built = _build(*parts, mt)
            if built is not None:
                found.append(Found(built[0], mt.start(), mt.end(), built[1]))
    found.sort(key=lambda f: f.start)
    # Drop matches nested inside an earlier, longer one ("2022.03.17" inside "17.03.2022 ...").
    kept: list[Found] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return tuple(kept)


def find_yearless(text: str, year: int, short_year: bool = False) -> Found | None:
    """Return the first month-day-time date in ``text`` written without a full year.

    The year is the one printed just before it ("2021 04/12 08:30"), else ``year``.
    With ``short_year``, "21-04-12 08:30" (two-digit year, month, day) counts too.
    """
    short = YY_MD_TIME.search(text) if short_year else None
    mt = short or MD_TIME.search(text)
    if mt is None:
        return None
    if short:
        year = 2000 + int(mt.group("yy"))
    else:
        printed = _YEAR_BEFORE.search(text, max(0, mt.start() - 8), mt.start())
        year = int(printed.group(1)) if printed else year
    try:
        value = datetime(year, int(mt.group("m")), int(mt.group("d")), int(mt.group("H")),
                         int(mt.group("M")), int(mt.group("S") or 0))
    except ValueError:
        return None
    return Found(value, mt.start(), mt.end(), True)


# A short inline script that prints a date it is handed: showDate("2020/04/17 01:43:09"),
# document.write(fmt('2021-06-02')), writeTime("2019年9月7日") (old portals and forums).
SCRIPT_CALL = guarded(
    r"""[\w$.]\(\s*["'](?P<v>(?:19|20)\d\d(?:[-/.]\d\d?[-/.]\d\d?|年\d\d?月\d\d?日?)(?:[ T]\d\d?:\d\d(?::\d\d)?)?)["'\s]""")
DRAWING_SCRIPT_MAX = 200  # characters: a longer script is a program (analytics, players), not a date printer


def find_script_date(texts: list[str]) -> tuple[datetime | date, bool] | None:
    """Return the publication time a page script assigns to a pubtime-like variable."""
    for text in texts:
        mt = SCRIPT_VAR.search(text)
        if mt:
            return parse_date_string(mt.group("v"))
    return None


def find_drawn_date(text: str) -> tuple[datetime | date, bool] | None:
    """Return the date a short script prints by calling a function with it; None for any other script."""
    mt = SCRIPT_CALL.search(text) if len(text) <= DRAWING_SCRIPT_MAX else None
    return parse_date_string(mt.group("v")) if mt else None


def parse_date_string(value: str, names: Mapping[str, int] = TZ_NAMES) -> tuple[datetime | date, bool] | None:
    """Return (date or datetime, has time) for a structured value (meta, JSON-LD, datetime=).

    ``names`` says what zone abbreviations mean on the page (see :func:`datezones.zone_names`).
    """
    value = normalize(value).strip()
    if not value or len(value) > 80:
        return None
    value = spell_offsets(value, names)
    if value.isdigit() and len(value) in (10, 13):  # a Unix timestamp, seconds or ms
        stamp = int(value[:10])
        return datetime.fromtimestamp(stamp, tz=timezone.utc), True
    found = find_dates(value)
    if found:
        return found[0].value, found[0].has_time
    try:
        parsed = dateutil_parser.parse(value, default=datetime(1, 1, 1), tzinfos=names)
        # Parsed again with another default: a day or month that changes was never written.
        check = dateutil_parser.parse(value, default=datetime(2, 2, 2), tzinfos=names)
    except (ValueError, OverflowError, TypeError):
        log.debug("unparsed date value %r", value)
        return None
    if parsed.year < 1990 or (parsed.month, parsed.day) != (check.month, check.day):
        return None
    return parsed, bool(parsed.hour or parsed.minute or parsed.second)


def find_relative(text: str, now: datetime) -> tuple[datetime | date, bool] | None:
    """Return the moment a relative expression ("3小时前", "昨天 09:04") points at."""
    mt = _RELATIVE.search(text)
    if mt is None:
        return None
    if mt.group("n"):
        unit = mt.group("unit").lower()
        seconds = int(mt.group("n")) * (_UNITS.get(unit[:2]) or _UNITS[unit[:1]])
        return now - timedelta(seconds=seconds), seconds < 86400
    day = (now - timedelta(days=_DAYS_BACK[mt.group("word").lower()])).date()
    if mt.group("H") is None:
        return (now, True) if mt.group("word") in ("刚刚", "just now") else (day, False)
    return datetime(day.year, day.month, day.day, int(mt.group("H")), int(mt.group("M")),
                    tzinfo=now.tzinfo), True


def url_dates(url: str) -> list[date]:
    """Return every calendar day a URL spells (/2022/03/17/, html/2022-03/17/, /20220317/), in pattern order.

    The project's one URL-date reader: the extractor takes the first, the crawl
    modes all of them (an e-paper link to another day's edition).
    """
    return list(dict.fromkeys(_url_dates(url)))


def find_url_date(url: str) -> date | None:
    """Return the day a URL path names (/2022/03/17/, html/2022-03/17/, /20220317/)."""
    return next(_url_dates(url), None)


def _url_dates(url: str) -> Iterator[date]:
    for rx in (URL_DATE, URL_DATE_COMPACT, URL_DATE_DMY, URL_DATE_FOLDER):
        for mt in rx.finditer(url):
            y, m, d = (mt.group("y"), mt.group("m"), mt.group("d"))
            if y is None:  # URL_DATE_FOLDER's unpadded form
                y, m, d = mt.group("y2"), mt.group("m2"), mt.group("d2")
            try:
                yield date(int(y), int(m), int(d))
            except ValueError:
                continue
