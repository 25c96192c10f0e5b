"""Adopt an archive written without state (by the replaced system or an older newscrawl).

Public surface: :func:`read_post` (one post file → :class:`ExistingPost`) and
:func:`adopt_archive` (record every readable post in the state).
"""

from newscrawl.adopt.importer import AdoptReport, adopt_archive
from newscrawl.adopt.posts import ExistingPost, PostError, read_post

__all__ = ["AdoptReport", "ExistingPost", "PostError", "adopt_archive", "read_post"]
