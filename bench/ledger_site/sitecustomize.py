"""Keep a CPU ledger in every Python process of a measured crawl (bench/cpuledger.py), when asked."""

import os
import sys

if os.environ.get("NEWSCRAWL_BENCH_LEDGER"):
    _bench = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, _bench)  # for as long as the ledger's own modules are imported
    try:
        import cpuledger
    finally:
        sys.path.remove(_bench)
    cpuledger.install(os.environ["NEWSCRAWL_BENCH_LEDGER"])
