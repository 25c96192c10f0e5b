"""Archive guards, checked with real builds: sub-path links, pruned posts and READMEs unpublished, format switches."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newscrawl.demo.data import load_demo
from tests.helpers import need_tool, run_cli

pytestmark = pytest.mark.e2e

BUILDS = {"jekyll": (["jekyll", "build", "--quiet"], "_site"), "hugo": (["hugo", "--quiet"], "public")}
SUB_PATH_BASE = "//news.example.org/archive"


def build(site: Path, fmt: str) -> Path:
    """Run the generator in ``site`` (skipping when it is not installed); return its output folder."""
    command, output = BUILDS[fmt]
    need_tool(command[0])
    done = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return site / output


@pytest.fixture(scope="module", params=[pytest.param("jekyll", marks=pytest.mark.jekyll),
                                        pytest.param("hugo", marks=pytest.mark.hugo)])
def demo_archive(request, tmp_path_factory) -> tuple[str, Path]:
    """Return (format, archive) of a demo crawl published under a sub-path."""
    out = tmp_path_factory.mktemp(f"guards-{request.param}") / "archive"
    result = run_cli("demo", "--out", str(out), "--format", request.param, "--base-url", SUB_PATH_BASE)
    assert result.returncode == 0, result.stderr[-2000:]
    return request.param, out


def test_layout_links_stay_under_the_base_url_path(demo_archive, tmp_path):
    fmt, out = demo_archive
    site = tmp_path / "site"
    shutil.copytree(out, site)
    built = build(site, fmt)
    index = (built / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(/[^"]*)"', index)
    assert len(links) >= len(load_demo().articles), links
    assert all(link.startswith("/archive/") for link in links), [x for x in links if not x.startswith("/archive/")]
    # each link, less the sub-path, is a page the build wrote
    for link in links:
        target = built / link[len("/archive/"):]
        assert target.is_file() or (target / "index.html").is_file(), link


def test_pruned_posts_are_moved_inside_the_archive_and_not_published(demo_archive, tmp_path):
    fmt, out = demo_archive
    site = tmp_path / "site"
    shutil.copytree(out, site)
    (site / "README.md").write_text("# my archive\n", encoding="utf-8")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    folder = "_pruned" if fmt == "jekyll" else "pruned"
    result = run_cli("archive", "prune", "--out", str(site), "--keep-days", "0", "--move-to", folder, cwd=cwd)
    assert result.returncode == 0, result.stderr
    posts = "_posts" if fmt == "jekyll" else "content/posts"
    moved = sorted((site / folder / posts).glob("*.md"))
    assert len(moved) == len(load_demo().articles)
    assert list(cwd.iterdir()) == [], "--move-to is relative to --out, not the working folder"
    built = build(site, fmt)
    published = [p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()]
    assert not [p for p in published if re.search(r"/\d{4}/\d{2}/\d{2}/", f"/{p}")], published
    assert not [p for p in published if "pruned" in p or p.lower().startswith("readme")], published


def test_format_switch_is_done_when_forced(tmp_path):
    out = tmp_path / "archive"
    assert run_cli("demo", "--out", str(out), "--limit", "1").returncode == 0
    refused = run_cli("demo", "--out", str(out), "--limit", "1", "--format", "hugo")
    assert refused.returncode == 2 and "--force-format" in refused.stderr
    assert not (out / "content").exists() and not (out / "config.toml").exists()
    forced = run_cli("demo", "--out", str(out), "--limit", "1", "--format", "hugo", "--force-format")
    assert forced.returncode == 0, forced.stderr
    assert (out / "config.toml").is_file() and list((out / "content" / "posts").glob("*.md"))
