"""Crawl modes: the ways a profile says its articles are found.

Each mode turns a profile plus :class:`~newscrawl.modes.base.CrawlOptions` into
requests; article pages go back to the spider through
``spider.article_request``. Modes know nothing of extraction or files.
"""
