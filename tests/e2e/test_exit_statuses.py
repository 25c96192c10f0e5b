"""Every row of the README's exit-status table, for every crawl mode, under ``newscrawl crawl`` and ``scrapy crawl news``.

The table in the README is the single source: its statuses must be the
constants of ``newscrawl/exits.py``, and each row is produced here for the
listing, e-paper, feed, sitemap, API, urls and one-off modes against the
local test sites, through both entry points (scrapyd runs the second):

- 0: a crawl that finishes; 4: the same crawl again with nothing new, asked
  to say so;
- 1: the site is unreachable (no start page answers), and, separately, no
  post can be written (``_posts`` is a file);
- 2: a bad argument (an impossible date);
- 3: another run holds the archive's lock.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from newscrawl import exits
from newscrawl.demo.server import serve
from newscrawl.state import RunLock
from tests.helpers import REPO, run_cli
from tests.modes.conftest import LOCAL_PROFILES, PROFILE_SITES, materialise

pytestmark = pytest.mark.e2e

#: mode -> (profile slug, or None for a one-off URL; extra spider arguments)
MODES = {
    "listing": ("jiangnanwang", {}),
    "epaper": ("jiangnanribao", {"date": "2023-05-19"}),
    "feed": ("feedtest", {}),
    "sitemap": ("sitemaptest", {}),
    "api": ("meitiku", {}),
    "urls": ("urlstest", {}),
    "one-off": (None, {}),
}
URLS_PROFILE = {"name": "网址测试", "slug": "urlstest", "timezone": "Asia/Shanghai",
                "urls": {"urls": ["system/2023/05/17/2002.shtml", "system/2023/05/19/2001.shtml"]}}
ONE_OFF_PAGE = "listing/system/2023/05/17/2002.shtml"


def readme_statuses() -> dict[int, str]:
    """Return the README's exit-status table: status -> meaning."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("### Exit status", 1)[1].split("\n\n", 2)[1]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^\| (\d) \| (.+) \|$", table, re.M)}


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Sites:
    """The local test sites: their profiles as served, and the same profiles pointing at a closed port."""

    base_url: str
    up: Path
    down: Path
    down_url: str


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Sites:
    root = tmp_path_factory.mktemp("sites")
    up, down = tmp_path_factory.mktemp("up"), tmp_path_factory.mktemp("down")
    dead = f"http://127.0.0.1:{closed_port()}/"
    with serve(root) as server:
        for slug, site in PROFILE_SITES.items():
            materialise(site, root / site, f"{server.base_url}{site}/")
            text = (LOCAL_PROFILES / f"{slug}.yaml").read_text(encoding="utf-8")
            (up / f"{slug}.yaml").write_text(text.replace("{base}", f"{server.base_url}{site}/"), encoding="utf-8")
            (down / f"{slug}.yaml").write_text(text.replace("{base}", f"{dead}{site}/"), encoding="utf-8")
        for folder, base in ((up, f"{server.base_url}listing/"), (down, f"{dead}listing/")):
            (folder / "urlstest.yaml").write_text(yaml.safe_dump({**URLS_PROFILE, "base_url": base},
                                                                 allow_unicode=True), encoding="utf-8")
        yield Sites(server.base_url, up, down, dead)


class Entry:
    """One way to start a crawl, and how it says each option."""

    name = ""

    def run(self, mode: str, sites: Sites, out: Path, *, down: bool = False, nothing_new: bool = False,
            bad: bool = False) -> subprocess.CompletedProcess:
        slug, extra = MODES[mode]
        arguments = dict(extra)
        if bad:
            arguments["date"] = "2023-02-30"
        base = sites.down_url if down else sites.base_url
        target = slug or f"{base}{ONE_OFF_PAGE}"
        return self.start(target, slug is None, sites.down if down else sites.up, out, arguments, nothing_new)


class NewscrawlCrawl(Entry):
    name = "newscrawl crawl"

    def start(self, target, is_url, profiles, out, arguments, nothing_new):
        options = [f"--{name}={value}" for name, value in arguments.items()]
        return run_cli("crawl", target, "--out", str(out), "--profiles-dir", str(profiles), *options,
                       *(["--exit-nothing-new"] if nothing_new else []), "-s", "AUTOTHROTTLE_ENABLED=False",
                       "-s", "RETRY_TIMES=0")


class ScrapyCrawl(Entry):
    name = "scrapy crawl news"

    def start(self, target, is_url, profiles, out, arguments, nothing_new):
        spider_args = [f"{'url' if is_url else 'site'}={target}", *(f"{k}={v}" for k, v in arguments.items())]
        settings = {"NEWSCRAWL_OUT": out, "NEWSCRAWL_PROFILE_DIRS": profiles, "AUTOTHROTTLE_ENABLED": False,
                    "RETRY_TIMES": 0, "NEWSCRAWL_EXIT_NOTHING_NEW": nothing_new, "LOG_LEVEL": "WARNING"}
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        env.pop("SCRAPY_SETTINGS_MODULE", None)
        command = [sys.executable, "-m", "scrapy", "crawl", "news",
                   *(f"-a{a}" for a in spider_args), *(f"-s{k}={v}" for k, v in settings.items())]
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120, env=env)


ENTRIES = [NewscrawlCrawl(), ScrapyCrawl()]


def test_the_readme_table_is_the_table_in_the_code():
    table = readme_statuses()
    constants = {value for name, value in vars(exits).items() if name.startswith("EXIT_")}
    assert set(table) == constants == {0, 1, 2, 3, 4}, table


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name.replace(" ", "-"))
@pytest.mark.parametrize("mode", list(MODES))
def test_every_row_of_the_exit_status_table(sites, tmp_path, mode, entry):
    seen = {}

    def expect(status: int, result) -> None:
        assert result.returncode == status, f"{entry.name}, {mode}: expected {status}\n{result.stderr[-3000:]}"
        seen[status] = True

    out = tmp_path / "archive"
    expect(exits.EXIT_USAGE, entry.run(mode, sites, out, bad=True))
    assert not out.exists()  # a user error writes nothing
    with RunLock.for_archive(out):
        expect(exits.EXIT_LOCKED, entry.run(mode, sites, out))
    assert not (out / "_posts").exists()
    expect(exits.EXIT_FAILED, entry.run(mode, sites, tmp_path / "down", down=True))
    assert not list((tmp_path / "down").glob("_posts/*.md"))

    unwritable = tmp_path / "unwritable"
    unwritable.mkdir()
    (unwritable / "_posts").write_text("a file where the posts folder should be\n", encoding="utf-8")
    expect(exits.EXIT_FAILED, entry.run(mode, sites, unwritable))

    expect(exits.EXIT_OK, entry.run(mode, sites, out, nothing_new=True))
    assert list(out.glob("_posts/*.md"))
    expect(exits.EXIT_NOTHING_NEW, entry.run(mode, sites, out, nothing_new=True))
    assert set(seen) == set(readme_statuses())
