"""Downloader middlewares: redirects kept honest, Retry-After obeyed, re-checks answered by 304.

Each replaces (or sits beside) one of Scrapy's own, named in
``DOWNLOADER_MIDDLEWARES`` in ``newscrawl/settings.py``. A request they refuse
ends in the request's errback with an exception that says why, so the
spider can list it under ``dropped`` or ``failed``.
"""
