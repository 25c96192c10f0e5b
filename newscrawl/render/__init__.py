"""Render pages whose article or links exist only after scripts run, in headless Chromium.

Off by default. A profile's ``render`` key (``articles``, ``listings``, ``all``)
or ``newscrawl crawl --render`` turns it on; :class:`~newscrawl.render.addon.RenderAddon`
then installs scrapy-playwright's download handler, driving Debian's
``/usr/bin/chromium`` (no browser download), and
:class:`~newscrawl.render.middleware.RenderMiddleware` marks the requests to render.

Modules: ``policy`` (which pages; pure), ``browser`` (launch options, what is
missing), ``page`` (inside a tab: charset, blocked resources, settling),
``middleware`` and ``addon`` (the Scrapy components). Only ``policy`` and
``browser`` may be imported where Playwright is not installed.
"""
