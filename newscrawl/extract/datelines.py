"""Read the credits a Chinese dateline carries: the wire or paper, the reporters, where they filed from.

Wire and newspaper copy opens with a dateline, in simplified or traditional script:

- ``新华社北京5月20日电（记者 张三、李四）``, ``据新华社北京2月10日电``: the wire, the
  place and day it filed from, then the reporters;
- ``（中央社記者陳家豪台北19日電）``: the wire and the reporters, the place run
  straight on after the last name;
- ``（林志明／台北報導）``, ``記者王大同／台中報導``: names, then where they reported from;
- ``本报讯``, ``湖北日报讯``, ``央视网消息``: the paper's own copy (本报 is the site's paper).

A commentary carries no name, only the paper's commentator (``□ 本报评论员``).
"""

from __future__ import annotations

import re

from newscrawl.extract.datepatterns import normalize
from newscrawl.extract.zhwords import COMPOUND_SURNAMES

# "台北19日電", "北京5月20日电", "東京19日專電": the day a dispatch was filed.
_FILED = r"(?:\d{1,2}月)?\d{1,2}日(?:专|專)?[电電]"
# Names up to the filing day: "陳家豪台北" / "陳家豪、林美華東京" before "19日電".
_NAMES_TO_FILED = re.compile(rf"\s*(?P<run>[\u4e00-\u9fff]{{2,9}}(?:[、,]\s*[\u4e00-\u9fff]{{2,9}})*){_FILED}")
# "（林志明／台北報導）", "記者王大同／台中報導": names, then where they reported from.
REPORTED_FROM = re.compile(
    r"(?:^|[\s(【\[]|记者|記者)(?P<names>[\u4e00-\u9fff]{2,4}(?:[、,][\u4e00-\u9fff]{2,4})*)\s*/\s*"
    r"[\u4e00-\u9fff]{2,6}(?:報導|报道|報道|报导|電|电)")
# The wire or the paper a dateline names, at the start of the text.
_WIRE = re.compile(rf"^[\s(【\[]*(?:据|據)?(?P<run>[\u4e00-\u9fffA-Za-z]{{3,16}}?){_FILED}")
_WIRE_BEFORE_REPORTER = re.compile(r"^[\s(【\[]*(?P<outlet>[\u4e00-\u9fff]{2,8}?(?:社|网|網|台|報|报))(?:记者|記者)")
_PAPER_NEWS = re.compile(r"^[\s(【\[]*(?P<paper>[\u4e00-\u9fff]{0,10}?(?:报|報|刊|台|网|網|社))(?:讯|訊|消息)")
_OUTLET_END = re.compile(r"(?:社|网|網|台|报|報|新闻|新聞)$")
_EDITION = re.compile(r"(?<=[报報刊])(?:数字报|數字報|电子报|電子報|电子版|電子版|数字版|數字版)$")  # 某某日报数字报 -> 某某日报
_OWN = ("本报", "本報", "本刊", "本台", "本网", "本網", "本社")
# "□ 本报评论员", "本報特約評論員": a commentary credited to the paper, no name.
COMMENTATOR = re.compile(
    r"^[□■◆\s]*(?P<who>(?:本报|本報|本刊|本台|本网|本網|[\u4e00-\u9fff]{2,8}(?:报|報))?(?:特约|特約)?(?:评论员|評論員))\s*$")


def _person_length(run: str) -> int:
    """Return how many characters of a name run straight into a place ("陳家豪台北") are the name."""
    if len(run) <= 4:
        return 2
    return 4 if run[:2] in COMPOUND_SURNAMES and len(run) >= 6 else 3


def filed_names(text: str, start: int) -> list[str] | None:
    """Return the names from ``start`` up to a filing day ("陳家豪台北19日電" -> 陳家豪); None when
    no filing day follows the names."""
    mt = _NAMES_TO_FILED.match(text, start)
    if mt is None:
        return None
    parts = [p.strip() for p in re.split(r"[、,]", mt.group("run")) if p.strip()]
    last = parts.pop()
    if len(last) >= 4:  # the last name with the place after it
        parts.append(last[:_person_length(last)])
    elif not parts:
        return None  # "记者 北京19日电": a place, no name
    return parts


def _outlet_prefix(run: str) -> str | None:
    """Return the outlet a wire run starts with ("新华社北京" -> 新华社); None when it names none."""
    if run[:2] in _OWN:
        return run[:2]  # "本报北京5月20日电": the paper's own correspondent
    for end in range(3, len(run) + 1):
        if _OUTLET_END.search(run[:end]):
            return run[:end]
    return None


def dateline_source(paragraphs: list[str], site: str | None) -> str | None:
    """Return the wire or paper the opening dateline names; ``site`` for the paper's own (本报讯)."""
    for para in paragraphs[:2]:
        text = normalize(para[:60])
        mt = _WIRE.match(text)
        found = _outlet_prefix(mt.group("run")) if mt else None
        if found is None:
            mt = _WIRE_BEFORE_REPORTER.match(text) or _PAPER_NEWS.match(text)
            found = mt.group(mt.lastgroup) if mt else None
        if found in _OWN:
            return _EDITION.sub("", site) or None if site else None
        if found:
            return found
    return None


def commentator(paragraphs: list[str]) -> str | None:
    """Return the paper's commentator credited in the opening lines ("本报评论员"); None when none is."""
    for para in paragraphs[:2]:
        mt = COMMENTATOR.match(normalize(para))
        if mt:
            return mt.group("who")
    return None
