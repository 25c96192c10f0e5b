"""Serve a shipped profile's saved pages on 127.0.0.1, one local server per public host.

Each saved page sits in ``newscrawl/profiles/pages/<slug>/<host>/<path>``. The copy served
here has every public origin of those hosts (``http://host`` and ``https://host``) replaced
by its local server's origin, and so does a copy of the shipped profile, whose host names
become ``127.0.0.1``; its link patterns name paths only, so they read the local copy as they
read the site. Posts name local URLs; :meth:`RealSite.public` turns them back.
"""

from __future__ import annotations

import json
import re
import shutil
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from newscrawl.check.saved import PAGES_DIR
from newscrawl.demo.server import serve
from newscrawl.profiles.loader import BUILTIN_DIR, load_profile

TEXT_SUFFIXES = {".htm", ".html", ".shtml", ".xml", ".json"}


@dataclass
class RealSite:
    """A shipped profile's saved pages served locally, and the profile rewritten to them."""

    profiles_dir: Path
    local: dict[str, str] = field(default_factory=dict)  # public host -> local origin

    def public(self, url: str) -> str:
        """Return ``url`` with its local origin replaced by the public one (https unless saved as http)."""
        for host, origin in self.local.items():
            if url.startswith(origin + "/"):
                return f"{host}{url[len(origin):]}"
        return url


def _hosts(slug: str) -> list[str]:
    return sorted(p.name for p in (PAGES_DIR / slug).iterdir() if p.is_dir())


def _rewrite(data: bytes, origins: dict[str, str]) -> bytes:
    for host, origin in origins.items():
        data = re.sub(rb"https?://" + re.escape(host.encode()), origin.encode(), data)
    return data


def serve_real_site(slug: str, tmp: Path, stack: ExitStack, content_types: dict[str, str] | None = None) -> RealSite:
    """Serve ``slug``'s saved pages and write its rewritten profile; servers stop with ``stack``.

    ``content_types`` maps a path suffix (".shtml") to the Content-Type sent for it.
    """
    hosts = _hosts(slug)
    roots = {host: tmp / "hosts" / host for host in hosts}
    servers = {host: stack.enter_context(serve(_mkdir(root))) for host, root in roots.items()}
    origins = {host: server.base_url.rstrip("/") for host, server in servers.items()}
    for host in hosts:
        src = PAGES_DIR / slug / host
        headers = {}
        for path in sorted(p for p in src.rglob("*") if p.is_file()):
            rel = path.relative_to(src)
            target = roots[host] / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            target.write_bytes(_rewrite(data, origins) if path.suffix in TEXT_SUFFIXES else data)
            if content_types and path.suffix in content_types:
                headers[rel.as_posix()] = content_types[path.suffix]
        if headers:
            (roots[host] / "_headers.json").write_text(json.dumps(headers), encoding="utf-8")
    profile_file = BUILTIN_DIR / f"{slug}.yaml"
    shipped = load_profile(profile_file)
    text = _rewrite(profile_file.read_bytes(), origins).decode("utf-8")
    for host in sorted(shipped.allowed_hosts, key=len, reverse=True):
        text = text.replace(host, "127.0.0.1")
    profiles = _mkdir(tmp / "profiles")
    (profiles / f"{slug}.yaml").write_text(text, encoding="utf-8")
    site = RealSite(profiles)
    for host, origin in origins.items():
        site.local[_public_origin(slug, host)] = origin
    return site


def _public_origin(slug: str, host: str) -> str:
    """Return the scheme and host the saved pages' check.yaml gives ``host``."""
    manifest = (PAGES_DIR / slug / "check.yaml").read_text(encoding="utf-8")
    match = re.search(r"url: (https?)://" + re.escape(host) + "/", manifest)
    return f"{match.group(1) if match else 'https'}://{host}"


def _mkdir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path
