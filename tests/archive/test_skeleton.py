"""Site skeletons are complete, parse as config, and never overwrite a user's files."""

from __future__ import annotations

import tomllib

import pytest
import yaml

from newscrawl.archive import ensure_skeleton

JEKYLL_FILES = {"_config.yml", "_layouts/default.html", "_layouts/post.html",
                "_layouts/category.html", "index.html", "categories.html", ".gitignore"}
HUGO_FILES = {"config.toml", "layouts/_default/baseof.html", "layouts/_default/single.html",
              "layouts/_default/list.html", "layouts/index.html", ".gitignore"}
TITLE = 'My "archive" {{ x }}: #1'


def written(paths, root) -> set[str]:
    """Return written paths relative to root as POSIX strings."""
    return {p.relative_to(root.resolve()).as_posix() for p in paths}


def test_jekyll_skeleton(tmp_path):
    assert written(ensure_skeleton(tmp_path, timezone="Europe/Berlin", title=TITLE), tmp_path) == JEKYLL_FILES
    config = yaml.safe_load((tmp_path / "_config.yml").read_text(encoding="utf-8"))
    assert config["timezone"] == "Europe/Berlin" and config["title"] == TITLE
    assert config["permalink"] == "/:categories/:year/:month/:day/:title:output_ext"
    assert config["plugins"] == [] and config["future"] is True
    assert "{{ page.title | escape }}" in (tmp_path / "_layouts/post.html").read_text(encoding="utf-8")


def test_hugo_skeleton(tmp_path):
    assert written(ensure_skeleton(tmp_path, "hugo", title=TITLE), tmp_path) == HUGO_FILES
    config = tomllib.loads((tmp_path / "config.toml").read_text(encoding="utf-8"))
    assert config["timeZone"] == "Asia/Shanghai" and config["title"] == TITLE
    assert config["markup"]["goldmark"]["renderer"]["unsafe"] is True
    assert config["taxonomies"] == {"category": "categories", "tag": "tags"}
    assert config["permalinks"]["posts"] == "/posts/:year/:month/:day/:slug/"


@pytest.mark.parametrize(("fmt", "config"), [("jekyll", "_config.yml"), ("hugo", "hugo.toml"),
                                              ("hugo", "config.toml")])
def test_existing_site_is_left_alone(tmp_path, fmt, config):
    (tmp_path / config).write_text("# mine\n")
    assert ensure_skeleton(tmp_path, fmt) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [config]


def test_users_own_files_win(tmp_path):
    (tmp_path / "_layouts").mkdir()
    (tmp_path / "_layouts/post.html").write_text("mine")
    written_now = written(ensure_skeleton(tmp_path), tmp_path)
    assert written_now == JEKYLL_FILES - {"_layouts/post.html"}
    assert (tmp_path / "_layouts/post.html").read_text() == "mine"
    assert ensure_skeleton(tmp_path) == []


def test_unknown_time_zone_is_refused(tmp_path):
    with pytest.raises(ValueError, match="time zone"):
        ensure_skeleton(tmp_path, timezone="Mars/Olympus")
    assert list(tmp_path.iterdir()) == []
