"""The bundled demo newspaper 「演示日报」: data, site generator and local server.

``newscrawl demo`` serves :data:`SITE_DIR` with :func:`serve` and crawls it with
the profile at :data:`PROFILE_FILE`; the tests use the same site as a fixture.
"""

from pathlib import Path

from newscrawl.demo.data import DATA_FILE, DemoArticle, DemoData, load_demo
from newscrawl.demo.server import RunningServer, serve

SITE_DIR = Path(__file__).with_name("site")
PROFILE_FILE = Path(__file__).parent.parent / "profiles" / "sites" / "demo.yaml"

__all__ = ["DATA_FILE", "PROFILE_FILE", "SITE_DIR", "DemoArticle", "DemoData", "RunningServer",
           "load_demo", "serve"]
