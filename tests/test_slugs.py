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


def test_an_ascii_name_is_slugged_without_loading_pypinyin():
    # pypinyin's dictionaries take about half a second of CPU to load: a crawl whose profiles name
    # their slugs (every shipped one) never needs them.
    import subprocess
    import sys

    code = ("import sys; from newscrawl.slugs import slugify; import newscrawl.spiders.news; "
            "print(slugify('Daily News 21'), 'pypinyin' in sys.modules)")
    from tests.helpers import REPO
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.split() == ["daily-news-21", "False"]


@pytest.mark.parametrize("name", ["Daily News", "a.b_c~d", "ＦＴ", "", "  x  ", "Zeit-Online 24/7"])
def test_names_without_han_characters_keep_their_slug(name):
    from pypinyin import lazy_pinyin

    text = __import__("unicodedata").normalize("NFKC", name).strip()
    assert "".join(lazy_pinyin(text)) == text or not text.isascii()  # what the ASCII shortcut relies on
