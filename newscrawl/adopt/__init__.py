"""Adopt an archive written without state (by the replaced system or an older newscrawl).

Public surface: :func:`read_post` (one post file → :class:`ExistingPost`),
:func:`original_url` (the article URL a post names) and :func:`adopt_archive`
(record every readable post in the state).
"""

from newscrawl.adopt.importer import AdoptReport, adopt_archive
from newscrawl.adopt.posts import ExistingPost, PostError, original_url, read_post

__all__ = ["AdoptReport", "ExistingPost", "PostError", "adopt_archive", "original_url", "read_post"]
