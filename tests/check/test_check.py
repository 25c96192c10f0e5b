"""`newscrawl check`: every shipped profile passes offline; --live reports field by field."""

from __future__ import annotations

from pathlib import Path

import pytest

from newscrawl.demo.server import serve
from newscrawl.modes.config import mode_config
from newscrawl.profiles import load_profiles
from tests.helpers import run_cli

SHIPPED = sorted(load_profiles())


@pytest.mark.parametrize("slug", SHIPPED)
def test_every_shipped_profile_passes_its_offline_check(slug):
    result = run_cli("check", slug)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("OK")
    profile = load_profiles()[slug]
    bodies = "api" in profile.modes and all(f.record_body for f in mode_config(profile, "api").feeds)
    assert " ok   article " in result.stdout or " ok   api_detail " in result.stdout or \
        (bodies and " ok   api_list " in result.stdout), \
        "each profile's saved pages include an article page (an api profile: a detail response, or a list " \
        "whose records hold their bodies)"


def test_sites_lists_the_real_profiles_with_their_verification_state():
    rows = {line.split("\t")[0]: line.split("\t") for line in run_cli("sites").stdout.splitlines()}
    for slug in ("jiangxiribao", "jxnews", "renminribao", "xinhuanet"):
        assert rows[slug][3] == "unverified", rows[slug]
    assert rows["yanshiribao"][3] == "verified"
    assert "epaper" in rows["jiangxiribao"][2]


def test_live_check_reports_each_field_of_each_article():
    with serve() as server:
        result = run_cli("check", "yanshiribao", "--live", "--base-url", server.base_url, "--limit", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "listing " in out and "5 article links" in out
    assert out.count("  article ") == 2
    assert "    title      演州市召开2024年优化营商环境推进会" in out
    assert "    published  2024-05-20T09:30:00+08:00" in out
    assert out.rstrip().endswith("OK")


def test_live_check_says_what_came_out_empty(tmp_path: Path):
    profile = (Path(__file__).resolve().parents[2] / "newscrawl/profiles/sites/demo.yaml").read_text(encoding="utf-8")
    # An article rule that the site's links no longer match: nothing to try.
    (tmp_path / "broken.yaml").write_text(
        profile.replace("slug: yanshiribao", "slug: broken").replace("content_\\d+\\.html$", "story-\\d+$"),
        encoding="utf-8")
    with serve() as server:
        result = run_cli("check", "broken", "--live", "--base-url", server.base_url, "--limit", "1",
                         "--profiles-dir", str(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "PROBLEM listing: no article links found" in result.stdout
    assert "0 article links" in result.stdout
    assert result.stdout.rstrip().endswith("PROBLEMS")


def test_offline_check_without_saved_pages_is_a_problem(tmp_path: Path):
    profile = (Path(__file__).resolve().parents[2] / "newscrawl/profiles/sites/demo.yaml").read_text(encoding="utf-8")
    (tmp_path / "nopages.yaml").write_text(profile.replace("slug: yanshiribao", "slug: nopages"),
                                           encoding="utf-8")
    result = run_cli("check", "nopages", "--profiles-dir", str(tmp_path))
    assert result.returncode == 1
    assert "saved pages: none" in result.stdout
