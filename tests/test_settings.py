"""Polite, quiet defaults: robots.txt, AutoThrottle, a real User-Agent, no listening ports."""

from __future__ import annotations

import re

import pytest

from newscrawl.runner import project_settings
from tests.helpers import run_cli


def test_polite_defaults():
    settings = project_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert re.match(r"newscrawl/\d+\.\d+\.\d+ \(\+https?://", settings.get("USER_AGENT"))
    assert settings.get("FEED_EXPORT_ENCODING") == "utf-8"
    assert not settings.getbool("TELNETCONSOLE_ENABLED")
    assert not settings.getbool("REMOTE_CONTROL_ENABLED")


def test_every_project_setting_is_documented_in_settings_py():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "newscrawl" / "settings.py").read_text(encoding="utf-8")
    names = re.findall(r"^(NEWSCRAWL_\w+) =", text, re.M)
    assert len(names) >= 10
    for name in names:
        before = text.split(f"\n{name} =")[0].rstrip().splitlines()[-1]
        assert before.startswith("#"), f"{name} has no comment above it"


@pytest.mark.e2e
def test_a_crawl_enables_neither_telnet_nor_remote_control(tmp_path):
    result = run_cli("demo", "--out", str(tmp_path / "a"), "--limit", "1", "-v")  # -v: Scrapy's start-up log
    assert result.returncode == 0, result.stderr[-2000:]
    enabled = result.stderr.split("Enabled extensions:")[1].split("]")[0]
    assert "TelnetConsole" not in enabled and "RemoteControl" not in enabled
    assert "ProgressReporter" not in enabled, "no progress line when stderr is not a terminal"
    assert "RunReport" in enabled and "StateExtension" in enabled
    assert "Telnet console listening" not in result.stderr
