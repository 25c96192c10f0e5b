"""Which pages are rendered: the profile key, the run's setting, and their errors."""

from __future__ import annotations

import pytest

from newscrawl.profiles import ProfileError, load_profile
from newscrawl.render.browser import RenderError, check_rendering, chromium_problem, launch_options
from newscrawl.render.policy import parse_render, parse_run_render, renders, run_renders_any
from newscrawl.runner import project_settings
from tests.helpers import run_cli
from tests.render.scriptsite import SLUG, write_profile


@pytest.mark.parametrize("value, expected", [
    (None, None), (False, None), (True, "all"), ("all", "all"), ("articles", "articles"),
    (" Listings ", "listings"),
])
def test_profile_values(value, expected):
    assert parse_render(value) == expected


@pytest.mark.parametrize("value", ["sometimes", "", "none", 1, ["articles"], {"articles": True}])
def test_bad_profile_values_name_the_allowed_ones(value):
    with pytest.raises(ValueError, match="articles, listings, all, true or false"):
        parse_render(value)


def test_run_setting_values():
    assert parse_run_render("") is None and parse_run_render(None) is None
    assert parse_run_render("none") == "none" and parse_run_render("ALL") == "all"
    with pytest.raises(ValueError, match="NEWSCRAWL_RENDER: 'yes'"):
        parse_run_render("yes")


@pytest.mark.parametrize("kind, profile, run, expected", [
    ("article", None, None, False),  # off by default
    ("article", "articles", None, True),
    ("listing", "articles", None, False),
    ("listing", "listings", None, True),
    ("article", "listings", None, False),
    ("listing", "all", None, True),
    ("article", None, "all", True),  # --render adds to every profile
    ("listing", "articles", "listings", True),  # the run's choice adds to the profile's
    ("article", "all", "none", False),  # --no-render wins
    (None, "all", "all", False),  # feeds, sitemaps, APIs: never
])
def test_renders(kind, profile, run, expected):
    assert renders(kind, profile, run) is expected


def test_run_renders_any():
    assert not run_renders_any(None, [None, None])
    assert run_renders_any(None, [None, "articles"])
    assert run_renders_any("listings", [])
    assert not run_renders_any("none", ["all"])


def test_profile_key_is_read(tmp_path):
    assert load_profile(write_profile(tmp_path / "a", render="articles")).render == "articles"
    assert load_profile(write_profile(tmp_path / "b", render=True)).render == "all"
    assert load_profile(write_profile(tmp_path / "c")).render is None


def test_bad_profile_key_names_file_and_key(tmp_path):
    path = write_profile(tmp_path, render="sometimes")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.path == str(path) and caught.value.key == "render"
    assert "'sometimes' is not one of articles, listings, all, true or false" in str(caught.value)


def test_bad_profile_key_stops_the_command_before_any_request(tmp_path):
    profiles = tmp_path / "profiles"
    path = write_profile(profiles, render=["articles"])
    out = tmp_path / "out"
    result = run_cli("crawl", SLUG, "--profiles-dir", str(profiles), "--out", str(out))
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert f"{path}: render:" in line and "articles, listings, all, true or false" in line
    assert not out.exists()


def test_missing_browser_is_named(tmp_path):
    assert "apt-get install chromium" in chromium_problem(str(tmp_path / "no-chromium"))
    settings = project_settings({"NEWSCRAWL_CHROMIUM": str(tmp_path / "no-chromium")})
    profile = load_profile(write_profile(tmp_path / "p", render="all"))
    with pytest.raises(RenderError, match="no-chromium"):
        check_rendering(settings, [profile])
    # Nothing to render: no browser needed, whatever is installed.
    assert check_rendering(settings, [load_profile(write_profile(tmp_path / "q"))]) is False
    with pytest.raises(RenderError, match="NEWSCRAWL_RENDER"):
        check_rendering(project_settings({"NEWSCRAWL_RENDER": "maybe"}), [])


def test_launch_options_use_the_os_browser_and_quiet_flags():
    options = launch_options(project_settings())
    assert options["executable_path"] == "/usr/bin/chromium" and options["headless"] is True
    for flag in ("--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run", "--disable-gpu"):
        assert flag in options["args"]
    assert not any(arg.startswith("--user-data-dir") for arg in options["args"]), "Playwright makes a fresh one"

