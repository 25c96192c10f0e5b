"""End to end: the pool's worker processes import the crawl's own newscrawl, and one that dies fails the run.

A crawl run from a folder that holds another ``newscrawl`` (the clone of the
project, named as it is) must still write its posts; a worker killed while it
holds pages fails those pages and the run, with one line, and never hangs it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.demo.data import load_demo
from newscrawl.demo.server import serve
from tests.e2e.paper import SLUG, make_paper
from tests.e2e.sitegen import story
from tests.helpers import REPO

pytestmark = pytest.mark.e2e

PATIENCE = 120  # seconds: a crawl still running then is taken to hang

# What pip's console script for `newscrawl` does: its own folder, not the working one, starts sys.path.
CONSOLE_SCRIPT = """import sys
from newscrawl.cli import main
if __name__ == "__main__":
    sys.exit(main())
"""
# What an editable install (pip install -e) does: a finder after the path finder, so that
# a `newscrawl` on sys.path (even a folder without __init__.py) is found before it.
EDITABLE_INSTALL = f"""import sys
from importlib.machinery import PathFinder

class EditableFinder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name in ("newscrawl", "pipelines"):
            return PathFinder.find_spec(name, [{str(REPO)!r}])
        return None

sys.meta_path.insert(sys.meta_path.index(PathFinder) + 1, EditableFinder)
"""


def installed_newscrawl(tmp_path: Path) -> tuple[list[str], dict[str, str]]:
    """Return the command and environment of a `newscrawl` installed as pip installs it (editable)."""
    script, site = tmp_path / "bin" / "newscrawl", tmp_path / "site"
    script.parent.mkdir()
    site.mkdir()
    script.write_text(CONSOLE_SCRIPT)
    (site / "sitecustomize.py").write_text(EDITABLE_INSTALL)
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return [sys.executable, str(script)], env


@pytest.mark.parametrize("decoy", ["clone", "package"])
def test_a_crawl_from_a_folder_holding_another_newscrawl_writes_its_posts(tmp_path, decoy):
    # "clone": the project cloned into newscrawl/, run from the folder above (no __init__.py there);
    # "package": any folder with a newscrawl/__init__.py in it.
    here = tmp_path / "work"
    (here / "newscrawl").mkdir(parents=True)
    if decoy == "clone":
        (here / "newscrawl" / "pyproject.toml").write_text("[project]\nname = 'newscrawl'\n")
    else:
        (here / "newscrawl" / "__init__.py").write_text('"""Another package of the same name."""\n')
    command, env = installed_newscrawl(tmp_path)
    try:
        result = subprocess.run([*command, "demo", "--out", str(tmp_path / "archive")], cwd=here, env=env,
                                capture_output=True, text=True, timeout=PATIENCE)
    except subprocess.TimeoutExpired as hung:
        pytest.fail(f"the crawl still ran after {PATIENCE} s:\n{(hung.stderr or b'')[-3000:]}")
    assert result.returncode == 0, result.stderr[-3000:]
    posts = list((tmp_path / "archive" / "_posts").glob("*.md"))
    assert len(posts) == len(load_demo().articles)


# A sitecustomize for the fork server (started as `python -c …`), and so for every worker it forks:
# the workers' own module cannot be imported, as when the package is replaced while a crawl runs.
UNIMPORTABLE = """import sys
if sys.argv[:1] == ["-c"]:
    class Refuse:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name == "newscrawl.extensions.workers":
                raise ImportError("newscrawl was replaced while the crawl ran")
            return None
    sys.meta_path.insert(0, Refuse)
"""


def test_workers_that_cannot_import_newscrawl_fail_the_run_with_one_line(tmp_path):
    paper = make_paper(tmp_path)
    for n in range(30):
        paper.site.add_article(f"第{n}条：全省重点工作推进会召开", story(n))
    paper.site.write()
    site = tmp_path / "sitecustomize"
    site.mkdir()
    (site / "sitecustomize.py").write_text(UNIMPORTABLE)
    try:
        result, outcomes = paper.crawl(env={"PYTHONPATH": os.pathsep.join([str(REPO), str(site)])},
                                       timeout=PATIENCE)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the crawl still ran after {PATIENCE} s")
    assert result.returncode == 1, result.stderr[-3000:]
    assert re.search(r"FAILED: the crawl stopped: the worker process newscrawl-extract-\d ended \(exit code 1",
                     result.stderr), result.stderr[-3000:]
    assert "newscrawl was replaced while the crawl ran" in result.stderr  # the worker's own words, in the log
    assert not outcomes["created"] and not list(paper.out.glob("_posts/*.md"))
    assert all(entry["reason"] for entry in outcomes["failed"])


class Requests(logging.Handler):
    """Count the article pages the test server answered (its log lines, at DEBUG)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.articles = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "GET /news/" in record.getMessage():
            self.articles += 1


def test_a_worker_killed_while_it_holds_pages_fails_them_and_the_run(tmp_path):
    paper = make_paper(tmp_path)
    for n in range(30):
        paper.site.add_article(f"第{n}条：全省重点工作推进会召开", story(n))
    paper.site.write()
    summary = tmp_path / "summary.json"
    requests, server_log = Requests(), logging.getLogger("newscrawl.demo.server")
    server_log.addHandler(requests)
    level = server_log.level
    server_log.setLevel(logging.DEBUG)  # setLevel: it clears the logger's cache of what is enabled
    try:
        with serve(paper.site.root) as server:
            crawl = subprocess.Popen(
                [sys.executable, "-m", "newscrawl", "crawl", SLUG, "--profiles-dir", str(paper.profiles),
                 "--out", str(paper.out), "--summary", str(summary), "-s", "NEWSCRAWL_PROCESSES=1",
                 "-s", f"NEWSCRAWL_BASE_URL_OVERRIDE={server.base_url}", "-s", "AUTOTHROTTLE_ENABLED=False"],
                cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, stderr=subprocess.PIPE, text=True)
            try:
                extractor = wait_for(lambda: only_worker(crawl.pid))
                os.kill(extractor, signal.SIGSTOP)  # it takes its jobs and answers none: they are in its hands
                wait_for(lambda: requests.articles >= 3)
                time.sleep(0.5)  # the pages fetched are sent to it
                os.kill(extractor, signal.SIGKILL)
                _, stderr = crawl.communicate(timeout=PATIENCE)
            except subprocess.TimeoutExpired:
                crawl.kill()
                pytest.fail(f"the crawl still ran {PATIENCE} s after its worker was killed")
            finally:
                crawl.kill()
    finally:
        server_log.removeHandler(requests)
        server_log.setLevel(level)
    assert crawl.returncode == 1, stderr[-3000:]
    assert "FAILED: the crawl stopped: the worker process newscrawl-extract-0 was killed (SIGKILL)" in stderr
    outcomes = json.loads(summary.read_text(encoding="utf-8"))
    assert not outcomes["created"] and outcomes["failed"]
    reasons = [entry["reason"] for entry in outcomes["failed"]]
    assert any("newscrawl-extract-0 was killed" in reason for reason in reasons), reasons  # the pages it held
    assert len({entry["url"] for entry in outcomes["failed"]}) == len(reasons)  # each page listed once


def wait_for(find, seconds: float = PATIENCE):
    """Return the first true value of ``find()``, asked every 50 ms; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"gave up waiting after {seconds} s")


def only_worker(pid: int) -> int | None:
    """Return the one worker process of the crawl ``pid`` (a child of its fork server), or None yet."""
    for child in children(pid):
        try:
            if b"multiprocessing.forkserver" in Path(f"/proc/{child}/cmdline").read_bytes():
                workers = children(child)
                return workers[0] if len(workers) == 1 else None
        except OSError:
            continue
    return None


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
