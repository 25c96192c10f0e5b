"""Build a local newspaper of N distinct stories from saved real pages, and serve it with nginx.

Each story is a copy of a corpus page (``../shared/corpus/<set>/pages``, read at
run time, never committed) whose headline, wherever the page prints it, gets
the story's number: a different title is a different story to the archive
(its content fingerprint) and to the extractor, while the page keeps its real
size and markup. Only pages the extractor turns into a valid post, with two
copies that differ, are used. Pages live at ``news/<8-digit number>.html``
(the number is the article id), listed in ``sitemap.xml``; a profile
``bench.yaml`` reads the sitemap.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

from newscrawl.extract import extract_article
from newscrawl.extract.encoding import decode_html
from newscrawl.state import content_fingerprint

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Template:
    """A corpus page whose headline can be numbered: its text, encoding and headline."""

    id: str
    text: str
    encoding: str
    title: str

    def story(self, number: int) -> bytes:
        """Return the page of story ``number``: the headline numbered everywhere it is printed."""
        text = self.text.replace(self.title, f"{self.title} ({number})")
        return text.encode(self.encoding, errors="xmlcharrefreplace")


def load_templates(sets: list[str]) -> list[Template]:
    """Return the pages of ``sets`` that make valid, distinct stories; FileNotFoundError without the corpus."""
    templates = []
    for name in sets:
        folder = CORPUS / name
        for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            truth = json.loads(line)
            title = (truth.get("title") or "").strip()
            page = folder / "pages" / f"{truth['id']}.html"
            if len(title) < 4 or not page.is_file():
                continue
            text, encoding = decode_html(page.read_bytes())
            if text.count(title) and _distinct_stories(Template(truth["id"], text, encoding, title)):
                templates.append(Template(truth["id"], text, encoding, title))
    return templates


def _distinct_stories(template: Template) -> bool:
    """Return True when two copies extract to complete posts with different fingerprints."""
    prints = set()
    for number in (1, 2):
        fields = extract_article(template.story(number), f"http://bench.test/news/{number:08d}.html")
        if not (fields.title and fields.published and fields.paragraphs):
            return False
        prints.add(content_fingerprint(fields.title, fields.paragraphs))
    return len(prints) == 2


def article_url(base: str, number: int) -> str:
    """Return the URL of story ``number`` under ``base``."""
    return f"{base}news/{number:08d}.html"


def write_site(root: Path, templates: list[Template], numbers: range, base: str) -> int:
    """Write stories ``numbers`` and a sitemap of them under ``root``; return the bytes written."""
    news = root / "news"
    news.mkdir(parents=True, exist_ok=True)
    size = 0
    for number in numbers:
        data = templates[number % len(templates)].story(number)
        (news / f"{number:08d}.html").write_bytes(data)
        size += len(data)
    write_sitemap(root, numbers, base)
    (root / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")
    return size


def write_sitemap(root: Path, numbers: range, base: str, name: str = "sitemap.xml") -> None:
    """Write a sitemap listing stories ``numbers``."""
    entries = "".join(f"<url><loc>{article_url(base, n)}</loc></url>\n" for n in numbers)
    (root / name).write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                             f"{entries}</urlset>\n", encoding="utf-8")


def write_profile(folder: Path, base: str, sitemap: str = "sitemap.xml") -> Path:
    """Write the bench newspaper's profile into ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench.yaml"
    path.write_text(f"name: 基准日报\nslug: bench\nbase_url: {base}\nsitemap:\n  urls: [{sitemap}]\n",
                    encoding="utf-8")
    return path


class Nginx:
    """nginx serving ``root`` on 127.0.0.1:``port`` (static files, keep-alive, no access log, gzip if asked)."""

    def __init__(self, root: Path, port: int, workdir: Path, workers: int = 1, gzip: bool = False):
        self.root, self.port, self.workdir, self.workers = root, port, workdir, workers
        self.gzip = gzip  # compress HTML and XML as most news sites do (Content-Encoding: gzip)
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        """Return the server's root URL."""
        return f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> "Nginx":
        self.workdir.mkdir(parents=True, exist_ok=True)
        conf = self.workdir / "nginx.conf"
        conf.write_text(f"""
worker_processes {self.workers};
user root;
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  gzip {"on" if self.gzip else "off"};
  gzip_types application/xml text/plain;
  keepalive_requests 100000;
  types {{ text/html html; application/xml xml; text/plain txt; }}
  client_body_temp_path {self.workdir}/body;
  proxy_temp_path {self.workdir}/proxy;
  fastcgi_temp_path {self.workdir}/fastcgi;
  uwsgi_temp_path {self.workdir}/uwsgi;
  scgi_temp_path {self.workdir}/scgi;
  server {{ listen 127.0.0.1:{self.port}; root {self.root}; }}
}}
""")
        self.process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(self.workdir), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL)
        for _ in range(100):
            try:
                urlopen(self.base_url, timeout=1).read()
                return self
            except HTTPError:  # it answers (the site may be empty yet)
                return self
            except OSError:
                time.sleep(0.05)
        self.__exit__()
        raise RuntimeError(f"nginx did not start (see {self.workdir}/error.log)")

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGQUIT)
            self.process.wait(timeout=30)

    def cpu_seconds(self) -> float:
        """Return the CPU time nginx's processes (master and workers) used so far."""
        pids = [self.process.pid] + [int(p) for p in _children(self.process.pid)]
        return sum(_cpu_of(pid) for pid in pids)


def _children(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
