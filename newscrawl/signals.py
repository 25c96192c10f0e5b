"""Signals newscrawl components send besides Scrapy's own."""

#: Sent by the archive pipeline for every post: args ``item``, ``path`` (relative
#: to the archive), ``status`` ("created", "updated" or "unchanged").
post_written = object()
