"""Pure article extraction: bytes (plus URL and profile) in, fields out.

Public surface: :func:`extract_article` and :class:`Extracted`. Both are
loaded on first use: the crawl's own process imports the extractor's light
modules (text cleaning, decoding) and leaves the readers to the pool's
processes, which load them once, before they fork (``processes.PRELOAD``).
"""

from __future__ import annotations

__all__ = ["Extracted", "extract_article"]


def __getattr__(name: str):
    """Return ``Extracted`` or ``extract_article``, importing the extractor then."""
    if name in __all__:
        from newscrawl.extract import article

        return getattr(article, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
