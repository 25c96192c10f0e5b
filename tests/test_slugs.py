"""Category slugs of any outlet name: pinyin, ASCII-safe, never empty, stable."""

from __future__ import annotations

import re

import pytest

from newscrawl.slugs import slugify


@pytest.mark.parametrize("name, slug", [
    ("江西日报", "jiangxiribao"),
    ("重庆日报", "chongqingribao"),  # a polyphone the replaced system spelled "zhongqing"
    ("长沙晚报", "changshawanbao"),
    ("第一财经 Daily", "diyicaijing-daily"),
    ("新华社·江西频道", "xinhuashe-jiangxipindao"),
    ("新华社 · 江西频道", "xinhuashe-jiangxipindao"),
    ("FT中文网", "ftzhongwenwang"),
    ("ＦＴ中文网", "ftzhongwenwang"),  # full-width letters fold to ASCII
    ("21世纪经济报道", "21shijijingjibaodao"),
    ("Süddeutsche Zeitung", "suddeutsche-zeitung"),
    ("  江西日报\t", "jiangxiribao"),
])
def test_slug_of_a_name(name, slug):
    assert slugify(name) == slug


def test_names_pinyin_cannot_spell_still_get_a_distinct_stable_slug():
    assert re.fullmatch(r"media-[0-9a-f]{8}", slugify("★"))
    assert slugify("조선일보") != slugify("동아일보") and slugify("조선일보") == slugify("조선일보")
    assert re.fullmatch(r"daily-[0-9a-f]{8}", slugify("조선일보 Daily"))


def test_long_names_are_cut_with_a_hash():
    slug = slugify("很长的名字" * 20)
    assert len(slug) <= 64 and re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{8}", slug)
    assert slugify("很长的名字" * 20 + "甲") != slug


@pytest.mark.parametrize("name", ["江西日报", "·", " ", "a·b c", "新华社·新闻", "!!!", "ＡＢＣ"])
def test_every_slug_is_safe(name):
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9]", slugify(name))
