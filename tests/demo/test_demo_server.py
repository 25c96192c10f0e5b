"""The fixture server sends exact bytes with the mapped headers and stays inside its root."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request

import pytest

from newscrawl.demo import SITE_DIR, load_demo, serve

DATA = load_demo()


def fetch(server, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    """Send ``path`` as given (no client-side normalisation) and return status, headers, body."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=5)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo():
    with serve() as server:
        yield server


def first(kind: str):
    return next(a for a in DATA.articles if a.encoding == "gbk" and a.content_type == kind)


def test_base_url_names_a_free_local_port(demo):
    assert demo.base_url == f"http://127.0.0.1:{demo.port}/"
    assert demo.port > 0


def test_gbk_page_with_a_lying_header_is_sent_byte_for_byte(demo):
    article = first("lying")
    status, headers, body = fetch(demo, "/" + article.path)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == (SITE_DIR / article.path).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert article.title in body.decode("gbk")


def test_gbk_page_without_charset(demo):
    article = first("bare")
    status, headers, body = fetch(demo, "/" + article.path)
    assert (status, headers["Content-Type"]) == (200, "text/html")
    assert body == (SITE_DIR / article.path).read_bytes()


def test_honest_gbk_header(demo):
    status, headers, _ = fetch(demo, "/" + first("honest").path)
    assert (status, headers["Content-Type"]) == (200, "text/html; charset=gbk")


def test_urllib_through_base_url(demo):
    with urllib.request.urlopen(demo.base_url + "robots.txt", timeout=5) as resp:
        assert resp.read() == (SITE_DIR / "robots.txt").read_bytes()
        assert resp.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_root_and_folders_serve_their_index(demo):
    assert fetch(demo, "/")[2] == (SITE_DIR / "index.html").read_bytes()
    assert fetch(demo, "/section/yaowen/")[2] == (SITE_DIR / "section/yaowen/index.html").read_bytes()


def test_head_sends_no_body(demo):
    status, headers, body = fetch(demo, "/index.html", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == (SITE_DIR / "index.html").stat().st_size


def test_missing_file_is_404(demo):
    assert fetch(demo, "/html/2024-05/20/content_9999.html")[0] == 404
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(demo.base_url + "nope.html", timeout=5)
    assert info.value.code == 404


def test_headers_map_is_not_served(demo):
    assert fetch(demo, "/_headers.json")[0] == 404


@pytest.mark.parametrize("path", [
    "/../pyproject.toml",
    "/section/../../__init__.py",
    "/%2e%2e/%2e%2e/pyproject.toml",
    "/..%2f..%2fpyproject.toml",
    "/html/..\\..\\server.py",
])
def test_path_traversal_is_refused(demo, path):
    status, _, body = fetch(demo, path)
    assert status == 403
    assert b"project" not in body


def test_serves_any_folder_with_its_own_headers(tmp_path):
    (tmp_path / "page.htm").write_bytes("<p>你好</p>".encode("gbk"))
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    (tmp_path / "_headers.json").write_text(json.dumps({"page.htm": "text/html; charset=utf-8"}), encoding="utf-8")
    with serve(root=tmp_path) as server:
        status, headers, body = fetch(server, "/page.htm")
        assert (status, headers["Content-Type"], body) == (200, "text/html; charset=utf-8", "<p>你好</p>".encode("gbk"))
        assert fetch(server, "/data.json")[1]["Content-Type"] == "application/json"
        assert fetch(server, "/")[0] == 404  # no index.html here


def test_stop_releases_the_port(tmp_path):
    with serve(root=tmp_path) as server:
        port = server.port
        server.stop()
        server.stop()  # idempotent
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/")


def test_missing_root_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        with serve(root=tmp_path / "absent"):
            pass
