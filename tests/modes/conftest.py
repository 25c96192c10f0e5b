"""Fixtures for the crawl-mode tests: the local test sites and their profiles."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawl.demo.server import serve

SITES = Path(__file__).resolve().parents[1] / "sites"
LOCAL_PROFILES = SITES / "local_profiles"
#: profile slug -> the test-site folder it crawls
PROFILE_SITES = {
    "jiangnanribao": "epaper",
    "jiangnanwang": "listing",
    "feedtest": "feeds",
    "sitemaptest": "sitemaps",
    "meitiku": "api",
}
TEXT_SUFFIXES = {".htm", ".html", ".xml", ".json", ".txt", ".yaml"}
EXAMPLE_BASE = "http://news.example.test/"


def materialise(site: str, dest: Path, base: str) -> Path:
    """Copy test site ``site`` to ``dest`` with ``{base}`` replaced by ``base``; return ``dest``."""
    src = SITES / site
    for path in sorted(src.rglob("*")):
        target = dest / path.relative_to(src)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.suffix in TEXT_SUFFIXES:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(path.read_text(encoding="utf-8").replace("{base}", base), encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest


def site_bytes(site: str, rel: str, base: str = EXAMPLE_BASE) -> bytes:
    """Return one test-site file as served at ``base`` ({base} substituted)."""
    path = SITES / site / rel
    data = path.read_bytes()
    return data.replace(b"{base}", base.encode()) if path.suffix in TEXT_SUFFIXES else data


@dataclass
class LocalSites:
    """All test sites served on 127.0.0.1 and their profiles, ready for the CLI."""

    base_url: str
    profiles_dir: Path

    def site_url(self, slug: str) -> str:
        """Return the root URL of the site profile ``slug`` crawls."""
        return f"{self.base_url}{PROFILE_SITES[slug]}/"


@pytest.fixture(scope="session")
def local_sites(tmp_path_factory) -> LocalSites:
    """Serve every test site under one local server; write their profiles with its URL."""
    root = tmp_path_factory.mktemp("sites")
    profiles = tmp_path_factory.mktemp("profiles")
    with serve(root) as server:
        for slug, site in PROFILE_SITES.items():
            base = f"{server.base_url}{site}/"
            materialise(site, root / site, base)
            text = (LOCAL_PROFILES / f"{slug}.yaml").read_text(encoding="utf-8")
            (profiles / f"{slug}.yaml").write_text(text.replace("{base}", base), encoding="utf-8")
        yield LocalSites(server.base_url, profiles)
