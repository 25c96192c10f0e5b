"""End to end: deploy newscrawl to a real scrapyd and run a scheduled crawl job there.

A scrapyd daemon is started on 127.0.0.1 at a free port in a temporary
folder; the project is deployed with ``scrapyd-deploy`` and the ``[deploy:local]``
target of ``scrapy.cfg`` (pointed at that port); one ``news`` job crawls a
fixture newspaper served locally and the test reads the posts it wrote.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from newscrawl.demo.server import serve
from newscrawl.state import RunLock
from tests.e2e.sitegen import FixtureSite, story
from tests.helpers import REPO, need_tool, read_post

pytestmark = pytest.mark.e2e

SLUG = "ceshiribao"
PROJECT = "newscrawl"
START_TIMEOUT = 30  # seconds for scrapyd to answer
JOB_TIMEOUT = 90  # seconds for one job to finish
# What the deploy copies: the importable packages and what the build reads.
PROJECT_FILES = ("newscrawl", "pipelines", "scrapy.cfg", "pyproject.toml", "README.md")


@pytest.fixture(scope="module", autouse=True)
def scrapyd_installed() -> None:
    """Skip (or fail under NEWSCRAWL_REQUIRE_TOOLS=1) without scrapyd and scrapyd-client."""
    for command in ("scrapyd", "scrapyd-deploy"):
        need_tool(command, "pip install -r requirements-dev.txt")


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def call(base: str, endpoint: str, params: list[tuple[str, str]] | None = None) -> dict:
    """Call a scrapyd JSON endpoint (POST when ``params`` are given) and return its answer."""
    data = urllib.parse.urlencode(params).encode() if params is not None else None
    with urllib.request.urlopen(base + endpoint, data=data, timeout=10) as answer:
        return json.loads(answer.read().decode("utf-8"))


class Scrapyd:
    """A scrapyd daemon running in its own folder, stopped by :meth:`stop`."""

    def __init__(self, home: Path):
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        home.mkdir(parents=True, exist_ok=True)
        (home / "scrapyd.conf").write_text("\n".join([
            "[scrapyd]",
            "bind_address = 127.0.0.1",
            f"http_port = {self.port}",
            f"eggs_dir = {home / 'eggs'}",
            f"logs_dir = {home / 'logs'}",
            f"dbs_dir = {home / 'dbs'}",
            "items_dir =",
            "poll_interval = 0.2",
            "max_proc = 2",
            "",
        ]), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "SCRAPY_SETTINGS_MODULE")}
        self.log = open(home / "scrapyd.out", "wb")
        # scrapyd reads ./scrapyd.conf; its jobs run in this folder, not in the repository.
        self.process = subprocess.Popen([shutil.which("scrapyd")], cwd=home, env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self) -> None:
        """Wait until the daemon answers daemonstatus.json; fail with its output if it does not."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if call(self.url, "daemonstatus.json")["status"] == "ok":
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        pytest.fail(f"scrapyd did not start:\n{self.output()}")

    def output(self) -> str:
        """Return what the daemon printed so far."""
        self.log.flush()
        return (self.home / "scrapyd.out").read_text(encoding="utf-8", errors="replace")[-4000:]

    def job_log(self, job: str) -> str:
        """Return the end of a job's log file (empty when there is none)."""
        path = self.home / "logs" / PROJECT / "news" / f"{job}.log"
        return path.read_text(encoding="utf-8", errors="replace")[-4000:] if path.exists() else ""

    def wait_finished(self, job: str) -> None:
        """Wait (bounded) until ``job`` is listed as finished."""
        deadline = time.monotonic() + JOB_TIMEOUT
        while time.monotonic() < deadline:
            jobs = call(self.url, f"listjobs.json?project={PROJECT}")
            if any(j["id"] == job for j in jobs.get("finished", [])):
                return
            time.sleep(0.3)
        pytest.fail(f"job {job} did not finish in {JOB_TIMEOUT} s:\n{self.job_log(job)}")

    def stop(self) -> None:
        """Stop the daemon (and so its jobs) and close its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory) -> Path:
    """Return a copy of the project whose ``[deploy:local]`` target is left as it is in the repo."""
    folder = tmp_path_factory.mktemp("build") / "newscrawl"
    folder.mkdir()
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, folder / name)
    return folder


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory, build_dir):
    """Start scrapyd, deploy the project to it with scrapyd-deploy, and yield the daemon."""
    daemon = Scrapyd(tmp_path_factory.mktemp("scrapyd"))
    try:
        daemon.wait_ready()
        config = configparser.ConfigParser()
        config.read(build_dir / "scrapy.cfg")
        assert config["deploy:local"]["project"] == PROJECT
        assert config["deploy:local"]["url"] == "http://127.0.0.1:6800/"
        # Same target, this daemon's port.
        config["deploy:local"]["url"] = daemon.url
        with open(build_dir / "scrapy.cfg", "w", encoding="utf-8") as handle:
            config.write(handle)
        env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
        deployed = subprocess.run(["scrapyd-deploy", "local", "--version", "r1"], cwd=build_dir, env=env,
                                  capture_output=True, text=True, timeout=180)
        assert deployed.returncode == 0, deployed.stdout + deployed.stderr
        assert '"status": "ok"' in deployed.stdout, deployed.stdout + deployed.stderr
        yield daemon
    finally:
        daemon.stop()


def fixture_paper(tmp: Path) -> tuple[FixtureSite, Path]:
    """Return a fixture site with three articles, and its profile folder."""
    site = FixtureSite(tmp / "site")
    for n in range(1, 4):
        site.add_article(f"第{n}条：全省重点项目集中开工", story(n), published=f"2024-05-{n + 10} 09:30")
    site.write()
    profiles = tmp / "profiles"
    site.profile(profiles)
    return site, profiles


def schedule(daemon: Scrapyd, base_url: str, out: Path, profiles: Path) -> str:
    """Schedule one ``news`` job crawling the fixture paper into ``out``; return its id."""
    params = [
        ("project", PROJECT), ("spider", "news"), ("site", SLUG),
        ("setting", f"NEWSCRAWL_OUT={out}"),
        ("setting", f"NEWSCRAWL_BASE_URL_OVERRIDE={base_url}"),
        ("setting", f"NEWSCRAWL_PROFILE_DIRS={profiles}"),
        ("setting", "AUTOTHROTTLE_ENABLED=False"),
    ]
    answer = call(daemon.url, "schedule.json", params)
    assert answer["status"] == "ok", answer
    return answer["jobid"]


def test_deployed_egg_names_the_scrapy_settings(scrapyd):
    versions = call(scrapyd.url, f"listversions.json?project={PROJECT}")
    assert versions["versions"] == ["r1"]
    [egg] = list((scrapyd.home / "eggs" / PROJECT).glob("*.egg"))
    with zipfile.ZipFile(egg) as archive:
        entry_points = archive.read("EGG-INFO/entry_points.txt").decode("utf-8")
        names = archive.namelist()
    parser = configparser.ConfigParser()
    parser.read_string(entry_points)
    # scrapyd's runner finds the project's settings through this entry point.
    assert parser.has_section("scrapy"), entry_points
    assert parser["scrapy"]["settings"].strip() == "newscrawl.settings"
    assert "newscrawl/archive/skeletons/jekyll/_layouts/post.html" in names
    assert "newscrawl/spiders/news.py" in names


def test_scrapyd_lists_the_news_spider(scrapyd):
    answer = call(scrapyd.url, f"listspiders.json?project={PROJECT}")
    assert answer["status"] == "ok", answer
    assert "news" in answer["spiders"]


def test_scheduled_job_writes_the_posts(scrapyd, tmp_path):
    site, profiles = fixture_paper(tmp_path)
    out = tmp_path / "archive"
    with serve(site.root) as server:
        job = schedule(scrapyd, server.base_url, out, profiles)
        scrapyd.wait_finished(job)
    log = scrapyd.job_log(job)
    posts = sorted(p.name for p in (out / "_posts").glob("*.md")) if (out / "_posts").exists() else []
    assert posts == ["2024-05-11-1001.md", "2024-05-12-1002.md", "2024-05-13-1003.md"], log
    front, body = read_post(out / "_posts" / "2024-05-12-1002.md")
    assert front["title"] == "第2条：全省重点项目集中开工"
    assert str(front["date"]) == "2024-05-12 09:30:00 +0800"
    assert front["original_url"] == "http://paper.example/news/2024/05/1002.html"
    assert story(2)[1] in body
    assert "'finish_reason': 'finished'" in log
    assert (out / "_config.yml").is_file() and (out / ".newscrawl" / "state.sqlite").is_file()


def test_scheduled_job_respects_the_archive_lock(scrapyd, tmp_path):
    """A job must not write into an archive another run holds, as the CLI refuses to."""
    site, profiles = fixture_paper(tmp_path)
    out = tmp_path / "archive"
    with RunLock.for_archive(out), serve(site.root) as server:
        job = schedule(scrapyd, server.base_url, out, profiles)
        scrapyd.wait_finished(job)
    assert not list(out.glob("_posts/*.md")), scrapyd.job_log(job)
    # The job's process ends with the lock's status, as the newscrawl command does (README: 3).
    died = [line for line in scrapyd.output().splitlines() if job in line and "Process died" in line]
    assert died and "exitstatus=3" in died[0], scrapyd.output()
    assert "another newscrawl run is already writing" in scrapyd.job_log(job) + scrapyd.output()
