"""Keep what was fetched in WARC files (ISO 28500), and crawl or re-extract from them without the network.

Writing: :class:`~newscrawl.warc.middleware.WarcMiddleware` (``crawl --warc DIR``)
turns each exchange (``capture``) into warcio records (``records``) and appends
them to the run's own files (``files``). Reading: ``index`` finds the stored
responses and article requests in files, folders or globs; ``replay`` answers a
crawl's requests from them (a download handler: no network); ``source`` starts
the crawl from the stored article requests (``crawl warc:PATH``, ``archive
reextract``); ``changes`` reports what a re-extraction changed, field by field.
"""
