"""Polite, quiet defaults, and the typed registry every NEWSCRAWL_* setting comes from (kinds, ranges, README)."""

from __future__ import annotations

import logging
import re
import sys

import pytest

from newscrawl.archive.paths import FORMATS
from newscrawl.preflight import check_run_settings, check_setting_values
from newscrawl.render.browser import parse_run_render
from newscrawl.runner import project_settings
from newscrawl.settings_registry import (
    BOOL,
    CHOICE,
    FILE,
    FLOAT,
    FOLDER,
    FOLDERS,
    INT,
    KIND_WORDS,
    LIST,
    NEWSCRAWL_SETTINGS,
    SETTINGS,
    TEXT,
    URL,
)
from newscrawl.spiders.arguments import ArgumentError
from tests.helpers import REPO, run_cli

sys.path.insert(0, str(REPO / "docs"))
from settings_table import readme_with_table  # noqa: E402


def test_polite_defaults():
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert re.match(r"newscrawl/\d+\.\d+\.\d+ \(\+https?://", settings.get("USER_AGENT"))
    assert settings.get("FEED_EXPORT_ENCODING") == "utf-8"
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert not settings.getbool("REMOTE_CONTROL_ENABLED")


def test_every_newscrawl_setting_is_in_the_registry():
    """settings.py defines no NEWSCRAWL_* name of its own: each is one line in newscrawl/settings_registry.py."""
    unregistered = sorted(name for name in project_settings().attributes
                          if name.startswith("NEWSCRAWL_") and name not in SETTINGS)
    assert unregistered == [], (f"{unregistered}: add a Setting(NAME, KIND, DEFAULT, DOC, …) line to "
                                "NEWSCRAWL_SETTINGS in newscrawl/settings_registry.py instead, then run "
                                "python3 docs/settings_table.py --write")


@pytest.mark.parametrize("setting", NEWSCRAWL_SETTINGS, ids=lambda s: s.name)
def test_each_registered_setting_has_its_default_and_one_line_of_doc(setting):
    assert project_settings()[setting.name] == setting.default
    assert setting.problem(setting.default) is None, "the default must pass its own check"
    assert setting.doc and "\n" not in setting.doc and not setting.doc.endswith(".")
    assert setting.kind in KIND_WORDS


def test_readme_settings_table_is_the_registrys():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme_with_table(text) == text, "run python3 docs/settings_table.py --write"
    assert all(f"`{s.name}`" in text for s in NEWSCRAWL_SETTINGS)


def test_choices_agree_with_the_code_that_reads_them():
    assert SETTINGS["NEWSCRAWL_FORMAT"].choices == FORMATS
    for choice in SETTINGS["NEWSCRAWL_RENDER"].choices:
        parse_run_render(choice)  # raises for a value rendering does not know
    assert SETTINGS["LOG_LEVEL"].choices == tuple(logging.getLevelName(n) for n in (10, 20, 30, 40, 50))


#: A value each kind refuses, and the words the one line must hold.
BAD_VALUES = {BOOL: ("maybe", "not True or False"), INT: ("2.5", "not a whole number"),
              FLOAT: ("abc", "not a number"), CHOICE: ("nonsense", "not one of"),
              URL: ("localhost:6379", "URL"), FILE: (None, None), FOLDER: (None, None), FOLDERS: (None, None),
              LIST: (None, None), TEXT: (None, None)}


@pytest.mark.parametrize("setting", SETTINGS.values(), ids=lambda s: s.name)
def test_each_setting_refuses_what_its_kind_cannot_take(setting):
    """One line naming the setting, what is wrong and what would be right (`give …`)."""
    bad = [BAD_VALUES[setting.kind]]
    if setting.low is not None:
        bad.append((str(setting.low - 1) if setting.kind == INT else str(setting.low - 0.5), "is less than"))
    if setting.above is not None:
        bad.append((str(setting.above), "is not above"))
    for value, words in bad:
        if value is None:
            continue
        with pytest.raises(ArgumentError) as refused:
            check_setting_values({setting.name: value}, project_settings())
        line = str(refused.value)
        assert line.startswith(f"-s {setting.name}={value}: ") and words in line and "; give " in line, line
        assert "\n" not in line


@pytest.mark.parametrize("setting", SETTINGS.values(), ids=lambda s: s.name)
def test_each_setting_takes_a_right_value_written_as_text(setting):
    first = setting.choices[-1] if setting.choices else ""
    right = {BOOL: "False", INT: str(int(max(setting.low or 0, (setting.above or -1) + 1))),
             FLOAT: str(max(setting.low or 0.0, (setting.above or -1) + 1.5)),
             CHOICE: first, URL: f"{setting.choices[:1] and setting.choices[0]}://127.0.0.1/0", TEXT: "x",
             LIST: "a,b", FILE: "run.json", FOLDER: "out", FOLDERS: "profiles"}[setting.kind]
    check_setting_values({setting.name: right}, project_settings())


@pytest.mark.parametrize("name, value", [("NEWSCRAWL_LIMIT", "2.5"), ("NEWSCRAWL_PROCESSES", "-7"),
                                         ("CONCURRENT_REQUESTS", "0"), ("DOWNLOAD_DELAY", "-1")])
def test_a_bad_value_from_the_projects_settings_is_caught_too(tmp_path, name, value):
    """Not only -s: the final settings are checked, whatever set them (scrapy.cfg, scrapyd, settings.py)."""
    settings = project_settings({"NEWSCRAWL_OUT": str(tmp_path)})
    settings.set(name, value, priority="project")
    with pytest.raises(ArgumentError, match=f"{name}={value}: "):
        check_run_settings(settings)


def test_an_unknown_scrapy_setting_is_checked_against_its_defaults_type():
    with pytest.raises(ArgumentError, match="HTTPCACHE_ENABLED=perhaps: must be True or False"):
        check_setting_values({"HTTPCACHE_ENABLED": "perhaps"}, project_settings())
    check_setting_values({"SOME_ADDON_SETTING": "anything"}, project_settings())  # an add-on's: passes


@pytest.mark.e2e
def test_a_crawl_enables_neither_telnet_nor_remote_control(tmp_path):
    result = run_cli("demo", "--out", str(tmp_path / "a"), "--limit", "1", "-v")  # -v: Scrapy's start-up log
    assert result.returncode == 0, result.stderr[-2000:]
    enabled = result.stderr.split("Enabled extensions:")[1].split("]")[0]
    assert "TelnetConsole" not in enabled and "RemoteControl" not in enabled
    assert "ProgressReporter" not in enabled, "no progress line when stderr is not a terminal"
    assert "RunReport" in enabled and "StateExtension" in enabled
    assert "Telnet console listening" not in result.stderr
