"""Crawl modes: the ways a profile says its articles are found.

Each mode turns a profile plus :class:`~newscrawl.modes.base.CrawlOptions` into
requests; article pages go back to the spider through
``spider.article_request``. Modes know nothing of extraction or files.

A crawl mode is ``<mode>.py`` (``feed.py``, ``sitemap.py``, ``listing.py`` …);
the pure parser a mode reads its documents with is ``<kind>_parser.py``
(``feed_parser.py``, ``sitemap_parser.py``), or ``editions.py`` / ``records.py``
for e-paper pages and API records.
"""
