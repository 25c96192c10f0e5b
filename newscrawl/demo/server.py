"""Serve a folder of saved pages on 127.0.0.1, with per-file Content-Type headers.

The headers come from ``_headers.json`` in the served folder (a map of relative
path to Content-Type, never served itself), so a fixture can reproduce what real
servers send — including a GBK page labelled ``charset=utf-8``. Files it does
not name get a type guessed from their extension, without a charset.

A server given ``referers`` answers 403 to a request whose ``Referer`` starts
with none of them, as a paper's picture host refuses hotlinks.

``python -m newscrawl.demo.server [--port N] [--root DIR]`` serves until Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import logging
import mimetypes
import threading
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

DEFAULT_ROOT = Path(__file__).with_name("site")
HEADERS_FILE = "_headers.json"


def load_headers(root: Path) -> dict[str, str]:
    """Return the folder's path → Content-Type map (empty when it has none)."""
    path = root / HEADERS_FILE
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: not a JSON map of path to Content-Type") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: not a JSON map of path to Content-Type")
    return data


def guess_type(path: str) -> str:
    """Return a Content-Type for a file the headers map does not name."""
    kind, _ = mimetypes.guess_type(path)
    return kind or "application/octet-stream"


class SiteRequestHandler(BaseHTTPRequestHandler):
    """Answer GET and HEAD with files below ``server.root``; 403 on traversal, 404 otherwise."""

    server: "SiteServer"
    server_version = "DemoNewsServer/1.0"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        """Send the file's headers and bytes."""
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        """Send the file's headers only."""
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        referers = self.server.referers
        if referers and not (self.headers.get("Referer") or "").startswith(referers):
            return self._error(HTTPStatus.FORBIDDEN, send_body)
        rel = self._relative_path()
        if rel is None:
            return self._error(HTTPStatus.FORBIDDEN, send_body)
        target = self._resolve(rel)
        if target is None:
            return self._error(HTTPStatus.NOT_FOUND, send_body)
        rel_file = target.relative_to(self.server.root).as_posix()
        body = target.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.server.headers.get(rel_file) or guess_type(rel_file))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _relative_path(self) -> str | None:
        """Return the request path relative to the root, or None for a traversal attempt."""
        path = unquote(urlsplit(self.path).path)
        if "\\" in path or "\x00" in path:
            return None
        parts = path.split("/")
        if ".." in parts:
            return None
        rel = "/".join(p for p in parts if p not in ("", "."))
        return rel + "/index.html" if rel and path.endswith("/") else rel or "index.html"

    def _resolve(self, rel: str) -> Path | None:
        """Return the file to send, or None when there is none (or it is the headers map)."""
        if rel == HEADERS_FILE:
            return None
        target = (self.server.root / rel).resolve()
        if not target.is_relative_to(self.server.root):  # a symlink pointing outside
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def _error(self, status: HTTPStatus, send_body: bool) -> None:
        body = f"<html><body><h1>{status.value} {status.phrase}</h1></body></html>\n".encode("ascii")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature from http.server
        """Log requests at DEBUG through ``logging`` instead of writing to stderr."""
        log.debug("%s " + format, self.address_string(), *args)


class SiteServer(ThreadingHTTPServer):
    """A threaded HTTP server that knows its root folder and headers map."""

    daemon_threads = True
    # A crawl opens 16 connections at once; with socketserver's backlog of 5 the
    # kernel drops the others' SYNs, and each waits a second for its retransmit.
    request_queue_size = 128

    def __init__(self, root: Path, host: str, port: int, referers: tuple[str, ...] = ()):
        self.root = root.resolve()
        self.headers = load_headers(self.root)
        self.referers = tuple(referers)  # Referer prefixes answered; empty: every request
        super().__init__((host, port), SiteRequestHandler)


class RunningServer:
    """A site server answering in a background thread."""

    def __init__(self, root: Path | None = None, host: str = "127.0.0.1", port: int = 0,
                 referers: tuple[str, ...] = ()):
        root = Path(root) if root is not None else DEFAULT_ROOT
        if not root.is_dir():
            raise FileNotFoundError(f"cannot serve {root}: not a folder")
        self.root = root
        self._httpd = SiteServer(root, host, port, referers)
        self.host, self.port = self._httpd.server_address[:2]
        self.base_url = f"http://{self.host}:{self.port}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name=f"site-server-{self.port}",
                                        daemon=True)
        self._stopped = False

    def start(self) -> "RunningServer":
        """Start answering requests and return self."""
        self._thread.start()
        log.info("serving %s at %s", self.root, self.base_url)
        return self

    def stop(self) -> None:
        """Stop the server and release its port; calling it again does nothing."""
        if self._stopped:
            return
        self._stopped = True
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()
        log.debug("stopped server at %s", self.base_url)


@contextmanager
def serve(root: Path | None = None, host: str = "127.0.0.1", port: int = 0,
          referers: tuple[str, ...] = ()) -> Iterator[RunningServer]:
    """Serve ``root`` (default: the demo site) in a background thread while the block runs.

    ``port=0`` picks a free port; the yielded object's ``base_url`` says which.
    ``referers``: answer only requests whose Referer starts with one of them (403 otherwise).
    """
    server = RunningServer(root, host, port, referers).start()
    try:
        yield server
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    """Serve a folder from the command line until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m newscrawl.demo.server",
                                     description="Serve the demo newspaper (or any folder) on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (0: any free port; default 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--root", type=Path, default=None, help="folder to serve (default: the demo site)")
    parser.add_argument("--referer", metavar="PREFIX", action="append", default=[],
                        help="answer only requests whose Referer starts with PREFIX (repeatable; a picture host)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with serve(args.root, args.host, args.port, tuple(args.referer)):
        log.info("press Ctrl-C to stop")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            log.info("stopping")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
