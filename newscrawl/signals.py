"""Signals newscrawl components send besides Scrapy's own.

Together with Scrapy's ``item_dropped`` and ``item_error`` they account for
every page a run asked for: the run report lists each outcome, the state
remembers what later runs need (posts, drops, re-checks).
"""

#: Sent by the archive pipeline for every post: args ``item``, ``path`` (relative
#: to the archive), ``status`` ("created", "updated" or "unchanged") and
#: ``rendered`` (a hash of the bytes newscrawl wrote; None when the file was kept as it is).
post_written = object()

#: Sent by the spider when a page failed (fetch, extraction, unreadable feed …):
#: args ``url`` (public), ``reason``, ``start`` (True for a start page: the run fails).
page_failed = object()

#: Sent by the spider when an article page is left out before it became an item
#: (not HTML, empty, too large, redirected off the profile's hosts …): args ``url``, ``reason``.
article_dropped = object()

#: Sent by the spider when a re-check of an archived article answered 304 Not
#: Modified: args ``url``, ``path`` (its post, relative to the archive).
article_not_modified = object()

#: Sent by the pictures pipeline when a picture of a post could not be kept in the
#: archive (the post links the paper's copy instead): args ``url`` (the picture's),
#: ``reason`` and ``article`` (the article's URL).
picture_failed = object()
