"""Replace the extractor by a stand-in in every Python process of a measured crawl (bench/stubbed.py), when asked.

``NEWSCRAWL_BENCH_STUB=<mode>:<pickle>``: when ``newscrawl.extract.article`` is
imported (in the fork server, before any worker is forked), its
``extract_article`` is replaced by one that returns the fields in the pickle
for the story the URL numbers, after doing nothing (``none``) or parsing the
page as the extractor would (``parse``). Everything else in the crawl runs as
it always does.
"""

import os
import sys

if os.environ.get("NEWSCRAWL_BENCH_STUB"):
    _bench = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, _bench)
    try:
        import stubbed
    finally:
        sys.path.remove(_bench)
    stubbed.install(os.environ["NEWSCRAWL_BENCH_STUB"])
