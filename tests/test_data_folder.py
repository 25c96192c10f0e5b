"""data/ — the archive's default folder — is in every clone, and what newscrawl writes there is not.

The folder is kept by a dotfile (data/.keep) that git tracks while ignoring the
rest of data/; an archive written into the folder as a clone has it builds
with Jekyll and Hugo, neither of which publishes the dotfile.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO, missing_tool, need_tool, run_cli

KEEP = "data/.keep"


def git(*args: str) -> subprocess.CompletedProcess:
    need_tool("git")
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=60)


def test_a_clone_has_data_and_only_its_dotfile_is_tracked():
    if git("rev-parse", "--is-inside-work-tree").stdout.strip() != "true":
        missing_tool("not a git checkout")  # an unpacked release has data/ from its archive
    assert git("ls-files", "data").stdout.split() == [KEEP]
    assert git("check-ignore", "-q", KEEP).returncode == 1  # tracked, not ignored
    for generated in ("data/_posts/2024-05-20-1001.md", "data/_config.yml", "data/.newscrawl/state.sqlite",
                      "data/category/yanshiribao.html", "data/content/posts/2024-05-20-1001.md"):
        assert git("check-ignore", "-q", generated).returncode == 0, generated
    assert (REPO / KEEP).is_file()


@pytest.mark.e2e
@pytest.mark.parametrize("fmt, build, output", [
    pytest.param("jekyll", ["jekyll", "build"], "_site", marks=pytest.mark.jekyll),
    pytest.param("hugo", ["hugo"], "public", marks=pytest.mark.hugo),
])
def test_an_archive_written_into_the_kept_folder_builds_without_the_dotfile(tmp_path, fmt, build, output):
    need_tool(build[0])
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(REPO / KEEP, data / ".keep")
    result = run_cli("demo", "--format", fmt, "--limit", "3", cwd=tmp_path)  # --out's default: data/
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(list(data.rglob("2024-*.md"))) == 3
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    done = subprocess.run(build, cwd=data, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not list(Path(data / output).rglob(".keep"))
