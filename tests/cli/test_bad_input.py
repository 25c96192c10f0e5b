"""Every user error: one line saying what is wrong and what would be right, exit 2, nothing written.

Each case runs the real command in a subprocess, in a scratch folder that
holds a file, a Jekyll and a Hugo archive (and, where the case needs one, a
read-only folder), and compares every path, byte and mtime there before and
after.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.preflight import check_run_settings
from newscrawl.runner import project_settings
from newscrawl.spiders.arguments import ArgumentError
from tests.helpers import REPO, missing_tool

# (name, command line with {tmp} for the scratch folder, what the one line must say)
NEWSCRAWL_CASES = [
    ("url-without-host", ["crawl", "http://", "--out", "{tmp}/out"], ["'http://'", "no host name", "https://"]),
    ("url-with-space", ["crawl", "http://www.example.cn/a b.html", "--out", "{tmp}/out"],
     ["cannot contain spaces", "%20"]),
    ("ftp-url", ["crawl", "ftp://www.example.cn/a.html", "--out", "{tmp}/out"],
     ["only http:// and https://", "ftp"]),
    ("url-without-scheme", ["crawl", "www.example.cn/a.html", "--out", "{tmp}/out"],
     ["needs http:// or https://", "https://www.example.cn/a.html"]),
    ("unknown-slug", ["crawl", "demoo", "--out", "{tmp}/out"],
     ["'demoo': no site profile", "did you mean yanshiribao", "known slugs: ", "jiangxiribao"]),
    ("name-not-slug", ["crawl", "江西日报", "--out", "{tmp}/out"], ["did you mean jiangxiribao"]),
    ("out-is-a-file", ["crawl", "yanshiribao", "--out", "{tmp}/afile"], ["--out", "is a file", "give a folder"]),
    ("out-under-a-file", ["crawl", "yanshiribao", "--out", "{tmp}/afile/out"], ["--out", "is a file"]),
    ("summary-parent-is-a-file", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--summary", "{tmp}/afile/run.json"],
     ["--summary", "afile is a file"]),
    ("summary-is-a-folder", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--summary", "{tmp}/jekyll"],
     ["--summary", "is a folder", "file name"]),
    ("jsonl-parent-is-a-file", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--jsonl", "{tmp}/afile/new.jsonl"],
     ["--jsonl", "afile is a file"]),
    ("base-url-without-scheme", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--base-url", "news.example.org"],
     ["--base-url 'news.example.org'", "https://news.example.org", "//news.example.org"]),
    ("since-after-until", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--since", "2024-05-10",
                           "--until", "2024-05-01"], ["--since 2024-05-10 is after --until 2024-05-01"]),
    ("date-with-since", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--date", "2024-05-10",
                         "--since", "2024-05-01"], ["--date", "cannot be combined with --since"]),
    ("bad-date", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--date", "2024-13-01"],
     ["--date: '2024-13-01' is not a date like"]),
    ("unknown-section", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--section", "体育"],
     ["--section '体育'", "要闻"]),
    ("section-of-urls", ["crawl", "https://www.example.cn/a.html", "--out", "{tmp}/out", "--section", "要闻"],
     ["--section '要闻'", "no sections"]),
    ("setting-of-wrong-type", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "DOWNLOAD_DELAY=abc"],
     ["-s DOWNLOAD_DELAY=abc", "is not a number", "give a number of 0 or more"]),
    ("boolean-setting", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "ROBOTSTXT_OBEY=maybe"],
     ["ROBOTSTXT_OBEY", "True or False"]),
    ("unknown-newscrawl-setting", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "NEWSCRAWL_FORMT=hugo"],
     ["NEWSCRAWL_FORMT", "did you mean NEWSCRAWL_FORMAT"]),
    ("malformed-setting", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "DOWNLOAD_DELAY"],
     ["expected NAME=VALUE"]),
    ("missing-profiles-dir", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--profiles-dir", "{tmp}/nowhere"],
     ["--profiles-dir", "nowhere", "does not exist"]),
    ("category-without-urls", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--category", "jx"],
     ["--category jx", "URLs"]),
    ("bad-time-zone", ["crawl", "https://www.example.cn/a.html", "--out", "{tmp}/out", "--timezone", "Mars/Olympus"],
     ["timezone", "Mars/Olympus", "Asia/Shanghai"]),
    ("bad-render-setting", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "NEWSCRAWL_RENDER=sometimes"],
     ["-s NEWSCRAWL_RENDER=sometimes", "not one of", "articles, listings, all, none"]),
    ("negative-limit", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--limit", "-1"],
     ["--limit", "must not be negative"]),
    ("hugo-into-jekyll", ["crawl", "yanshiribao", "--out", "{tmp}/jekyll", "--format", "hugo"],
     ["is a Jekyll archive", "--force-format"]),
    ("jekyll-into-hugo", ["crawl", "yanshiribao", "--out", "{tmp}/hugo"], ["is a Hugo archive", "--format hugo"]),
    ("demo-out-is-a-file", ["demo", "--out", "{tmp}/afile"], ["--out", "is a file"]),
    ("demo-window", ["demo", "--out", "{tmp}/out", "--since", "2024-05-20", "--until", "2024-05-14"],
     ["is after --until"]),
    ("demo-section", ["demo", "--out", "{tmp}/out", "--section", "体育"], ["--section '体育'"]),
    ("demo-format-switch", ["demo", "--out", "{tmp}/jekyll", "--format", "hugo"], ["is a Jekyll archive"]),
    ("prune-into-published-folder", ["archive", "prune", "--out", "{tmp}/jekyll", "--keep-days", "1",
                                     "--move-to", "old"], ["--move-to old", "jekyll", "_pruned"]),
    ("prune-into-jekyll-site", ["archive", "prune", "--out", "{tmp}/jekyll", "--keep-days", "1",
                                "--move-to", "_site"], ["--move-to _site"]),
    ("prune-into-hugo-content", ["archive", "prune", "--out", "{tmp}/hugo", "--keep-days", "1",
                                 "--move-to", "content/old"], ["--move-to content/old", "hugo"]),
    ("init-format-switch", ["archive", "init", "--out", "{tmp}/jekyll", "--format", "hugo"],
     ["is a Jekyll archive"]),
    ("sites-missing-dir", ["sites", "--profiles-dir", "{tmp}/nowhere"], ["--profiles-dir", "does not exist"]),
    ("check-unknown-slug", ["check", "jiangxiribo"], ["did you mean jiangxiribao"]),
    ("check-negative-limit", ["check", "yanshiribao", "--live", "--limit", "-1"], ["--limit", "negative"]),
    ("check-zero-limit", ["check", "yanshiribao", "--live", "--limit", "0"], ["--limit", "1 or more"]),
    ("check-bad-date", ["check", "yanshiribao", "--date", "2024-13-01"], ["--date: '2024-13-01'"]),
    ("init-bad-time-zone", ["archive", "init", "--out", "{tmp}/out", "--timezone", "Mars/Olympus"],
     ["--timezone", "Asia/Shanghai"]),
    ("prune-negative-days", ["archive", "prune", "--out", "{tmp}/jekyll", "--keep-days", "-1"],
     ["--keep-days", "0 or more"]),
    ("extract-unknown-site", ["extract", "{tmp}/afile", "--site", "demoo"], ["did you mean yanshiribao"]),
    ("extract-bad-url", ["extract", "ftp://www.example.cn/a.html"], ["only http:// and https://"]),
    # issue 18, case 8: every path argument under /proc and /sys, a file for a folder and the reverse
    ("out-under-proc", ["crawl", "yanshiribao", "--out", "/proc/x"], ["--out /proc/x", "cannot"]),
    ("out-is-proc", ["crawl", "yanshiribao", "--out", "/proc"], ["--out /proc", "cannot"]),
    ("out-under-sys", ["crawl", "yanshiribao", "--out", "/sys/x"], ["--out /sys/x", "cannot"]),
    ("summary-under-proc", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--summary", "/proc/run.json"],
     ["--summary /proc/run.json", "cannot"]),
    ("summary-is-a-device", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--summary", "/dev/null"],
     ["--summary /dev/null", "not a regular file"]),
    ("jsonl-under-sys", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--jsonl", "/sys/new.jsonl"],
     ["--jsonl /sys/new.jsonl", "cannot"]),
    ("jsonl-is-a-folder", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--jsonl", "{tmp}/jekyll"],
     ["--jsonl", "is a folder"]),
    ("state-under-proc", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "NEWSCRAWL_STATE=/proc/x/s.sqlite"],
     ["NEWSCRAWL_STATE", "cannot"]),
    ("log-file-under-proc", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "LOG_FILE=/proc/x.log"],
     ["LOG_FILE", "cannot"]),
    ("profiles-dir-is-a-file", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--profiles-dir", "{tmp}/afile"],
     ["--profiles-dir", "is a file"]),
    ("demo-out-under-proc", ["demo", "--out", "/proc/x"], ["--out /proc/x", "cannot"]),
    ("init-out-under-proc", ["archive", "init", "--out", "/proc/x"], ["--out /proc/x", "cannot"]),
    ("prune-move-to-under-proc", ["archive", "prune", "--out", "{tmp}/jekyll", "--keep-days", "1",
                                  "--move-to", "/proc/x"], ["--move-to /proc/x", "cannot"]),
    ("prune-move-to-a-file", ["archive", "prune", "--out", "{tmp}/jekyll", "--keep-days", "1",
                              "--move-to", "{tmp}/afile"], ["--move-to", "is a file"]),
    ("prune-state-under-proc", ["archive", "prune", "--out", "{tmp}/jekyll", "--keep-days", "1",
                                "-s", "NEWSCRAWL_STATE=/proc/x/s.sqlite"], ["NEWSCRAWL_STATE", "cannot"]),
    ("import-out-is-a-file", ["archive", "import", "--out", "{tmp}/afile"], ["--out", "is a file"]),
    ("extract-not-html", ["extract", "/etc/passwd"], ["/etc/passwd", "not an HTML page"]),
    ("extract-text-file", ["extract", "{tmp}/afile"], ["afile", "not an HTML page"]),
    ("extract-a-folder", ["extract", "{tmp}/jekyll"], ["jekyll", "is a folder"]),
    ("extract-missing-file", ["extract", "{tmp}/missing.html"], ["missing.html", "does not exist"]),
    ("extract-a-device", ["extract", "/dev/null"], ["/dev/null", "not a regular file"]),
    ("extract-a-feed", ["extract", "{tmp}/feed.xml"], ["feed.xml", "feed, not an article page"]),
    # every setting type: a whole number, a range, a choice, a URL
    ("limit-not-whole", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "NEWSCRAWL_LIMIT=2.5"],
     ["-s NEWSCRAWL_LIMIT=2.5", "whole number"]),
    ("processes-out-of-range", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "NEWSCRAWL_PROCESSES=-7"],
     ["-s NEWSCRAWL_PROCESSES=-7", "-1"]),
    ("concurrent-requests-zero", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "CONCURRENT_REQUESTS=0"],
     ["-s CONCURRENT_REQUESTS=0", "1 or more"]),
    ("concurrent-requests-not-whole", ["crawl", "yanshiribao", "--out", "{tmp}/out",
                                       "-s", "CONCURRENT_REQUESTS=2.5"], ["CONCURRENT_REQUESTS=2.5", "whole number"]),
    ("download-delay-negative", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "DOWNLOAD_DELAY=-1"],
     ["-s DOWNLOAD_DELAY=-1", "0 or more"]),
    ("log-level", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "LOG_LEVEL=LOUD"],
     ["-s LOG_LEVEL=LOUD", "DEBUG"]),
    ("mirrors-setting", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "NEWSCRAWL_MIRRORS=nonsense"],
     ["-s NEWSCRAWL_MIRRORS", "PUBLIC=LOCAL"]),
    ("redis-url", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "NEWSCRAWL_REDIS=localhost:6379"],
     ["NEWSCRAWL_REDIS", "redis://"]),
    ("worker-processes", ["worker", "--redis", "redis://127.0.0.1:1/0", "-s", "NEWSCRAWL_PROCESSES=-7"],
     ["NEWSCRAWL_PROCESSES=-7"]),
    ("worker-summary-under-proc", ["worker", "--redis", "redis://127.0.0.1:1/0", "--summary", "/proc/w.json"],
     ["--summary /proc/w.json", "cannot"]),
    # every selection option against every mode: an e-paper's 版面 are checked too
    ("epaper-unknown-section", ["crawl", "jiangxiribao", "--out", "{tmp}/out", "--section", "不存在"],
     ["--section '不存在'", "要闻"]),
]
READ_ONLY_CASES = [
    ("out-read-only", ["crawl", "yanshiribao", "--out", "{tmp}/ro"], ["--out", "cannot write", "read-only"]),
    ("out-inside-read-only", ["crawl", "yanshiribao", "--out", "{tmp}/ro/archive"], ["--out", "cannot write"]),
    ("summary-read-only", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--summary", "{tmp}/ro/run.json"],
     ["--summary", "cannot write"]),
    ("demo-read-only", ["demo", "--out", "{tmp}/ro"], ["--out", "cannot write"]),
    ("jsonl-read-only", ["crawl", "yanshiribao", "--out", "{tmp}/out", "--jsonl", "{tmp}/ro/new.jsonl"],
     ["--jsonl", "cannot write"]),
    ("state-read-only", ["crawl", "yanshiribao", "--out", "{tmp}/out", "-s", "NEWSCRAWL_STATE={tmp}/ro/s.sqlite"],
     ["-s NEWSCRAWL_STATE", "cannot write"]),
    ("init-read-only", ["archive", "init", "--out", "{tmp}/ro"], ["--out", "cannot write"]),
    ("prune-read-only", ["archive", "prune", "--out", "{tmp}/ro", "--keep-days", "1"], ["--out", "cannot write"]),
    ("prune-move-to-read-only", ["archive", "prune", "--out", "{tmp}/jekyll", "--keep-days", "1",
                                 "--move-to", "{tmp}/ro/old"], ["--move-to", "cannot write"]),
    ("import-read-only", ["archive", "import", "--out", "{tmp}/ro"], ["--out", "cannot write"]),
]
SCRAPY_CASES = [
    ("no-site", ["crawl", "news"], ["-a site=SLUG", "-a url=URL"]),
    ("unknown-site", ["crawl", "news", "-a", "site=demoo"], ["did you mean yanshiribao"]),
    ("unknown-argument", ["crawl", "news", "-a", "sit=yanshiribao"], ["sit: no such argument", "did you mean site"]),
    ("ftp-url", ["crawl", "news", "-a", "url=ftp://www.example.cn/a.html"], ["only http:// and https://"]),
    ("setting-of-wrong-type", ["crawl", "news", "-a", "site=yanshiribao", "-s", "DOWNLOAD_DELAY=abc"],
     ["-s DOWNLOAD_DELAY=abc", "a number"]),
    ("window", ["crawl", "news", "-a", "site=yanshiribao", "-a", "since=2024-05-10", "-a", "until=2024-05-01"],
     ["since 2024-05-10 is after until 2024-05-01"]),
    ("out-is-a-file", ["crawl", "news", "-a", "site=yanshiribao", "-s", "NEWSCRAWL_OUT={tmp}/afile"],
     ["NEWSCRAWL_OUT", "is a file"]),
    ("out-under-proc", ["crawl", "news", "-a", "site=yanshiribao", "-s", "NEWSCRAWL_OUT=/proc/x"],
     ["NEWSCRAWL_OUT", "/proc/x", "cannot"]),
    ("limit-not-whole", ["crawl", "news", "-a", "site=yanshiribao", "-s", "NEWSCRAWL_LIMIT=2.5"],
     ["NEWSCRAWL_LIMIT=2.5", "whole number"]),
    ("processes-out-of-range", ["crawl", "news", "-a", "site=yanshiribao", "-s", "NEWSCRAWL_PROCESSES=-7"],
     ["NEWSCRAWL_PROCESSES=-7"]),
    ("limit-argument-not-whole", ["crawl", "news", "-a", "site=yanshiribao", "-a", "limit=2.5"],
     ["limit", "whole number"]),
    ("epaper-unknown-section", ["crawl", "news", "-a", "site=jiangxiribao", "-a", "section=不存在"],
     ["section '不存在'", "要闻"]),
]


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """Return a folder holding a file, an empty folder, a Jekyll and a Hugo archive."""
    (tmp_path / "afile").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "ro").mkdir()
    for archive, config, posts in (("jekyll", "_config.yml", "_posts"), ("hugo", "config.toml", "content/posts")):
        (tmp_path / archive / posts).mkdir(parents=True)
        (tmp_path / archive / config).write_text("title: x\n" if archive == "jekyll" else 'title = "x"\n',
                                                 encoding="utf-8")
        (tmp_path / archive / posts / "2020-01-01-1.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    shutil.copy(REPO / "tests" / "sites" / "feeds" / "rss.xml", tmp_path / "feed.xml")
    return tmp_path


def tree(folder: Path) -> dict[str, tuple]:
    """Return every path under ``folder`` with its kind, bytes and mtime."""
    return {str(p.relative_to(folder)): (p.is_dir(), None if p.is_dir() else p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))}


def run(command: list[str], cwd: Path, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Run ``command`` (after ``prefix``) with this worktree's code and return it finished."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return subprocess.run([*prefix, sys.executable, "-m", *command], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


def assert_one_line_usage_error(result: subprocess.CompletedProcess, program: str, expected: list[str]) -> None:
    """Assert exit status 2, nothing on stdout, and one stderr line holding every expected part."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith(program), lines[0]
    for part in expected:
        assert part in lines[0], (part, lines[0])


def run_main(argv: list[str], capsys) -> subprocess.CompletedProcess:
    """Run the newscrawl command line in this process (user errors stop before any crawl)."""
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse's own errors
        status = exc.code
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(argv, status, captured.out, captured.err)


@pytest.mark.parametrize("name, command, expected", NEWSCRAWL_CASES, ids=[c[0] for c in NEWSCRAWL_CASES])
def test_newscrawl_user_error(scratch, monkeypatch, capsys, name, command, expected):
    monkeypatch.chdir(scratch)  # the default --out (data/) would land here
    before = tree(scratch)
    result = run_main([a.format(tmp=scratch) for a in command], capsys)
    assert_one_line_usage_error(result, "newscrawl", expected)
    assert tree(scratch) == before, "nothing may be written"


def test_a_log_file_may_be_a_device(scratch, monkeypatch):
    """LOG_FILE is appended to, not replaced: -s LOG_FILE=/dev/null passes the checks (--summary would not)."""
    monkeypatch.chdir(scratch)
    settings = project_settings({"NEWSCRAWL_OUT": str(scratch / "out"), "LOG_FILE": "/dev/null"})
    check_run_settings(settings)
    with pytest.raises(ArgumentError, match="not a regular file"):
        check_run_settings(settings, extra_files={"--summary": "/dev/null"})


def test_the_installed_command_reports_the_same_line(scratch):
    """The real entry point (a subprocess) prints the line and exits 2, as main() does."""
    result = run(["newscrawl", "crawl", "www.example.cn/a.html", "--out", str(scratch / "out")], cwd=scratch)
    assert_one_line_usage_error(result, "newscrawl: error:", ["needs http:// or https://"])
    assert not (scratch / "out").exists() and not (scratch / "data").exists()


def read_only_prefix(folder: Path) -> tuple[str, ...]:
    """Return the command prefix that runs a command with ``folder`` read-only for it.

    As root (who may write anywhere) the folder is bind-mounted read-only in a
    private mount namespace; otherwise its mode is enough. Skips when neither works.
    """
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return ()
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    prefix = ("unshare", "-m", "sh", "-c", script, str(folder))
    probe = shutil.which("unshare") and subprocess.run([*prefix, "touch", str(folder / "probe")],
                                                       capture_output=True, text=True)
    if not probe or probe.returncode == 0 or (folder / "probe").exists():
        missing_tool("cannot make a folder read-only for root here (unshare -m and mount are needed)")
    return prefix


@pytest.mark.parametrize("name, command, expected", READ_ONLY_CASES, ids=[c[0] for c in READ_ONLY_CASES])
def test_newscrawl_refuses_a_read_only_folder(scratch, name, command, expected):
    prefix = read_only_prefix(scratch / "ro")
    before = tree(scratch)
    result = run(["newscrawl", *(a.format(tmp=scratch) for a in command)], cwd=scratch, prefix=prefix)
    assert_one_line_usage_error(result, "newscrawl", expected)
    assert tree(scratch) == before, "nothing may be written"


@pytest.mark.parametrize("name, command, expected", SCRAPY_CASES, ids=[c[0] for c in SCRAPY_CASES])
def test_scrapy_crawl_news_user_error(scratch, name, command, expected):
    out = scratch / "out"
    before = tree(scratch)
    args = [a.format(tmp=scratch) for a in command]
    if not any(a.startswith("NEWSCRAWL_OUT=") for a in args):
        args += ["-s", f"NEWSCRAWL_OUT={out}"]
    result = run(["scrapy", *args], cwd=REPO)  # the project's scrapy.cfg
    assert_one_line_usage_error(result, "scrapy crawl news: error:", expected)
    assert "Traceback" not in result.stderr
    assert tree(scratch) == before, "nothing may be written"
