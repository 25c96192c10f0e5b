"""The real newspaper profiles: they load, say they are unverified, and read their saved pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from newscrawl.modes.config import mode_config
from newscrawl.modes.savedpages import check_saved_pages, load_manifest
from newscrawl.profiles.loader import BUILTIN_DIR, load_profile

REAL = ["jiangxiribao", "jxnews", "renminribao", "xinhuanet", "nanfangribao", "zhejiangribao",
        "hubeiribao", "chongqingribao", "hunanribao", "fujianribao"]
SAVED = BUILTIN_DIR.parent / "pages"


def saved_pages() -> list[tuple[str, str]]:
    """Return (slug, file) for every saved page of every real profile."""
    return [(slug, entry["file"]) for slug in REAL for entry in load_manifest(SAVED / slug)]


@pytest.mark.parametrize("slug", REAL)
def test_real_profile_loads_unverified_with_a_mode(slug):
    profile = load_profile(BUILTIN_DIR / f"{slug}.yaml")
    assert profile.slug == slug
    assert profile.verified is False
    assert str(profile.timezone) == "Asia/Shanghai"
    assert profile.label.endswith("新闻")
    assert profile.allowed_hosts and profile.base_url.startswith("https://")
    assert profile.modes
    for mode in profile.modes_config:
        assert mode_config(profile, mode) is not None


@pytest.mark.parametrize("slug, file", saved_pages())
def test_profile_reads_its_saved_page(slug, file):
    profile = load_profile(BUILTIN_DIR / f"{slug}.yaml")
    [check] = [c for c in check_saved_pages(profile, SAVED / slug) if c.file == file]
    assert check.problems == []


@pytest.mark.parametrize("slug", REAL)
def test_every_real_profile_has_a_page_and_an_article(slug):
    kinds = {entry["kind"] for entry in load_manifest(SAVED / slug)}
    assert "article" in kinds and kinds & {"epaper", "listing"}


def test_failed_expectations_are_reported(tmp_path):
    name = "epaper.jxxw.com.cn/html/2023-05/23/node_5452.htm"
    (tmp_path / "node_5452.htm").write_bytes((SAVED / "jiangxiribao" / name).read_bytes())
    (tmp_path / "check.yaml").write_text(
        "pages:\n- file: node_5452.htm\n  url: https://epaper.jxxw.com.cn/html/2023-05/23/node_5452.htm\n"
        "  kind: epaper\n  expect: {section: 要闻}\n", encoding="utf-8")
    [check] = check_saved_pages(load_profile(BUILTIN_DIR / "jiangxiribao.yaml"), tmp_path)
    assert not check.ok
    assert check.problems == ["section: found '综合新闻', want '要闻'"]


@pytest.mark.parametrize("slug", REAL)
def test_every_real_profile_names_its_evidence(slug):
    """Each profile says what public evidence it was checked against; its saved pages say it too."""
    record = load_profile(BUILTIN_DIR / f"{slug}.yaml").verification
    assert record is not None and record.evidence and record.checked
    assert all(e.source and e.shows and e.dated for e in record.evidence)
    manifest = yaml.safe_load((SAVED / slug / "check.yaml").read_text(encoding="utf-8"))
    assert manifest.get("evidence"), f"{slug}/check.yaml names no evidence"


@pytest.mark.parametrize("slug", REAL)
def test_saved_pages_sit_under_the_host_and_path_of_their_url(slug):
    """pages/<slug>/<host>/<path> mirrors the URL, so the pages can be served as the site."""
    for entry in load_manifest(SAVED / slug):
        parts = urlsplit(entry["url"])
        path = parts.path + ("index.html" if parts.path.endswith("/") else "")
        assert entry["file"] == parts.hostname + path, entry


@pytest.mark.parametrize("text, reason", [
    ("pages: []\n", "pages: missing"),
    ("pages:\n- file: a.htm\n", r"pages\[0\]: needs file, url and kind"),
    ("pages:\n- {file: a.htm, url: 'http://x.test/', kind: page}\n", r"pages\[0\].kind: 'page'"),
])
def test_bad_manifests_are_rejected(tmp_path: Path, text, reason):
    (tmp_path / "check.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        load_manifest(tmp_path)
