"""On a terminal the crawl draws a live progress line; piped, it logs plain lines."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys

import pytest

from tests.helpers import REPO, run_cli

pytestmark = pytest.mark.e2e


def test_terminal_gets_a_progress_line_and_a_summary(tmp_path):
    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "newscrawl", "demo", "--out", str(tmp_path / "a")],
                            cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=terminal, env=env)
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "\r\x1b[2K" in screen, "the line is redrawn in place"
    assert re.search(r"pages \d+ · posts 32 · drops 0 · errors 0 · [\d.]+ pages/s", screen)
    assert "32 created" in screen
    assert "[scrapy" not in screen, "no log lines under the progress line"


def test_pipe_gets_plain_log_lines_and_no_progress_line(tmp_path):
    result = run_cli("demo", "--out", str(tmp_path / "a"))
    assert result.returncode == 0
    assert "\x1b[" not in result.stderr and "pages/s" not in result.stderr
    assert "[scrapy.core.engine] INFO: Spider closed (finished)" in result.stderr
    assert "32 created" in result.stderr
