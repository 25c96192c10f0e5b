"""Requests that any process can rebuild: mode callbacks by name, profiles by slug.

A crawl mode hands out requests whose callbacks are its own bound methods and
whose meta holds its profile object. Neither survives Scrapy's
``request_to_dict`` (which a shared queue in Redis needs), so every request the
spider yields is routed first: a mode's callback becomes the spider's
``parse_page`` (errback ``page_failed``) with the mode's key and the method's
name in meta, and the profile becomes its slug, plus the selectors of a
derived profile (an e-paper layout's) where they differ from the profile's own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, AsyncIterator, Iterable

import scrapy

from newscrawl.modes.base import CrawlMode
from newscrawl.profiles import SiteProfile

MODE = "mode"  # meta: key of the crawl mode whose methods read the response (CrawlMode.key)
CALLBACK = "callback"  # meta: name of that mode's callback
ERRBACK = "errback"  # meta: name of that mode's errback
SITE = "site"  # meta: slug of the profile the page belongs to
SELECTORS = "selectors"  # meta: selectors that differ from the profile's own (an e-paper layout's)


def site_meta(profile: SiteProfile, own: SiteProfile | None) -> dict[str, Any]:
    """Return the meta naming ``profile``: its slug, plus its selectors where they differ from ``own``'s."""
    meta: dict[str, Any] = {SITE: profile.slug}
    if own is not None and profile.selectors != own.selectors:
        meta[SELECTORS] = dict(profile.selectors)
    return meta


def route(request: scrapy.Request, spider) -> scrapy.Request:
    """Return ``request`` with callbacks bound to a crawl mode replaced by the spider's routes.

    ``spider`` supplies ``parse_page`` and ``page_failed``; a request without
    mode callbacks (routed already, or the spider's own) is returned as it is.
    """
    meta: dict[str, Any] = {}
    changes: dict[str, Any] = {}
    callback_mode = _mode_of(request.callback)
    if callback_mode is not None:
        meta[MODE], meta[CALLBACK] = callback_mode.key, request.callback.__name__
        changes["callback"] = spider.parse_page
    errback_mode = _mode_of(request.errback)
    if errback_mode is not None:
        meta[MODE], meta[ERRBACK] = errback_mode.key, request.errback.__name__
        changes["errback"] = spider.page_failed
    if not changes:
        return request
    return request.replace(meta={**request.meta, **meta}, **changes)


def reader(profile: SiteProfile, meta: dict) -> SiteProfile:
    """Return the profile an article is read with: ``profile`` with the request's SELECTORS over its own."""
    selectors = meta.get(SELECTORS)
    if not selectors:
        return profile
    return replace(profile, selectors={**profile.selectors, **selectors})


def _mode_of(method) -> CrawlMode | None:
    """Return the crawl mode ``method`` is bound to, or None for anything else."""
    owner = getattr(method, "__self__", None)
    return owner if isinstance(owner, CrawlMode) else None


async def as_async(output: Iterable[Any] | AsyncIterator[Any] | None) -> AsyncIterator[Any]:
    """Yield what a callback returned, whether an iterable, an asynchronous iterable or None."""
    if hasattr(output, "__aiter__"):
        async for out in output:
            yield out
    else:
        for out in output or ():
            yield out
