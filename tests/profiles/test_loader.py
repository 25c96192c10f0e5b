"""Site profiles load, default their slug/label/time zone, and fail with file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.profiles import ProfileError, load_profile, load_profiles, slugify
from tests.helpers import run_cli

GOOD = """\
name: 江西日报
base_url: https://epaper.example.cn/
listing:
  start_urls:
    - {url: html/node_1.htm, section: 要闻}
  article_links: ['content_\\d+_\\d+\\.htm$']
"""


def write(tmp_path: Path, text: str, name: str = "site.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, slug", [("江西日报", "jiangxiribao"), ("重庆日报", "chongqingribao"),
                                        ("人民日报", "renminribao"), ("The Daily Planet", "the-daily-planet")])
def test_slug_is_pinyin_of_the_name(name, slug):
    assert slugify(name) == slug


def test_defaults_come_from_the_name(tmp_path):
    profile = load_profile(write(tmp_path, GOOD))
    assert profile.slug == "jiangxiribao"
    assert profile.label == "江西日报新闻"
    assert str(profile.timezone) == "Asia/Shanghai"
    assert profile.allowed_hosts == ("epaper.example.cn",)
    assert profile.modes == ("listing",)
    assert profile.absolute(profile.listing.start_urls[0].url) == "https://epaper.example.cn/html/node_1.htm"
    assert profile.listing.is_article("https://epaper.example.cn/html/2023-05/19/content_5411_7712601.htm")
    assert not profile.allows("https://elsewhere.example.com/x.htm")


@pytest.mark.parametrize("text, key, reason", [
    (GOOD.replace("name: 江西日报\n", ""), "name", "missing"),
    (GOOD + "timezone: Mars/Olympus\n", "timezone", "unknown time zone"),
    (GOOD + "colour: red\n", "colour", "unknown key"),
    (GOOD.replace("['content_\\d+_\\d+\\.htm$']", "['content_(']"), "listing.article_links[0]", "bad regular expression"),
    (GOOD.replace("  article_links: ['content_\\d+_\\d+\\.htm$']\n", ""), "listing.article_links", "missing"),
    (GOOD + "selectors: {headline: h1}\n", "selectors.headline", "unknown field"),
    (GOOD.replace("base_url: https://epaper.example.cn/\n", ""), "listing.start_urls[0]", "no base_url"),
    ("name: x\n", "listing", "at least one crawl mode"),
    (GOOD + "slug: Bad Slug\n", "slug", "lower-case"),
    (GOOD.replace("listing:\n", "listing:\n  max_pages: 0\n"), "listing.max_pages", "1 or more"),
    (GOOD + "recheck_hours: soon\n", "recheck_hours", "number of hours"),
    (GOOD + "images: download\n", "images", "must be one of keep, link, none"),
])
def test_bad_profile_names_file_and_key(tmp_path, text, key, reason):
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.key == key
    assert str(caught.value).startswith(f"{path}: {key}: ")
    assert reason in caught.value.reason


def test_invalid_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "name: [unclosed\n")
    with pytest.raises(ProfileError, match=r"not valid YAML at line \d+"):
        load_profile(path)


def test_extra_dir_overrides_builtin_by_slug(tmp_path):
    write(tmp_path, GOOD)
    profiles = load_profiles([tmp_path])
    assert profiles["jiangxiribao"].path == str(tmp_path / "site.yaml")


def test_cli_stops_on_a_bad_profile_with_one_line(tmp_path):
    write(tmp_path, GOOD + "timezone: Mars/Olympus\n", name="broken.yaml")
    result = run_cli("crawl", "broken", "--profiles-dir", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "broken.yaml: timezone: unknown time zone 'Mars/Olympus'" in lines[0]
    assert not (tmp_path / "out").exists(), "nothing may be written before the profile is valid"


def test_cli_names_an_unknown_site(tmp_path):
    result = run_cli("crawl", "no-such-paper", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "'no-such-paper': no site profile of that name" in result.stderr


@pytest.mark.parametrize("value", ["keep", "link", "none"])
def test_a_profile_says_what_its_posts_do_with_their_pictures(tmp_path, value):
    assert load_profile(write(tmp_path, GOOD + f"images: {value}\n")).images == value
    assert load_profile(write(tmp_path, GOOD)).images is None
