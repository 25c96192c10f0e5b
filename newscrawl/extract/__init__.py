"""Pure article extraction: bytes (plus URL and profile) in, fields out.

Public surface: :func:`extract_article` and :class:`Extracted`.
"""

from newscrawl.extract.article import Extracted, extract_article

__all__ = ["Extracted", "extract_article"]
