"""E-paper layouts by date: validation with file and key, and the layout each day is read with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from newscrawl.modes.base import CrawlOptions
from newscrawl.modes.config import mode_config
from newscrawl.modes.epaper import EpaperMode
from newscrawl.profiles.loader import ProfileError, load_profile
from tests.modes.test_mode_classes import StubSpider

OLD = {"base_url": "http://old.example.test/paper/", "edition": "html/{yyyy}-{mm}/{dd}/node_187.htm",
       "pages": r"node_\d+\.htm$", "articles": r"content_\d+\.htm$"}
NEW = {"from": "2023-01-01", "month_index": "html/{yyyy}-{mm}/navi.xml", "pages": r"node_\d+\.htm$",
       "articles": r"content_\d+_\d+\.htm$", "selectors": {"body": "#ozoom"}}


def write_profile(tmp_path: Path, epaper) -> Path:
    data = {"name": "测试日报", "base_url": "http://paper.example.test/", "allowed_hosts": ["paper.example.test"],
            "epaper": epaper}
    path = tmp_path / "ceshiribao.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_each_day_is_read_with_its_layout(tmp_path):
    profile = load_profile(write_profile(tmp_path, {"layouts": [OLD, NEW], "recent_days": 2}))
    config = mode_config(profile, "epaper")
    assert config.recent_days == 2
    assert config.layout_for(date(2017, 10, 10)).edition == OLD["edition"]
    assert config.layout_for(date(2023, 1, 1)).month_index == NEW["month_index"]
    assert config.layout_for(date(2023, 1, 1)).day_folder(date(2023, 1, 1), profile.base_url) == \
        "http://paper.example.test/html/2023-01/01/"
    # a layout on its own host makes that host the profile's too
    assert profile.allowed_hosts == ("paper.example.test", "old.example.test")


def test_start_requests_follow_the_layout_boundary(tmp_path):
    profile = load_profile(write_profile(tmp_path, {"layouts": [OLD, NEW]}))
    mode = EpaperMode(StubSpider(), profile, CrawlOptions(since=date(2022, 12, 31), until=date(2023, 1, 2)))
    assert [r.url for r in mode.start_requests()] == [
        "http://old.example.test/paper/html/2022-12/31/node_187.htm",
        "http://paper.example.test/html/2023-01/navi.xml",
    ]


def test_articles_of_a_layout_with_selectors_are_read_with_them(tmp_path):
    profile = load_profile(write_profile(tmp_path, {"layouts": [OLD, NEW]}))
    mode = EpaperMode(StubSpider(), profile, CrawlOptions())
    [layout] = [layout for layout in mode.config.layouts if layout.selectors]
    assert mode.reader(layout).selectors == {"body": "#ozoom"}
    assert profile.selectors == {}


def test_a_mirror_points_every_layout_at_itself(tmp_path):
    profile = load_profile(write_profile(tmp_path, {"layouts": [OLD, NEW]})).with_base_url("http://127.0.0.1:8000/")
    config = mode_config(profile, "epaper")
    assert config.layout_for(date(2017, 1, 1)).url(OLD["edition"], date(2017, 1, 1), profile.base_url) == \
        "http://127.0.0.1:8000/html/2017-01/01/node_187.htm"
    assert profile.allowed_hosts == ("127.0.0.1",)


@pytest.mark.parametrize("epaper, key, reason", [
    ({"layouts": []}, "epaper.layouts", "must be a list of layouts"),
    ({"layouts": [OLD, {**NEW, "from": None}]}, "epaper.layouts[1].from", "missing"),
    ({"layouts": [OLD, {**NEW, "from": "2023-13-01"}]}, "epaper.layouts[1].from", "not a day"),
    ({"layouts": [{**OLD, "from": "2024-01-01"}, NEW]}, "epaper.layouts[1].from", "must come after 2024-01-01"),
    ({"layouts": [OLD, {**NEW, "pagez": "x"}]}, "epaper.layouts[1].pagez", "unknown key"),
    ({"layouts": [OLD, {**NEW, "hosts": "old.example.test"}]}, "epaper.layouts[1].hosts", "list of host names"),
    ({"layouts": [OLD, {**NEW, "selectors": {"headline": "h1"}}]}, "epaper.layouts[1].selectors.headline",
     "unknown field"),
    ({"layouts": [{**OLD, "base_url": "ftp://x"}, NEW]}, "epaper.layouts[0].base_url", r"not an http\(s\) URL"),
    ({"layouts": [OLD, {k: v for k, v in NEW.items() if k != "month_index"}]}, "epaper.layouts[1].edition",
     "missing"),
    ({"layouts": [OLD], "edition": "x.htm"}, "epaper.edition", "unknown key"),
])
def test_bad_layouts_name_file_and_key(tmp_path, epaper, key, reason):
    path = write_profile(tmp_path, epaper)
    with pytest.raises(ProfileError, match=reason) as caught:
        load_profile(path)
    assert caught.value.key == key and caught.value.path == str(path)


def test_page_files_are_off_unless_the_epaper_block_asks_and_belong_to_it_not_to_a_layout(tmp_path):
    assert mode_config(load_profile(write_profile(tmp_path, OLD)), "epaper").page_files is False
    assert mode_config(load_profile(write_profile(tmp_path, {**OLD, "page_files": True})), "epaper").page_files
    layouts = {"layouts": [OLD, NEW], "page_files": True}
    assert mode_config(load_profile(write_profile(tmp_path, layouts)), "epaper").page_files
    with pytest.raises(ProfileError, match=r"epaper\.page_files.*true or false"):
        load_profile(write_profile(tmp_path, {**OLD, "page_files": "yes"}))
    with pytest.raises(ProfileError, match=r"epaper\.layouts\[1\]\.page_files.*unknown key"):
        load_profile(write_profile(tmp_path, {"layouts": [OLD, {**NEW, "page_files": True}]}))
